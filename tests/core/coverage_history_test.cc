// [11] A resident's coverage facts on an earlier day, from the dated history: what the monthly
// report's "last month" column is made of.
#include "core/stats/coverage_history.h"

#include <gtest/gtest.h>

namespace ktpel {
namespace {

CoverageHistory adult() {
  CoverageHistory h;
  h.now.nik = "6571014501900001";
  h.now.village_code = "65.71.01.1001";
  h.now.birth_date = {1990, 1, 5};
  h.now.status = EktpStatus::PRINTED;
  h.now.status_since = {2026, 11, 20};
  h.now.ikd_activated = true;
  h.transitions = {{{2026, 10, 2}, EktpStatus::PRR}, {{2026, 11, 20}, EktpStatus::PRINTED}};
  return h;
}

TEST(CoverageHistory, TheStatusOfTheLastTransitionByThatDay) {
  const CoverageHistory h = adult();
  EXPECT_FALSE(coverage_facts_on(h, {2026, 10, 1}).status);  // not recorded yet
  EXPECT_FALSE(coverage_facts_on(h, {2026, 10, 1}).ikd_activated);
  const auto oct = coverage_facts_on(h, {2026, 10, 31});
  EXPECT_EQ(oct.status, EktpStatus::PRR);
  EXPECT_EQ(oct.status_since, (Date{2026, 10, 2}));
  EXPECT_EQ(coverage_facts_on(h, {2026, 11, 20}).status, EktpStatus::PRINTED);  // the day itself counts
  // The counters see a PRR at the end of October and a printed card at the end of November.
  EXPECT_EQ(coverage_contribution(oct, {2026, 10, 31})[kPrr], 1);
  EXPECT_EQ(coverage_contribution(coverage_facts_on(h, {2026, 11, 30}), {2026, 11, 30})[kPrinted], 1);
}

TEST(CoverageHistory, DeathAktaAndRecordsWithoutTransitions) {
  CoverageHistory h = adult();
  h.now.alive = false;
  h.death_date = Date{2026, 11, 15};
  EXPECT_TRUE(coverage_facts_on(h, {2026, 11, 14}).alive);
  EXPECT_FALSE(coverage_facts_on(h, {2026, 11, 15}).alive);
  h.now.has_akta = true;
  h.akta_issued = Date{2026, 11, 1};
  EXPECT_FALSE(coverage_facts_on(h, {2026, 10, 31}).has_akta);
  EXPECT_TRUE(coverage_facts_on(h, {2026, 11, 1}).has_akta);
  h.transitions.clear();  // a record kept without its history: from the day of its status
  EXPECT_FALSE(coverage_facts_on(h, {2026, 11, 19}).status);
  EXPECT_EQ(coverage_facts_on(h, {2026, 11, 20}).status, EktpStatus::PRINTED);
}

TEST(CoverageHistory, SuketsHeldAndExpired) {
  const SuketSpan s{"65.71.01.1001", {2026, 5, 1}, {2026, 11, 1}, Date{2026, 12, 3}};
  EXPECT_FALSE(suket_held_on(s, {2026, 4, 30}));
  EXPECT_TRUE(suket_held_on(s, {2026, 5, 1}));
  EXPECT_FALSE(suket_expired_on(s, {2026, 11, 1}));  // valid through its last day
  EXPECT_TRUE(suket_expired_on(s, {2026, 11, 2}));
  EXPECT_FALSE(suket_held_on(s, {2026, 12, 3}));  // a card replaced it that day
}

}  // namespace
}  // namespace ktpel
