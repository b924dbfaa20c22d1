#include "core/synth/demography.h"

#include <algorithm>

namespace ktpel {

Demography make_demography(const std::vector<FiveYearCount>& pyramid, const std::vector<MaritalCount>& marital,
                           std::vector<std::pair<std::string, double>> religion_shares) {
  Demography d;
  std::array<std::array<double, 20>, 2> band{};
  for (const auto& row : pyramid) {
    const int b = row.from_age / 5;
    if (b >= 0 && b < 20) {
      band[0][b] = row.male;
      band[1][b] = row.female;
    }
  }
  // 0-4: SP2020 shows a cohort slightly smaller than 5-9 (sex ratio 107 at both).
  for (int s = 0; s < 2; ++s) band[s][0] = band[s][0] > 0 ? band[s][0] : band[s][1] * 0.96;
  // 60+: survival ratios relative to 55-59, women outliving men (SP2020: 65+ = 5.95 %).
  const double male_ratio[] = {0.80, 0.60, 0.40, 0.24, 0.12, 0.05, 0.015, 0.004};
  const double female_ratio[] = {0.84, 0.66, 0.46, 0.30, 0.17, 0.08, 0.025, 0.008};
  for (int k = 0; k < 8; ++k) {
    if (band[0][12 + k] == 0) band[0][12 + k] = band[0][11] * male_ratio[k];
    if (band[1][12 + k] == 0) band[1][12 + k] = band[1][11] * female_ratio[k];
  }
  for (int s = 0; s < 2; ++s)
    for (int age = 0; age <= kMaxAge; ++age) d.age_weight[s][age] = band[s][age / 5] / 5.0;

  std::array<std::array<std::array<double, 4>, 20>, 2> counts{};
  for (const auto& m : marital) {
    const int b = m.from_age / 5;
    if (b >= 0 && b < 20 && m.status >= 0 && m.status < 4) counts[m.sex][b][m.status] += m.count;
  }
  for (int s = 0; s < 2; ++s) {
    for (int b = 0; b < 20; ++b) {
      auto c = counts[s][b];
      double total = c[0] + c[1] + c[2] + c[3];
      if (b < 2) c = {1, 0, 0, 0};  // under 10: never married
      else if (total == 0) {
        // 60+: from 55-59, widowhood rising with age (faster for women).
        c = counts[s][11];
        const double shift = std::min(0.9, (b - 11) * (s ? 0.12 : 0.05));
        const double moved = c[1] * shift;
        c[1] -= moved;
        c[3] += moved;
      }
      total = c[0] + c[1] + c[2] + c[3];
      for (int k = 0; k < 4; ++k) d.marital[s][b][k] = total > 0 ? c[k] / total : (k == 0);
    }
  }
  d.religion_shares = std::move(religion_shares);
  return d;
}

}  // namespace ktpel
