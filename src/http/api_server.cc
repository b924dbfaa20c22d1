#include "http/api_server.h"

#include "io/env_setting.h"

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <regex>

#include "core/text/fold.h"
#include "http/http_util.h"
#include "http/request_schemas.h"
#include "http/request_context.h"
#include "io/files.h"
#include "service/auth_service.h"
#include "store/audit_scope.h"

namespace ktpel {

using http::reply_error;
using http::reply_errors;
using http::reply_json;

namespace {

// Answers are whole: a Range header is ignored (RFC 9110 allows it). httplib applied it to every
// answer, errors included: a 403 or 404 came back as 416 or as a cut JSON, and "bytes=0-,0-,..."
// asked for the body once per range in one multipart answer (api_fuzz).
void ignore_ranges(const httplib::Request& req) { const_cast<httplib::Request&>(req).ranges.clear(); }

// Text a request may have stored or compared in the database (its path, query values, the
// X-Station name): UTF-8 without NUL. "%FF" or "%00" reached PostgreSQL, which refused it mid-
// request (503) and, in an audit entry, left the connection unusable; SQLite stored the bytes.
bool storable_text(std::string_view s) { return s.find('\0') == std::string_view::npos && is_valid_utf8(s); }
bool storable_request(const httplib::Request& req) {
  if (!storable_text(req.path) || !storable_text(req.get_header_value("X-Station"))) return false;
  for (const auto& [k, v] : req.params)
    if (!storable_text(k) || !storable_text(v)) return false;
  return true;
}

// False after answering 422 with every problem of the body (unknown fields, wrong types, missing
// fields, values outside a vocabulary, malformed dates) when the route's schema is enforced.
bool body_fits(const httplib::Request& req, httplib::Response& res, const http::BodySchema* schema) {
  if (!schema || !schema->enforced) return true;
  auto body = http::json_body(req, res);
  if (!body) return false;
  const Errors problems = http::check_body(*body, *schema);
  if (problems.empty()) return true;
  http::reply_errors(res, problems);
  return false;
}

}  // namespace

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
  server_.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "internal error";
    try {
      std::rethrow_exception(ep);
    } catch (const http::BodyFieldError& e) {
      reply_error(res, e.error);  // 422 naming the field
      return;
    } catch (const nlohmann::json::type_error& e) {
      // Last resort for a body value read without the body_* helpers: the caller's mistake, not
      // a 500 (nlohmann does not say which field; the helpers do).
      if (!req.body.empty()) {
        reply_error(res, 400, "BAD_JSON", std::string("a value in the request body has the wrong type: ") + e.what(), "body");
        return;
      }
      what = e.what();
    } catch (const StoreError& e) {
      // A busy writer or a server that went away: worth retrying shortly (the pool reconnects).
      if (e.transient()) res.set_header("Retry-After", "1");
      if (e.code == StoreErrorCode::Full) {
        // 507 Insufficient Storage: nothing was written; the same request succeeds once space is freed.
        res.set_header("Retry-After", "30");
        reply_error(res, 507, "STORAGE_FULL", e.what());
      } else if (e.code == StoreErrorCode::Conflict)
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
    ignore_ranges(req);
    if (!res.body.empty()) return;
    if (res.status == 404)
      reply_error(res, 404, "NOT_FOUND", "no such endpoint: " + req.method + " " + req.path + " (see /api/v1/openapi.json)");
    else if (res.status == 400 && req.method != "GET" && !req.has_header("Content-Length"))
      reply_error(res, 400, "HTTP_400", "the request has no Content-Length: send one (Content-Length: 0 for an empty body)");
    else
      reply_error(res, res.status, "HTTP_" + std::to_string(res.status), "request failed");
  });
  // The request's id and clock start before routing; a request refused before routing (400, 413,
  // 414) gets them when its answer is written. The logger runs after the last byte, with the
  // status really sent.
  server_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    http::begin_request();
    ignore_ranges(req);
    if (!storable_request(req)) {
      reply_error(res, 400, "BAD_ENCODING", "the path, query values and X-Station must be UTF-8 text without NUL (percent-encoded)");
      return httplib::Server::HandlerResponse::Handled;
    }
    // The body size limit (8 MiB) is checked against Content-Length only: httplib reads a chunked
    // body whole, however large (a 400 MB chunked POST took 1.3 GB). Nothing of ours sends one.
    std::string coding = req.get_header_value("Transfer-Encoding");
    for (auto& c : coding) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (coding.find("chunked") != std::string::npos) {
      res.set_header("Connection", "close");
      reply_error(res, 411, "LENGTH_REQUIRED",
                  "send the body with a Content-Length (at most 8 MiB), not in chunked transfer encoding");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (web_.serve(req, res)) return httplib::Server::HandlerResponse::Handled;  // the dashboard's files
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server_.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    if (!http::current_request().active) http::begin_request();
    res.set_header("X-Request-Id", http::current_request().id);
  });
  server_.set_logger([this](const httplib::Request& req, const httplib::Response& res) { finish_request(req, res); });
  add_system_routes();
  add_wilayah_routes();
  add_nik_routes();
  add_resident_routes();
  add_stats_routes();
  add_recording_routes();
  add_ektp_routes();
  add_print_routes();
  add_equipment_routes();
  add_abis_routes();
  add_dedup_routes();
  add_coverage_routes();
  add_dashboard_routes();
  add_report_routes();
  add_auth_routes();
  add_audit_routes();
  add_proposal_routes();
  add_public_routes();
  add_akta_routes();
  if (const char* rate = std::getenv("KTPEL_PUBLIC_RATE"); rate && std::atoi(rate) > 0) set_public_rate(std::atoi(rate));
  scan_searches_ = std::make_unique<std::counting_semaphore<64>>(env_setting("KTPEL_SCAN_SEARCHES", 1, 1, 64));
  planners_ = std::make_unique<std::counting_semaphore<64>>(env_setting("KTPEL_PLANNERS", 1, 1, 64));
  abis_.load(*stores_.acquire());  // the fingerprint gallery into memory (1M fingers: a few seconds)
}

