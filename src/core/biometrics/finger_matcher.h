// 1:1 fingerprint comparison: MCC local similarities consolidated by relaxation (LSS-R,
// Cappelli et al. 2010, section 5), with the candidate pairs chosen one-to-one, fused with an
// anchored, distortion-tolerant global consolidation (global_consolidation.h). See
// docs/afis.md for the algorithm, its parameters and references.
//
// Scores are in [0, 1] and exactly symmetric: the two templates are put in a canonical order
// (by content) before comparison, so match(a, b) == match(b, a) bit for bit.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/biometrics/finger_geometry.h"
#include "core/biometrics/global_consolidation.h"
#include "core/biometrics/mcc_cylinder.h"

namespace ktpel {

struct FingerFeatures {
  std::vector<MinutiaPoint> minutiae;
  std::vector<Cylinder> cylinders;  // only usable ones, same order as usable_index
  std::vector<uint16_t> usable_index;  // index into minutiae of each cylinder
  uint64_t fingerprint = 0;            // content hash: the canonical order of a comparison
};

struct ConsolidationParams {
  int min_pairs = 4, max_pairs = 12;  // n_P bounds
  float pairs_mu = 20, pairs_tau = 0.4f;
  int relaxation_rounds = 5;
  float relaxation_weight = 0.5f;
  float rho1_mu = 5, rho1_tau = -1.6f;           // distance difference, pixels
  // [12] rho1's tolerance grows by this share of the two minutiae's distance (distortion
  // accumulates with distance; 0 = the paper's fixed tolerance).
  float rho1_growth = 0.05f;
  float rho2_mu = kPi / 12, rho2_tau = -30;      // direction-difference difference
  float rho3_mu = kPi / 12, rho3_tau = -30;      // radial-angle difference
  // [12] Fusion with the anchored global consolidation: lssr^(1 - w) * global^w (w = 0: LSS-R alone).
  GlobalParams global;
  float global_weight = 0.5f;
};

FingerFeatures extract_features(const std::vector<MinutiaPoint>& minutiae, const MccParams& p = {});

float match_fingers(const FingerFeatures& a, const FingerFeatures& b, const ConsolidationParams& c = {},
                    const MccParams& p = {});

}  // namespace ktpel

namespace ktpel {
// The first view of a record (a single-finger template), in the matcher's frame.
FingerFeatures features_of_record(const FingerMinutiaeRecord& record, const MccParams& p = {});
}  // namespace ktpel
