// Distortion-tolerant global consolidation (issue [12]), run after LSS-R. LSS-R only asks that
// pairs agree locally, so a few chance pairs can carry an impostor, and it counts pairs against
// all minutiae, so a partial print is penalised for the minutiae the other print never saw.
// Here the best relaxed pairs serve in turn as anchors: B is aligned on A by the anchor, every
// minutia of A is paired with the nearest free minutia of B within a tolerance that grows with
// the distance from the anchor (skin distortion is small locally and accumulates across the
// print), the alignment is refitted by least squares on those mates (the anchor's own direction
// is noisy) and the mates counted again. The count of the best alignment is normalised by the
// minutiae the two prints can share: for each print the geometric mean of its minutiae inside
// the other print's area and of all its minutiae, so a small overlap is neither ignored nor
// allowed to inflate a chance agreement.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "core/biometrics/finger_geometry.h"

namespace ktpel {

struct GlobalParams {
  int anchors = 10;            // best relaxed pairs tried as anchors
  int refits = 2;              // least-squares refits of each anchor's alignment
  float tolerance = 8;         // px at the pivot
  float tolerance_growth = 0.1f;  // + this share of the distance from the pivot
  float direction = kPi / 6;   // largest direction disagreement of mates
  float overlap_margin = 10;   // px around a print's convex hull that still counts as its area
  float overlap_weight = 0.5f; // 0: normalise by all minutiae, 1: by those in the overlap only
};

struct GlobalMatch {
  size_t mates = 0;
  float a_shared = 0, b_shared = 0;  // the normalisers described above
  float score = 0;                   // min(1, mates^2 / (a_shared * b_shared))
};

// `anchors`: index pairs (into a, into b), best first.
GlobalMatch global_consolidation(const std::vector<MinutiaPoint>& a, const std::vector<MinutiaPoint>& b,
                                 const std::vector<std::pair<uint16_t, uint16_t>>& anchors, const GlobalParams& p = {});

}  // namespace ktpel