void ApiServer::set_access_log(const std::string& target) {
  access_log_.store(target.empty() ? nullptr : std::make_shared<http::AccessLog>(target));
}

void ApiServer::finish_request(const httplib::Request& req, const httplib::Response& res) noexcept {
  http::GuardedServer::handler_finished();  // the next request on this connection has the deadline again
  try {
    http::RequestContext& ctx = http::current_request();
    if (!ctx.active) http::begin_request();
    ctx.active = false;
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - ctx.start).count();
    // No route: the dashboard's files when answered, else a path or method nothing serves.
    const bool routed = ctx.route_slot >= 0, file = !routed && res.status < 400;
    metrics_.record(routed ? ctx.route_slot : file ? static_slot_ : unmatched_slot_, res.status, secs);
    if (res.status == 409 || res.status == 429 || res.status >= 503) {
      const std::string code = http::error_code_of(res.body);
      if (refusals_.count(res.status, code))  // a limit an office must act on: also on stderr
        std::fprintf(stderr, "ktpel serve: ALERT %s on %s %s by %s (request %s)\n", code.c_str(), req.method.c_str(),
                     ctx.route.c_str(), ctx.user.c_str(), ctx.id.c_str());
    }
    auto log = access_log_.load();
    if (!log) return;
    uint64_t bytes = 0;
    if (req.method != "HEAD")
      bytes = !res.body.empty() ? res.body.size() : std::strtoull(res.get_header_value("Content-Length").c_str(), nullptr, 10);
    log->write({ctx.time, ctx.id, ctx.user, req.method, routed ? ctx.route : file ? "(static)" : "(unmatched)",
                http::loggable_path(req.path), res.status, secs * 1000, bytes, req.remote_addr});
  } catch (...) {
    // The answer is already sent: a failed log line must not take the worker thread down.
  }
}

int ApiServer::bind(const std::string& host, int port) {
  const int bound = port == 0 ? server_.bind_to_any_port(host) : (server_.bind_to_port(host, port) ? port : -1);
  return bound;
}

namespace {

// The dashboard's session cookie, if the request carries one.
std::string cookie_value(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return "";
}

// Stamps the request's own time and what it acted on into its audit entry.
AuditIntent intent_for(const Caller& c, const std::string& method, const std::string& path, std::string target) {
  return {utc_now_iso(), c.username.empty() ? "anonymous" : c.username, c.username.empty() ? "" : std::string(to_string(c.role)),
          method + " " + path, std::move(target), ""};
}

// The audit entry of a request whose handler committed no transaction (a read of person data, an
// export, a write done in autocommit): written now, in a transaction of its own.
void write_alone(Store& store, AuditScope& scope) {
  StoreTransaction tx(store);
  tx.commit();  // Store::commit appends the scope's entry
  (void)scope;
}

}  // namespace

