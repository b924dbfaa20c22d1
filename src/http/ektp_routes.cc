// e-KTP records: "where is my KTP?", officers' transitions, queues per wilayah, stuck records.
#include "http/api_server.h"
#include "http/http_util.h"
#include "io/files.h"
#include "service/ektp_service.h"
#include "service/duplicate_link.h"
#include "service/print_json.h"

namespace ktpel {

using namespace http;

static nlohmann::json ektp_status_json(const EktpRecord& r, const std::vector<EktpTransition>& history,
                                       const std::optional<CardDelivery>& delivery, const std::optional<DuplicateLink>& duplicate) {
  nlohmann::json h = nlohmann::json::array();
  for (const auto& t : history)
    h.push_back({{"from", t.from ? nlohmann::json(to_string(*t.from)) : nlohmann::json()}, {"to", to_string(t.to)},
                 {"event", t.event}, {"at", t.at}, {"operator", t.operator_id}, {"station", t.station_id}, {"reason", t.reason}});
  return {{"nik", r.nik}, {"status", to_string(r.status)}, {"since", r.since}, {"village_code", r.village_code},
          {"ikd_activated", r.ikd_activated}, {"history", h},
          {"delivery", delivery ? to_json(*delivery) : nlohmann::json(nullptr)},  // the latest hand-over
          {"duplicate_of", to_json(duplicate)}};  // DUPLICATE_RECORD: the NIK it duplicates and the case
}

void ApiServer::add_ektp_routes() {
  add("GET", "/api/v1/ektp/queues", "/api/v1/ektp/queues", {Permission::AggregateRead, ScopeBy::Query, "code"}, [this](const httplib::Request& req, httplib::Response& res) {
    auto level = parse_level(req.has_param("level") ? req.get_param_value("level") : "kabupaten");
    if (!level) return reply_error(res, 400, "BAD_PARAMETER", "level must be provinsi, kabupaten, kecamatan or desa", "level");
    auto store = stores_.acquire();
    EktpService service(*store, wilayah_);
    auto rows = service.queues(*level, param(req, "code"));
    if (!rows) return reply_errors(res, rows.errors());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : *rows) {
      nlohmann::json counts = nlohmann::json::object();
      for (auto s : all_ektp_statuses()) counts[std::string(to_string(s))] = r.counts.count(s) ? r.counts.at(s) : 0;
      items.push_back({{"code", r.code}, {"name", r.name}, {"counts", counts}});
    }
    reply_json(res, {{"items", items}});
  });
  // Counts only (no NIK): the dashboard's trend and stuck figures for every role that reads aggregates.
  add("GET", "/api/v1/ektp/activity", "/api/v1/ektp/activity", {Permission::AggregateRead, ScopeBy::Query, "code"}, [this](const httplib::Request& req, httplib::Response& res) {
    auto months = int_param(req, res, "months", 24, 0, 240);
    if (!months) return;
    auto days = int_param(req, res, "days", kDefaultStuckDays, 1, 3650);
    if (!days) return;
    auto today = date_param(req, res, "as_of");
    if (!today) return;
    auto store = stores_.acquire();
    EktpService service(*store, wilayah_);
    // No code: the caller's own region (a review found an operator of one kecamatan got the national
    // figures, and started a national scan, by leaving it out); the centre's scope is the nation.
    const std::string code = param(req, "code").empty() ? current_caller().scope : param(req, "code");
    auto monthly = service.monthly(code, *today, static_cast<int>(*months));
    if (!monthly) return reply_error(res, monthly.error());
    auto stuck = service.stuck_counts(code, *today, static_cast<int>(*days));
    if (!stuck) return reply_error(res, stuck.error());
    auto by_status = [](const std::map<EktpStatus, int64_t>& counts) {
      nlohmann::json j = nlohmann::json::object();
      for (auto s : all_ektp_statuses()) j[std::string(to_string(s))] = counts.count(s) ? counts.at(s) : 0;
      return j;
    };
    nlohmann::json items = nlohmann::json::array();
    for (const auto& m : *monthly) items.push_back({{"month", m.month}, {"recorded", m.recorded}, {"reached", by_status(m.reached)}});
    reply_json(res, {{"months", items}, {"stuck", by_status(*stuck)}, {"stuck_days", *days}});
  });
  add("GET", "/api/v1/ektp/stuck", "/api/v1/ektp/stuck", {Permission::PersonRead, ScopeBy::Query, "code"}, [this](const httplib::Request& req, httplib::Response& res) {
    auto days = int_param(req, res, "days", kDefaultStuckDays, 1, 3650);
    if (!days) return;
    auto limit = int_param(req, res, "limit", 500, 1, 100000);
    if (!limit) return;
    auto today = date_param(req, res, "as_of");
    if (!today) return;
    auto store = stores_.acquire();
    EktpService service(*store, wilayah_);
    auto stuck = service.stuck(param(req, "code"), *today, static_cast<int>(*days), *limit);
    if (!stuck) return reply_errors(res, stuck.errors());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& s : *stuck) {
      items.push_back({{"nik", s.record.nik}, {"status", to_string(s.record.status)}, {"since", s.record.since.iso()},
                       {"days", s.days}, {"village_code", s.record.village_code}});
      if (s.record.status == EktpStatus::DUPLICATE_RECORD)
        items.back()["duplicate_of"] = to_json(store->duplicate_link(s.record.nik));
    }
    reply_json(res, {{"items", items}, {"days", *days}});
  });
  add("GET", "/api/v1/ektp/{nik}", R"(/api/v1/ektp/([0-9]+))", {Permission::PersonRead, ScopeBy::NikInPath}, [this](const httplib::Request& req, httplib::Response& res) {
    const std::string nik = req.matches[1];
    auto store = stores_.acquire();
    auto r = store->ektp_record(nik);
    if (!r) return reply_error(res, 404, "EKTP_NOT_FOUND", "no e-KTP record for NIK " + nik + " yet (not recorded)", "nik");
    reply_json(res, ektp_status_json(*r, store->ektp_history(nik), store->last_delivery(nik), duplicate_of(*store, *r)));
  });
  add("POST", "/api/v1/ektp/{nik}/events", R"(/api/v1/ektp/([0-9]+)/events)", {Permission::EktpEvent, ScopeBy::NikInPath}, [this](const httplib::Request& req, httplib::Response& res) {
    auto body = json_body(req, res);
    if (!body) return;
    const std::string ev = body_string(*body, "event");
    auto event = parse_ektp_event(ev);
    if (!event) return reply_error(res, 422, "ENUM_VALUE", "event '" + ev + "' is not an e-KTP event", "event");
    const std::string reason = body_string(*body, "reason");
        if (*event == EktpEvent::ResolveNotDuplicate && !current_caller().may(Permission::Adjudicate))
      return reply_error(res, 403, "FORBIDDEN", "resolve_not_duplicate is an adjudication decision (needs permission adjudicate)");
    EktpActor actor{current_caller().username,
                    req.has_header("X-Station") ? req.get_header_value("X-Station") : "centre", utc_now_iso()};
    auto store = stores_.acquire();
    EktpService service(*store, wilayah_);
    auto r = service.transition(req.matches[1], *event, actor, reason);
    if (!r) return reply_error(res, r.error().code == "EKTP_NOT_FOUND" ? 404 : 409, r.error().code, r.error().message_en, r.error().field);
    reply_json(res, ektp_status_json(*r, store->ektp_history(r->nik), store->last_delivery(r->nik), duplicate_of(*store, *r)));
  });
}

}  // namespace ktpel
