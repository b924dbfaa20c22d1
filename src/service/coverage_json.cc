#include "service/coverage_json.h"

#include <cmath>

namespace ktpel {
namespace {

double round2(double v) { return std::round(v * 100) / 100; }

}  // namespace

nlohmann::json to_json(const CoverageRow& r) {
  nlohmann::json counts = nlohmann::json::object();
  for (int i = 0; i < kBandsStart; ++i) counts[std::string(coverage_name(i))] = r.counters[static_cast<size_t>(i)];
  nlohmann::json bands = nlohmann::json::array();
  for (int b = 0; b < kAgeBandCount; ++b)
    bands.push_back({{"band", age_band_label(b)},
                     {"male", r.counters[static_cast<size_t>(kBandsStart + 2 * b)]},
                     {"female", r.counters[static_cast<size_t>(kBandsStart + 2 * b + 1)]}});
  return {{"code", r.code},
          {"name", r.name},
          {"counts", counts},
          {"age_bands", bands},
          {"recording_pct", round2(r.recording_pct)},
          {"akta_pct", round2(r.akta_pct)},
          {"ikd_pct", round2(r.ikd_pct)},
          {"recording_gap", round2(r.recording_gap)},
          {"akta_gap", round2(r.akta_gap)},
          {"ikd_gap", round2(r.ikd_gap)},
          {"recording_rank", r.recording_rank}};
}

nlohmann::json to_json(const CoverageReport& r, Level level) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : r.rows) rows.push_back(to_json(row));
  return {{"as_of", r.as_of.iso()},
          {"level", level_name(level)},
          {"targets", {{"recording", r.targets.recording}, {"akta", r.targets.akta}, {"ikd", r.targets.ikd}}},
          {"total", to_json(r.total)},
          {"rows", rows}};
}

}  // namespace ktpel
