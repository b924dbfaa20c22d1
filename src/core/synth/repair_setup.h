// A synthetic province for the repair planner (issue [10]): kecamatan offices scattered over a
// Kalimantan-Barat-sized area (about 5° × 5°) around a hub at Pontianak, some of them with
// broken recording gear. Shared by the planner's tests and its benchmark so both speak of the
// same instance.
#pragma once
#include <cstdint>

#include "core/equipment/repair_planner.h"

namespace ktpel {

// `kecamatan` points, of which `broken` (the first ones drawn) become jobs; weights are wajib KTP
// counts of 5,000–40,000, repair hours the sum of 1–3 of the standard per-type times.
RepairInput synth_repair_input(int kecamatan, int broken, int technicians, uint64_t seed);

}  // namespace ktpel
