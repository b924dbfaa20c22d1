#include "core/synth/repair_setup.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "core/synth/random.h"

namespace ktpel {

RepairInput synth_repair_input(int kecamatan, int broken, int technicians, uint64_t seed) {
  Rng rng(seed);
  RepairInput in;
  in.hub = {"61.71", -0.0263, 109.3425};  // Kota Pontianak
  in.technicians = technicians;
  in.start = Date{2026, 3, 2};
  const ItemType gear[] = {ItemType::Pc, ItemType::FingerprintScanner, ItemType::IrisScanner,
                           ItemType::Camera, ItemType::SignaturePad, ItemType::Ups};
  std::vector<RepairJob> points(std::max(kecamatan, 0));
  for (int k = 0; k < int(points.size()); ++k) {
    RepairJob& j = points[k];
    j.code = "61." + std::to_string(1 + k % 14) + "." + std::to_string(10 + k);
    j.lat = -3.0 + 5.0 * rng.uniform();
    j.lon = 108.8 + 5.0 * rng.uniform();
    j.weight = 5000 + int64_t(rng.below(35001));
  }
  // The broken ones: a partial Fisher-Yates draw, then the gear each has to repair.
  for (int k = 0; k < std::min(kecamatan, broken); ++k) {
    std::swap(points[k], points[k + rng.below(points.size() - k)]);
    RepairJob j = points[k];
    for (int items = rng.between(1, 3); items > 0; --items)
      j.repair_hours += in.settings.repair_hours.at(gear[rng.below(std::size(gear))]);
    in.jobs.push_back(j);
  }
  return in;
}

}  // namespace ktpel
