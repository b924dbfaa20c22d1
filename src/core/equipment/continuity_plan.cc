#include "core/equipment/continuity_plan.h"

#include "core/wilayah/geo.h"

namespace ktpel {

std::vector<ContinuityRow> nearest_working_kecamatan(std::span<const KecamatanPoint> kecamatan) {
  std::vector<const KecamatanPoint*> working;
  for (const auto& k : kecamatan)
    if (k.can_record && k.lat && k.lon) working.push_back(&k);
  std::vector<ContinuityRow> rows;
  rows.reserve(kecamatan.size());
  for (const auto& k : kecamatan) {
    ContinuityRow row{k.code, k.can_record, k.can_record ? k.code : std::string(), 0};
    if (!k.can_record && k.lat && k.lon) {
      const KecamatanPoint* best = nullptr;
      double best_km = 0;
      for (const auto* w : working) {
        const double km = great_circle_km(*k.lat, *k.lon, *w->lat, *w->lon);
        if (!best || km < best_km || (km == best_km && w->code < best->code)) best = w, best_km = km;
      }
      if (best) row.serve_at = best->code, row.distance_km = best_km;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace ktpel
