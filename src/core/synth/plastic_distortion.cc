#include "core/synth/plastic_distortion.h"

#include <algorithm>
#include <cmath>

namespace ktpel {

const std::vector<std::string>& profile_names() {
  static const std::vector<std::string> names{"heavy", "partial", "noisy", "mild"};
  return names;
}

bool impression_profile(const std::string& name, ImpressionProfile& p) {
  p = ImpressionProfile{};
  if (name == "heavy") {  // strong lateral force: large outer displacement and twist, small core
    p.core_radius_min = 30, p.core_radius_max = 60, p.transition_min = 40, p.transition_max = 80;
    p.shift_sd = 25, p.twist_sd_deg = 10, p.contact_sd = 0.2;
    p.window_min = 0.8, p.window_max = 1.0;
  } else if (name == "partial") {  // a small sensor: half to two thirds of each side, anywhere
    p.shift_sd = 6, p.twist_sd_deg = 3;
    p.window_min = 0.5, p.window_max = 0.7;
    p.translation_sd = 30;
  } else if (name == "noisy") {  // poor skin and extraction: losses, false minutiae, dry patches
    p.shift_sd = 7, p.twist_sd_deg = 3;
    p.drop = 0.25, p.spurious = 0.25, p.jitter_px = 4, p.jitter_deg = 10;
    p.patches = 3;
  } else if (name == "mild") {  // a careful capture on a large sensor
    p.shift_sd = 3, p.twist_sd_deg = 1.5, p.rotation_sd_deg = 8, p.translation_sd = 15;
    p.window_min = 0.9, p.drop = 0.08, p.spurious = 0.05, p.jitter_px = 1.5, p.jitter_deg = 4;
  } else {
    return false;
  }
  return true;
}

float PlasticDistortion::brake(float r) const {
  // Smooth rise from 0 at the core region's border to 1 at the outer edge of the band
  // (C1-continuous, so the skin does not tear at either border).
  const float t = band > 0 ? std::clamp((r - core) / band, 0.0f, 1.0f) : (r > core ? 1.0f : 0.0f);
  return t * t * (3 - 2 * t);
}

MinutiaPoint PlasticDistortion::apply(const MinutiaPoint& m) const {
  auto move = [&](float x, float y) {
    const float w = brake(std::hypot(x - cx, y - cy));
    const float a = w * twist, cs = std::cos(a), sn = std::sin(a);
    return std::pair{cx + (x - cx) * cs - (y - cy) * sn + w * dx, cy + (x - cx) * sn + (y - cy) * cs + w * dy};
  };
  const auto [x, y] = move(m.x, m.y);
  // The direction through the mapping: where a point a little along the ridge lands.
  const auto [ax, ay] = move(m.x + 3 * std::cos(m.theta), m.y + 3 * std::sin(m.theta));
  return {x, y, wrap_angle(std::atan2(ay - y, ax - x)), m.type};
}

std::vector<MinutiaPoint> distorted_impression(const std::vector<MinutiaPoint>& master, Rng& rng, const ImpressionProfile& p) {
  if (master.empty()) return {};
  float x0 = master[0].x, x1 = x0, y0 = master[0].y, y1 = y0;
  for (const auto& m : master) x0 = std::min(x0, m.x), x1 = std::max(x1, m.x), y0 = std::min(y0, m.y), y1 = std::max(y1, m.y);
  const float w = x1 - x0, h = y1 - y0, mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
  auto draw = [&](double lo, double hi) { return static_cast<float>(lo + (hi - lo) * rng.uniform()); };
  auto normal = [&](double sd) { return static_cast<float>(rng.normal(0, sd)); };

  PlasticDistortion d;
  d.cx = mx + normal(p.contact_sd) * w, d.cy = my + normal(p.contact_sd) * h;
  d.core = draw(p.core_radius_min, p.core_radius_max), d.band = draw(p.transition_min, p.transition_max);
  d.dx = normal(p.shift_sd), d.dy = normal(p.shift_sd);
  d.twist = static_cast<float>(std::clamp(rng.normal(0, p.twist_sd_deg), -3 * p.twist_sd_deg, 3 * p.twist_sd_deg) * kPi / 180);

  // The sensor window in the master's frame (before the finger's rigid placement).
  const float ww = w * draw(p.window_min, p.window_max), wh = h * draw(p.window_min, p.window_max);
  const float wx = x0 + (w - ww) * static_cast<float>(rng.uniform()), wy = y0 + (h - wh) * static_cast<float>(rng.uniform());
  auto in_window = [&](float x, float y) { return x >= wx && x <= wx + ww && y >= wy && y <= wy + wh; };

  struct Patch {
    float x, y, r;
  };
  std::vector<Patch> patches;
  const int n_patches = p.patches > 0 ? rng.between(1, p.patches) : 0;
  for (int i = 0; i < n_patches; ++i) patches.push_back({draw(x0, x1), draw(y0, y1), draw(p.patch_min, p.patch_max)});
  auto in_patch = [&](float x, float y) {
    for (const auto& q : patches)
      if (std::hypot(x - q.x, y - q.y) <= q.r) return true;
    return false;
  };

  const float rot = static_cast<float>(std::clamp(rng.normal(0, p.rotation_sd_deg), -45.0, 45.0) * kPi / 180);
  const float tx = normal(p.translation_sd), ty = normal(p.translation_sd);
  const float cs = std::cos(rot), sn = std::sin(rot);
  std::vector<MinutiaPoint> out;
  auto capture = [&](const MinutiaPoint& m) {
    const MinutiaPoint moved = d.apply(m);
    if (!in_window(moved.x, moved.y)) return;
    const float jx = normal(p.jitter_px), jy = normal(p.jitter_px), jt = normal(p.jitter_deg * kPi / 180);
    out.push_back({mx + (moved.x - mx) * cs - (moved.y - my) * sn + tx + jx, my + (moved.x - mx) * sn + (moved.y - my) * cs + ty + jy,
                   wrap_angle(moved.theta + rot + jt), moved.type});
  };
  for (const auto& m : master) {
    if (rng.chance(p.drop)) continue;
    if (in_patch(m.x, m.y) && rng.chance(p.patch_drop)) continue;
    capture(m);
  }
  // False minutiae: spread over the print, and more of them inside the patches.
  const int spurious = static_cast<int>(std::lround(p.spurious * static_cast<double>(master.size()) * (0.5 + rng.uniform())));
  for (int i = 0; i < spurious; ++i) capture({draw(x0, x1), draw(y0, y1), draw(0, kTwoPi), 1});
  for (const auto& q : patches) {
    const int n = static_cast<int>(std::lround(p.patch_spurious * kPi * q.r * q.r / 1000 * (0.5 + rng.uniform())));
    for (int i = 0; i < n; ++i) {
      const float a = draw(0, kTwoPi), r = q.r * std::sqrt(static_cast<float>(rng.uniform()));
      capture({q.x + r * std::cos(a), q.y + r * std::sin(a), draw(0, kTwoPi), 1});
    }
  }
  return out;
}

}  // namespace ktpel
