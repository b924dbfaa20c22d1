// Recording stations and packets: registration, key rotation, resumable uploads, commit, and
// the rejected-packet list for officers.
#include "http/api_server.h"
#include "http/http_util.h"
#include "http/request_context.h"
#include "core/common/messages.h"
#include "io/env_setting.h"
#include "io/files.h"
#include "service/centre_service.h"


namespace ktpel {

using namespace http;

static nlohmann::json upload_json(const UploadState& s) {
  return {{"received", s.received}, {"total", s.total},
          {"committed", s.committed ? nlohmann::json(s.committed->json) : nlohmann::json()}};
}

// The upload limits of every station: KTPEL_STATION_OPEN_UPLOADS (256), KTPEL_STATION_OPEN_MIB
// (256) and KTPEL_UPLOAD_EXPIRY_HOURS (24: an upload untouched that long is dropped).
static UploadQuota upload_quota() {
  static const int64_t open = env_setting("KTPEL_STATION_OPEN_UPLOADS", 256, 1, 100000);
  static const int64_t mib = env_setting("KTPEL_STATION_OPEN_MIB", 256, 1, 1 << 20);
  static const int64_t hours = env_setting("KTPEL_UPLOAD_EXPIRY_HOURS", 24, 1, 24 * 365);
  const std::string before = utc_now_iso_ms(-hours * 3600 * 1000).substr(0, 19) + "Z";
  return {open, mib * 1024 * 1024, before};
}

// A station proves itself on every upload call with "Authorization: Station <id>:<token>", the
// token it got at registration (or its last key rotation). Answers 401/403 itself otherwise.
static std::optional<std::string> station_of(const httplib::Request& req, httplib::Response& res, CentreService& centre) {
  const std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kScheme = "Station ";
  const size_t colon = header.find(':');
  if (header.compare(0, kScheme.size(), kScheme) != 0 || colon == std::string::npos) {
    res.set_header("WWW-Authenticate", "Station");
    reply_error(res, 401, "STATION_TOKEN", "uploads need the header Authorization: Station <station id>:<upload token>",
                "Authorization");
    return std::nullopt;
  }
  const std::string id = header.substr(kScheme.size(), colon - kScheme.size());
  auto st = centre.authenticate_station(id, header.substr(colon + 1));
  if (!st) {
    const auto& e = st.error();  // an unknown station is a failed login, not a missing resource
    reply_error(res, e.code == "STATION_REVOKED" ? 403 : 401, e.code, e.message_en, e.field);
    return std::nullopt;
  }
  http::current_request().user = "station:" + id;
  return id;
}

void ApiServer::add_recording_routes() {
  add("POST", "/api/v1/stations/register", "/api/v1/stations/register", {Permission::Station, ScopeBy::None, "", true}, [this](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    auto get = [&](const char* k) { return body_string(*body, k); };
    auto store = stores_.acquire();
    CentreService centre(*store, wilayah_);
    auto r = centre.register_station(get("code"), get("name"), get("public_key"), utc_now_iso());
    if (!r) return reply_error(res, r.error().code == "STATION_CODE" ? 403 : 422, r.error().code, r.error().message_en, r.error().field);
    reply_json(res, {{"station_id", r->station_id}, {"kecamatan", r->kecamatan}, {"centre_box_public", r->centre_box_public_hex},
                     {"centre_sign_public", r->centre_sign_public_hex}, {"upload_token", r->upload_token}}, 201);
  });
  add("POST", "/api/v1/stations/{id}/keys", R"(/api/v1/stations/([A-Za-z0-9]+)/keys)", {Permission::Station}, [this](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    auto get = [&](const char* k) { return body_string(*body, k); };
    auto store = stores_.acquire();
    CentreService centre(*store, wilayah_);
    auto r = centre.rotate_station_key(req.matches[1], get("public_key"), get("signature"),
                                       body_int(*body, "from_sequence").value_or(0), utc_now_iso());
    if (!r) return reply_error(res, r.error().code == "STATION_UNKNOWN" ? 404 : 403, r.error().code, r.error().message_en, r.error().field);
    reply_json(res, {{"station_id", std::string(req.matches[1])}, {"rotated", true}, {"upload_token", *r}});
  });
  add("GET", "/api/v1/stations", "/api/v1/stations", {Permission::AggregateRead}, [this](const httplib::Request&, httplib::Response& res) {
    auto store = stores_.acquire();
    nlohmann::json items = nlohmann::json::array();
    for (const auto& s : store->stations())
      items.push_back({{"id", s.id}, {"kecamatan", s.kecamatan}, {"name", s.name}, {"status", s.status}, {"created_at", s.created_at}});
    reply_json(res, {{"items", items}});
  });
  add("GET", "/api/v1/uploads/{packet_id}", R"(/api/v1/uploads/([A-Za-z0-9-]+))", {Permission::Station}, [this](const httplib::Request& req, httplib::Response& res) {
    auto store = stores_.acquire();
    CentreService centre(*store, wilayah_);
    auto station = station_of(req, res, centre);
    if (!station) return;
    auto r = centre.upload_state(*station, req.matches[1]);
    if (!r) return reply_errors(res, r.errors());
    reply_json(res, upload_json(*r));
  });
  add("PUT", "/api/v1/uploads/{packet_id}", R"(/api/v1/uploads/([A-Za-z0-9-]+))", {Permission::Station}, [this](const httplib::Request& req, httplib::Response& res) {
    auto offset = int_param(req, res, "offset", -1, 0, kMaxPacketBytes);
    if (!offset) return;
    auto total = int_param(req, res, "total", 0, 1, kMaxPacketBytes);
    if (!total) return;
    auto store = stores_.acquire();
    CentreService centre(*store, wilayah_);
    auto station = station_of(req, res, centre);
    if (!station) return;
    const UploadQuota quota = upload_quota();
    auto r = centre.upload_chunk(*station, req.matches[1], *total, *offset, req.body, utc_now_iso(), quota);
    if (!r) {
      if (r.error().code == "UPLOAD_QUOTA") res.set_header("Retry-After", "60");
      return reply_errors(res, r.errors());
    }
    reply_json(res, upload_json(*r));
  });
  add("POST", "/api/v1/uploads/{packet_id}/commit", R"(/api/v1/uploads/([A-Za-z0-9-]+)/commit)", {Permission::Station},
      [this](const httplib::Request& req, httplib::Response& res) {
        auto body = json_body(req, res);
        if (!body) return;
        const std::string sha = body_string(*body, "sha256");
        auto store = stores_.acquire();
        CentreService centre(*store, wilayah_);
        auto station = station_of(req, res, centre);
        if (!station) return;
        if (!packet_of_station(req.matches[1], *station))
          return reply_error(res, make_error("PACKET_STATION", "packet_id", {std::string(req.matches[1]), *station}));
        auto r = centre.commit_upload(req.matches[1], sha, utc_now_iso());
        if (!r) {
          const bool resend = r.error().code == "UPLOAD_CORRUPTED" || r.error().code == "UPLOAD_INCOMPLETE";
          if (r.error().code == "PACKET_STATION") return reply_errors(res, r.errors());
          return reply_error(res, resend ? 409 : 422, r.error().code, r.error().message_en, r.error().field);
        }
        reply_json(res, {{"ack", r->json}, {"status", r->status}, {"reason", r->reason}, {"replayed", r->replayed}});
      });
  add("POST", "/api/v1/uploads/commit", "/api/v1/uploads/commit", {Permission::Station}, [this](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    if (!body->is_object() || !(*body)["packets"].is_array() || (*body)["packets"].size() > 256)
      return reply_error(res, 400, "BAD_JSON", "body must be {\"packets\":[{\"packet_id\",\"sha256\"}]} (at most 256)", "packets");
    auto store = stores_.acquire();
    CentreService centre(*store, wilayah_);
    auto station = station_of(req, res, centre);
    if (!station) return;
    std::vector<std::pair<std::string, std::string>> items;
    for (const auto& p : (*body)["packets"]) {
      if (!p.is_object() || !p["packet_id"].is_string() || !p["sha256"].is_string())
        return reply_error(res, 400, "BAD_JSON", "each packet needs packet_id and sha256 strings", "packets");
      if (!packet_of_station(p["packet_id"].get<std::string>(), *station))
        return reply_error(res, make_error("PACKET_STATION", "packets", {p["packet_id"].get<std::string>(), *station}));
      items.emplace_back(p["packet_id"].get<std::string>(), p["sha256"].get<std::string>());
    }
    auto results = centre.commit_uploads(items, utc_now_iso());  // one transaction, one fsync
    nlohmann::json out = nlohmann::json::array();
    for (size_t i = 0; i < results.size(); ++i) {
      const auto& r = results[i];
      if (r)
        out.push_back({{"packet_id", items[i].first}, {"ack", r->json}, {"status", r->status}, {"replayed", r->replayed}});
      else
        out.push_back({{"packet_id", items[i].first}, {"error", {{"code", r.error().code}, {"message", r.error().message_en}}}});
    }
    reply_json(res, {{"results", out}});
  });
  add("GET", "/api/v1/packets/rejected", "/api/v1/packets/rejected", {Permission::StationManage}, [this](const httplib::Request& req, httplib::Response& res) {
    auto limit = int_param(req, res, "limit", 100, 1, 10000);
    if (!limit) return;
    auto store = stores_.acquire();
    nlohmann::json items = nlohmann::json::array();
    for (const auto& p : store->packets("rejected", *limit))
      items.push_back({{"packet_id", p.packet_id}, {"station_id", p.station_id}, {"sequence", p.sequence},
                       {"reason", p.reason}, {"received_at", p.received_at}});
    // Packets that failed authentication are not in the ledger (their number stays free) but are
    // kept as evidence: listed apart, with how often they came.
    nlohmann::json refused = nlohmann::json::array();
    for (const auto& p : store->refused_packets(*limit))
      refused.push_back({{"packet_id", p.packet_id}, {"station_id", p.station_id}, {"sequence", p.sequence},
                         {"reason", p.reason}, {"sha256", p.sha256}, {"first_at", p.first_at}, {"last_at", p.last_at},
                         {"attempts", p.attempts}});
    reply_json(res, {{"items", items}, {"total", store->count_packets("rejected")}, {"refused", refused},
                     {"refused_total", store->count_refused_packets()}});
  });
}

}  // namespace ktpel
