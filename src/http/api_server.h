// The HTTP API (cpp-httplib + nlohmann-json) under /api/v1/, plus /healthz and /metrics. Every
// request, routed or not, gets an id (X-Request-Id), a line in the access log and its place in
// the latency metrics.
// Handlers are thin: parse the request, call a service, write JSON. Each request borrows a store
// (its own connection) from a pool: readers never wait behind a writer or a long job.
#pragma once
#include <httplib.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <semaphore>
#include <string>
#include <vector>

#include "core/wilayah/catalog.h"
#include "http/access.h"
#include "http/static_files.h"
#include "http/access_log.h"
#include "http/guarded_server.h"
#include "http/user_limits.h"
#include "http/rate_limiter.h"
#include "http/refusal_counters.h"
#include "http/route_metrics.h"
#include "http/session_cache.h"
#include "service/abis_service.h"
#include "service/centre_service.h"
#include "service/dedup_jobs.h"
#include "store/store.h"
#include "http/store_pool.h"

namespace ktpel {

struct RouteInfo {
  std::string method;  // GET | POST | PATCH | PUT
  std::string path;    // OpenAPI form: /api/v1/residents/{nik}
  Access access;       // the permission it needs and how its scope is found
};

class ApiServer {
 public:
  ApiServer(StorePool& stores, const WilayahCatalog& wilayah);
  // One store shared by every request in turn (tests, small tools).
  ApiServer(Store& store, const WilayahCatalog& wilayah);
  // Binds to host:port (0 = any free port) and returns the port; then listen() blocks.
  int bind(const std::string& host, int port);
  void listen() { server_.listen_after_bind(); }
  void stop() { server_.stop(); }

  // Region boundaries for the dashboard's map (data/wilayah/boundaries); absent = no map.
  void load_boundaries(const std::string& data_dir);
  // Serves the built web dashboard (web/dist) at "/".
  bool serve_web(const std::string& dir);

  // The in-memory fingerprint gallery (loaded from the store by the constructor), shared with
  // the pipeline's AbisMatcher.
  AbisService& abis() { return abis_; }

  // Every route this server answers, for the OpenAPI consistency test.
  const std::vector<RouteInfo>& routes() const { return routes_; }
  // The OpenAPI document with each operation's permission, roles and security (from routes()).
  std::string openapi_json() const;
  // Requests a minute one address may make to the rate-limited public routes (default 60).
  void set_public_rate(int per_minute) { public_limit_.set_rate(per_minute); }
  void set_user_limits(http::UserLimits::Settings s) { user_limits_.set(s); }
  // How long a validated session is trusted without reading it again (0 = every request reads it).
  void set_session_cache_seconds(int64_t seconds) { sessions_.set_ttl(seconds); }
  // Where the access log goes: "-" = stdout, else a file appended to, "" = nowhere (the default;
  // `ktpel serve` sets one). May be changed while serving. Throws when the file cannot be opened.
  void set_access_log(const std::string& target);

 private:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
  void add(const std::string& method, const std::string& openapi_path, const std::string& regex, Access access, Handler h);
  // httplib's logger: after the last byte of every response, its metrics and access log line.
  void finish_request(const httplib::Request& req, const httplib::Response& res) noexcept;
  // The session of a request (Bearer token, else the dashboard cookie); nullopt after a 401.
  std::optional<Caller> authenticate(const httplib::Request& req, httplib::Response& res);
  // Scope of a NIK in the path or a region in the query; false after a 404.
  bool scope_allows(const httplib::Request& req, httplib::Response& res, const Caller& caller, const Access& access);
  void add_auth_routes();
  void add_audit_routes();
  void add_proposal_routes();
  void add_public_routes();
  void init();
  void add_system_routes();
  void add_wilayah_routes();
  void add_nik_routes();
  void add_resident_routes();
  void add_stats_routes();
  void add_recording_routes();
  void add_ektp_routes();
  void add_print_routes();
  void add_equipment_routes();
  void add_coverage_routes();
  void add_dashboard_routes();
  void add_report_routes();
  void add_abis_routes();
  void add_dedup_routes();
  void add_akta_routes();
  struct Boundaries {
    std::string provinces;
    std::map<std::string, std::string> regencies_by_province;
  };
  std::unique_ptr<Boundaries> geo_;
  http::StaticFiles web_;  // the dashboard, compressed once at start

  std::unique_ptr<StorePool> own_pool_;  // for the one-store constructor
  StorePool& stores_;
  const WilayahCatalog& wilayah_;
  AbisService abis_;  // one per server: the gallery lives in memory
  SessionCache sessions_;  // validated sessions, a few seconds each
  http::GuardedServer server_;
  std::vector<RouteInfo> routes_;
  RateLimiter public_limit_{60};
  http::UserLimits user_limits_;
  http::RefusalCounters refusals_;
  // Searches that scan (name contains ...) at once: KTPEL_SCAN_SEARCHES (1).
  std::unique_ptr<std::counting_semaphore<64>> scan_searches_;
  // Equipment planners (technician tours, procurement, balanced continuity, outreach) at once:
  // KTPEL_PLANNERS (1). Eight province-size tour plans at once had held every writer for minutes.
  std::unique_ptr<std::counting_semaphore<64>> planners_;
  // Prometheus metrics by route; two more slots for the dashboard's files and unrouted requests.
  http::RouteMetrics metrics_;
  int static_slot_ = metrics_.add_route("*", "(static)");
  int unmatched_slot_ = metrics_.add_route("*", "(unmatched)");
  std::atomic<std::shared_ptr<http::AccessLog>> access_log_;
  // Last: destroyed first, so a running job finishes while the store and its lock still exist.
  // A job holds one pooled connection for its run, and no lock that requests wait on.
  DedupJobs dedup_jobs_{wilayah_, [this](const std::function<void(Store&)>& f) {
                          auto store = stores_.acquire();
                          f(*store);
                        }};
};

// The OpenAPI 3 document describing the routes above.
const std::string& openapi_document();

}  // namespace ktpel
