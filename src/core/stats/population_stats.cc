#include "core/stats/population_stats.h"

#include <algorithm>
#include <map>

namespace ktpel {

std::string age_band_label(int band) {
  if (band >= kAgeBandCount - 1) return std::to_string(5 * (kAgeBandCount - 1)) + "+";
  return std::to_string(5 * band) + "-" + std::to_string(5 * band + 4);
}

std::array<Date, kAgeBandCount - 1> age_band_cutoffs(Date as_of) {
  std::array<Date, kAgeBandCount - 1> out;
  for (int k = 0; k < kAgeBandCount - 1; ++k) out[k] = as_of.plus_years(-5 * (k + 1));
  return out;
}

void StatsRow::add(const StatsCell& c) {
  const int s = c.sex == Sex::L ? 0 : 1;
  population += c.count;
  (s == 0 ? male : female) += c.count;
  bands[std::clamp(c.band, 0, kAgeBandCount - 1)][s] += c.count;
  if (c.adult || c.ever_married) {
    wajib_ktp += c.count;
    (s == 0 ? wajib_ktp_male : wajib_ktp_female) += c.count;
  }
}

PopulationStats aggregate_stats(const std::vector<StatsCell>& cells, Date as_of) {
  std::map<std::string, StatsRow> rows;
  PopulationStats out;
  out.as_of = as_of;
  for (const auto& c : cells) {
    auto& row = rows[c.code];
    row.code = c.code;
    row.add(c);
    out.total.add(c);
  }
  for (auto& [code, row] : rows) out.rows.push_back(std::move(row));
  return out;
}

}  // namespace ktpel