std::optional<Caller> ApiServer::authenticate(const httplib::Request& req, httplib::Response& res) {
  std::string token;
  bool via_cookie = false;
  const std::string auth = req.get_header_value("Authorization");
  if (auth.rfind("Bearer ", 0) == 0) token = auth.substr(7);
  else if (token = cookie_value(req, "ktpel_session"); !token.empty()) via_cookie = true;
  const int64_t now = std::time(nullptr);
  const std::string hash = token.empty() ? std::string() : token_hash(token);
  std::optional<Caller> caller = token.empty() ? std::nullopt : sessions_.find(hash, now);
  if (!caller) {
    auto store = stores_.acquire();
    auto c = AuthService(*store).authenticate(token, now);
    if (!c) {
      res.set_header("WWW-Authenticate", "Bearer");
      reply_errors(res, c.errors());
      return std::nullopt;
    }
    caller = *c;
    sessions_.put(hash, *caller, now, unix_from_iso(caller->expires_at));
  }
  caller->via_cookie = via_cookie;
  return caller;
}

bool ApiServer::scope_allows(const httplib::Request& req, httplib::Response& res, const Caller& caller, const Access& access) {
  if (access.by == ScopeBy::NikInPath) {
    const std::string nik = req.matches.size() > 1 ? req.matches[1].str() : "";
    if (caller.scope.empty()) return true;
    auto store = stores_.acquire();
    std::string region;
    if (auto r = store->find_resident(nik)) region = r->village_code;
    else if (auto e = store->ektp_record(nik); e && !e->village_code.empty()) region = e->village_code;
    else region = region_of_nik(nik);
    if (caller.covers(region)) return true;
    reply_error(res, 404, "RESIDENT_NOT_FOUND", "no resident with NIK " + nik, "nik");
    return false;
  }
  if (access.by == ScopeBy::Query) {
    // An empty value is an absent one: "office=" passed the check as the region above every scope
    // and listed the printers and stock of every office to an operator of one kecamatan (api_fuzz).
    if (!req.has_param(access.param) || req.get_param_value(access.param).empty()) {
      // Absent on an aggregate of regions ("code"): the national view, cut to a summary after the
      // handler (filter_rows_to_scope). Absent elsewhere: the caller's own scope, never more.
      if (caller.scope.empty() || (access.permission == Permission::AggregateRead && std::string(access.param) == "code"))
        return true;
      const std::string own = std::string(access.param) == "province" ? caller.scope.substr(0, 2) : caller.scope;
      auto& params = const_cast<httplib::Request&>(req).params;
      params.erase(access.param);
      params.emplace(access.param, own);
      return true;
    }
    const std::string code = req.get_param_value(access.param);
    const bool ok = access.permission == Permission::AggregateRead ? caller.sees_aggregate(code) : caller.covers(code);
    if (ok) return true;
    reply_error(res, 404, "WILAYAH_NOT_FOUND", "region code " + code + " not found", access.param);
    return false;
  }
  return true;
}

namespace {

// Whether the caller may see a row of an aggregate: rows name their region as "code"
// (statistics), "office" (printers, stock balances) or as a ledger movement's "office:..." debit or
// credit side. Only "code" was read, so an operator asking for office=65 got every regency's
// stock and movements rather than the summary (api_fuzz). Rows naming no region are kept.
bool row_seen(const nlohmann::json& row, const Caller& caller) {
  if (!row.is_object()) return true;
  const bool lent_in = row.contains("lent_to") && row["lent_to"].is_string() && !row["lent_to"].get<std::string>().empty() &&
                       caller.sees_aggregate(row["lent_to"].get<std::string>());  // a printer lent into the scope
  for (const char* f : {"code", "office"})
    if (row.contains(f) && row[f].is_string()) return caller.sees_aggregate(row[f].get<std::string>()) || lent_in;
  bool names_office = false;
  for (const char* f : {"debit", "credit"}) {
    if (!row.contains(f) || !row[f].is_string()) continue;
    const std::string account = row[f].get<std::string>();
    if (account.rfind("office:", 0) != 0) continue;
    names_office = true;
    if (caller.sees_aggregate(account.substr(7))) return true;
  }
  return !names_office;
}

// Aggregates answered for a region above the caller's scope keep only the rows the caller may
// see (its own regions and those above it) next to the total: a summary, not the breakdown of
// other regencies.
void filter_rows_to_scope(httplib::Response& res, const Caller& caller) {
  auto j = nlohmann::json::parse(res.body, nullptr, false);
  if (!j.is_object()) return;
  bool changed = false;
  for (const char* key : {"rows", "items"}) {
    if (!j.contains(key) || !j[key].is_array()) continue;
    nlohmann::json kept = nlohmann::json::array();
    for (auto& row : j[key])
      if (row_seen(row, caller)) kept.push_back(std::move(row));
    j[key] = std::move(kept);
    changed = true;
  }
  if (changed) res.set_content(j.dump(), "application/json; charset=utf-8");
}

}  // namespace

