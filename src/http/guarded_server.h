// An httplib::Server that one client cannot starve ([9]). httplib gives each connection a thread
// for as long as it lasts, and its timeouts are per read: a client sending a header byte every
// few seconds (slow loris) held a thread indefinitely, and 12 such sockets kept /healthz waiting
// 27 s. Here every connection gets
//   - a deadline to deliver each request's headers and body (KTPEL_HTTP_REQUEST_SECONDS, 60),
//     measured from the connection's start or the end of its previous handler; past it the
//     socket is shut down and the thread is free again. Handlers themselves are not timed;
//   - at most KTPEL_HTTP_CONNECTIONS_PER_ADDRESS (32) connections at once per client address
//     (more are answered 503 and closed at once);
// and the pool has KTPEL_HTTP_THREADS (64) threads, so a few addresses cannot hold them all.
// httplib offers no hook on an accepted socket (process_and_close_socket is private), so the
// socket is learnt from accept() itself, wrapped in this file, and handed to the task queue's
// enqueue(), which httplib calls next on the same listening thread.
#pragma once
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace ktpel::http {

struct ConnectionLimits {
  int threads = 64;
  int per_address = 32;
  std::chrono::milliseconds request_deadline{60'000};
  static ConnectionLimits from_env();
};

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(ConnectionLimits limits = ConnectionLimits::from_env());
  ~GuardedServer() override;
  GuardedServer(const GuardedServer&) = delete;
  GuardedServer& operator=(const GuardedServer&) = delete;

  // Called on the connection's own thread: a handler is running (no deadline), and it has
  // finished (the next request on this connection must arrive within the deadline).
  static void handler_started();
  static void handler_finished();

  int64_t connections_cut() const { return cut_.load(); }
  int64_t connections_refused() const { return refused_.load(); }

 private:
  using Clock = std::chrono::steady_clock;
  friend class GuardedQueue;
  // Runs httplib's connection job for the socket `sock` under the limits above.
  void serve_connection(int sock, const std::function<void()>& job);
  void arm(int watch_fd, Clock::time_point deadline);
  void watch();

  const ConnectionLimits limits_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, int> per_address_;
  std::map<int, Clock::time_point> deadlines_;  // by a dup() of the socket: its number cannot be reused meanwhile
  bool stopping_ = false;
  std::atomic<int64_t> cut_{0}, refused_{0};
  std::thread watchdog_;
};

}  // namespace ktpel::http
