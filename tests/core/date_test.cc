#include "core/common/date.h"

#include <gtest/gtest.h>

namespace ktpel {

TEST(Date, ParsesStrictIso) {
  auto d = Date::parse_iso("2024-02-29");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year, 2024);
  EXPECT_EQ(d->month, 2);
  EXPECT_EQ(d->day, 29);
  for (const char* bad : {"2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "24-01-01", "2024/01/01", "2024-1-01",
                          "", "2024-01-01x", "abcd-ef-gh"})
    EXPECT_FALSE(Date::parse_iso(bad)) << bad;
}

TEST(Date, DaysRoundTripAcrossCenturies) {
  for (long d = -800000; d <= 800000; d += 997) EXPECT_EQ(Date::from_days(d).to_days(), d);
  EXPECT_EQ((Date{1970, 1, 1}.to_days()), 0);
  EXPECT_EQ((Date{2000, 3, 1}.to_days() - Date{2000, 2, 28}.to_days()), 2);  // 2000 is leap
  EXPECT_EQ((Date{1900, 3, 1}.to_days() - Date{1900, 2, 28}.to_days()), 1);  // 1900 is not
}

TEST(Date, AgeCountsCompletedYears) {
  const Date birth{2007, 12, 31};
  EXPECT_EQ(birth.age_on({2024, 12, 30}), 16);
  EXPECT_EQ(birth.age_on({2024, 12, 31}), 17);
  const Date leapling{2008, 2, 29};
  EXPECT_EQ(leapling.age_on({2025, 2, 28}), 16);
  EXPECT_EQ(leapling.age_on({2025, 3, 1}), 17);
  EXPECT_EQ((Date{2024, 2, 29}.plus_years(-17)), (Date{2007, 2, 28}));
}

TEST(Date, LongIndonesianForm) {
  EXPECT_EQ(long_date_id({2026, 12, 6}), "6 Desember 2026");
  EXPECT_EQ(long_date_id({1990, 1, 5}), "5 Januari 1990");
  EXPECT_EQ(long_date_id({2025, 5, 1}), "1 Mei 2025");
}

}  // namespace ktpel
