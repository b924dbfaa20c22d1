#include "core/biometrics/convex_hull.h"

#include <algorithm>
#include <cmath>

namespace ktpel {
namespace {

float cross(PlanePoint o, PlanePoint a, PlanePoint b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

float segment_distance(PlanePoint p, PlanePoint a, PlanePoint b) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len2 = dx * dx + dy * dy;
  float t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
  t = std::clamp(t, 0.0f, 1.0f);
  const float ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
  return std::sqrt(ex * ex + ey * ey);
}

}  // namespace

// Andrew's monotone chain, counter-clockwise.
std::vector<PlanePoint> convex_hull(std::vector<PlanePoint> pts) {
  std::sort(pts.begin(), pts.end(), [](PlanePoint a, PlanePoint b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  if (pts.size() < 3) return pts;
  std::vector<PlanePoint> hull(2 * pts.size());
  size_t k = 0;
  for (size_t i = 0; i < pts.size(); ++i) {
    while (k >= 2 && cross(hull[k - 2], hull[k - 1], pts[i]) <= 0) --k;
    hull[k++] = pts[i];
  }
  for (size_t i = pts.size() - 1, t = k + 1; i > 0; --i) {
    while (k >= t && cross(hull[k - 2], hull[k - 1], pts[i - 1]) <= 0) --k;
    hull[k++] = pts[i - 1];
  }
  hull.resize(k - 1);
  return hull;
}

// Inside the hull, or within `margin` of its boundary.
bool near_hull(const std::vector<PlanePoint>& hull, PlanePoint p, float margin) {
  if (hull.empty()) return false;
  if (hull.size() < 3) {
    float best = 1e9f;
    for (size_t i = 0; i < hull.size(); ++i) best = std::min(best, segment_distance(p, hull[i], hull[(i + 1) % hull.size()]));
    return best <= margin;
  }
  bool inside = true;
  float best = 1e9f;
  for (size_t i = 0; i < hull.size(); ++i) {
    const PlanePoint a = hull[i], b = hull[(i + 1) % hull.size()];
    if (cross(a, b, p) < 0) inside = false;
    best = std::min(best, segment_distance(p, a, b));
  }
  return inside || best <= margin;
}

}  // namespace ktpel
