// Equipment planners of issue [10] at province size: the exact procurement knapsack (n
// kecamatan that cannot record, each missing part of a set, values up to 50,000 people, budget a
// share of what buying everything would cost), and the balanced continuity plan.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "core/equipment/continuity_balance.h"
#include "core/equipment/knapsack.h"
#include "core/equipment/procurement_planner.h"
#include "core/equipment/recording_sets.h"
#include "core/synth/random.h"

namespace {

using namespace ktpel;

struct Instance {
  int64_t budget = 0;
  PriceCatalogue prices;
  std::vector<EquipCandidate> candidates;
};

Instance instance(size_t n, int budget_percent, uint64_t seed) {
  Rng rng(seed);
  Instance in;
  const auto types = SetComposition::standard().types;
  for (ItemType t : types) in.prices[t] = 1'000'000 * static_cast<int64_t>(2 + rng.below(39));
  int64_t total = 0;
  for (size_t i = 0; i < n; ++i) {
    EquipCandidate c{"K" + std::to_string(10000 + i), {}, 100 + static_cast<int64_t>(rng.below(49901))};
    while (c.missing.empty())
      for (ItemType t : types)
        if (rng.chance(0.5)) c.missing.push_back(t);
    for (ItemType t : c.missing) total += in.prices[t];
    in.candidates.push_back(std::move(c));
  }
  in.budget = total / 100 * budget_percent;
  return in;
}

void BM_ProcurementPlan(benchmark::State& state) {
  const Instance in = instance(static_cast<size_t>(state.range(0)), static_cast<int>(state.range(1)), 65);
  int64_t value = 0;
  for (auto _ : state) {
    auto plan = plan_procurement(in.budget, in.prices, in.candidates, {});
    value = plan->value;
    benchmark::DoNotOptimize(value);
  }
  state.counters["people"] = static_cast<double>(value);
}
// n candidates × budget as % of the cost of equipping all of them.
BENCHMARK(BM_ProcurementPlan)
    ->ArgsProduct({{200, 400, 600}, {5, 25, 50}})
    ->Unit(benchmark::kMillisecond);

// The classic hard case for branch and bound: value tied to cost (value = cost / Rp 20,000 +
// 1,000), arbitrary costs Rp 100M..1B, budget half the total. Not how kecamatan look, but the
// planner's worst known shape.
void BM_KnapsackStronglyCorrelated(benchmark::State& state) {
  Rng rng(11);
  std::vector<KnapsackItem> items(static_cast<size_t>(state.range(0)));
  int64_t total = 0;
  for (auto& it : items) {
    it.cost = 100'000'000 + static_cast<int64_t>(rng.below(900'000'001));
    it.value = it.cost / 20'000 + 1000;
    total += it.cost;
  }
  for (auto _ : state) benchmark::DoNotOptimize(solve_knapsack(items, total / 2).size());
}
BENCHMARK(BM_KnapsackStronglyCorrelated)->Arg(200)->Arg(400)->Arg(600)->Unit(benchmark::kMillisecond);

void BM_ContinuityBalance(benchmark::State& state) {
  Rng rng(7);
  std::vector<BrokenKecamatan> b(static_cast<size_t>(state.range(0)));
  std::vector<WorkingKecamatan> w(static_cast<size_t>(state.range(1)));
  for (size_t i = 0; i < b.size(); ++i)
    b[i] = {"B" + std::to_string(i), 2 + 2.5 * rng.uniform(), 115.5 + 2.5 * rng.uniform(), static_cast<int64_t>(rng.below(8000))};
  for (size_t j = 0; j < w.size(); ++j)
    w[j] = {"W" + std::to_string(j), 2 + 2.5 * rng.uniform(), 115.5 + 2.5 * rng.uniform(), 300 * static_cast<int64_t>(rng.below(15))};
  for (auto _ : state) benchmark::DoNotOptimize(plan_continuity(b, w)->person_km);
}
// Broken × working kecamatan.
BENCHMARK(BM_ContinuityBalance)->Args({10, 50})->Args({50, 200})->Unit(benchmark::kMillisecond);

}  // namespace
