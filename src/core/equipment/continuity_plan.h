// Where the residents of a kecamatan that cannot record go: the nearest kecamatan of the same
// province that can (great-circle between kecamatan centroids, ties to the smaller code); a
// kecamatan that can record serves itself at 0 km. The balanced variant, within the working
// kecamatan's daily capacity, is core/equipment/continuity_balance.h.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace ktpel {

struct KecamatanPoint {
  std::string code;
  std::optional<double> lat, lon;
  bool can_record = false;
};

struct ContinuityRow {
  std::string kecamatan;
  bool can_record = false;
  std::string serve_at;     // "" when no kecamatan of the province can record (or no centroid)
  double distance_km = 0;
};

// One row per kecamatan, in the order given.
std::vector<ContinuityRow> nearest_working_kecamatan(std::span<const KecamatanPoint> kecamatan);

}  // namespace ktpel
