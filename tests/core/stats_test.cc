#include "core/stats/population_stats.h"

#include <gtest/gtest.h>

namespace ktpel {

TEST(PopulationStats, BandsAndCutoffs) {
  EXPECT_EQ(age_band_label(0), "0-4");
  EXPECT_EQ(age_band_label(3), "15-19");
  EXPECT_EQ(age_band_label(kAgeBandCount - 1), "75+");
  auto c = age_band_cutoffs({2025, 6, 1});
  EXPECT_EQ(c[0], (Date{2020, 6, 1}));   // born after this: age < 5
  EXPECT_EQ(c[14], (Date{1950, 6, 1}));  // born after this: age < 75
}

TEST(PopulationStats, AggregatesRowsAndTotalWithWajibKtp) {
  std::vector<StatsCell> cells = {
      {"65.01", Sex::L, 0, false, false, 10},  // children
      {"65.01", Sex::P, 3, true, false, 7},    // adults
      {"65.01", Sex::P, 3, false, true, 2},    // married under 17: wajib KTP
      {"65.71", Sex::L, 5, true, true, 5},
  };
  auto s = aggregate_stats(cells, {2025, 6, 1});
  ASSERT_EQ(s.rows.size(), 2u);
  EXPECT_EQ(s.rows[0].code, "65.01");
  EXPECT_EQ(s.rows[0].population, 19);
  EXPECT_EQ(s.rows[0].male, 10);
  EXPECT_EQ(s.rows[0].wajib_ktp, 9);
  EXPECT_EQ(s.rows[0].wajib_ktp_female, 9);
  EXPECT_EQ(s.rows[0].bands[3][1], 9);
  EXPECT_EQ(s.total.population, 24);
  EXPECT_EQ(s.total.wajib_ktp, 14);
  int64_t band_sum = 0;
  for (auto& b : s.total.bands) band_sum += b[0] + b[1];
  EXPECT_EQ(band_sum, s.total.population);
}

}  // namespace ktpel
