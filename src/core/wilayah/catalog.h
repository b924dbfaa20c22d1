// WilayahCatalog: all Kemendagri regions in memory (38 / 514 / 7,285 / 83,762), with lookups by
// code, children, parent chain, folded name search and nearest kecamatan. Built from the CSV
// texts of data/wilayah/ (the shell reads the files; this class does no I/O).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/common/error.h"
#include "core/wilayah/region.h"

namespace ktpel {

struct WilayahSources {
  std::string_view provinces, regencies, districts, villages, population;  // CSV texts
};

struct NearestKecamatan {
  const Region* kecamatan;
  double distance_km;
};

class WilayahCatalog {
 public:
  // Throws std::runtime_error naming file and line when a source is malformed.
  static WilayahCatalog build(const WilayahSources& sources);

  const Region* find(std::string_view code) const;
  std::span<const Region* const> children(std::string_view code) const;  // "" = provinces
  std::vector<const Region*> ancestors(std::string_view code) const;     // province first, self last
  // Case- and diacritic-insensitive substring search, prefix matches ranked first.
  std::vector<const Region*> search(std::string_view query, std::optional<Level> level,
                                    size_t limit) const;
  std::vector<NearestKecamatan> nearest_kecamatan(double lat, double lon, size_t k) const;
  size_t count(Level level) const { return counts_[static_cast<int>(level) - 1]; }
  size_t size() const { return regions_.size(); }

 private:
  std::vector<Region> regions_;
  std::vector<std::string> folded_names_;
  std::unordered_map<std::string_view, uint32_t> by_code_;
  std::unordered_map<std::string_view, std::vector<const Region*>> children_;
  std::vector<uint32_t> kecamatan_;
  size_t counts_[4] = {0, 0, 0, 0};
};

}  // namespace ktpel
