// Printing kernels: the capacity planner on every regency of Indonesia (514 offices, 10
// printers each) under three sharing radii, and stock-ledger movements per second.
#include <benchmark/benchmark.h>

#include "core/print/capacity_planner.h"
#include "core/print/stock_ledger.h"
#include "core/synth/random.h"
#include "core/wilayah/catalog.h"
#include "io/reference_data.h"
#include "service/print_service.h"
#include "store/store.h"

#include <cstdio>
#include <cstdlib>

namespace ktpel {
namespace {

const std::string kData = KTPEL_BENCH_DATA_DIR;

std::vector<PlannerOffice> national_offices() {
  static const WilayahCatalog c = load_wilayah(kData);
  Rng rng(514);
  std::vector<PlannerOffice> v;
  for (const Region* p : c.children(""))
    for (const Region* r : c.children(p->code)) {
      PlannerOffice o;
      o.code = r->code;
      o.lat = r->lat.value_or(0);
      o.lon = r->lon.value_or(0);
      o.backlog = static_cast<int64_t>(rng.below(40000));
      for (int i = 0; i < 10; ++i) o.printer_caps.push_back(100 + 50 * static_cast<int64_t>(rng.below(4)));
      o.blanks = static_cast<int64_t>(rng.below(30000));
      o.ribbon_cards = static_cast<int64_t>(rng.below(60000));
      v.push_back(std::move(o));
    }
  return v;
}

void BM_PlanNationalRegencies(benchmark::State& state) {
  const auto offices = national_offices();
  PlannerPolicy p;
  p.share_radius_km = state.range(0) == 0 ? 1e9 : static_cast<double>(state.range(0));
  std::vector<PlannerTranche> tranches = {{offices[0].code, 10, 2'000'000}};
  double days = 0;
  for (auto _ : state) {
    auto plan = plan_capacity(offices, tranches, p);
    days = plan->plan_capacity_days;
    benchmark::DoNotOptimize(plan);
  }
  state.counters["offices"] = static_cast<double>(offices.size());
  state.counters["plan_days"] = days;
}
// 0 = any office may print for any other; 300 km and 100 km = neighbours only.
BENCHMARK(BM_PlanNationalRegencies)->Arg(0)->Arg(300)->Arg(100)->Unit(benchmark::kMillisecond);

void BM_LedgerMovements(benchmark::State& state) {
  int64_t n = 0;
  for (auto _ : state) {
    StockLedger l;
    const Date day{2026, 1, 5};
    (void)l.receive_tranche("64.02", StockItem::BlankCard, 1'000'000, day, "T1");
    for (int i = 0; i < 10000; ++i) {
      (void)l.use_for_card("64.02", "C" + std::to_string(i), i % 50 == 0, i % 50 == 0 ? "jam" : "", day);
      if (i % 100 == 0) (void)l.consume("64.02", StockItem::Ribbon, 0 + 1, day, "R" + std::to_string(i));
    }
    n += static_cast<int64_t>(l.movements().size());
  }
  state.counters["movements/s"] = benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_LedgerMovements)->Unit(benchmark::kMillisecond);

// Movements booked through the service on a real store, one transaction each (what an office
// desk does): SQLite always, PostgreSQL when PG_URL names a server (make bench under
// scripts/with_services.sh).
void BM_StoreMovements(benchmark::State& state, const std::string& backend) {
  std::string location;
  if (backend == "sqlite") {
    location = "/tmp/ktpel-print-bench.db";
    std::remove(location.c_str());
    std::remove((location + "-wal").c_str());
  } else {
    const char* url = std::getenv("PG_URL");
    if (!url) return state.SkipWithError("PG_URL not set");
    location = url;
  }
  static const WilayahCatalog c = load_wilayah(kData);
  auto store = open_store(location);
  PrintService svc(*store, c);
  const Date day{2026, 11, 20};
  (void)svc.receive_tranche("65.71", StockItem::Ribbon, 100'000'000, day, "BENCH-" + std::to_string(std::rand()), "bench");
  int64_t n = 0;
  for (auto _ : state) {
    auto r = svc.consume("65.71", StockItem::Ribbon, 1, day, "bench", "bench");
    if (!r) return state.SkipWithError(r.error().message_en.c_str());
    ++n;
  }
  state.counters["movements/s"] = benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsRate);
}
BENCHMARK_CAPTURE(BM_StoreMovements, sqlite, std::string("sqlite"))->Unit(benchmark::kMicrosecond)->MinTime(2)->UseRealTime();
BENCHMARK_CAPTURE(BM_StoreMovements, postgresql, std::string("postgresql"))->Unit(benchmark::kMicrosecond)->MinTime(2)->UseRealTime();

}  // namespace
}  // namespace ktpel