void ApiServer::add(const std::string& method, const std::string& openapi_path, const std::string& regex, Access access,
                    Handler h) {
  routes_.push_back({method, openapi_path, access});
  const int slot = metrics_.add_route(method, openapi_path);
  Handler guarded = [this, method, openapi_path, access, slot, h = std::move(h)](const httplib::Request& req, httplib::Response& res) {
    http::GuardedServer::handler_started();  // headers and body are in: no deadline while it works
    http::RequestContext& request = http::current_request();
    request.route = openapi_path;
    request.route_slot = slot;
    const Permission p = access.permission;
    if (p == Permission::Station) request.user = "station";  // a station proves itself in its handler
    const bool signed_in = p != Permission::Public && p != Permission::Station;
    const bool write = method != "GET";
    Caller caller;
    bool allowed = true;
    if (!signed_in) {
      if (access.rate_limited && !public_limit_.allow(req.remote_addr)) {
        res.set_header("Retry-After", "60");
        reply_error(res, 429, "RATE_LIMITED", "too many requests from " + req.remote_addr + "; wait a minute");
        allowed = false;
      }
    } else if (auto c = authenticate(req, res)) {
      caller = *c;
      request.user = caller.username;
      if (!caller.may(p)) {
        reply_error(res, 403, "FORBIDDEN",
                    "role " + std::string(to_string(caller.role)) + " may not " + method + " " + openapi_path +
                        " (needs permission " + std::string(to_string(p)) + ")");
        allowed = false;
      } else if (write && caller.via_cookie && req.get_header_value("X-CSRF-Token") != caller.csrf) {
        reply_error(res, 403, "CSRF", "a dashboard write needs the session's X-CSRF-Token header");
        allowed = false;
      } else {
        allowed = scope_allows(req, res, caller, access);
      }
    } else {
      allowed = false;
    }
    // [9] One account cannot take the server: a few requests at once, and person records at a
    // bounded pace (stations have their own upload quota; public routes a per-address limit).
    std::optional<http::InFlight> flight;
    const bool person_read = reads_person_data(p);
    if (allowed && signed_in) {
      flight.emplace(user_limits_, caller.username);
      if (!flight->held()) {
        res.set_header("Retry-After", "1");
        reply_error(res, 429, "TOO_MANY_IN_FLIGHT",
                    "user " + caller.username + " already has its most requests running at once; send the next when one answers");
        allowed = false;
      } else if (const int wait = person_read ? user_limits_.person_read_wait(caller.username) : 0; wait > 0) {
        res.set_header("Retry-After", std::to_string(wait));
        reply_error(res, 429, "PERSON_READ_LIMIT",
                    "user " + caller.username + " has read its share of personal records for now; wait " +
                        std::to_string(wait) + " s (each read is also in the audit log)");
        allowed = false;
      }
    }
    if (allowed) {
      http::set_current_caller(&caller);
      std::string target;
      if (access.by == ScopeBy::NikInPath && req.matches.size() > 1) target = req.matches[1].str();
      else if (access.by == ScopeBy::Query && req.has_param(access.param)) target = req.get_param_value(access.param);
      if (p == Permission::Station) caller.username = "station";
      // Writes and reads of a person's data leave one audit entry each (public routes log their own).
      const bool audited = (write && p != Permission::Public) || reads_person_data(p);
      std::optional<AuditScope> audit;
      if (audited) audit.emplace(intent_for(caller, method, openapi_path, target));
      try {
        if (body_fits(req, res, http::request_schema(method, openapi_path))) h(req, res);
      } catch (...) {
        http::set_current_caller(nullptr);
        throw;
      }
      http::set_current_caller(nullptr);
      // What httplib would send for a handler that set content but no status: the scope filter
      // and the audit entry below go by the status really sent (a PDF or CSV left at -1 was
      // answered 200 without its audit entry).
      if (res.status == -1) res.status = req.ranges.empty() ? 200 : 206;
      if (person_read && signed_in && res.status >= 200 && res.status < 300)
        user_limits_.charge_person_reads(caller.username, request.person_records);
      if (p == Permission::AggregateRead && access.by == ScopeBy::Query && !caller.scope.empty() && res.status == 200 &&
          res.get_header_value("Content-Type").rfind("application/json", 0) == 0)
        filter_rows_to_scope(res, caller);
      if (audit && res.status >= 200 && res.status < 300 && !audit->written()) {
        if (audit->intent().detail.empty() && !req.params.empty()) {
          std::string query;
          for (const auto& [k, v] : req.params) query += (query.empty() ? "" : "&") + k + "=" + v;
          audit->intent().detail = query.substr(0, 500);
        }
        auto store = stores_.acquire();
        // A read's entry need not survive power loss on its own (only a crash): the next durable
        // commit syncs the WAL with it. So a person read costs no fsync (SQLite).
        const bool relax = !write && stores_.durable();
        if (relax) store->set_durable_commits(false);
        try {
          write_alone(*store, *audit);
        } catch (...) {
          if (relax) store->set_durable_commits(true);
          throw;
        }
        if (relax) store->set_durable_commits(true);
      }
    }
  };
  if (method == "GET") server_.Get(regex, guarded);
  else if (method == "POST") server_.Post(regex, guarded);
  else if (method == "PATCH") server_.Patch(regex, guarded);
  else if (method == "PUT") server_.Put(regex, guarded);
  else throw std::logic_error("unsupported method " + method);
}

