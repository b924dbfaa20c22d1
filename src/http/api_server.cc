#include "http/api_server.h"

#include <chrono>
#include <fstream>
#include <regex>

#include "http/http_util.h"

namespace ktpel {

using http::reply_error;
using http::reply_json;

ApiServer::ApiServer(Store& store, const WilayahCatalog& wilayah)
    : own_pool_(std::make_unique<StorePool>(store)), stores_(*own_pool_), wilayah_(wilayah) {
  init();
}

ApiServer::ApiServer(StorePool& stores, const WilayahCatalog& wilayah) : stores_(stores), wilayah_(wilayah) { init(); }

void ApiServer::init() {
  server_.set_tcp_nodelay(true);
  // SO_REUSEADDR only: httplib also sets SO_REUSEPORT, which lets a second `ktpel serve` bind the
  // same port and silently take half of the connections (seen: two databases answering at random).
  server_.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const char*>(&yes), sizeof yes);
  });
  server_.set_payload_max_length(8 * 1024 * 1024);
  server_.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "internal error";
    try {
      std::rethrow_exception(ep);
    } catch (const StoreError& e) {
      // A busy writer or a server that went away: worth retrying shortly (the pool reconnects).
      if (e.transient()) res.set_header("Retry-After", "1");
      if (e.code == StoreErrorCode::Conflict)
        reply_error(res, 409, "CONFLICT", std::string("the database refused a conflicting write: ") + e.what());
      else
        reply_error(res, 503, e.transient() ? "STORAGE_UNAVAILABLE" : "STORAGE", std::string("database error: ") + e.what());
      return;
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    reply_error(res, 500, "INTERNAL", what);
  });
  server_.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404)
      reply_error(res, 404, "NOT_FOUND", "no such endpoint: " + req.method + " " + req.path + " (see /api/v1/openapi.json)");
    else if (res.status == 400 && req.method != "GET" && !req.has_header("Content-Length"))
      reply_error(res, 400, "HTTP_400", "the request has no Content-Length: send one (Content-Length: 0 for an empty body)");
    else
      reply_error(res, res.status, "HTTP_" + std::to_string(res.status), "request failed");
  });
  add_system_routes();
  add_wilayah_routes();
  add_nik_routes();
  add_resident_routes();
  add_stats_routes();
  add_recording_routes();
  add_ektp_routes();
  add_print_routes();
  add_abis_routes();
  add_dedup_routes();
  add_coverage_routes();
  add_dashboard_routes();
  abis_.load(*stores_.acquire());  // the fingerprint gallery into memory (1M fingers: a few seconds)
}

int ApiServer::bind(const std::string& host, int port) {
  const int bound = port == 0 ? server_.bind_to_any_port(host) : (server_.bind_to_port(host, port) ? port : -1);
  return bound;
}

void ApiServer::add(const std::string& method, const std::string& openapi_path, const std::string& regex, Handler h) {
  routes_.push_back({method, openapi_path});
  Handler timed = [this, openapi_path, h = std::move(h)](const httplib::Request& req, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    h(req, res);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::lock_guard lock(metrics_mutex_);
    requests_[{openapi_path, res.status}]++;
    seconds_[openapi_path] += secs;
  };
  if (method == "GET") server_.Get(regex, timed);
  else if (method == "POST") server_.Post(regex, timed);
  else if (method == "PATCH") server_.Patch(regex, timed);
  else if (method == "PUT") server_.Put(regex, timed);
  else throw std::logic_error("unsupported method " + method);
}

void ApiServer::add_system_routes() {
  add("GET", "/healthz", "/healthz", [this](const httplib::Request&, httplib::Response& res) {
    auto store = stores_.acquire();
    reply_json(res, {{"status", "ok"}, {"backend", store->backend()}, {"schema_version", store->schema_version()}});
  });
  add("GET", "/metrics", "/metrics", [this](const httplib::Request&, httplib::Response& res) {
    std::string out =
        "# HELP ktpel_http_requests_total HTTP requests by route and status.\n"
        "# TYPE ktpel_http_requests_total counter\n";
    std::string secs =
        "# HELP ktpel_http_request_seconds_total Time spent answering, by route.\n"
        "# TYPE ktpel_http_request_seconds_total counter\n";
    {
      std::lock_guard lock(metrics_mutex_);
      for (auto& [key, n] : requests_)
        out += "ktpel_http_requests_total{route=\"" + key.first + "\",status=\"" + std::to_string(key.second) + "\"} " +
               std::to_string(n) + "\n";
      for (auto& [route, s] : seconds_) secs += "ktpel_http_request_seconds_total{route=\"" + route + "\"} " + std::to_string(s) + "\n";
    }
    int64_t residents = 0;
    {
      auto store = stores_.acquire();
      residents = store->count_residents();
    }
    out += secs;
    out += "# HELP ktpel_residents Residents in the registry.\n# TYPE ktpel_residents gauge\nktpel_residents " +
           std::to_string(residents) + "\n";
    out += "# HELP ktpel_wilayah_regions Regions loaded.\n# TYPE ktpel_wilayah_regions gauge\nktpel_wilayah_regions " +
           std::to_string(wilayah_.size()) + "\n";
    res.set_content(out, "text/plain; version=0.0.4");
  });
  add("GET", "/api/v1/openapi.json", "/api/v1/openapi.json", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(openapi_document(), "application/json");
  });
  add("GET", "/", "/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        "<!doctype html><html lang=id><meta charset=utf-8><title>ktpel</title>"
        "<h1>ktpel</h1><p>API KTP-el: <a href=/api/v1/openapi.json>OpenAPI</a> · "
        "<a href=/api/v1/stats?level=kabupaten&amp;code=65>statistik Kalimantan Utara</a> · "
        "<a href=/healthz>healthz</a> · <a href=/metrics>metrics</a></p></html>",
        "text/html; charset=utf-8");
  });
}

bool ApiServer::serve_web(const std::string& dir) {
  std::ifstream index(dir + "/index.html");
  return index && server_.set_mount_point("/", dir);
}

}  // namespace ktpel
