// The repair planner against an independent exhaustive search (every assignment of jobs to a
// technician or the hub, every order of each technician's jobs), on a province-size instance
// against its lower bound and a naive plan, and on the edge cases.
#include "core/equipment/repair_planner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <set>
#include <vector>

#include "core/synth/repair_setup.h"
#include "core/wilayah/geo.h"

namespace ktpel {
namespace {

// --- The test's own model of the rules (written from the header's text, not from the planner). ---

struct Clock {  // a technician's working day, consumed minute by minute in whole chunks
  int64_t day_minutes, day = 0, left;
  explicit Clock(int64_t d) : day_minutes(d), left(d) {}
  void spend(int64_t m) {
    while (m > left) m -= left, ++day, left = day_minutes;
    left -= m;
  }
};

struct Oracle {
  const RepairInput& in;
  int64_t day_minutes() const { return std::llround(in.settings.working_day_hours * 60); }
  int64_t drive(double la1, double lo1, double la2, double lo2) const {
    const double km = great_circle_km(la1, lo1, la2, lo2) * in.settings.road_factor;
    return std::llround(km / in.settings.speed_kmh * 60);
  }
  int64_t carried_days(const RepairJob& j) const {
    const double workshop = std::ceil(double(std::llround(j.repair_hours * 60)) / double(day_minutes()));
    return std::max<int64_t>(1, 2 * in.settings.carry_days + int64_t(workshop));
  }
  // Person-days of one technician doing `order` (indices into in.jobs) from the hub.
  int64_t tour(const std::vector<int>& order) const {
    Clock c(day_minutes());
    double lat = in.hub.lat, lon = in.hub.lon;
    int64_t cost = 0;
    for (int j : order) {
      const auto& job = in.jobs[j];
      c.spend(drive(lat, lon, job.lat, job.lon));
      c.spend(std::llround(job.repair_hours * 60));
      cost += job.weight * (c.day + 1);
      lat = job.lat, lon = job.lon;
    }
    return cost;
  }
  // Best over every split and every order; kNone when nothing is allowed.
  static constexpr int64_t kNone = std::numeric_limits<int64_t>::max();
  int64_t exhaustive() const {
    const int n = int(in.jobs.size()), k = in.technicians, choices = k + 1;
    int64_t best = kNone, combos = 1;
    for (int j = 0; j < n; ++j) combos *= choices;
    for (int64_t code = 0; code < combos; ++code) {
      std::vector<std::vector<int>> by(choices);
      int64_t c = code;
      for (int j = 0; j < n; ++j) by[c % choices].push_back(j), c /= choices;
      if (!by[k].empty() && !in.settings.carry_to_hub) continue;  // choice k: the hub
      int64_t cost = 0;
      for (int j : by[k]) cost += in.jobs[j].weight * carried_days(in.jobs[j]);
      for (int t = 0; t < k; ++t) {
        int64_t least = kNone;
        do least = std::min(least, tour(by[t]));
        while (std::next_permutation(by[t].begin(), by[t].end()));
        cost += least;
      }
      best = std::min(best, cost);
    }
    return best;
  }
  // The objective of a plan as this model reads it (and each job exactly once).
  int64_t score(const RepairPlan& p) const {
    std::multiset<std::string> seen;
    int64_t cost = 0;
    for (const auto& t : p.tours) {
      std::vector<int> order;
      for (const auto& s : t.stops) {
        seen.insert(s.code);
        order.push_back(index_of(s.code));
        EXPECT_EQ(s.mode, "on_site");
      }
      cost += tour(order);
    }
    for (const auto& s : p.carried) {
      seen.insert(s.code);
      EXPECT_EQ(s.mode, "hub");
      EXPECT_TRUE(in.settings.carry_to_hub);
      cost += s.weight * carried_days(in.jobs[index_of(s.code)]);
    }
    EXPECT_EQ(seen.size(), in.jobs.size());
    for (const auto& j : in.jobs) EXPECT_EQ(seen.count(j.code), 1u) << j.code;
    return cost;
  }
  int index_of(const std::string& code) const {
    for (size_t i = 0; i < in.jobs.size(); ++i)
      if (in.jobs[i].code == code) return int(i);
    ADD_FAILURE() << "unknown job " << code;
    return 0;
  }
};

RepairInput random_small(std::mt19937_64& rng) {
  auto pick = [&](int lo, int hi) { return lo + int(rng() % uint64_t(hi - lo + 1)); };
  RepairInput in;
  in.hub = {"61.71", 0.0, 110.0};
  in.technicians = pick(1, 3);
  in.start = Date{2026, 3, 2};
  in.settings.carry_to_hub = pick(0, 1) == 1;
  in.settings.carry_days = pick(0, 3);
  in.settings.working_day_hours = pick(6, 10);
  const int n = pick(0, 7);
  for (int j = 0; j < n; ++j)
    in.jobs.push_back({"k" + std::to_string(j), pick(-150, 150) / 100.0, 110.0 + pick(-150, 150) / 100.0, pick(1, 1000),
                       double(pick(1, 12))});
  return in;
}

TEST(RepairPlanner, EqualsExhaustiveSearchOnSmallInstances) {
  std::mt19937_64 rng(20260302);
  int heuristic_optimal = 0;
  const int instances = 100;
  for (int i = 0; i < instances; ++i) {
    const RepairInput in = random_small(rng);
    const Oracle oracle{in};
    const int64_t best = oracle.exhaustive();
    auto plan = plan_repairs(in);
    ASSERT_TRUE(plan.ok()) << plan.error().message_en;
    EXPECT_TRUE(plan->exact);
    EXPECT_EQ(plan->objective, best) << "instance " << i;
    EXPECT_EQ(oracle.score(*plan), plan->objective) << "instance " << i;
    EXPECT_LE(plan->relaxation_bound, best) << "instance " << i;
    EXPECT_EQ(plan->lower_bound, plan->objective);
    // The heuristic on the same instance: never below the optimum, mostly at it.
    RepairInput h = in;
    h.settings.exact_max_jobs = 0;
    auto heur = plan_repairs(h);
    ASSERT_TRUE(heur.ok());
    EXPECT_EQ(heur->exact, in.jobs.empty());
    EXPECT_GE(heur->objective, best);
    EXPECT_EQ(oracle.score(*heur), heur->objective);
    heuristic_optimal += heur->objective == best;
  }
  EXPECT_GE(heuristic_optimal, instances * 9 / 10);
}

TEST(RepairPlanner, ProvinceSizeBeatsRoundRobinWithinItsBound) {
  const RepairInput in = synth_repair_input(170, 60, 6, 61);
  const Oracle oracle{in};
  auto plan = plan_repairs(in);
  ASSERT_TRUE(plan.ok());
  EXPECT_FALSE(plan->exact);
  EXPECT_EQ(oracle.score(*plan), plan->objective);
  EXPECT_GT(plan->lower_bound, 0);
  EXPECT_LE(plan->lower_bound, plan->objective);
  EXPECT_LT(plan->gap, 0.45);  // 0.36 measured; at 9–10 jobs the exact optimum is 1.02–1.3 × the bound
  // Naive: jobs dealt to technicians in turn, in input order, all on site.
  std::vector<std::vector<int>> dealt(in.technicians);
  for (int j = 0; j < int(in.jobs.size()); ++j) dealt[j % in.technicians].push_back(j);
  int64_t naive = 0;
  for (const auto& t : dealt) naive += oracle.tour(t);
  EXPECT_LT(plan->objective, naive);
  // Deterministic for a seed.
  auto again = plan_repairs(in);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->objective, plan->objective);
  for (size_t t = 0; t < plan->tours.size(); ++t)
    for (size_t s = 0; s < plan->tours[t].stops.size(); ++s)
      EXPECT_EQ(again->tours[t].stops[s].code, plan->tours[t].stops[s].code);
}

RepairInput one_job(double repair_hours, bool carry) {
  RepairInput in;
  in.hub = {"61.71", -0.0263, 109.3425};
  in.technicians = 1;
  in.start = Date{2026, 3, 2};
  in.settings.carry_to_hub = carry;
  in.jobs.push_back({"61.71.01", in.hub.lat, in.hub.lon, 20000, repair_hours});
  return in;
}

TEST(RepairPlanner, NoJobs) {
  RepairInput in = one_job(1, true);
  in.jobs.clear();
  in.technicians = 6;
  auto plan = plan_repairs(in);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->objective, 0);
  EXPECT_EQ(plan->lower_bound, 0);
  EXPECT_EQ(plan->gap, 0);
  ASSERT_EQ(plan->tours.size(), 6u);
  for (const auto& t : plan->tours) EXPECT_TRUE(t.stops.empty());
}

