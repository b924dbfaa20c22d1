// Coverage per wilayah (the dashboard's numbers): rows of one level under a region, with targets,
// gaps and ranks, and the daily trend of one region. Reads counters, never scans residents.
#include "http/api_server.h"
#include "http/http_util.h"
#include "service/coverage_json.h"
#include "service/coverage_service.h"

namespace ktpel {

using namespace http;

void ApiServer::add_coverage_routes() {
  add("GET", "/api/v1/coverage", "/api/v1/coverage", [this](const httplib::Request& req, httplib::Response& res) {
    auto level = parse_level(req.has_param("level") ? req.get_param_value("level") : "kabupaten");
    if (!level) return reply_error(res, 400, "BAD_PARAMETER", "level must be provinsi, kabupaten, kecamatan or desa", "level");
    auto today = date_param(req, res, "as_of");
    if (!today) return;
    std::lock_guard lock(store_mutex_);
    CoverageService svc(store_, wilayah_);
    auto rep = svc.report(*level, param(req, "code"), *today);
    if (!rep) return reply_error(res, rep.error());
    reply_json(res, to_json(*rep, *level));
  });
  add("GET", "/api/v1/coverage/series", "/api/v1/coverage/series", [this](const httplib::Request& req, httplib::Response& res) {
    auto days = int_param(req, res, "days", 90, 1, 3660);
    if (!days) return;
    auto today = date_param(req, res, "as_of");
    if (!today) return;
    std::lock_guard lock(store_mutex_);
    CoverageService svc(store_, wilayah_);
    svc.roll_to(*today);
    auto s = svc.series(param(req, "code"), today->plus_days(-*days));
    if (!s) return reply_error(res, s.error());
    nlohmann::json items = nlohmann::json::array();
    std::vector<std::pair<Date, double>> daily;
    for (const auto& [day, row] : *s) {
      auto j = to_json(row);
      j["day"] = day.iso();
      j.erase("age_bands");
      items.push_back(j);
      daily.emplace_back(day, row.recording_pct);
    }
    // Today's figure and the pace over the window: days to reach the recording target.
    const std::string code = param(req, "code");
    const auto level = code.empty() ? Level::Provinsi : static_cast<Level>(std::min(4, static_cast<int>(level_of_code(code).value_or(Level::Provinsi))));
    auto now = svc.report(level, code.size() > 2 ? code.substr(0, code.rfind('.')) : std::string(), *today);
    double current = daily.empty() ? 0 : daily.back().second;
    if (now)
      for (const auto& r : now->rows)
        if (r.code == code) current = r.recording_pct;
    if (code.empty() && now) current = now->total.recording_pct;
    const auto pace = recording_pace(daily, current, svc.targets(level).recording);
    reply_json(res, {{"items", items},
                     {"recording_pct", current},
                     {"recording_pct_per_day", pace.recording_pct_per_day},
                     {"days_to_target", pace.days_to_target ? nlohmann::json(*pace.days_to_target) : nlohmann::json()}});
  });
}

}  // namespace ktpel
