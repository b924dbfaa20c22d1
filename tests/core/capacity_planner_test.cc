#include "core/print/capacity_planner.h"

#include <gtest/gtest.h>

#include <cmath>
#include <array>
#include <cstdio>
#include <sstream>

#include "core/synth/random.h"
#include "core/wilayah/catalog.h"
#include "support/glpk.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

PlannerOffice office(const std::string& code, int64_t backlog, int printers, int64_t per_day, int64_t blanks) {
  PlannerOffice o;
  o.code = code;
  o.backlog = backlog;
  o.printer_caps.assign(static_cast<size_t>(printers), per_day);
  o.blanks = blanks;
  o.ribbon_cards = 1'000'000;
  if (const Region* r = test::wilayah().find(code)) {
    o.name = r->name;
    o.lat = r->lat.value_or(0);
    o.lon = r->lon.value_or(0);
  }
  return o;
}

TEST(DaysToClear, PrintsUntilBlanksRunOutThenWaitsForTheTranche) {
  EXPECT_DOUBLE_EQ(*days_to_clear(1000, 200, 5000, {}), 5.0);
  EXPECT_DOUBLE_EQ(*days_to_clear(0, 0, 0, {}), 0.0);
  EXPECT_FALSE(days_to_clear(10, 0, 100, {}));           // no printer
  EXPECT_FALSE(days_to_clear(1000, 200, 500, {}));       // no more blanks coming
  // 400 blanks last 2 days; the tranche lands on day 10; 600 more take 3 days.
  EXPECT_DOUBLE_EQ(*days_to_clear(1000, 200, 400, {{10, 5000}}), 13.0);
  // A tranche that lands before the stock runs out costs nothing.
  EXPECT_DOUBLE_EQ(*days_to_clear(1000, 200, 600, {{1, 5000}}), 5.0);
}

// The Kalimantan Timur report of 2020-05-12 (../shared/facts/field_reports.csv): 103,068 suket,
// 53 printers in 10 regencies at 200 cards/day, 26,855 blanks, tranches of 65,000 and 30,000.
// Per-regency suket: Kutai Kartanegara 50,645, Balikpapan 21,537, Kutai Timur 15,354, Samarinda
// 8,018; Penajam Paser Utara, Kutai Barat and Mahakam Ulu have none; the remaining 7,514 are
// spread over Paser, Berau and Bontang. How the 53 printers and 26,855 blanks are spread is not
// reported: 5 per regency plus one more in the three biggest, blanks in proportion to backlog.
std::vector<PlannerOffice> kaltim() {
  std::vector<PlannerOffice> v = {
      office("64.02", 50645, 6, 200, 13000), office("64.71", 21537, 6, 200, 5600), office("64.08", 15354, 5, 200, 4000),
      office("64.72", 8018, 6, 200, 2300),   office("64.01", 2505, 5, 200, 650),   office("64.03", 2505, 5, 200, 650),
      office("64.74", 2504, 5, 200, 655),    office("64.09", 0, 5, 200, 0),         office("64.07", 0, 5, 200, 0),
      office("64.11", 0, 5, 200, 0),
  };
  v.push_back(office("64", 0, 0, 200, 0));  // the province warehouse receives the tranches
  return v;
}

