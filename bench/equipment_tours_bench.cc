// Equipment planners (issue [10]): technician tours for a Kalimantan-Barat-sized province (60
// broken kecamatan of 170, 6 technicians) by the heuristic, under three search budgets, and the
// exact search at its largest default size (9 jobs); jemput bola for a regency's 200 desa.
#include <benchmark/benchmark.h>

#include <string>

#include "core/equipment/outreach_planner.h"
#include "core/synth/random.h"
#include "core/synth/repair_setup.h"

namespace ktpel {
namespace {

void BM_RepairPlanProvince(benchmark::State& state) {
  RepairInput in = synth_repair_input(170, 60, 6, 61);
  in.settings.search_rounds = int(state.range(0));
  RepairPlan last;
  for (auto _ : state) last = plan_repairs(in).value();
  state.counters["objective"] = double(last.objective);
  state.counters["lower_bound"] = double(last.lower_bound);
  state.counters["gap"] = last.gap;
  state.counters["carried"] = double(last.carried.size());
}
BENCHMARK(BM_RepairPlanProvince)->Arg(0)->Arg(300)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_RepairPlanExact(benchmark::State& state) {
  const RepairInput in = synth_repair_input(170, int(state.range(0)), 6, 61);
  for (auto _ : state) benchmark::DoNotOptimize(plan_repairs(in).value().objective);
}
BENCHMARK(BM_RepairPlanExact)->Arg(7)->Arg(9)->Unit(benchmark::kMillisecond);

void BM_OutreachPlanRegency(benchmark::State& state) {
  Rng rng(6502);
  OutreachInput in;
  in.teams = 2;
  in.days = 10;
  in.start = Date{2026, 3, 2};
  for (int d = 0; d < 200; ++d)
    in.desa.push_back({"65.02." + std::to_string(2000 + d), 3.0 + rng.uniform(), 116.5 + rng.uniform(),
                       int64_t(rng.below(800)), int64_t(rng.below(1500)), 40 * rng.uniform()});
  int64_t reached = 0;
  for (auto _ : state) reached = plan_outreach(in).value().people_reached;
  state.counters["people_reached"] = double(reached);
}
BENCHMARK(BM_OutreachPlanRegency)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace ktpel
