// What every fuzz target shares: failing loudly on a broken property (a trap, so libFuzzer
// records the input), and the reference data a target needs, loaded once.
#pragma once
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "core/common/date.h"
#include "core/wilayah/catalog.h"

#ifndef KTPEL_SOURCE_DIR
#error "build with -DKTPEL_SOURCE_DIR=\"...\" (fuzz/build.sh does)"
#endif

namespace ktpel::fuzz {

// A property the parser promises does not hold for this input: print which, then trap.
[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "fuzz property broken: %s\n", what);
  __builtin_trap();
}
inline void require(bool ok, const char* what) {
  if (!ok) fail(what);
}

inline std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(KTPEL_SOURCE_DIR) + "/" + relative, std::ios::binary);
  if (!in) fail(("cannot read " + relative).c_str());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The real region catalog (data/wilayah): NIK and import rules look codes up in it.
inline const WilayahCatalog& wilayah() {
  static const WilayahCatalog catalog = [] {
    const std::string p = read_source_file("data/wilayah/provinces.csv"), r = read_source_file("data/wilayah/regencies.csv"),
                      d = read_source_file("data/wilayah/districts.csv"), v = read_source_file("data/wilayah/villages.csv"),
                      pop = read_source_file("data/wilayah/population.csv");
    return WilayahCatalog::build({p, r, d, v, pop});
  }();
  return catalog;
}

// A fixed "today" so that every run judges dates the same way.
inline constexpr Date kAsOf{2026, 12, 1};

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace ktpel::fuzz
