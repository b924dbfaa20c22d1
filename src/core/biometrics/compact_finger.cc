#include "core/biometrics/compact_finger.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <numeric>

namespace ktpel {
namespace {

constexpr uint64_t kCodeMask = (uint64_t{1} << 48) - 1;

uint64_t pooled_code(const Cylinder& c) {
  uint64_t code = 0;
  int bit = 0;
  for (int group = 0; group < 3; ++group)
    for (int bi = 0; bi < 4; ++bi)
      for (int bj = 0; bj < 4; ++bj, ++bit) {
        int on = 0;
        for (int k = 2 * group; k < 2 * group + 2; ++k)
          for (int i = bi * 4; i < bi * 4 + 4; ++i)
            for (int j = bj * 4; j < bj * 4 + 4; ++j) {
              const int s = i * kMccSpatial + j;
              on += static_cast<int>(c.bits[k * kMccLayerWords + s / 64] >> (s % 64) & 1);
            }
        if (on >= 3) code |= uint64_t{1} << bit;
      }
  const auto direction = static_cast<uint64_t>(std::lround(wrap_angle(c.theta) * 256 / kTwoPi) & 255);
  return code | direction << 48 | static_cast<uint64_t>(std::popcount(code)) << 56;
}

// Indices 0..n-1 ordered by distance of minutia index_of(i) from the centre of all minutiae:
// the middle of a print is what the next capture most surely contains again.
template <class IndexOf>
std::vector<size_t> central_first(const std::vector<MinutiaPoint>& ms, size_t n, IndexOf index_of) {
  float cx = 0, cy = 0;
  for (const auto& m : ms) cx += m.x, cy += m.y;
  if (!ms.empty()) cx /= ms.size(), cy /= ms.size();
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  auto dist = [&](size_t i) {
    const auto& m = ms[index_of(i)];
    return (m.x - cx) * (m.x - cx) + (m.y - cy) * (m.y - cy);
  };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return dist(a) < dist(b); });
  return order;
}

std::vector<size_t> central_cylinders(const FingerFeatures& f) {
  return central_first(f.minutiae, f.cylinders.size(), [&](size_t i) { return f.usable_index[i]; });
}

// 255 x (1 - differing / (ones_a + ones_b)), indexed [differing][ones_a + ones_b].
struct AgreementTable {
  std::array<std::array<uint8_t, 97>, 97> v{};
  AgreementTable() {
    for (int d = 0; d <= 96; ++d)
      for (int o = 0; o <= 96; ++o) v[d][o] = o == 0 || d > o ? 0 : static_cast<uint8_t>(std::lround(255.0 * (1.0 - static_cast<double>(d) / o)));
  }
};
const AgreementTable kAgreement;

}  // namespace

CompactFinger compact_finger(const FingerFeatures& f) {
  CompactFinger c;
  for (size_t i : central_cylinders(f)) {
    if (c.code_count == kCompactCodes) break;
    c.codes[c.code_count++] = pooled_code(f.cylinders[i]);
  }
  // Minutiae: the central ones when there are more than fit.
  auto order = central_first(f.minutiae, f.minutiae.size(), [](size_t i) { return i; });
  if (order.size() > kCompactMinutiae) order.resize(kCompactMinutiae);
  std::sort(order.begin(), order.end());
  for (size_t i : order) {
    const auto& m = f.minutiae[i];
    const auto x = static_cast<uint32_t>(std::clamp(std::lround(m.x / 2), 0L, 511L));
    const auto y = static_cast<uint32_t>(std::clamp(std::lround(-m.y / 2), 0L, 511L));
    const auto a = static_cast<uint32_t>(std::lround(wrap_angle(m.theta) * 64 / kTwoPi) & 63);
    const uint32_t packed = x << 15 | y << 6 | a;
    uint8_t* out = &c.minutiae[c.minutia_count++ * 3];
    out[0] = static_cast<uint8_t>(packed >> 16), out[1] = static_cast<uint8_t>(packed >> 8), out[2] = static_cast<uint8_t>(packed);
  }
  return c;
}

std::vector<MinutiaPoint> expand_minutiae(const CompactFinger& c) {
  std::vector<MinutiaPoint> out;
  for (int i = 0; i < c.minutia_count; ++i) {
    const uint8_t* in = &c.minutiae[i * 3];
    const uint32_t packed = static_cast<uint32_t>(in[0]) << 16 | static_cast<uint32_t>(in[1]) << 8 | in[2];
    out.push_back({static_cast<float>((packed >> 15) * 2), -static_cast<float>((packed >> 6 & 511) * 2),
                   (packed & 63) * (kTwoPi / 64), 0});
  }
  return out;
}

std::string serialise(const CompactFinger& c) {
  std::string out;
  out.reserve(250);
  for (uint64_t code : c.codes)
    for (int b = 0; b < 8; ++b) out.push_back(static_cast<char>(code >> (8 * b)));
  out.push_back(static_cast<char>(c.code_count));
  out.push_back(static_cast<char>(c.minutia_count));
  out.append(reinterpret_cast<const char*>(c.minutiae.data()), c.minutiae.size());
  return out;
}

bool deserialise(std::string_view bytes, CompactFinger& c) {
  if (bytes.size() != 8 * kCompactCodes + 2 + c.minutiae.size()) return false;
  for (int i = 0; i < kCompactCodes; ++i) {
    uint64_t v = 0;
    for (int b = 0; b < 8; ++b) v |= static_cast<uint64_t>(static_cast<uint8_t>(bytes[i * 8 + b])) << (8 * b);
    c.codes[i] = v;
  }
  c.code_count = static_cast<uint8_t>(bytes[8 * kCompactCodes]);
  c.minutia_count = static_cast<uint8_t>(bytes[8 * kCompactCodes + 1]);
  if (c.code_count > kCompactCodes || c.minutia_count > kCompactMinutiae) return false;
  std::memcpy(c.minutiae.data(), bytes.data() + 8 * kCompactCodes + 2, c.minutiae.size());
  return true;
}

ProbeCodes probe_codes(const FingerFeatures& f) {
  ProbeCodes p;
  for (size_t i : central_cylinders(f)) {
    if (p.count == static_cast<int>(p.codes.size())) break;
    p.codes[p.count++] = pooled_code(f.cylinders[i]);
  }
  return p;
}

int first_stage_score(const ProbeCodes& probe, const uint64_t* gallery, int gallery_count) {
  std::array<int, kCompactCodes> best{};
  for (int g = 0; g < gallery_count; ++g) {
    const uint64_t gc = gallery[g];
    const int g_dir = static_cast<int>(gc >> 48 & 255), g_ones = static_cast<int>(gc >> 56);
    int b = 0;
    for (int p = 0; p < probe.count; ++p) {
      const uint64_t pc = probe.codes[p];
      const int turn = static_cast<int8_t>(static_cast<uint8_t>((pc >> 48 & 255) - g_dir));
      const int agree = kAgreement.v[std::popcount((pc ^ gc) & kCodeMask)][g_ones + static_cast<int>(pc >> 56)];
      b = std::max(b, (turn <= 32 && turn >= -32) ? agree : 0);
    }
    best[g] = b;
  }
  // Sum of the five largest.
  std::partial_sort(best.begin(), best.begin() + 5, best.begin() + std::max(gallery_count, 5), std::greater<int>());
  return best[0] + best[1] + best[2] + best[3] + best[4];
}

}  // namespace ktpel
