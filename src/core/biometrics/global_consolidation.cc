#include "core/biometrics/global_consolidation.h"

#include <algorithm>
#include <cmath>

#include "core/biometrics/convex_hull.h"

namespace ktpel {
namespace {

// B's frame = A's frame rotated by `rot` about (ax, ay), then moved onto (bx, by).
struct Alignment {
  float ax = 0, ay = 0, bx = 0, by = 0, rot = 0;
  PlanePoint apply(const MinutiaPoint& m) const {
    const float ux = m.x - ax, uy = m.y - ay, cs = std::cos(rot), sn = std::sin(rot);
    return {bx + ux * cs - uy * sn, by + ux * sn + uy * cs};
  }
};

using Mates = std::vector<std::pair<uint16_t, uint16_t>>;

// Each minutia of A (in order) takes the nearest free minutia of B that lies within the
// tolerance of where the alignment puts it and has a like direction.
Mates mates_under(const std::vector<MinutiaPoint>& a, const std::vector<MinutiaPoint>& b, const Alignment& al, const GlobalParams& p) {
  std::vector<char> used(b.size());
  Mates out;
  for (size_t i = 0; i < a.size(); ++i) {
    const PlanePoint at = al.apply(a[i]);
    float best = p.tolerance + p.tolerance_growth * std::hypot(a[i].x - al.ax, a[i].y - al.ay);
    int pick = -1;
    for (size_t j = 0; j < b.size(); ++j) {
      if (used[j]) continue;
      const float err = std::hypot(at.x - b[j].x, at.y - b[j].y);
      if (err <= best && std::fabs(angle_diff(angle_diff(b[j].theta, a[i].theta), al.rot)) <= p.direction)
        best = err, pick = static_cast<int>(j);
    }
    if (pick < 0) continue;
    used[pick] = 1;
    out.emplace_back(static_cast<uint16_t>(i), static_cast<uint16_t>(pick));
  }
  return out;
}

// The least-squares rigid motion of the mates (2-D Procrustes), pivoting on their centroids.
Alignment fitted(const std::vector<MinutiaPoint>& a, const std::vector<MinutiaPoint>& b, const Mates& mates) {
  Alignment al;
  for (const auto& [i, j] : mates) al.ax += a[i].x, al.ay += a[i].y, al.bx += b[j].x, al.by += b[j].y;
  const auto n = static_cast<float>(mates.size());
  al.ax /= n, al.ay /= n, al.bx /= n, al.by /= n;
  float dot = 0, crs = 0;
  for (const auto& [i, j] : mates) {
    const float ux = a[i].x - al.ax, uy = a[i].y - al.ay, vx = b[j].x - al.bx, vy = b[j].y - al.by;
    dot += ux * vx + uy * vy, crs += ux * vy - uy * vx;
  }
  al.rot = std::atan2(crs, dot);
  return al;
}

}  // namespace

GlobalMatch global_consolidation(const std::vector<MinutiaPoint>& a, const std::vector<MinutiaPoint>& b,
                                 const std::vector<std::pair<uint16_t, uint16_t>>& anchors, const GlobalParams& p) {
  GlobalMatch out;
  Alignment best;
  const size_t tries = std::min(anchors.size(), static_cast<size_t>(std::max(p.anchors, 0)));
  for (size_t q = 0; q < tries; ++q) {
    const MinutiaPoint &pa = a[anchors[q].first], &pb = b[anchors[q].second];
    Alignment al{pa.x, pa.y, pb.x, pb.y, angle_diff(pb.theta, pa.theta)};
    Mates mates = mates_under(a, b, al, p);
    if (mates.size() > out.mates) out.mates = mates.size(), best = al;
    for (int r = 0; r < p.refits && mates.size() >= 3; ++r) {
      al = fitted(a, b, mates);
      mates = mates_under(a, b, al, p);
      if (mates.size() > out.mates) out.mates = mates.size(), best = al;
    }
  }
  if (out.mates == 0) return out;
  // How many minutiae of each print lie in the other's area under the best alignment.
  std::vector<PlanePoint> a_moved, b_points;
  for (const auto& m : a) a_moved.push_back(best.apply(m));
  for (const auto& m : b) b_points.push_back({m.x, m.y});
  const auto a_hull = convex_hull(a_moved), b_hull = convex_hull(b_points);
  float a_in = 0, b_in = 0;
  for (const auto& q : a_moved) a_in += near_hull(b_hull, q, p.overlap_margin);
  for (const auto& q : b_points) b_in += near_hull(a_hull, q, p.overlap_margin);
  auto shared = [&](float inside, size_t all) {
    return std::pow(std::max(inside, 1.0f), p.overlap_weight) * std::pow(static_cast<float>(all), 1 - p.overlap_weight);
  };
  out.a_shared = shared(a_in, a.size()), out.b_shared = shared(b_in, b.size());
  const auto m = static_cast<float>(out.mates);
  out.score = std::min(1.0f, m * m / (out.a_shared * out.b_shared));
  return out;
}

}  // namespace ktpel
