// ktpel serve: the HTTP API on a port.
#include <csignal>
#include <cstdio>

#include "cli/context.h"
#include "http/api_server.h"

namespace ktpel::cli {

static ApiServer* g_server = nullptr;

void add_serve_command(CLI::App& app, Context& ctx, int& exit_code) {
  static std::string db, host = "127.0.0.1";
  static int port = 8080;
  auto* s = app.add_subcommand("serve", "serve the API on http://HOST:PORT");
  s->add_option("--db", db, "SQLite file or postgresql:// URL")->default_val(default_db());
  s->add_option("--host", host, "address to listen on");
  s->add_option("--port", port, "port (0 = any free port)")->check(CLI::Range(0, 65535));
  s->callback([&] {
    const WilayahCatalog& wilayah = ctx.wilayah();
    auto store = open_store(db);
    ApiServer server(*store, wilayah);
    const int bound = server.bind(host, port);
    if (bound <= 0) throw CommandError(kUsage, "cannot listen on " + host + ":" + std::to_string(port) + " (port in use?)");
    g_server = &server;
    std::signal(SIGINT, [](int) { if (g_server) g_server->stop(); });
    std::signal(SIGTERM, [](int) { if (g_server) g_server->stop(); });
    std::printf("ktpel serving %lld residents (%s) on http://%s:%d/  (API: /api/v1/, Ctrl-C stops)\n",
                static_cast<long long>(store->count_residents()), std::string(store->backend()).c_str(), host.c_str(), bound);
    std::fflush(stdout);
    server.listen();
    g_server = nullptr;
    (void)exit_code;
  });
}

}  // namespace ktpel::cli
