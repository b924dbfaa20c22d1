// Minutiae in the matcher's frame: 500 dpi pixels (so distances mean the same on every
// scanner), y pointing up and angles in radians counter-clockwise, so that a rotation of the
// finger rotates positions and directions by the same angle. Helpers for angle arithmetic.
#pragma once
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "core/biometrics/iso19794.h"

namespace ktpel {

inline constexpr float kPi = std::numbers::pi_v<float>;
inline constexpr float kTwoPi = 2 * kPi;

struct MinutiaPoint {
  float x = 0, y = 0;  // 500 dpi pixels, y up
  float theta = 0;     // radians in [0, 2pi)
  uint8_t type = 0;
};

// Signed difference a - b folded into (-pi, pi].
inline float angle_diff(float a, float b) {
  float d = a - b;
  while (d > kPi) d -= kTwoPi;
  while (d <= -kPi) d += kTwoPi;
  return d;
}

inline float wrap_angle(float a) {
  while (a >= kTwoPi) a -= kTwoPi;
  while (a < 0) a += kTwoPi;
  return a;
}

// One finger view of a record, scaled from the record's resolution (pixels per cm) to 500 dpi.
std::vector<MinutiaPoint> to_matcher_frame(const FingerView& view, uint16_t x_resolution, uint16_t y_resolution);

}  // namespace ktpel
