// Recording stations and packets: registration, key rotation, resumable uploads, commit, and
// the rejected-packet list for officers.
#include "http/api_server.h"
#include "http/http_util.h"
#include "io/files.h"
#include "service/centre_service.h"

namespace ktpel {

using namespace http;

static nlohmann::json upload_json(const UploadState& s) {
  return {{"received", s.received}, {"total", s.total},
          {"committed", s.committed ? nlohmann::json(s.committed->json) : nlohmann::json()}};
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
                     {"centre_sign_public", r->centre_sign_public_hex}}, 201);
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
    reply_json(res, {{"station_id", std::string(req.matches[1])}, {"rotated", true}});
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
    reply_json(res, upload_json(CentreService(*store, wilayah_).upload_state(req.matches[1])));
  });
  add("PUT", "/api/v1/uploads/{packet_id}", R"(/api/v1/uploads/([A-Za-z0-9-]+))", {Permission::Station}, [this](const httplib::Request& req, httplib::Response& res) {
    auto offset = int_param(req, res, "offset", -1, 0, kMaxPacketBytes);
    if (!offset) return;
    auto total = int_param(req, res, "total", 0, 1, kMaxPacketBytes);
    if (!total) return;
    auto store = stores_.acquire();
    CentreService centre(*store, wilayah_);
    auto r = centre.upload_chunk(req.matches[1], *total, *offset, req.body);
    if (!r) return reply_error(res, r.error());
    reply_json(res, upload_json(*r));
  });
  add("POST", "/api/v1/uploads/{packet_id}/commit", R"(/api/v1/uploads/([A-Za-z0-9-]+)/commit)", {Permission::Station},
      [this](const httplib::Request& req, httplib::Response& res) {
        auto body = json_body(req, res);
        if (!body) return;
        const std::string sha = body_string(*body, "sha256");
        auto store = stores_.acquire();
        auto r = CentreService(*store, wilayah_).commit_upload(req.matches[1], sha, utc_now_iso());
        if (!r) {
          const bool resend = r.error().code == "UPLOAD_CORRUPTED" || r.error().code == "UPLOAD_INCOMPLETE";
          return reply_error(res, resend ? 409 : 422, r.error().code, r.error().message_en, r.error().field);
        }
        reply_json(res, {{"ack", r->json}, {"status", r->status}, {"reason", r->reason}, {"replayed", r->replayed}});
      });
  add("POST", "/api/v1/uploads/commit", "/api/v1/uploads/commit", {Permission::Station}, [this](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    if (!body->is_object() || !(*body)["packets"].is_array() || (*body)["packets"].size() > 256)
      return reply_error(res, 400, "BAD_JSON", "body must be {\"packets\":[{\"packet_id\",\"sha256\"}]} (at most 256)", "packets");
    std::vector<std::pair<std::string, std::string>> items;
    for (const auto& p : (*body)["packets"]) {
      if (!p.is_object() || !p["packet_id"].is_string() || !p["sha256"].is_string())
        return reply_error(res, 400, "BAD_JSON", "each packet needs packet_id and sha256 strings", "packets");
      items.emplace_back(p["packet_id"].get<std::string>(), p["sha256"].get<std::string>());
    }
    auto store = stores_.acquire();
    auto results = CentreService(*store, wilayah_).commit_uploads(items, utc_now_iso());  // one transaction, one fsync
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
    reply_json(res, {{"items", items}, {"total", store->count_packets("rejected")}});
  });
}

}  // namespace ktpel
