#include "core/synth/synthetic_fingers.h"

#include <algorithm>
#include <cmath>
#include <complex>

namespace ktpel {
namespace {

constexpr float kWidth = 300, kHeight = 400;  // print area, 500 dpi pixels

struct Singularities {
  std::vector<std::complex<float>> cores, deltas;
  float base = 0;
};

Singularities pattern(Rng& rng) {
  Singularities s;
  const std::complex<float> centre(kWidth / 2 + static_cast<float>(rng.normal(0, 15)), -kHeight / 2 + static_cast<float>(rng.normal(0, 20)));
  const double kind = rng.uniform();
  if (kind < 0.6) {  // loop
    const float side = rng.chance(0.5) ? 1.0f : -1.0f;
    s.cores.push_back(centre);
    s.deltas.push_back(centre + std::complex<float>(side * 90, -110));
  } else if (kind < 0.9) {  // whorl
    s.cores.push_back(centre + std::complex<float>(0, 20));
    s.cores.push_back(centre - std::complex<float>(0, 20));
    s.deltas.push_back(centre + std::complex<float>(-110, -120));
    s.deltas.push_back(centre + std::complex<float>(110, -120));
  }  // arch: no singularities, a tilted field
  s.base = static_cast<float>(rng.normal(0, 0.2));
  return s;
}

float orientation(const Singularities& s, float x, float y) {
  const std::complex<float> z(x, y);
  float a = 0;
  for (auto c : s.cores) a += std::arg(z - c);
  for (auto d : s.deltas) a -= std::arg(z - d);
  // An arch bends ridges gently upwards in the middle.
  if (s.cores.empty()) a += 0.6f * std::sin((x - kWidth / 2) / kWidth * kPi) * (y < -kHeight / 2 ? 1.0f : 0.5f);
  return 0.5f * a + s.base;
}

bool inside_print(float x, float y) {
  const float dx = (x - kWidth / 2) / (kWidth / 2), dy = (y + kHeight / 2) / (kHeight / 2);
  return dx * dx + dy * dy <= 1;
}

}  // namespace

std::vector<MinutiaPoint> synthetic_master_finger(Rng& rng) {
  const Singularities s = pattern(rng);
  const int target = rng.between(32, 60);
  std::vector<MinutiaPoint> out;
  for (int attempts = 0; attempts < 4000 && static_cast<int>(out.size()) < target; ++attempts) {
    const auto x = static_cast<float>(rng.uniform() * kWidth), y = -static_cast<float>(rng.uniform() * kHeight);
    if (!inside_print(x, y)) continue;
    bool crowded = false;
    for (const auto& m : out)
      if ((m.x - x) * (m.x - x) + (m.y - y) * (m.y - y) < 14 * 14) crowded = true;
    if (crowded) continue;
    float theta = orientation(s, x, y) + (rng.chance(0.5) ? kPi : 0);
    out.push_back({x, y, wrap_angle(theta), static_cast<uint8_t>(rng.chance(0.55) ? 1 : 2)});
  }
  return out;
}

std::vector<MinutiaPoint> synthetic_impression(const std::vector<MinutiaPoint>& master, Rng& rng, const ImpressionModel& m) {
  struct Bump {
    float cx, cy, dx, dy;
  };
  std::vector<Bump> bumps;
  for (int i = 0; i < 3; ++i)
    bumps.push_back({static_cast<float>(rng.uniform() * kWidth), -static_cast<float>(rng.uniform() * kHeight),
                     static_cast<float>(rng.normal(0, m.distortion_px)), static_cast<float>(rng.normal(0, m.distortion_px))});
  const auto reach2 = static_cast<float>(2 * m.distortion_reach * m.distortion_reach);
  auto displaced = [&](float x, float y) {
    float ox = x, oy = y;
    for (const auto& b : bumps) {
      const float w = std::exp(-((x - b.cx) * (x - b.cx) + (y - b.cy) * (y - b.cy)) / reach2);
      ox += w * b.dx, oy += w * b.dy;
    }
    return std::pair{ox, oy};
  };
  const auto rot = static_cast<float>(std::clamp(rng.normal(0, m.rotation_sd_deg), -40.0, 40.0) * kPi / 180);
  const auto tx = static_cast<float>(rng.normal(0, m.translation_sd)), ty = static_cast<float>(rng.normal(0, m.translation_sd));
  const float cs = std::cos(rot), sn = std::sin(rot), cx = kWidth / 2, cy = -kHeight / 2;
  // Partial view: a window keeping at least min_crop of each side.
  const auto keep_w = static_cast<float>(kWidth * (m.min_crop + (1 - m.min_crop) * rng.uniform()));
  const auto keep_h = static_cast<float>(kHeight * (m.min_crop + (1 - m.min_crop) * rng.uniform()));
  const auto x0 = static_cast<float>((kWidth - keep_w) * rng.uniform()), y0 = -static_cast<float>((kHeight - keep_h) * rng.uniform());

  std::vector<MinutiaPoint> out;
  auto place = [&](MinutiaPoint p) {
    if (p.x < x0 || p.x > x0 + keep_w || p.y > y0 || p.y < y0 - keep_h) return;
    auto [dx, dy] = displaced(p.x, p.y);
    // Direction through the distortion: move a point a little along it and see where it lands.
    auto [ax, ay] = displaced(p.x + 4 * std::cos(p.theta), p.y + 4 * std::sin(p.theta));
    float theta = std::atan2(ay - dy, ax - dx);
    const float rx = cx + (dx - cx) * cs - (dy - cy) * sn + tx, ry = cy + (dx - cx) * sn + (dy - cy) * cs + ty;
    theta += rot + static_cast<float>(rng.normal(0, m.jitter_deg) * kPi / 180);
    out.push_back({rx + static_cast<float>(rng.normal(0, m.jitter_px)), ry + static_cast<float>(rng.normal(0, m.jitter_px)),
                   wrap_angle(theta), p.type});
  };
  for (const auto& p : master)
    if (!rng.chance(m.drop)) place(p);
  const int spurious = static_cast<int>(std::lround(m.spurious * static_cast<double>(master.size()) * (0.5 + rng.uniform())));
  for (int i = 0; i < spurious; ++i) {
    const auto x = static_cast<float>(rng.uniform() * kWidth), y = -static_cast<float>(rng.uniform() * kHeight);
    if (inside_print(x, y)) place({x, y, static_cast<float>(rng.uniform() * kTwoPi), 1});
  }
  return out;
}

std::vector<MinutiaPoint> perturbed_copy(const std::vector<MinutiaPoint>& ms, Rng& rng) {
  const auto rot = static_cast<float>(rng.normal(0, 10) * kPi / 180);
  const auto tx = static_cast<float>(rng.normal(0, 15)), ty = static_cast<float>(rng.normal(0, 15));
  const float cs = std::cos(rot), sn = std::sin(rot);
  std::vector<MinutiaPoint> out;
  for (const auto& m : ms)
    out.push_back({m.x * cs - m.y * sn + tx + static_cast<float>(rng.normal(0, 1)),
                   m.x * sn + m.y * cs + ty + static_cast<float>(rng.normal(0, 1)),
                   wrap_angle(m.theta + rot + static_cast<float>(rng.normal(0, 0.03))), m.type});
  return out;
}

FingerMinutiaeRecord record_of(const std::vector<MinutiaPoint>& ms, int position) {
  FingerMinutiaeRecord r;
  r.x_resolution = r.y_resolution = 197;
  float min_x = 0, max_y = 0;
  for (const auto& m : ms) min_x = std::min(min_x, m.x), max_y = std::max(max_y, m.y);
  const float shift_x = min_x < 0 ? -min_x + 8 : 0, shift_y = max_y > 0 ? max_y + 8 : 0;
  uint16_t w = 0, h = 0;
  FingerView v;
  v.position = static_cast<uint8_t>(position);
  for (const auto& m : ms) {
    const auto x = static_cast<uint16_t>(std::lround(m.x + shift_x));
    const auto y = static_cast<uint16_t>(std::lround(-(m.y - shift_y)));
    w = std::max<uint16_t>(w, x + 8), h = std::max<uint16_t>(h, y + 8);
    v.minutiae.push_back({m.type, x, y, static_cast<uint8_t>(std::lround(m.theta * 256 / kTwoPi) & 255), 60});
  }
  r.width = std::max<uint16_t>(w, 300), r.height = std::max<uint16_t>(h, 400);
  r.views.push_back(std::move(v));
  return r;
}

}  // namespace ktpel
