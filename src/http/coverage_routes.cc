// Coverage per wilayah (the dashboard's numbers): rows of one level under a region, with targets,
// gaps and ranks, and the daily trend of one region. Reads counters, never scans residents.
#include "http/api_server.h"
#include "http/http_util.h"
#include "service/coverage_json.h"
#include "service/coverage_service.h"

namespace ktpel {

using namespace http;

void ApiServer::add_coverage_routes() {
  add("GET", "/api/v1/coverage", "/api/v1/coverage", {Permission::AggregateRead, ScopeBy::Query, "code"}, [this](const httplib::Request& req, httplib::Response& res) {
    auto level = parse_level(req.has_param("level") ? req.get_param_value("level") : "kabupaten");
    if (!level) return reply_error(res, 400, "BAD_PARAMETER", "level must be provinsi, kabupaten, kecamatan or desa", "level");
    auto day = date_param(req, res, "as_of");  // a read: computed for that day, the counters stay the clock's
    if (!day) return;
    auto store = stores_.acquire();
    CoverageService svc(*store, wilayah_);
    auto rep = svc.report(*level, param(req, "code"), *day, server_today());
    if (!rep) return reply_errors(res, rep.errors());
    reply_json(res, to_json(*rep, *level));  // rows above the caller's scope: ApiServer::add filters them
  });
  add("GET", "/api/v1/coverage/series", "/api/v1/coverage/series", {Permission::AggregateRead, ScopeBy::Query, "code"}, [this](const httplib::Request& req, httplib::Response& res) {
    auto days = int_param(req, res, "days", 90, 1, 3660);
    if (!days) return;
    auto as_of = date_param(req, res, "as_of");
    if (!as_of) return;
    auto store = stores_.acquire();
    CoverageService svc(*store, wilayah_);
    auto trend = svc.trend(param(req, "code"), *as_of, server_today(), static_cast<int>(*days));
    if (!trend) return reply_errors(res, trend.errors());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& [day, row] : trend->days) {
      auto j = to_json(row);
      j["day"] = day.iso();
      j.erase("age_bands");
      items.push_back(j);
    }
    const auto& pace = trend->pace;
    reply_json(res, {{"items", items},
                     {"recording_pct", trend->today.recording_pct},
                     {"recording_pct_per_day", pace.recording_pct_per_day},
                     {"days_to_target", pace.days_to_target ? nlohmann::json(*pace.days_to_target) : nlohmann::json()}});
  });
}

}  // namespace ktpel