TEST(CapacityPlanner, ReproducesTheKaltimReportAndTheRealNumber) {
  auto offices = kaltim();
  int64_t backlog = 0, printers = 0, blanks = 0;
  for (const auto& o : offices) {
    backlog += o.backlog;
    printers += static_cast<int64_t>(o.printer_caps.size());
    blanks += o.blanks;
  }
  ASSERT_EQ(backlog, 103068);
  ASSERT_EQ(printers, 53);
  ASSERT_EQ(blanks, 26855);
  const std::vector<PlannerTranche> tranches = {{"64", 7, 65000}, {"64", 21, 30000}};

  auto pooled = plan_capacity(offices, tranches, PlannerPolicy{});
  ASSERT_TRUE(pooled) << pooled.error().message_en;
  // The report's arithmetic: 103,068 / (53 × 200) = 9.72 → 10 days.
  EXPECT_NEAR(pooled->pooled_days, 103068.0 / 10600.0, 1e-9);
  EXPECT_EQ(std::ceil(pooled->pooled_days), 10);
  EXPECT_NEAR(pooled->plan_capacity_days, pooled->pooled_days, 0.01 * pooled->pooled_days);
  // As is, Kutai Kartanegara alone needs 50,645 / 1,200 days of printing; with only its own
  // 13,000 blanks (the tranches land at the province) it never finishes.
  EXPECT_NEAR(pooled->as_is_capacity_days, 50645.0 / 1200.0, 1e-9);
  EXPECT_FALSE(pooled->as_is_days);
  EXPECT_EQ(pooled->blank_shortfall, 0);  // 26,855 + 95,000 ≥ 103,068
  // Only 26,855 + 65,000 blanks before day 21: 11,213 cards wait for the second tranche.
  EXPECT_NEAR(*pooled->plan_days, 21.0 + 11213.0 / 10600.0, 1e-3);
  int64_t shared = 0;
  for (const auto& s : pooled->shares) shared += s.cards;
  EXPECT_GT(shared, 0);
  int64_t moved_to_warehouse = 0;
  for (const auto& m : pooled->moves)
    if (m.to == "64") moved_to_warehouse += m.cards;
  EXPECT_EQ(moved_to_warehouse, 0);  // the warehouse prints nothing, needs nothing

  // Printers that cannot move at all: the real number is the slowest regency.
  PlannerPolicy none;
  none.share_radius_km = 0;
  auto fixed = plan_capacity(offices, tranches, none);
  ASSERT_TRUE(fixed);
  EXPECT_NEAR(fixed->plan_capacity_days, 50645.0 / 1200.0, 1e-9);
  EXPECT_NEAR(*fixed->plan_days, 50645.0 / 1200.0, 1e-6);  // the blanks arrive in time for it
  EXPECT_TRUE(fixed->shares.empty());

  // Lending only between neighbours (≤ 150 km) lands between the two.
  PlannerPolicy near;
  near.share_radius_km = 150;
  auto partial = plan_capacity(offices, tranches, near);
  ASSERT_TRUE(partial);
  EXPECT_GT(partial->plan_capacity_days, pooled->plan_capacity_days + 1);
  EXPECT_LT(partial->plan_capacity_days, fixed->plan_capacity_days - 1);
  for (const auto& s : partial->shares) EXPECT_LE(s.km, 150.0);
  EXPECT_FALSE(partial->explanation.empty());
}

TEST(CapacityPlanner, PrefersTheNearestSpareCapacity) {
  std::vector<PlannerOffice> v(3);
  v[0].code = "A", v[0].backlog = 3000, v[0].printer_caps = {100};
  v[1].code = "B", v[1].printer_caps = {100};
  v[2].code = "C", v[2].printer_caps = {100};
  for (auto& o : v) o.blanks = o.ribbon_cards = 1000;
  PlannerPolicy p;
  p.distance_km = {{0, 10, 500}, {10, 0, 490}, {500, 490, 0}};
  auto plan = plan_capacity(v, {}, p);
  ASSERT_TRUE(plan);
  EXPECT_NEAR(plan->plan_capacity_days, 10.0, 1e-3);  // 3,000 / 300
  ASSERT_EQ(plan->shares.size(), 2u);
  for (const auto& s : plan->shares) EXPECT_NEAR(static_cast<double>(s.cards), 1000.0, 1.0);
  // A needs 1,000 blanks (prints 1,000, has 1,000) — no move; the stock is where the work is.
  EXPECT_TRUE(plan->moves.empty());
  // With B far away too, cost decides nothing but the makespan still is 10 days.
  p.share_radius_km = 100;  // only B is near A
  plan = plan_capacity(v, {}, p);
  ASSERT_TRUE(plan);
  EXPECT_NEAR(plan->plan_capacity_days, 15.0, 1e-3);  // A and B share 3,000 at 200/day
}

// [11] The plan's sentences name offices (not codes) and, given the plan's start, calendar days
// with the Indonesian decimal comma ("Kabupaten Malinau mencetak ... untuk Kabupaten Tana Tidung").
TEST(CapacityPlanner, TheExplanationNamesOfficesAndDates) {
  std::vector<PlannerOffice> v = {office("65.02", 0, 2, 250, 5000), office("65.04", 3000, 0, 0, 5000)};
  PlannerPolicy p;
  p.start = Date{2026, 12, 7};
  auto plan = plan_capacity(v, {}, p);
  ASSERT_TRUE(plan);
  std::string all;
  for (const auto& line : plan->explanation) all += line + "\n";
  EXPECT_NE(all.find("Kabupaten Malinau mencetak 3.000 kartu untuk Kabupaten Tana Tidung"), std::string::npos) << all;
  EXPECT_NE(all.find("selesai dalam 6,0 hari kapasitas (sekitar 13 Desember 2026)"), std::string::npos) << all;
  EXPECT_EQ(all.find(" 65.0"), std::string::npos) << all;
}

