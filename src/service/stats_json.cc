#include "service/stats_json.h"

namespace ktpel {

static nlohmann::json row_json(const StatsRow& r) {
  nlohmann::json bands = nlohmann::json::array();
  for (int b = 0; b < kAgeBandCount; ++b)
    bands.push_back({{"band", age_band_label(b)}, {"male", r.bands[b][0]}, {"female", r.bands[b][1]}});
  return {{"code", r.code},
          {"name", r.name},
          {"population", r.population},
          {"male", r.male},
          {"female", r.female},
          {"wajib_ktp", r.wajib_ktp},
          {"wajib_ktp_male", r.wajib_ktp_male},
          {"wajib_ktp_female", r.wajib_ktp_female},
          {"age_bands", bands}};
}

nlohmann::json to_json(const PopulationStats& s, std::string_view level) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : s.rows) rows.push_back(row_json(r));
  return {{"as_of", s.as_of.iso()}, {"level", level}, {"rows", rows}, {"total", row_json(s.total)}};
}

}  // namespace ktpel
