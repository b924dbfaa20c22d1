// The "--balanced" continuity plan (issue [10]): while a kecamatan cannot record, its unrecorded
// wajib-KTP people are sent to kecamatan that can, within what those can record over the
// horizon, so that the people travel the fewest person-kilometres in all. That is the
// transportation problem; it is solved exactly as a minimum-cost flow (core/print/network_flow.h)
// — whole people, great-circle distances between office centroids (or the caller's matrix).
// When the capacity falls short, as many people as possible are placed, at least cost, and the
// rest are reported per kecamatan: the plan never hides who still has nowhere to go.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/common/error.h"

namespace ktpel {

struct BrokenKecamatan {
  std::string code;
  double lat = 0, lon = 0;
  int64_t people = 0;  // unrecorded wajib KTP
};

struct WorkingKecamatan {
  std::string code;
  double lat = 0, lon = 0;
  int64_t capacity = 0;  // sets × recordings per set per day × horizon days (the caller's sum)
};

struct ContinuityOptions {
  // distance_km[i][j] from broken i to working j; empty: great-circle between the centroids.
  std::vector<std::vector<double>> distance_km;
};

struct ContinuityServe {
  std::string serve_at;
  int64_t people = 0;
  double distance_km = 0;
};

struct ContinuityAssignment {
  std::string kecamatan;
  std::vector<ContinuityServe> serve;  // nearest first
  int64_t unassigned = 0;
};

struct ContinuityPlan {
  std::vector<ContinuityAssignment> broken;  // in the input's order
  int64_t people_assigned = 0, people_unassigned = 0;
  double person_km = 0;
};

// Errors (CONTINUITY_INPUT, field named): negative people or capacity, an empty or repeated
// code, coordinates out of range, a distance matrix of the wrong shape or with a negative entry.
Result<ContinuityPlan> plan_continuity(std::span<const BrokenKecamatan> broken, std::span<const WorkingKecamatan> working,
                                       const ContinuityOptions& options = {});

}  // namespace ktpel
