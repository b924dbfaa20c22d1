#include "core/biometrics/mcc_cylinder.h"

#include "core/biometrics/convex_hull.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace ktpel {
namespace {

// Area under a Gaussian of spread sigma_d over the direction bin centred on alpha.
float directional_weight(float alpha, float sigma_d) {
  const float half = kPi / kMccDirections;  // half of the 2pi/N_D bin
  const float s = sigma_d * std::numbers::sqrt2_v<float>;
  return 0.5f * (std::erf((alpha + half) / s) - std::erf((alpha - half) / s));
}

}  // namespace

int mcc_cells_within_radius() {
  static const int n = [] {
    const MccParams p;
    const float delta = 2 * p.radius / kMccSpatial;
    int count = 0;
    for (int i = 0; i < kMccSpatial; ++i)
      for (int j = 0; j < kMccSpatial; ++j) {
        const float u = delta * (i + 0.5f - kMccSpatial / 2.0f), v = delta * (j + 0.5f - kMccSpatial / 2.0f);
        if (u * u + v * v <= p.radius * p.radius) ++count;
      }
    return count;
  }();
  return n;
}

std::vector<Cylinder> build_cylinders(const std::vector<MinutiaPoint>& minutiae, const MccParams& p) {
  std::vector<PlanePoint> pts;
  pts.reserve(minutiae.size());
  for (const auto& m : minutiae) pts.push_back({m.x, m.y});
  const auto hull = convex_hull(pts);
  const float delta = 2 * p.radius / kMccSpatial;
  const float reach = p.radius + 3 * p.sigma_s;
  const float gauss_norm = 1.0f / (p.sigma_s * std::sqrt(2 * kPi));
  const int within_radius = mcc_cells_within_radius();

  std::vector<Cylinder> out(minutiae.size());
  std::array<float, kMccSpatial * kMccSpatial * kMccDirections> cell{};
  for (size_t c = 0; c < minutiae.size(); ++c) {
    const MinutiaPoint& m = minutiae[c];
    Cylinder& cyl = out[c];
    cyl.theta = m.theta;
    const float cs = std::cos(m.theta), sn = std::sin(m.theta);
    int valid_cells = 0;
    for (int i = 0; i < kMccSpatial; ++i)
      for (int j = 0; j < kMccSpatial; ++j) {
        const float u = delta * (i + 0.5f - kMccSpatial / 2.0f), v = delta * (j + 0.5f - kMccSpatial / 2.0f);
        if (u * u + v * v > p.radius * p.radius) continue;
        const PlanePoint global{m.x + u * cs - v * sn, m.y + u * sn + v * cs};
        if (!near_hull(hull, global, p.hull_margin)) continue;
        const int s = i * kMccSpatial + j;
        cyl.valid[s / 64] |= uint64_t{1} << (s % 64);
        ++valid_cells;
      }
    cell.fill(0);
    int neighbours = 0;
    for (size_t t = 0; t < minutiae.size(); ++t) {
      if (t == c) continue;
      const float dx = minutiae[t].x - m.x, dy = minutiae[t].y - m.y;
      if (dx * dx + dy * dy > reach * reach) continue;
      ++neighbours;
      // The neighbour in the cylinder's frame, in cell units.
      const float lu = (dx * cs + dy * sn) / delta + kMccSpatial / 2.0f - 0.5f;
      const float lv = (-dx * sn + dy * cs) / delta + kMccSpatial / 2.0f - 0.5f;
      const float span = 3 * p.sigma_s / delta;
      const int i0 = std::max(0, static_cast<int>(std::ceil(lu - span))), i1 = std::min(kMccSpatial - 1, static_cast<int>(std::floor(lu + span)));
      const int j0 = std::max(0, static_cast<int>(std::ceil(lv - span))), j1 = std::min(kMccSpatial - 1, static_cast<int>(std::floor(lv + span)));
      const float dtheta = angle_diff(m.theta, minutiae[t].theta);
      std::array<float, kMccDirections> dir{};
      for (int k = 0; k < kMccDirections; ++k) {
        const float centre = -kPi + (k + 0.5f) * (kTwoPi / kMccDirections);
        dir[k] = directional_weight(angle_diff(centre, dtheta), p.sigma_d);
      }
      for (int i = i0; i <= i1; ++i)
        for (int j = j0; j <= j1; ++j) {
          const float du = (i - lu) * delta, dv = (j - lv) * delta;
          const float d2 = du * du + dv * dv;
          if (d2 > 9 * p.sigma_s * p.sigma_s) continue;
          const float g = gauss_norm * std::exp(-d2 / (2 * p.sigma_s * p.sigma_s));
          for (int k = 0; k < kMccDirections; ++k) cell[(k * kMccSpatial + i) * kMccSpatial + j] += g * dir[k];
        }
    }
    cyl.usable = valid_cells >= p.min_valid_cells * within_radius && neighbours >= p.min_neighbours;
    for (int k = 0; k < kMccDirections; ++k)
      for (int s = 0; s < kMccSpatial * kMccSpatial; ++s) {
        if (!(cyl.valid[s / 64] >> (s % 64) & 1)) continue;
        if (cell[k * kMccSpatial * kMccSpatial + s] >= p.mu_psi)
          cyl.bits[k * kMccLayerWords + s / 64] |= uint64_t{1} << (s % 64);
      }
  }
  return out;
}

float cylinder_similarity(const Cylinder& a, const Cylinder& b, const MccParams& p) {
  if (std::fabs(angle_diff(a.theta, b.theta)) > p.max_direction_diff) return 0;
  std::array<uint64_t, kMccLayerWords> common;
  int matchable = 0;
  for (int w = 0; w < kMccLayerWords; ++w) {
    common[w] = a.valid[w] & b.valid[w];
    matchable += std::popcount(common[w]);
  }
  if (matchable < p.min_matchable * mcc_cells_within_radius()) return 0;
  int ones_a = 0, ones_b = 0, differ = 0;
  for (int w = 0; w < kMccWords; ++w) {
    const uint64_t ca = a.bits[w] & common[w % kMccLayerWords], cb = b.bits[w] & common[w % kMccLayerWords];
    ones_a += std::popcount(ca);
    ones_b += std::popcount(cb);
    differ += std::popcount(ca ^ cb);
  }
  // sqrt-norm of a bit vector is sqrt(popcount); 1 - |a xor b| / (|a| + |b|).
  const float norm = std::sqrt(static_cast<float>(ones_a)) + std::sqrt(static_cast<float>(ones_b));
  if (norm == 0) return 0;
  return 1.0f - std::sqrt(static_cast<float>(differ)) / norm;
}

}  // namespace ktpel
