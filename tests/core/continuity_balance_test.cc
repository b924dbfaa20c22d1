#include "core/equipment/continuity_balance.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "core/synth/random.h"
#include "core/wilayah/geo.h"
#include "support/glpk.h"

namespace ktpel {
namespace {

BrokenKecamatan broken(std::string code, int64_t people) { return {std::move(code), 0, 0, people}; }
WorkingKecamatan working(std::string code, int64_t capacity) { return {std::move(code), 0, 0, capacity}; }

const ContinuityServe* serve(const ContinuityAssignment& a, const std::string& at) {
  for (const auto& s : a.serve)
    if (s.serve_at == at) return &s;
  return nullptr;
}

TEST(ContinuityBalance, TwoByTwoByHand) {
  // A 100 people, B 50; X and Y record 100 each. A→X 10, A→Y 20, B→X 5, B→Y 30 km.
  // B to X saves 25 km a person over Y, A only 10: B goes to X, A fills X and takes Y.
  // 50×5 + 50×10 + 50×20 = 1,750 person-km (A all to X, B to Y would be 2,500).
  std::vector<BrokenKecamatan> b = {broken("A", 100), broken("B", 50)};
  std::vector<WorkingKecamatan> w = {working("X", 100), working("Y", 100)};
  ContinuityOptions o;
  o.distance_km = {{10, 20}, {5, 30}};
  auto plan = plan_continuity(b, w, o);
  ASSERT_TRUE(plan) << plan.error().message_en;
  EXPECT_DOUBLE_EQ(plan->person_km, 1750);
  EXPECT_EQ(plan->people_assigned, 150);
  EXPECT_EQ(plan->people_unassigned, 0);
  ASSERT_EQ(plan->broken.size(), 2u);
  ASSERT_EQ(plan->broken[0].serve.size(), 2u);
  EXPECT_EQ(plan->broken[0].serve[0].serve_at, "X");  // nearest first
  EXPECT_EQ(plan->broken[0].serve[0].people, 50);
  EXPECT_EQ(plan->broken[0].serve[1].serve_at, "Y");
  EXPECT_EQ(plan->broken[0].serve[1].people, 50);
  EXPECT_DOUBLE_EQ(plan->broken[0].serve[1].distance_km, 20);
  ASSERT_EQ(plan->broken[1].serve.size(), 1u);
  EXPECT_EQ(plan->broken[1].serve[0].serve_at, "X");
  EXPECT_EQ(plan->broken[1].serve[0].people, 50);
}

TEST(ContinuityBalance, SingleWorkingKecamatanTakesEveryoneWithinItsCapacity) {
  // Real centroids: Tarakan's four kecamatan, roughly; Tarakan Barat is the one that records.
  std::vector<BrokenKecamatan> b = {{"65.71.02", 3.30, 117.63, 700}, {"65.71.03", 3.28, 117.60, 500}};
  std::vector<WorkingKecamatan> w = {{"65.71.01", 3.31, 117.58, 2000}};
  auto plan = plan_continuity(b, w);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->people_assigned, 1200);
  EXPECT_EQ(plan->people_unassigned, 0);
  const double d0 = great_circle_km(3.30, 117.63, 3.31, 117.58), d1 = great_circle_km(3.28, 117.60, 3.31, 117.58);
  EXPECT_NEAR(plan->person_km, 700 * d0 + 500 * d1, 1e-6);
  EXPECT_NEAR(serve(plan->broken[0], "65.71.01")->distance_km, d0, 1e-9);
  // Capacity 1,000: the 200 that cannot be placed are the farther kecamatan's.
  w[0].capacity = 1000;
  plan = plan_continuity(b, w);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->people_assigned, 1000);
  EXPECT_EQ(plan->people_unassigned, 200);
  const bool first_farther = d0 > d1;
  EXPECT_EQ(plan->broken[first_farther ? 0 : 1].unassigned, 200);
  EXPECT_EQ(plan->broken[first_farther ? 1 : 0].unassigned, 0);
}

TEST(ContinuityBalance, ShortageAssignsAllItCanAtLeastCostAndNamesTheRest) {
  // 300 people, 120 places: the nearest 120 go; each broken kecamatan keeps its own remainder.
  std::vector<BrokenKecamatan> b = {broken("A", 100), broken("B", 100), broken("C", 100)};
  std::vector<WorkingKecamatan> w = {working("X", 70), working("Y", 50)};
  ContinuityOptions o;
  o.distance_km = {{5, 50}, {40, 8}, {60, 70}};
  auto plan = plan_continuity(b, w, o);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->people_assigned, 120);
  EXPECT_EQ(plan->people_unassigned, 180);
  EXPECT_EQ(plan->broken[0].unassigned, 30);
  EXPECT_EQ(plan->broken[1].unassigned, 50);
  EXPECT_EQ(plan->broken[2].unassigned, 100);
  EXPECT_DOUBLE_EQ(plan->person_km, 70 * 5 + 50 * 8);
  // No capacity at all: everyone unassigned, nothing travels.
  w = {working("X", 0)};
  o.distance_km = {{1}, {1}, {1}};
  plan = plan_continuity(b, w, o);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->people_unassigned, 300);
  EXPECT_EQ(plan->person_km, 0);
}

