// Serving an ApiServer in-process for a test: a free loopback port, the server's own thread, a
// client, and the wait for /healthz; and the stop. Shared by the HTTP test fixtures.
#pragma once
#include <httplib.h>

#include <chrono>
#include <memory>
#include <thread>

#include "http/api_server.h"

namespace ktpel::test {

// Returns the port (0 when it could not bind); `client` talks to it once /healthz answers.
inline int serve_in_thread(ApiServer& server, std::thread& thread, std::unique_ptr<httplib::Client>& client) {
  const int port = server.bind("127.0.0.1", 0);
  if (port <= 0) return 0;
  thread = std::thread([&server] { server.listen(); });
  client = std::make_unique<httplib::Client>("127.0.0.1", port);
  for (int i = 0; i < 100 && !client->Get("/healthz"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return port;
}

inline void stop_serving(ApiServer* server, std::thread& thread) {
  if (server) server->stop();
  if (thread.joinable()) thread.join();
}

}  // namespace ktpel::test
