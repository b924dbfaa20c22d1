// Four-eyes routes: corrections proposed (PATCH /residents/{nik} with name, birth date or sex)
// wait here for a supervisor; duplicate deletions are requested by a regency supervisor and
// executed by the centre. The public "where is my KTP?" check lives here too.
#include <ctime>

#include <cmath>

#include "http/api_server.h"
#include "service/ktp_answer.h"
#include "service/equipment_service.h"
#include "http/http_util.h"
#include "io/files.h"
#include "service/proposal_service.h"
#include "store/audit_scope.h"

namespace ktpel {

using namespace http;

namespace {

Actor actor_now() {
  Actor a;
  a.name = current_caller().username;
  a.now = utc_now_iso();
  a.today = *Date::parse_iso(today_iso());
  return a;
}

// {"decision": approve|reject} (corrections) or execute|reject (deletions); nullopt after a 422.
std::optional<bool> decision(httplib::Response& res, const nlohmann::json& body, const char* yes) {
  const std::string d = body_string(body, "decision");
  if (d == yes) return true;
  if (d == "reject") return false;
  reply_error(res, 422, "ENUM_VALUE", std::string("decision must be ") + yes + " or reject", "decision");
  return std::nullopt;
}

}  // namespace

void ApiServer::add_proposal_routes() {
  add("GET", "/api/v1/proposals", "/api/v1/proposals", {Permission::PersonRead},
      [this](const httplib::Request& req, httplib::Response& res) {
        auto limit = int_param(req, res, "limit", 200, 1, 5000);
        if (!limit) return;
        auto store = stores_.acquire();
        nlohmann::json items = nlohmann::json::array();
        for (const auto& p : store->proposals(param(req, "kind"), param(req, "status"), current_caller().scope, *limit))
          items.push_back(to_json(p));
        reply_json(res, {{"items", items}});
      });
  add("POST", "/api/v1/corrections/{id}/decision", R"(/api/v1/corrections/([^/]+)/decision)", {Permission::CorrectionApprove},
      [this](const httplib::Request& req, httplib::Response& res) {
        auto id = id_in_path(req, res);
        if (!id) return;
        auto body = json_body(req, res);
        if (!body) return;
        auto approve = decision(res, *body, "approve");
        if (!approve) return;
        AuditScope::note_target(std::to_string(*id));
        auto store = stores_.acquire();
        auto r = ProposalService(*store, wilayah_).decide_correction(current_caller(), *id, *approve, body_string(*body, "note"),
                                                                      actor_now());
        if (!r) return reply_errors(res, r.errors());
        reply_json(res, to_json(*r));
      });
  add("POST", "/api/v1/duplicates/deletions", "/api/v1/duplicates/deletions", {Permission::DuplicateDeletionRequest},
      [this](const httplib::Request& req, httplib::Response& res) {
        auto body = json_body(req, res);
        if (!body) return;
        const int64_t adjudication = body_int(*body, "adjudication_id").value_or(0);
        AuditScope::note_target(body_string(*body, "nik"));
        auto store = stores_.acquire();
        auto r = ProposalService(*store, wilayah_).request_deletion(current_caller(), body_string(*body, "nik"),
                                                                     body_string(*body, "keep_nik"), adjudication,
                                                                     body_string(*body, "reason"), actor_now());
        if (!r) return reply_errors(res, r.errors());
        reply_json(res, to_json(*r), 201);
      });
  add("POST", "/api/v1/duplicates/deletions/{id}/decision", R"(/api/v1/duplicates/deletions/([^/]+)/decision)",
      {Permission::DuplicateDeletionExecute}, [this](const httplib::Request& req, httplib::Response& res) {
        auto id = id_in_path(req, res);
        if (!id) return;
        auto body = json_body(req, res);
        if (!body) return;
        auto execute = decision(res, *body, "execute");
        if (!execute) return;
        auto store = stores_.acquire();
        if (auto p = store->proposal(*id)) AuditScope::note_target(p->nik);
        auto r = ProposalService(*store, wilayah_).decide_deletion(current_caller(), *id, *execute, body_string(*body, "note"),
                                                                    actor_now());
        if (!r) return reply_errors(res, r.errors());
        reply_json(res, to_json(*r));
      });
}

void ApiServer::add_public_routes() {
  // "Where is my KTP?": the resident gives NIK and birth date; the answer is the status only, and
  // the same 404 whether the NIK is unknown or the birth date wrong.
  add("GET", "/api/v1/public/ektp-status", "/api/v1/public/ektp-status", {Permission::Public, ScopeBy::None, "", true},
      [this](const httplib::Request& req, httplib::Response& res) {
        const std::string nik = param(req, "nik"), birth = param(req, "birth_date");
        auto store = stores_.acquire();
        auto r = nik.size() == 16 ? store->find_resident(nik) : std::nullopt;
        auto rec = r && r->birth_date.iso() == birth ? store->ektp_record(nik) : std::nullopt;
        AuditScope audit({utc_now_iso(), "public", "", "GET /api/v1/public/ektp-status", nik.substr(0, 16),
                          std::string(rec ? "answered" : "no match") + " for " + req.remote_addr});
        {
          StoreTransaction tx(*store);
          tx.commit();
        }
        const bool matched = r && r->birth_date.iso() == birth;
        if (!matched)
          return reply_error(res, 404, "NOT_FOUND", "no e-KTP record matches this NIK and birth date (data tidak ditemukan)");
        // [10] Where to record: the resident's own kecamatan, or the nearest one that can when its
        // equipment is broken.
        nlohmann::json recording = nullptr;
        if (r->village_code.size() >= 8) {
          EquipmentService equipment(*store, wilayah_);
          auto place = equipment.continuity(r->village_code.substr(0, 8));
          if (place && !place->empty()) {
            const auto& c = place->front();
            const Region* own = wilayah_.find(c.row.kecamatan);
            recording = {{"kecamatan", c.row.kecamatan}, {"kecamatan_name", own ? own->name : ""}, {"can_record", c.row.can_record},
                         {"serve_at", c.row.serve_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.row.serve_at)},
                         {"serve_at_name", c.serve_at_name}, {"distance_km", std::round(c.row.distance_km * 10) / 10}};
          }
        }
        // [11] The answer in plain Indonesian next to the machine-readable fields.
        const KtpAnswer a = answer_where_is_my_ktp(*store, wilayah_, nik, server_today());
        nlohmann::json queue = nullptr, suket = nullptr;
        if (a.wait)
          queue = {{"place", a.wait->place}, {"cards_per_day", a.wait->cards_per_day},
                   {"expected_date", a.wait->date ? nlohmann::json(a.wait->date->iso()) : nlohmann::json()},
                   {"days", a.wait->days ? nlohmann::json(*a.wait->days) : nlohmann::json()}};
        if (a.suket)
          suket = {{"number", a.suket->number}, {"valid_until", a.suket->expires.iso()}, {"expired", a.suket_expired}};
        reply_json(res, {{"status", a.status}, {"since", rec ? nlohmann::json(rec->since) : nlohmann::json()},
                         {"days_in_status", a.days_in_status}, {"recording", recording},
                         {"message", a.words_id}, {"message_en", a.words_en},
                         {"collect_at", {{"office", a.office}, {"name", a.office_name}, {"address", a.office_address}}},
                         {"queue", queue}, {"suket", suket}, {"stuck", a.stuck},
                         {"advice", a.advice_id.empty() ? nlohmann::json() : nlohmann::json(a.advice_id)},
                         {"advice_en", a.advice_en.empty() ? nlohmann::json() : nlohmann::json(a.advice_en)}});
      });
}

}  // namespace ktpel
