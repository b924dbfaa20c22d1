// ABIS gallery warm start (AbisService::load, what `ktpel serve` does at start) with the gallery
// sealed at rest and in clear, on the same fingers, alternating in one run (issue [8]).
//
// The sealed database is filled beforehand: ktpel afis gallery --db SEALED --fill-synthetic N.
// The clear one gets the same fingers as a database from before sealing holds them (data_key
// NULL), copied here unless it already has them. Each load opens a new store, so the sealed timing
// includes reading the master key and unwrapping the data key.
// Usage: gallery_warm_start_bench --sealed LOCATION --clear LOCATION [--rounds R]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "service/abis_service.h"
#include "sql/connection.h"
#include "store/store.h"

using namespace ktpel;

namespace {

void copy_in_clear(Store& sealed, const std::string& clear_location) {
  auto db = sql::connect(clear_location);
  auto insert = db->cached("INSERT INTO abis_gallery (nik, finger, compact) VALUES (?1, ?2, ?3)");
  int64_t n = 0;
  db->begin();
  sealed.scan_gallery([&](const std::string& nik, int finger, const std::string& compact) {
    insert.bind(1, nik).bind(2, int64_t{finger}).bind_blob(3, compact);
    insert.queue();
    insert.reset();
    if (++n % 50000 == 0) {
      db->commit();
      db->begin();
    }
  });
  db->commit();
  std::printf("copied %lld fingers in clear\n", static_cast<long long>(n));
}

double load_seconds(const std::string& location, size_t& fingers) {
  const auto t0 = std::chrono::steady_clock::now();
  auto store = open_store(location);
  AbisService abis;
  fingers = abis.load(*store);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::string sealed, clear;
  int rounds = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--sealed")) sealed = argv[i + 1];
    if (!std::strcmp(argv[i], "--clear")) clear = argv[i + 1];
    if (!std::strcmp(argv[i], "--rounds")) rounds = std::stoi(argv[i + 1]);
  }
  if (sealed.empty() || clear.empty()) {
    std::fprintf(stderr, "usage: gallery_warm_start_bench --sealed LOCATION --clear LOCATION [--rounds R]\n");
    return 2;
  }
  {
    auto s = open_store(sealed);
    auto c = open_store(clear);
    if (c->count_gallery_fingers() == 0) copy_in_clear(*s, clear);
    if (c->count_gallery_fingers() != s->count_gallery_fingers()) {
      std::fprintf(stderr, "the two galleries differ in size\n");
      return 1;
    }
  }
  std::vector<double> times[2];
  size_t fingers[2] = {0, 0};
  for (int r = 0; r < rounds; ++r) {
    // Alternate which goes first, so neither always finds the other's pages in the cache.
    for (int k = 0; k < 2; ++k) {
      const int which = (r + k) % 2;
      times[which].push_back(load_seconds(which == 0 ? clear : sealed, fingers[which]));
    }
    std::printf("round %d: clear %.3f s, sealed %.3f s\n", r + 1, times[0].back(), times[1].back());
  }
  for (auto& t : times) std::sort(t.begin(), t.end());
  std::printf("median of %d: clear %.3f s, sealed %.3f s (%zu fingers each; +%.1f %%)\n", rounds, times[0][times[0].size() / 2],
              times[1][times[1].size() / 2], fingers[0],
              100.0 * (times[1][times[1].size() / 2] / times[0][times[0].size() / 2] - 1.0));
  return fingers[0] == fingers[1] ? 0 : 1;
}
