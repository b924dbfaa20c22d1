// Dedup comparators: bit-parallel Jaro-Winkler and OSA against the textbook versions on
// Indonesian name pairs, side by side in one run; and the name normaliser.
#include <benchmark/benchmark.h>

#include <string>
#include <utility>
#include <vector>

#include "core/dedup/comparators.h"
#include "core/dedup/name_normaliser.h"

namespace {

const std::vector<std::pair<std::string, std::string>> kPairs = {
    {"siti aminah", "siti aminah"},         {"muhammad rizki", "muhamad risky"}, {"sulistyowati", "sulistiyowati"},
    {"nur aini", "nuraini"},                {"budi santoso", "santoso budi"},     {"i gusti ngurah rai", "i gst ngurah ray"},
    {"fatimah", "patima"},                  {"zainal arifin", "jaenal aripin"},   {"dewi lestari", "dwi lestari"},
    {"cahyono", "cahyana"}};

template <class F>
void run_pairs(benchmark::State& state, F f) {
  double sink = 0;
  for (auto _ : state)
    for (const auto& [a, b] : kPairs) sink += f(a, b);
  benchmark::DoNotOptimize(sink);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kPairs.size()));
}

// 4,096 pairs of generated names (given names and surnames of several regions, drawn at random):
// unlike the ten pairs above, the processor cannot learn which letters match, as in a real run.
const std::vector<std::pair<std::string, std::string>>& varied_pairs() {
  static const auto pairs = [] {
    const char* given[] = {"siti", "muhammad", "nur", "dewi", "agus", "budi", "putri", "rizky", "yohana", "made", "ketut",
                           "wahyu", "sri", "fajar", "indah", "hendra", "lestari", "bambang", "fitri", "andi"};
    const char* family[] = {"aminah", "santoso", "simanjuntak", "wibowo", "lestari", "hidayat", "nasution", "saputra",
                            "harahap", "kusuma", "pratama", "siregar", "rahayu", "setiawan", "wijaya", "gunawan"};
    std::vector<std::pair<std::string, std::string>> out;
    uint64_t x = 88172645463325252ull;
    auto next = [&] { x ^= x << 13, x ^= x >> 7, x ^= x << 17; return x; };
    auto name = [&] { return std::string(given[next() % 20]) + " " + family[next() % 16] + (next() % 3 ? "" : std::string(" ") + given[next() % 20]); };
    for (int i = 0; i < 4096; ++i) out.emplace_back(name(), name());
    return out;
  }();
  return pairs;
}
void BM_JaroWinklerVariedPairs(benchmark::State& state) {
  const auto& pairs = varied_pairs();
  double sink = 0;
  size_t k = 0;
  for (auto _ : state) {
    const auto& [a, b] = pairs[k++ & 4095];
    sink += ktpel::jaro_winkler(a, b);
  }
  benchmark::DoNotOptimize(sink);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_JaroWinklerVariedPairs);

void BM_JaroWinklerBitParallel(benchmark::State& s) { run_pairs(s, [](auto& a, auto& b) { return ktpel::jaro_winkler(a, b); }); }
void BM_JaroWinklerReference(benchmark::State& s) { run_pairs(s, [](auto& a, auto& b) { return ktpel::jaro_winkler_reference(a, b); }); }
void BM_OsaBitParallel(benchmark::State& s) { run_pairs(s, [](auto& a, auto& b) { return double(ktpel::osa_distance(a, b)); }); }
void BM_OsaReference(benchmark::State& s) { run_pairs(s, [](auto& a, auto& b) { return double(ktpel::osa_distance_reference(a, b)); }); }
BENCHMARK(BM_JaroWinklerBitParallel);
BENCHMARK(BM_JaroWinklerReference);
BENCHMARK(BM_OsaBitParallel);
BENCHMARK(BM_OsaReference);

void BM_NormaliseName(benchmark::State& state) {
  const std::vector<std::string> names = {"Hj. Siti Khodijah, S.Pd.", "Drs. H. Moch. Yusuf, M.M.", "Djoko Tjahjono",
                                          "Siti Aisyah binti Abdullah", "I Gusti Ngurah Rai"};
  size_t sink = 0;
  for (auto _ : state)
    for (const auto& n : names) sink += ktpel::normalise_person_name(n).key.size();
  benchmark::DoNotOptimize(sink);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(names.size()));
}
BENCHMARK(BM_NormaliseName);

}  // namespace
