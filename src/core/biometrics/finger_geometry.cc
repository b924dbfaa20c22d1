#include "core/biometrics/finger_geometry.h"

namespace ktpel {

std::vector<MinutiaPoint> to_matcher_frame(const FingerView& view, uint16_t x_resolution, uint16_t y_resolution) {
  constexpr float k500dpi = 196.85f;  // pixels per cm
  const float sx = x_resolution ? k500dpi / x_resolution : 1.0f;
  const float sy = y_resolution ? k500dpi / y_resolution : 1.0f;
  std::vector<MinutiaPoint> out;
  out.reserve(view.minutiae.size());
  for (const auto& m : view.minutiae) {
    // ISO angles run counter-clockwise in 256 steps with the image's y pointing down; with y
    // flipped up the same number is the mathematical angle.
    out.push_back({m.x * sx, -static_cast<float>(m.y) * sy, m.angle * (kTwoPi / 256.0f), m.type});
  }
  return out;
}

}  // namespace ktpel
