// Population statistics per wilayah: population by sex and five-year age band, and wajib KTP.
// The store returns pre-grouped cells (one scan, grouped by region/sex/band/adult/married);
// this module turns them into rows, with a total that must equal the parent's figure.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/registry/sex.h"

namespace ktpel {

inline constexpr int kAgeBandCount = 16;  // 0-4, 5-9, ..., 70-74, 75+
std::string age_band_label(int band);
// Band boundaries for a date: band k holds birth dates in (cutoff[k], cutoff[k-1]];
// cutoff[k] = as_of - 5(k+1) years. The last band is open.
std::array<Date, kAgeBandCount - 1> age_band_cutoffs(Date as_of);

struct StatsCell {          // one GROUP BY cell from the store
  std::string code;         // region code at the requested level
  Sex sex = Sex::L;
  int band = 0;
  bool adult = false;       // age >= 17 on as_of
  bool ever_married = false;
  int64_t count = 0;
};

struct StatsRow {
  std::string code, name;
  int64_t population = 0, male = 0, female = 0;
  int64_t wajib_ktp = 0, wajib_ktp_male = 0, wajib_ktp_female = 0;
  std::array<std::array<int64_t, 2>, kAgeBandCount> bands{};  // [band][0=L,1=P]
  void add(const StatsCell& c);
};

struct PopulationStats {
  Date as_of;
  std::vector<StatsRow> rows;  // sorted by code
  StatsRow total;              // sum of rows (the parent region)
};

PopulationStats aggregate_stats(const std::vector<StatsCell>& cells, Date as_of);

}  // namespace ktpel
