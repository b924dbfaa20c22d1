// The jemput bola planner: capacity per team-day, priority order, totals, and the empty cases.
#include "core/equipment/outreach_planner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ktpel {
namespace {

OutreachInput regency(int teams, int days) {
  OutreachInput in;
  in.teams = teams;
  in.days = days;
  in.start = Date{2026, 3, 2};
  // code, lat, lon, unrecorded, IKD not activated, km to a working kecamatan
  in.desa = {{"65.02.01.2001", 3.30, 117.00, 300, 100, 5},   {"65.02.01.2002", 3.32, 117.02, 200, 400, 30},
             {"65.02.02.2001", 3.60, 116.80, 500, 0, 0},     {"65.02.02.2002", 3.62, 116.82, 90, 50, 45},
             {"65.02.03.2001", 3.10, 117.30, 150, 150, 12},  {"65.02.03.2002", 3.11, 117.31, 0, 0, 50},
             {"65.02.04.2001", 3.90, 117.50, 40, 10, 60}};
  return in;
}

// Every visit of a plan, by desa: the people served there in all.
std::map<std::string, int64_t> served(const OutreachPlan& p) {
  std::map<std::string, int64_t> by;
  for (const auto& d : p.days)
    for (const auto& v : d.visits) by[v.desa] += v.expected_recordings + v.expected_ikd;
  return by;
}

TEST(OutreachPlanner, RespectsTeamCapacityAndExpectedTurnout) {
  const auto in = regency(2, 10);
  auto plan = plan_outreach(in);
  ASSERT_TRUE(plan.ok()) << plan.error().message_en;
  for (const auto& d : plan->days) {
    EXPECT_LE(d.visits.size(), 2u);
    std::map<int, int> per_team;
    for (const auto& v : d.visits) {
      EXPECT_LE(v.expected_recordings + v.expected_ikd, in.settings.people_per_team_day);
      EXPECT_GE(v.expected_recordings, 0);
      EXPECT_GE(v.expected_ikd, 0);
      EXPECT_EQ(++per_team[v.team], 1) << "a team is at one desa a day";
    }
  }
  // Nobody is served twice: at most the turnout of the desa.
  const auto by = served(*plan);
  for (const auto& r : plan->ranking)
    if (by.count(r.code)) {
      EXPECT_LE(by.at(r.code), r.expected_recordings + r.expected_ikd) << r.code;
    }
}

TEST(OutreachPlanner, HigherPriorityFirst) {
  auto plan = plan_outreach(regency(1, 8));
  ASSERT_TRUE(plan.ok());
  const auto& r = plan->ranking;
  for (size_t i = 1; i < r.size(); ++i) EXPECT_GE(r[i - 1].priority, r[i].priority);
  // 200 unrecorded 30 km out (and 400 IKD) outranks 500 next to a working desk.
  EXPECT_EQ(r[0].code, "65.02.01.2002");
  EXPECT_EQ(plan->days.at(0).visits.at(0).desa, r[0].code);
  // A desa left out never outranks one visited (those with nobody to serve aside).
  const auto by = served(*plan);
  double least_visited = 1e300;
  for (const auto& x : r)
    if (by.count(x.code)) least_visited = std::min(least_visited, x.priority);
  for (const auto& x : r)
    if (!by.count(x.code) && x.team_days_needed > 0) {
      EXPECT_LE(x.priority, least_visited) << x.code;
    }
  EXPECT_LT(by.size(), r.size());  // 8 team-days do not reach everyone
}

TEST(OutreachPlanner, TotalsAreTheSumOfTheDays) {
  auto plan = plan_outreach(regency(2, 5));
  ASSERT_TRUE(plan.ok());
  int64_t rec = 0, ikd = 0, used = 0;
  for (const auto& d : plan->days) {
    EXPECT_EQ(d.date, (Date{2026, 3, 2}.plus_days(d.day)));
    for (const auto& v : d.visits) rec += v.expected_recordings, ikd += v.expected_ikd, ++used;
  }
  EXPECT_EQ(plan->expected_recordings, rec);
  EXPECT_EQ(plan->expected_ikd, ikd);
  EXPECT_EQ(plan->people_reached, rec + ikd);
  EXPECT_EQ(plan->team_days_used, used);
  EXPECT_EQ(plan->team_days_available, 10);
  EXPECT_EQ(used, 10);  // more work than days: no team idles
}

TEST(OutreachPlanner, ZeroTeamsOrDays) {
  for (auto [teams, days] : {std::pair{0, 10}, std::pair{2, 0}}) {
    auto plan = plan_outreach(regency(teams, days));
    ASSERT_TRUE(plan.ok());
    EXPECT_EQ(plan->people_reached, 0);
    EXPECT_EQ(plan->team_days_used, 0);
    for (const auto& d : plan->days) EXPECT_TRUE(d.visits.empty());
    EXPECT_EQ(plan->ranking.size(), 7u);
  }
}

TEST(OutreachPlanner, MoreCapacityThanPeopleReachesEveryone) {
  auto plan = plan_outreach(regency(5, 30));
  ASSERT_TRUE(plan.ok());
  int64_t everyone = 0;
  for (const auto& r : plan->ranking) everyone += r.expected_recordings + r.expected_ikd;
  EXPECT_EQ(plan->people_reached, everyone);
  EXPECT_LT(plan->team_days_used, plan->team_days_available);
  // round(0.6 × 300) = 180 recordings and 60 activations at the first desa: four team-days.
  for (const auto& r : plan->ranking)
    if (r.code == "65.02.01.2001") {
      EXPECT_EQ(r.team_days_needed, 4);
    }
  EXPECT_EQ(served(*plan).count("65.02.03.2002"), 0u);  // nobody to serve there
}

TEST(OutreachPlanner, NextDesaIsTheNearestStillWaiting) {
  OutreachInput in = regency(1, 30);
  in.settings.people_per_team_day = 1000;  // one day per desa
  auto plan = plan_outreach(in);
  ASSERT_TRUE(plan.ok());
  // First the top desa (65.02.01.2002), then its neighbour 65.02.01.2001 (3 km), not the next by
  // priority.
  ASSERT_GE(plan->days.size(), 2u);
  EXPECT_EQ(plan->days[0].visits.at(0).desa, "65.02.01.2002");
  EXPECT_EQ(plan->days[1].visits.at(0).desa, "65.02.01.2001");
}

TEST(OutreachPlanner, NamesTheFieldAtFault) {
  auto in = regency(-1, 3);
  auto bad = plan_outreach(in);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "OUTREACH_PLAN_FIELD");
  EXPECT_EQ(bad.error().field, "teams");
  in = regency(1, 3);
  in.settings.turnout_share = 1.5;
  EXPECT_EQ(plan_outreach(in).error().field, "turnout_share");
  in = regency(1, 3);
  in.desa.push_back(in.desa[0]);
  EXPECT_EQ(plan_outreach(in).error().field, "desa.code");
}

}  // namespace
}  // namespace ktpel
