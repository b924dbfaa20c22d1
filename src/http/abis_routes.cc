// The ABIS (fingerprint 1:N) and the adjudication queue of possible duplicates.
#include <sodium.h>

#include "core/common/messages.h"
#include "http/api_server.h"
#include "http/http_util.h"
#include "store/audit_scope.h"
#include "io/files.h"
#include "service/adjudication_service.h"

namespace ktpel {

using namespace http;

namespace {

std::optional<std::string> from_base64(const std::string& text) {
  std::string out(text.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), " \n\r", &len,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(len);
  return out;
}

// {"fingers": [{"position": 2, "template": "<base64 ISO 19794-2>"}, ...]}; the error names the field.
std::optional<std::vector<FingerCapture>> fingers_of(const nlohmann::json& body, httplib::Response& res) {
  if (!body.is_object() || !body.contains("fingers") || !body["fingers"].is_array() || body["fingers"].empty()) {
    reply_error(res, 422, "FIELD_REQUIRED", "fingers: a non-empty array of {position, template} is required", "fingers");
    return std::nullopt;
  }
  std::vector<FingerCapture> out;
  for (size_t i = 0; i < body["fingers"].size(); ++i) {
    const auto& f = body["fingers"][i];
    const std::string field = "fingers[" + std::to_string(i) + "]";
    if (!f.is_object() || !f.contains("template") || !f["template"].is_string()) {
      reply_error(res, 422, "FIELD_REQUIRED", field + ".template: base64 of an ISO 19794-2 record is required", field + ".template");
      return std::nullopt;
    }
    auto bytes = from_base64(f["template"].get<std::string>());
    if (!bytes) {
      reply_error(res, 422, "TEMPLATE_ENCODING", field + ".template is not base64", field + ".template");
      return std::nullopt;
    }
    // Read whole before the range check: get<int>() kept the low bits, so 4294967297 was finger 1.
    const int64_t position = f.contains("position") && f["position"].is_number_integer() ? f["position"].get<int64_t>() : 0;
    if (position < 0 || position > 10 || (f.contains("position") && !f["position"].is_null() && !f["position"].is_number_integer())) {
      reply_error(res, 422, "FIELD_TYPE", field + ".position: a finger number 1..10 (0 = unknown)", field + ".position");
      return std::nullopt;
    }
    out.push_back({static_cast<int>(position), 0, *bytes});
  }
  return out;
}

nlohmann::json candidates_json(const std::vector<AbisCandidate>& cands, double threshold) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& c : cands) {
    nlohmann::json fingers = nlohmann::json::array();
    for (const auto& f : c.fingers) fingers.push_back({{"finger", f.position}, {"score", f.score}});
    a.push_back({{"nik", c.nik}, {"score", c.score}, {"hit", c.score >= threshold}, {"fingers", fingers}});
  }
  return a;
}

}  // namespace

