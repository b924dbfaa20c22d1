#include "service/monthly_report_json.h"

#include <cstdio>

namespace ktpel {

nlohmann::json to_json(const ReportFigures& f) {
  return {{"population", f.population},       {"wajib_ktp", f.wajib_ktp},         {"recorded_wajib", f.recorded_wajib},
          {"still_to_record", f.still_to_record}, {"recording_pct", f.recording_pct}, {"prr", f.prr},
          {"printed", f.printed},             {"delivered", f.delivered},         {"suket_held", f.suket_held},
          {"suket_expired", f.suket_expired}, {"children", f.children},           {"children_akta", f.children_akta},
          {"akta_pct", f.akta_pct},           {"ikd_activated", f.ikd_activated}, {"ikd_eligible", f.ikd_eligible},
          {"ikd_pct", f.ikd_pct}};
}

namespace {
nlohmann::json row_json(const ReportRow& r) { return {{"code", r.code}, {"name", r.name}, {"now", to_json(r.now)}, {"before", to_json(r.before)}}; }
}  // namespace

nlohmann::json to_json(const MonthlyReport& r) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : r.rows) rows.push_back(row_json(row));
  const auto& l = r.letterhead;
  char month[8];
  std::snprintf(month, sizeof month, "%04d-%02d", r.year, r.month);
  return {{"code", r.code},
          {"name", r.name},
          {"level", std::string(level_name(r.level))},
          {"month", month},
          {"as_of", r.as_of.iso()},
          {"previous", r.previous.iso()},
          {"signed_on", r.signed_on.iso()},
          {"targets", {{"recording", r.targets.recording}, {"akta", r.targets.akta}, {"ikd", r.targets.ikd}}},
          {"letterhead",
           {{"government", l.government}, {"office", l.office}, {"address", l.address}, {"place", l.place}, {"head_title", l.head_title}, {"head_region", l.head_region}, {"head_name", l.head_name},
            {"head_nip", l.head_nip}}},
          {"total", row_json(r.total)},
          {"rows", rows}};
}

}  // namespace ktpel
