// Demographic inputs of the generator, from published figures (data/facts): single-year age
// weights by sex, ever-married share by age and sex, and religion shares of the province.
#pragma once
#include <array>
#include <string>
#include <utility>
#include <vector>

namespace ktpel {

inline constexpr int kMaxAge = 99;

struct Demography {
  // weight of each single year of age 0..kMaxAge, [0]=male [1]=female
  std::array<std::array<double, kMaxAge + 1>, 2> age_weight{};
  // share of each marital status by 5-year band (index age/5) and sex:
  // [sex][band] = {belum kawin, kawin, cerai hidup, cerai mati}
  std::array<std::array<std::array<double, 4>, 20>, 2> marital{};
  std::vector<std::pair<std::string, double>> religion_shares;  // SIAK spelling, percent
};

struct FiveYearCount {  // one row of age_sex_pyramid.csv
  int from_age;
  double male, female;
};
struct MaritalCount {   // one row of marital_status.csv (national)
  int from_age;
  int sex;     // 0 male, 1 female
  int status;  // 0 belum kawin, 1 kawin, 2 cerai hidup, 3 cerai mati
  double count;
};

// Builds single-year weights from 5-year counts. Ages outside the published bands (0-4 and 60+)
// are extrapolated with documented ratios (see docs/synthetic-population.md).
Demography make_demography(const std::vector<FiveYearCount>& pyramid, const std::vector<MaritalCount>& marital,
                           std::vector<std::pair<std::string, double>> religion_shares);

}  // namespace ktpel