void ApiServer::add_abis_routes() {
  add("POST", "/api/v1/abis/identify", "/api/v1/abis/identify", {Permission::AbisSearch}, [this](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    auto fingers = fingers_of(*body, res);
    if (!fingers) return;
    const auto top_k = static_cast<size_t>(std::clamp<int64_t>(body_int(*body, "top_k").value_or(10), 1, 100));
    auto found = abis_.identify(*fingers, top_k);
    if (!found) return reply_errors(res, found.errors());
    auto candidates = candidates_json(*found, abis_.config().threshold);
    // A regency supervisor learns of matches in its regency only; the centre sees all.
    nlohmann::json shown = nlohmann::json::array();
    for (auto& c : candidates)
      if (!c.contains("nik") || current_caller().covers(region_of_nik(c["nik"].get<std::string>()))) shown.push_back(c);
    reply_json(res, {{"threshold", abis_.config().threshold}, {"gallery_fingers", abis_.size()}, {"candidates", shown}});
  });
  add("POST", "/api/v1/abis/insert", "/api/v1/abis/insert", {Permission::AbisEnrol}, [this](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    const std::string nik = body_string(*body, "nik");
    if (nik.empty()) return reply_error(res, 422, "FIELD_REQUIRED", "nik is required", "nik");
    auto fingers = fingers_of(*body, res);
    if (!fingers) return;
    auto store = stores_.acquire();
    if (!store->resident_exists(nik)) return reply_error(res, make_error("RESIDENT_NOT_FOUND", "nik", {nik}));
    Result<AbisService::PendingInsert> staged = Error{};
    {
      StoreTransaction tx(*store);
      staged = abis_.stage_insert(*store, nik, *fingers);
      if (!staged) return reply_errors(res, staged.errors());
      tx.commit();
    }
    abis_.apply(*staged);
    reply_json(res, {{"nik", nik}, {"fingers", staged->fingers.size()}, {"gallery_fingers", abis_.size()}}, 201);
  });
  add("GET", "/api/v1/adjudication", "/api/v1/adjudication", {Permission::PersonRead}, [this](const httplib::Request& req, httplib::Response& res) {
    std::string status = req.has_param("status") ? param(req, "status") : "OPEN";
    if (status == "ALL") status.clear();
    if (!status.empty() && status != "OPEN" && status != "SAME_PERSON" && status != "DIFFERENT_PEOPLE" && status != "CLOSED")
      return reply_error(res, 400, "BAD_PARAMETER", "status must be OPEN, SAME_PERSON, DIFFERENT_PEOPLE, CLOSED or ALL", "status");
    auto limit = int_param(req, res, "limit", 100, 1, 1000);
    if (!limit) return;
    auto store = stores_.acquire();
    nlohmann::json items = nlohmann::json::array();
    for (const auto& c : store->adjudications(status, *limit))
      if (current_caller().covers(region_of_nik(c.nik))) items.push_back(adjudication_json(*store, c));
    reply_json(res, {{"items", items}});
  });
  // [11] The adjudication screen's images: the photo (JPEG) and signature (PNG) of the latest
  // capture of either person of a case (the new record or the one enrolled earlier), for whoever
  // may see the case; 404 when the store holds none (a record imported without a recording),
  // which the screen shows as a placeholder.
  struct Image {
    const char* kind;
    const char* type;
    std::optional<std::string> (Store::*read)(std::string_view);
  };
  for (const Image image : {Image{"photo", "image/jpeg", &Store::enrolment_photo}, Image{"signature", "image/png", &Store::enrolment_signature}})
    for (const std::string side : {"new", "earlier"}) {
      const std::string path = "/api/v1/adjudication/{id}/" + std::string(image.kind) + "/" + side;
      add("GET", path, R"(/api/v1/adjudication/([^/]+)/)" + std::string(image.kind) + "/" + side, {Permission::PersonRead},
          [this, side, image](const httplib::Request& req, httplib::Response& res) {
            const auto id = id_in_path(req, res);
            if (!id) return;
            auto store = stores_.acquire();
            auto c = store->adjudication(*id);
            if (!c || !current_caller().covers(region_of_nik(c->nik)))
              return reply_error(res, make_error("ADJUDICATION_NOT_FOUND", "id", {std::to_string(*id)}));
            const std::string nik = side == "new" ? c->nik : c->other_nik;
            AuditScope::note_target(nik);
            auto bytes = ((*store).*image.read)(nik);
            if (!bytes || bytes->empty()) return reply_error(res, 404, "NOT_FOUND", std::string("no ") + image.kind + " recorded for this person", "id");
            res.set_header("Cache-Control", "private, no-store");
            res.set_content(*bytes, image.type);
          });
    }
  add("POST", "/api/v1/adjudication/{id}/decision", R"(/api/v1/adjudication/([^/]+)/decision)", {Permission::Adjudicate},
      [this](const httplib::Request& req, httplib::Response& res) {
        const auto parsed = id_in_path(req, res);
        if (!parsed) return;
        const int64_t id = *parsed;
        auto body = json_body(req, res);
        if (!body) return;
        auto s = [&](const char* k) { return body_string(*body, k); };
        auto store = stores_.acquire();
        auto c = store->adjudication(id);
        if (!c || !current_caller().covers(region_of_nik(c->nik)))
          return reply_error(res, make_error("ADJUDICATION_NOT_FOUND", "id", {std::to_string(id)}));
        AuditScope::note_target(c->nik);
        auto r = decide_adjudication(*store, &abis_, {id, s("decision"), current_caller().username, s("note"), utc_now_iso()});
        if (!r) return reply_errors(res, r.errors());
        reply_json(res, adjudication_json(*store, *r));
      });
}

}  // namespace ktpel
