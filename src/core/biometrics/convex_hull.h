// The convex hull of a set of points, and whether a point lies within a margin of it: the area
// a print's minutiae cover (MCC cell validity; the overlap of two aligned prints).
#pragma once
#include <vector>

namespace ktpel {

struct PlanePoint {
  float x, y;
};

// Andrew's monotone chain, counter-clockwise; fewer than three points come back as given.
std::vector<PlanePoint> convex_hull(std::vector<PlanePoint> pts);

// Inside the hull, or within `margin` of its boundary.
bool near_hull(const std::vector<PlanePoint>& hull, PlanePoint p, float margin);

}  // namespace ktpel