TEST(RepairPlanner, JobAtTheHubIsDoneTheFirstDay) {
  auto plan = plan_repairs(one_job(2, true));
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->tours.at(0).stops.size(), 1u);
  const auto& s = plan->tours[0].stops[0];
  EXPECT_EQ(s.mode, "on_site");
  EXPECT_EQ(s.road_km, 0);
  EXPECT_EQ(s.arrive, (Date{2026, 3, 2}));
  EXPECT_EQ(s.finish, (Date{2026, 3, 2}));
  EXPECT_EQ(s.days_without_recording, 1);
  EXPECT_EQ(plan->objective, 20000);
  EXPECT_EQ(plan->relaxation_bound, 20000);
}

TEST(RepairPlanner, RepairLongerThanAWorkingDaySpansDays) {
  auto plan = plan_repairs(one_job(20, false));  // 20 h at 8 h a day: days 0, 1 and 2
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->jobs.at(0).finish_day, 2);
  EXPECT_EQ(plan->jobs[0].finish, (Date{2026, 3, 4}));
  EXPECT_EQ(plan->objective, 3 * 20000);
  auto exactly = plan_repairs(one_job(16, false));  // ends with day 1, not the next morning
  ASSERT_TRUE(exactly.ok());
  EXPECT_EQ(exactly->jobs.at(0).finish_day, 1);
}

