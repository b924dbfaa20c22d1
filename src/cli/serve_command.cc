// ktpel serve: the HTTP API on a port.
#include <csignal>
#include <cstdlib>
#include <cstdio>

#include "cli/context.h"
#include "core/text/mask.h"
#include <atomic>
#include <chrono>
#include <thread>

#include "http/api_server.h"
#include "io/files.h"
#include "service/coverage_service.h"
#include "service/demographic_matcher.h"
#include "service/dedup_stage.h"

namespace ktpel::cli {

static ApiServer* g_server = nullptr;
static volatile std::sig_atomic_t g_stop_requested = 0;

void add_serve_command(CLI::App& app, Context& ctx, int& exit_code) {
  static std::string db, host = "127.0.0.1", web_dir;
  static int port = 8080;
  auto* s = app.add_subcommand("serve", "serve the API on http://HOST:PORT");
  s->add_option("--db", db, "SQLite file or postgresql:// URL")->default_val(default_db());
  s->add_option("--host", host, "address to listen on");
  s->add_option("--port", port, "port (0 = any free port)")->check(CLI::Range(0, 65535));
  static double afis_threshold = -1, afis_fmr = -1, afis_fpir = -1;
  s->add_option("--afis-threshold", afis_threshold, "fused fingerprint score that opens an adjudication case (default 0.125)");
  s->add_option("--afis-fmr", afis_fmr, "...or the threshold for this false-match rate per comparison (data/afis/calibration.json)");
  s->add_option("--afis-fpir", afis_fpir, "...or for this false-positive identification rate of a search over everyone enrolled");
  static bool no_demographic = false;
  s->add_flag("--no-demographic-dedup", no_demographic,
              "the dedup stage checks fingerprints only (by default it also checks names, dates and parents against the registry)");
  s->add_option("--web-dir", web_dir, "the built dashboard (default: $KTPEL_WEB_DIR or the source tree's web/dist)");
  static std::string access_log = "-";
  s->add_option("--access-log", access_log,
                "one JSON line per request (time, id, user, route, status, ms, bytes; NIKs masked) to this file, "
                "appended; - = stdout")
      ->default_val("-");
  s->callback([&] {
    const WilayahCatalog& wilayah = ctx.wilayah();
    // A packet is acked only once its commit is on disk; each request borrows a connection.
    StorePool stores(db, 8, /*durable=*/true);
    ApiServer server(stores, wilayah);
    try {
      server.set_access_log(access_log);
    } catch (const std::exception& e) {
      throw CommandError(kUsage, e.what());
    }
    server.load_boundaries(ctx.data_dir());
    const char* env_web = std::getenv("KTPEL_WEB_DIR");
    const std::string web = !web_dir.empty() ? web_dir : env_web ? env_web : KTPEL_DEFAULT_WEB_DIR;
    const bool dashboard = server.serve_web(web);
    if (afis_threshold >= 0) {
      server.abis().set_threshold(afis_threshold);
    } else if (afis_fmr > 0 || afis_fpir > 0) {
      const std::string path = ctx.data_dir() + "/afis/calibration.json";
      auto table = threshold_table_from_json(read_file(path));
      if (!table) throw CommandError(kUsage, path + ": " + table.error().message_en);
      const double people = static_cast<double>(std::max<size_t>(server.abis().people(), 1));
      const double fmr = afis_fmr > 0 ? afis_fmr : fmr_for_fpir(afis_fpir, people);
      const auto chosen = threshold_at(*table, fmr);
      server.abis().set_threshold(chosen.threshold);
      std::printf("AFIS threshold %.4f for FMR %.3g per comparison%s\n", chosen.threshold, fmr,
                  chosen.clamped ? " (below what the calibration's impostor scores resolve: the highest impostor score is used;"
                                   " calibrate on more impostors with `ktpel afis calibrate`)"
                                 : "");
    }
    std::printf("AFIS gallery: %zu fingers of %zu people, threshold %.4f\n", server.abis().size(), server.abis().people(),
                server.abis().config().threshold);
    std::fflush(stdout);  // the lines above are in the log even if the server is stopped at once
    // Handlers before the port opens: a stop that comes as soon as the port answers still ends
    // the process cleanly (nothing lost in the output buffer).
    g_server = &server;
    std::signal(SIGINT, [](int) { g_stop_requested = 1; if (g_server) g_server->stop(); });
    std::signal(SIGTERM, [](int) { g_stop_requested = 1; if (g_server) g_server->stop(); });
    const int bound = server.bind(host, port);
    if (bound <= 0) g_server = nullptr;
    if (bound <= 0) throw CommandError(kUsage, "cannot listen on " + host + ":" + std::to_string(port) + " (port in use?)");
    const long long residents = static_cast<long long>(stores.acquire()->count_residents());
    // The pipeline: records that reached SFE go through dedup in the background.
    std::atomic<bool> stop{false};
    // The background work has its own connection (with SQLite in WAL mode readers do not wait for
    // it; writers queue on the database's write lock).
    std::thread pipeline([&] {
      AbisMatcher abis_matcher(server.abis());
      DemographicMatcher demographic(&wilayah);
      std::vector<DedupMatcher*> chain = {&abis_matcher};
      if (!no_demographic) chain.push_back(&demographic);
      MatcherChain matcher(chain);
      std::unique_ptr<Store> bg;
      try {
        bg = open_store(db);
        bg->set_durable_commits(true);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "pipeline: %s\n", mask_person_data(e.what()).c_str());
        return;
      }
      auto last_roll = std::chrono::steady_clock::now() - std::chrono::hours(1);
      bool caught_up = true;
      while (!stop) {
        // Coverage counters follow the calendar: built once if missing, then rolled a day at a time.
        if (std::chrono::steady_clock::now() - last_roll > std::chrono::minutes(1)) {
          last_roll = std::chrono::steady_clock::now();
          try {
            const Date today = *Date::parse_iso(utc_now_iso().substr(0, 10));
            CoverageService(*bg, wilayah).roll_to(today);
          } catch (const std::exception& e) {
            std::fprintf(stderr, "coverage: %s\n", mask_person_data(e.what()).c_str());
          }
        }
        int checked = 0;
        try {
          // The demographic index follows the registry a few thousand residents at a time (one
          // short transaction each), so a big import is indexed without holding anyone up; when
          // a catch-up ends, the log it grew gives its space back.
          if (!no_demographic && demographic.catch_up(*bg, 2000, 20000) > 0) {
            caught_up = false;
            continue;
          }
          if (!caught_up) caught_up = bg->truncate_log();
          checked = run_dedup_stage(*bg, matcher, utc_now_iso(), 200).checked;
        } catch (const std::exception& e) {
          std::fprintf(stderr, "pipeline: %s\n", mask_person_data(e.what()).c_str());
        }
        if (checked == 0) std::this_thread::sleep_for(std::chrono::milliseconds(300));
      }
    });
    std::printf("ktpel serving %lld residents (%s) on http://%s:%d/  (API: /api/v1/, Ctrl-C stops)\n",
                residents, std::string(stores.backend()).c_str(), host.c_str(), bound);
    if (!dashboard) std::printf("no dashboard at %s (build it: make web); the API works without it\n", web.c_str());
    std::fflush(stdout);
    if (!g_stop_requested) server.listen();
    stop = true;
    pipeline.join();
    g_server = nullptr;
    (void)exit_code;
  });
}

}  // namespace ktpel::cli