TEST(ContinuityBalance, BadInputIsNamed) {
  std::vector<BrokenKecamatan> b = {broken("A", 10)};
  std::vector<WorkingKecamatan> w = {working("X", 10)};
  EXPECT_EQ(plan_continuity(std::vector<BrokenKecamatan>{broken("A", -1)}, w).error().field, "people");
  EXPECT_EQ(plan_continuity(b, std::vector<WorkingKecamatan>{working("X", -1)}).error().field, "capacity");
  EXPECT_EQ(plan_continuity(b, std::vector<WorkingKecamatan>{working("A", 5)}).error().code, "CONTINUITY_INPUT");
  EXPECT_EQ(plan_continuity(std::vector<BrokenKecamatan>{{"A", 91, 0, 1}}, w).error().field, "lat/lon");
  ContinuityOptions o;
  o.distance_km = {{1, 2}};
  EXPECT_EQ(plan_continuity(b, w, o).error().field, "distance_km");
}

// The transportation LP glpsol solves: least person-km moving exactly as many people as the
// planner placed (all of them, or all the capacity, since every pair is connected).
std::string lp_of(const std::vector<BrokenKecamatan>& b, const std::vector<WorkingKecamatan>& w, int64_t assigned) {
  std::ostringstream lp;
  lp.precision(17);
  auto x = [&](size_t i, size_t j) { return " x" + std::to_string(i) + "_" + std::to_string(j); };
  lp << "Minimize\n obj:";
  for (size_t i = 0; i < b.size(); ++i)
    for (size_t j = 0; j < w.size(); ++j)
      lp << " + " << great_circle_km(b[i].lat, b[i].lon, w[j].lat, w[j].lon) << x(i, j);
  lp << "\nSubject To\n";
  for (size_t i = 0; i < b.size(); ++i) {
    lp << " p" << i << ":";
    for (size_t j = 0; j < w.size(); ++j) lp << " +" << x(i, j);
    lp << " <= " << b[i].people << "\n";
  }
  for (size_t j = 0; j < w.size(); ++j) {
    lp << " c" << j << ":";
    for (size_t i = 0; i < b.size(); ++i) lp << " +" << x(i, j);
    lp << " <= " << w[j].capacity << "\n";
  }
  lp << " all:";
  for (size_t i = 0; i < b.size(); ++i)
    for (size_t j = 0; j < w.size(); ++j) lp << " +" << x(i, j);
  lp << " = " << assigned << "\nEnd\n";
  return lp.str();
}

TEST(ContinuityBalance, PersonKmEqualsTheGlpkLpOptimumOnRandomInstances) {
  Rng rng(20261207);
  int shortages = 0;
  for (int instance = 0; instance < 40; ++instance) {
    // Kecamatan scattered over Kalimantan Utara's box (lat 2..4.5, lon 115.5..118).
    auto lat = [&] { return 2 + 2.5 * rng.uniform(); };
    auto lon = [&] { return 115.5 + 2.5 * rng.uniform(); };
    std::vector<BrokenKecamatan> b(1 + rng.below(8));
    std::vector<WorkingKecamatan> w(1 + rng.below(12));
    int64_t people = 0, capacity = 0;
    for (size_t i = 0; i < b.size(); ++i) {
      b[i] = {"B" + std::to_string(i), lat(), lon(), static_cast<int64_t>(rng.below(8000))};
      people += b[i].people;
    }
    for (size_t j = 0; j < w.size(); ++j) {
      w[j] = {"W" + std::to_string(j), lat(), lon(), 300 * static_cast<int64_t>(rng.below(15))};
      capacity += w[j].capacity;
    }
    auto plan = plan_continuity(b, w);
    ASSERT_TRUE(plan) << plan.error().message_en;
    ASSERT_EQ(plan->people_assigned, std::min(people, capacity)) << "instance " << instance;
    ASSERT_EQ(plan->people_assigned + plan->people_unassigned, people);
    if (capacity < people) ++shortages;
    // Per-kecamatan figures agree with the totals and the capacities.
    double km = 0;
    std::vector<int64_t> used(w.size());
    for (size_t i = 0; i < b.size(); ++i) {
      int64_t sent = 0;
      for (const auto& s : plan->broken[i].serve) {
        sent += s.people;
        km += static_cast<double>(s.people) * s.distance_km;
        used[static_cast<size_t>(std::stoi(s.serve_at.substr(1)))] += s.people;
      }
      EXPECT_EQ(sent + plan->broken[i].unassigned, b[i].people);
    }
    for (size_t j = 0; j < w.size(); ++j) EXPECT_LE(used[j], w[j].capacity);
    EXPECT_NEAR(km, plan->person_km, 1e-6 * std::max(1.0, km));
    const double lp = test::glpk_optimum(lp_of(b, w, plan->people_assigned));
    EXPECT_NEAR(plan->person_km, lp, 1e-6 * std::max(1.0, lp)) << "instance " << instance;
  }
  EXPECT_GE(shortages, 5);  // the shortage path is exercised, not only the balanced one
}

}  // namespace
}  // namespace ktpel