TEST(RepairPlanner, OneTechnicianVisitsEveryJobOnce) {
  RepairInput in = one_job(3, false);
  for (int k = 1; k <= 4; ++k) in.jobs.push_back({"61.71.0" + std::to_string(k + 1), -0.0263, 109.3425 + 0.3 * k, 10000, 2});
  auto plan = plan_repairs(in);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->tours.size(), 1u);
  EXPECT_EQ(plan->tours[0].stops.size(), in.jobs.size());
  EXPECT_EQ(plan->objective, Oracle{in}.exhaustive());
  for (size_t s = 1; s < plan->tours[0].stops.size(); ++s)
    EXPECT_GE(plan->tours[0].stops[s].finish_day, plan->tours[0].stops[s - 1].finish_day);
}

TEST(RepairPlanner, CarriesEverythingWithoutTechnicians) {
  RepairInput in = one_job(5, true);
  in.technicians = 0;
  auto plan = plan_repairs(in);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->carried.size(), 1u);
  EXPECT_EQ(plan->carried[0].mode, "hub");
  EXPECT_EQ(plan->carried[0].arrive, (Date{2026, 3, 4}));             // two days to the hub
  EXPECT_EQ(plan->carried[0].days_without_recording, 2 + 1 + 2);      // there, one workshop day, back
}

TEST(RepairPlanner, NamesTheFieldAtFault) {
  RepairInput in = one_job(5, false);
  in.technicians = 0;
  auto none = plan_repairs(in);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, "REPAIR_PLAN_FIELD");
  EXPECT_EQ(none.error().field, "technicians");
  in = one_job(5, true);
  in.jobs.push_back(in.jobs[0]);
  auto twice = plan_repairs(in);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().field, "jobs.code");
  in = one_job(-1, true);
  EXPECT_FALSE(plan_repairs(in).ok());
  in = one_job(1, true);
  in.settings.speed_kmh = 0;
  EXPECT_EQ(plan_repairs(in).error().field, "speed_kmh");
}

TEST(RepairPlanner, BlockingRepairCountsOneItemPerMissingType) {
  auto item = [](ItemType t, ItemStatus s) {
    EquipmentItem i;
    i.type = t;
    i.status = s;
    return i;
  };
  const std::vector<EquipmentItem> items = {
      item(ItemType::Pc, ItemStatus::Active),           item(ItemType::Pc, ItemStatus::Broken),
      item(ItemType::FingerprintScanner, ItemStatus::Active), item(ItemType::IrisScanner, ItemStatus::Retired),
      item(ItemType::Camera, ItemStatus::Broken),       item(ItemType::Camera, ItemStatus::InRepair),
      item(ItemType::SignaturePad, ItemStatus::Active), item(ItemType::Ups, ItemStatus::Broken)};
  const auto r = blocking_repair_hours(items, SetComposition::standard(), RepairSettings{});
  EXPECT_EQ(r.hours, 1 + 2);  // one camera, the UPS; the spare PC is not needed
  EXPECT_EQ(r.repaired, (std::vector<ItemType>{ItemType::Camera, ItemType::Ups}));
  EXPECT_EQ(r.unrepairable, (std::vector<ItemType>{ItemType::IrisScanner}));
}

}  // namespace
}  // namespace ktpel
