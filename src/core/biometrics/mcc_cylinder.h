// Minutia Cylinder-Code (Cappelli, Ferrara, Maltoni, IEEE TPAMI 32(12), 2010), bit version:
// around each minutia a 16 x 16 x 6 cylinder of cells, rotated to the minutia's direction,
// records where its neighbours are and how their directions differ. Being local and expressed
// in the minutia's own frame, a cylinder is invariant to rotation and translation of the finger
// and tolerant of distortion; cells outside the fingerprint area are marked invalid so partial
// overlap is not counted as disagreement.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "core/biometrics/finger_geometry.h"

namespace ktpel {

struct MccParams {
  float radius = 70;                 // R, pixels at 500 dpi
  float sigma_s = 28.0f / 3.0f;      // spatial spread of a neighbour's contribution
  float sigma_d = 2 * kPi / 9;       // directional spread
  float mu_psi = 0.01f;              // a cell is 1 when its contribution reaches this
  float hull_margin = 50;            // Omega: cells this far outside the minutiae's convex hull still count
  float min_valid_cells = 0.75f;     // of the cells within R, else the cylinder is unusable
  int min_neighbours = 2;            // neighbours within R + 3 sigma_s, else unusable
  float min_matchable = 0.6f;        // common valid cells needed to compare two cylinders
  float max_direction_diff = kPi / 2;
};

inline constexpr int kMccSpatial = 16;                          // N_S
inline constexpr int kMccDirections = 6;                        // N_D
inline constexpr int kMccLayerWords = kMccSpatial * kMccSpatial / 64;  // 4
inline constexpr int kMccWords = kMccLayerWords * kMccDirections;      // 24

struct Cylinder {
  std::array<uint64_t, kMccWords> bits{};
  std::array<uint64_t, kMccLayerWords> valid{};  // spatial validity, the same for every direction layer
  float theta = 0;
  bool usable = false;
};

std::vector<Cylinder> build_cylinders(const std::vector<MinutiaPoint>& minutiae, const MccParams& p = {});

// Bit-MCC similarity in [0, 1]; 0 when directions differ by more than the limit or too few cells
// are valid in both.
float cylinder_similarity(const Cylinder& a, const Cylinder& b, const MccParams& p = {});

// Cells within R of the centre: the denominator of the validity rules.
int mcc_cells_within_radius();

}  // namespace ktpel