void ApiServer::add_system_routes() {
  add("GET", "/healthz", "/healthz", {Permission::Public}, [this](const httplib::Request&, httplib::Response& res) {
    auto store = stores_.acquire();
    reply_json(res, {{"status", "ok"}, {"backend", store->backend()}, {"schema_version", store->schema_version()}});
  });
  add("GET", "/metrics", "/metrics", {Permission::AggregateRead}, [this](const httplib::Request&, httplib::Response& res) {
    std::string out = metrics_.prometheus();
    int64_t residents = 0;
    {
      auto store = stores_.acquire();
      residents = store->count_residents();
    }
    out += "# HELP ktpel_residents Residents in the registry.\n# TYPE ktpel_residents gauge\nktpel_residents " +
           std::to_string(residents) + "\n";
    out += "# HELP ktpel_wilayah_regions Regions loaded.\n# TYPE ktpel_wilayah_regions gauge\nktpel_wilayah_regions " +
           std::to_string(wilayah_.size()) + "\n";
    out += refusals_.prometheus();
    out += "# HELP ktpel_connections_cut_total Connections shut down for missing the request deadline.\n"
           "# TYPE ktpel_connections_cut_total counter\nktpel_connections_cut_total " + std::to_string(server_.connections_cut()) + "\n";
    out += "# HELP ktpel_connections_refused_total Connections refused over the per-address cap.\n"
           "# TYPE ktpel_connections_refused_total counter\nktpel_connections_refused_total " +
           std::to_string(server_.connections_refused()) + "\n";
    res.set_content(out, "text/plain; version=0.0.4");
  });
  add("GET", "/api/v1/openapi.json", "/api/v1/openapi.json", {Permission::Public}, [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(openapi_json(), "application/json");
  });
  add("GET", "/", "/", {Permission::Public}, [](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        "<!doctype html><html lang=id><meta charset=utf-8><title>ktpel</title>"
        "<h1>ktpel</h1><p>API KTP-el: <a href=/api/v1/openapi.json>OpenAPI</a> · "
        "<a href=/api/v1/stats?level=kabupaten&amp;code=65>statistik Kalimantan Utara</a> · "
        "<a href=/healthz>healthz</a> · <a href=/metrics>metrics</a></p></html>",
        "text/html; charset=utf-8");
  });
}

bool ApiServer::serve_web(const std::string& dir) {
  return web_.load(dir);
}

}  // namespace ktpel
