// Dedup comparators: bit-parallel string measures against their textbook versions on random
// strings, known values, and the date and initials rules.
#include "core/dedup/comparators.h"

#include <gtest/gtest.h>

#include "core/synth/random.h"

namespace ktpel {
namespace {

std::string random_word(Rng& rng, size_t max_len) {
  static constexpr char kAlphabet[] = "aaiiuuenmrsthk";  // a small alphabet makes near-matches common
  std::string s(rng.below(max_len + 1), ' ');
  for (auto& c : s) c = kAlphabet[rng.below(sizeof kAlphabet - 1)];
  return s;
}

TEST(Comparators, BitParallelAgreesWithTheReference) {
  Rng rng(2024);
  for (int i = 0; i < 5000; ++i) {
    const std::string a = random_word(rng, i % 10 == 0 ? 80 : 20), b = random_word(rng, i % 10 == 0 ? 80 : 20);
    ASSERT_NEAR(jaro_winkler(a, b), jaro_winkler_reference(a, b), 1e-12) << a << " / " << b;
    ASSERT_EQ(osa_distance(a, b), osa_distance_reference(a, b)) << a << " / " << b;
    ASSERT_EQ(osa_distance(a, b), osa_distance(b, a));
    const double jw = jaro_winkler(a, b);
    ASSERT_GE(jw, 0.0);
    ASSERT_LE(jw, 1.0);
  }
}

TEST(Comparators, KnownValues) {
  EXPECT_NEAR(jaro_winkler("martha", "marhta"), 0.9611, 1e-4);  // Winkler's classic examples
  EXPECT_NEAR(jaro_winkler("dwayne", "duane"), 0.84, 1e-4);
  EXPECT_NEAR(jaro_winkler("dixon", "dicksonx"), 0.8133, 1e-4);
  EXPECT_EQ(jaro_winkler("siti", "siti"), 1.0);
  EXPECT_EQ(jaro_winkler("", "siti"), 0.0);
  EXPECT_EQ(osa_distance("aminah", "amniah"), 1);  // one transposition
  EXPECT_EQ(osa_distance("ca", "abc"), 3);         // OSA, not full Damerau (which gives 2)
  EXPECT_EQ(osa_distance("", "siti"), 4);
  EXPECT_EQ(osa_distance("sulistyowati", "sulistiyowati"), 1);
}

TEST(Comparators, TokenSetAndInitials) {
  EXPECT_DOUBLE_EQ(token_set_similarity({"siti", "aminah"}, {"aminah", "siti"}), 1.0);
  EXPECT_DOUBLE_EQ(token_set_similarity({"aminah"}, {"siti", "aminah"}), 1.0);
  EXPECT_LT(token_set_similarity({"budi", "santoso"}, {"siti", "aminah"}), 0.7);
  EXPECT_TRUE(initials_compatible({"s", "aminah"}, {"siti", "aminah"}));
  EXPECT_FALSE(initials_compatible({"r", "aminah"}, {"siti", "aminah"}));
  EXPECT_FALSE(initials_compatible({"siti", "aminah"}, {"siti", "aminah"}));  // no initials: not this rule
}

TEST(Comparators, Dates) {
  const Date d{1990, 3, 7};
  EXPECT_EQ(compare_dates(d, d), DateAgreement::Exact);
  EXPECT_EQ(compare_dates(d, {1990, 7, 3}), DateAgreement::DayMonthSwapped);
  EXPECT_EQ(compare_dates(d, {1990, 3, 8}), DateAgreement::OneDigit);
  EXPECT_EQ(compare_dates(d, {1980, 3, 7}), DateAgreement::OneDigit);
  EXPECT_EQ(compare_dates(d, {1990, 1, 1}), DateAgreement::Placeholder);
  EXPECT_EQ(compare_dates({1990, 12, 31}, d), DateAgreement::Placeholder);
  EXPECT_EQ(compare_dates(d, {1990, 11, 20}), DateAgreement::SameYear);
  EXPECT_EQ(compare_dates(d, {1991, 11, 20}), DateAgreement::Different);
  EXPECT_EQ(to_string(DateAgreement::DayMonthSwapped), "day_month_swapped");
}

TEST(Comparators, DistanceBetweenCentroids) {
  EXPECT_NEAR(distance_km(-6.2, 106.8, -6.2, 106.8), 0, 1e-9);
  EXPECT_NEAR(distance_km(-6.2088, 106.8456, -6.9175, 107.6191), 116, 5);  // Jakarta - Bandung
  EXPECT_NEAR(distance_km(0, 0, 0, 1), 111.19, 0.1);
}

}  // namespace
}  // namespace ktpel