TEST(CapacityPlanner, ShortagesAndBadInputAreNamed) {
  std::vector<PlannerOffice> v(2);
  v[0].code = "A", v[0].backlog = 1000, v[0].printer_caps = {100}, v[0].blanks = 300, v[0].ribbon_cards = 500;
  v[1].code = "B", v[1].printer_caps = {100}, v[1].blanks = 200, v[1].ribbon_cards = 100;
  PlannerPolicy p;
  p.distance_km = {{0, 5}, {5, 0}};
  auto plan = plan_capacity(v, {{"B", 3, 100}}, p);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->blank_shortfall, 400);
  EXPECT_EQ(plan->ribbon_shortfall, 400);
  EXPECT_FALSE(plan->plan_days);
  EXPECT_FALSE(plan->as_is_days);

  auto dup = v;
  dup[1].code = "A";
  EXPECT_EQ(plan_capacity(dup, {}, p).error().field, "code");
  EXPECT_EQ(plan_capacity(v, {{"Z", 1, 5}}, p).error().field, "office");
  auto bad = v;
  bad[0].printer_caps = {0};
  EXPECT_EQ(plan_capacity(bad, {}, p).error().field, "printer_caps");
  p.distance_km = {{0}};
  EXPECT_EQ(plan_capacity(v, {}, p).error().field, "distance_km");

  // A backlog with no printer anywhere in reach has no plan (and says so).
  std::vector<PlannerOffice> lonely(2);
  lonely[0].code = "A", lonely[0].backlog = 10;
  lonely[1].code = "B", lonely[1].printer_caps = {100};
  PlannerPolicy far;
  far.distance_km = {{0, 900}, {900, 0}};
  far.share_radius_km = 100;
  auto none = plan_capacity(lonely, {}, far);
  ASSERT_TRUE(none);
  EXPECT_TRUE(std::isinf(none->plan_capacity_days));
  EXPECT_FALSE(none->explanation.empty());
}

// The LP the plan solves, in CPLEX LP format, for GLPK: minimise T subject to every office's
// backlog being printed by itself or offices within the radius, within T days of capacity.
std::string lp_of(const std::vector<PlannerOffice>& v, const PlannerPolicy& p) {
  std::ostringstream lp;
  lp << "Minimize\n obj: T\nSubject To\n";
  const size_t n = v.size();
  auto near = [&](size_t i, size_t k) { return i == k || p.distance_km[i][k] <= p.share_radius_km; };
  for (size_t i = 0; i < n; ++i) {
    lp << " b" << i << ":";
    for (size_t k = 0; k < n; ++k)
      if (near(i, k)) lp << " + x" << i << "_" << k;
    lp << " = " << v[i].backlog << "\n";
  }
  for (size_t k = 0; k < n; ++k) {
    int64_t cap = 0;
    for (auto c : v[k].printer_caps) cap += c;
    lp << " c" << k << ":";
    for (size_t i = 0; i < n; ++i)
      if (near(i, k)) lp << " + x" << i << "_" << k;
    lp << " - " << cap << " T <= 0\n";
  }
  lp << "End\n";
  return lp.str();
}

TEST(CapacityPlanner, MakespanMatchesTheGlpkLpOptimumOnRandomInstances) {
  Rng rng(20261122);
  int compared = 0, equal = 0;
  for (int instance = 0; instance < 150; ++instance) {
    const size_t n = 3 + rng.below(10);
    std::vector<PlannerOffice> v(n);
    PlannerPolicy p;
    std::vector<std::pair<double, double>> xy(n);
    for (size_t i = 0; i < n; ++i) {
      v[i].code = "K" + std::to_string(i);
      v[i].backlog = rng.chance(0.2) ? 0 : static_cast<int64_t>(rng.below(60000));
      const size_t printers = rng.chance(0.15) ? 0 : 1 + rng.below(8);
      for (size_t j = 0; j < printers; ++j) v[i].printer_caps.push_back(100 + 50 * static_cast<int64_t>(rng.below(4)));
      v[i].blanks = v[i].ribbon_cards = 1'000'000;
      xy[i] = {static_cast<double>(rng.below(600)), static_cast<double>(rng.below(600))};
    }
    p.distance_km.assign(n, std::vector<double>(n, 0));
    for (size_t i = 0; i < n; ++i)
      for (size_t k = 0; k < n; ++k) p.distance_km[i][k] = std::hypot(xy[i].first - xy[k].first, xy[i].second - xy[k].second);
    p.share_radius_km = std::array<double, 4>{0, 150, 350, 1e9}[rng.below(4)];
    auto plan = plan_capacity(v, {}, p);
    ASSERT_TRUE(plan) << plan.error().message_en;
    if (std::isinf(plan->plan_capacity_days)) continue;  // some backlog has no printer in reach
    const double lp = test::glpk_optimum(lp_of(v, p));
    EXPECT_GE(plan->plan_capacity_days, lp * (1 - 1e-6) - 1e-6) << "instance " << instance << ": below the LP bound";
    EXPECT_LE(plan->plan_capacity_days, lp * 1.01 + 1e-6) << "instance " << instance << ": more than 1 % above the LP";
    if (std::abs(plan->plan_capacity_days - lp) <= 1e-6 * std::max(1.0, lp)) ++equal;
    ++compared;
  }
  EXPECT_GE(compared, 100);
  std::printf("compared %d instances with GLPK, %d equal to 1e-6\n", compared, equal);
}

}  // namespace
}  // namespace ktpel
