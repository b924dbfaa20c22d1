// Kernel benchmarks of the pure core: loading wilayah, NIK checks, CSV parsing, resident
// validation, nearest-kecamatan and name search, and the population generator.
#include <benchmark/benchmark.h>

#include "core/nik/nik.h"
#include "core/registry/resident_csv.h"
#include "core/registry/resident_validation.h"
#include "core/synth/population_generator.h"
#include "core/text/csv.h"
#include "io/files.h"
#include "io/reference_data.h"
#include "io/synth_sources.h"

namespace ktpel {
namespace {

const std::string kData = KTPEL_BENCH_DATA_DIR;

const WilayahCatalog& catalog() {
  static const WilayahCatalog c = load_wilayah(kData);
  return c;
}

struct CollectCsv : GeneratorSink {
  std::string csv = resident_csv_header() + "\n";
  std::vector<Resident> residents;
  void resident(const Resident& r, const std::string&) override {
    append_resident_csv(csv, r);
    residents.push_back(r);
  }
  void family_member(const FamilyMember&) override {}
};

const CollectCsv& sample() {  // ~15k residents of Kalimantan Utara
  static const CollectCsv c = [] {
    CollectCsv out;
    GeneratorOptions o;
    o.province = "65";
    o.scale = 0.02;
    NameMaker names(load_name_vocabulary(kData));
    generate_population(catalog(), names, load_demography(kData, "65"), o, out);
    return out;
  }();
  return c;
}

void BM_WilayahLoadFromFiles(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(load_wilayah(kData).size());
  state.SetLabel("91,599 regions");
}
BENCHMARK(BM_WilayahLoadFromFiles)->Unit(benchmark::kMillisecond);

void BM_NikValidate(benchmark::State& state) {
  const auto& rs = sample().residents;
  NikContext ctx{&catalog(), Date{2025, 6, 1}, std::nullopt, std::nullopt, false};
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(validate_nik(rs[i++ % rs.size()].nik, ctx).size());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NikValidate);

void BM_CsvParseResidents(benchmark::State& state) {
  const std::string& csv = sample().csv;
  for (auto _ : state) {
    CsvReader r(csv);
    CsvRecord rec;
    size_t n = 0;
    while (r.next(rec)) ++n;
    benchmark::DoNotOptimize(n);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(sample().residents.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(csv.size()));
}
BENCHMARK(BM_CsvParseResidents)->Unit(benchmark::kMillisecond);

void BM_ResidentValidate(benchmark::State& state) {
  const auto& rs = sample().residents;
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(validate_resident(rs[i++ % rs.size()], catalog(), Date{2025, 6, 1}).size());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ResidentValidate);

void BM_NearestKecamatan(benchmark::State& state) {
  double lat = -6.2;
  for (auto _ : state) {
    benchmark::DoNotOptimize(catalog().nearest_kecamatan(lat, 106.8, 5).size());
    lat += 1e-4;
  }
}
BENCHMARK(BM_NearestKecamatan)->Unit(benchmark::kMicrosecond);

void BM_WilayahNameSearch(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(catalog().search("sukamaju", std::nullopt, 20).size());
}
BENCHMARK(BM_WilayahNameSearch)->Unit(benchmark::kMillisecond);

struct CountSink : GeneratorSink {
  uint64_t n = 0;
  void resident(const Resident&, const std::string&) override { ++n; }
  void family_member(const FamilyMember&) override {}
};

void BM_GeneratePopulation(benchmark::State& state) {
  NameMaker names(load_name_vocabulary(kData));
  Demography demo = load_demography(kData, "65");
  GeneratorOptions o;
  o.province = "65";
  o.scale = 0.1;
  uint64_t rows = 0;
  for (auto _ : state) {
    CountSink sink;
    generate_population(catalog(), names, demo, o, sink);
    rows += sink.n;
  }
  state.SetItemsProcessed(static_cast<int64_t>(rows));
}
BENCHMARK(BM_GeneratePopulation)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ktpel
