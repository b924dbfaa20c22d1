#include "core/biometrics/finger_matcher.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

namespace ktpel {
namespace {

float sigmoid(float v, float mu, float tau) { return 1.0f / (1.0f + std::exp(-tau * (v - mu))); }

uint64_t content_hash(const std::vector<MinutiaPoint>& ms) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a over the coordinates
  for (const auto& m : ms) {
    const float f[3] = {m.x, m.y, m.theta};
    unsigned char bytes[sizeof f];
    std::memcpy(bytes, f, sizeof f);
    for (unsigned char b : bytes) h = (h ^ b) * 1099511628211ull;
  }
  return h;
}

struct Pair {
  uint16_t a, b;  // minutia indices
  float similarity;
};

// Greedy one-to-one choice of the n most similar cylinder pairs (a fast stand-in for the
// Hungarian assignment of LSA): the best pair first, then the best among unused minutiae.
std::vector<Pair> best_pairs(const FingerFeatures& a, const FingerFeatures& b, size_t n, const MccParams& p) {
  std::vector<Pair> all;
  all.reserve(a.cylinders.size() * b.cylinders.size() / 4);
  for (size_t i = 0; i < a.cylinders.size(); ++i)
    for (size_t j = 0; j < b.cylinders.size(); ++j) {
      const float s = cylinder_similarity(a.cylinders[i], b.cylinders[j], p);
      if (s > 0) all.push_back({static_cast<uint16_t>(i), static_cast<uint16_t>(j), s});
    }
  std::sort(all.begin(), all.end(), [](const Pair& x, const Pair& y) {
    if (x.similarity != y.similarity) return x.similarity > y.similarity;
    return x.a != y.a ? x.a < y.a : x.b < y.b;
  });
  std::vector<char> used_a(a.cylinders.size()), used_b(b.cylinders.size());
  std::vector<Pair> out;
  for (const auto& pr : all) {
    if (out.size() == n) break;
    if (used_a[pr.a] || used_b[pr.b]) continue;
    used_a[pr.a] = used_b[pr.b] = 1;
    out.push_back({a.usable_index[pr.a], b.usable_index[pr.b], pr.similarity});
  }
  return out;
}

float consolidate(const FingerFeatures& a, const FingerFeatures& b, const ConsolidationParams& c, const MccParams& p) {
  const size_t na = a.cylinders.size(), nb = b.cylinders.size();
  if (na == 0 || nb == 0) return 0;
  const size_t n_min = std::min(na, nb);
  const int n_p = c.min_pairs + static_cast<int>(std::lround(sigmoid(static_cast<float>(n_min), c.pairs_mu, c.pairs_tau) *
                                                             (c.max_pairs - c.min_pairs)));
  auto pairs = best_pairs(a, b, n_min, p);
  const size_t n_r = pairs.size();
  if (n_r == 0) return 0;

  // Compatibility of every two pairs: do the two minutiae in A sit relative to each other as
  // the two in B do (distance, direction difference, radial angle)?
  std::vector<float> rho(n_r * n_r, 0);
  for (size_t t = 0; t < n_r; ++t) {
    const MinutiaPoint& at = a.minutiae[pairs[t].a];
    const MinutiaPoint& bt = b.minutiae[pairs[t].b];
    for (size_t k = t + 1; k < n_r; ++k) {
      const MinutiaPoint& ak = a.minutiae[pairs[k].a];
      const MinutiaPoint& bk = b.minutiae[pairs[k].b];
      const float da = std::hypot(at.x - ak.x, at.y - ak.y), db = std::hypot(bt.x - bk.x, bt.y - bk.y);
      const float d1 = std::fabs(da - db) * c.rho1_mu / (c.rho1_mu + c.rho1_growth * (da + db) / 2);
      const float d2 = std::fabs(angle_diff(angle_diff(at.theta, ak.theta), angle_diff(bt.theta, bk.theta)));
      const float ra = angle_diff(at.theta, std::atan2(ak.y - at.y, ak.x - at.x));
      const float rb = angle_diff(bt.theta, std::atan2(bk.y - bt.y, bk.x - bt.x));
      const float d3 = std::fabs(angle_diff(ra, rb));
      const float r = sigmoid(d1, c.rho1_mu, c.rho1_tau) * sigmoid(d2, c.rho2_mu, c.rho2_tau) *
                      sigmoid(d3, c.rho3_mu, c.rho3_tau);
      rho[t * n_r + k] = rho[k * n_r + t] = r;
    }
  }
  std::vector<float> lambda(n_r), next(n_r), initial(n_r);
  for (size_t t = 0; t < n_r; ++t) initial[t] = lambda[t] = pairs[t].similarity;
  const float denom = n_r > 1 ? static_cast<float>(n_r - 1) : 1.0f;
  for (int round = 0; round < c.relaxation_rounds; ++round) {
    for (size_t t = 0; t < n_r; ++t) {
      float support = 0;
      for (size_t k = 0; k < n_r; ++k) support += rho[t * n_r + k] * lambda[k];
      next[t] = c.relaxation_weight * lambda[t] + (1 - c.relaxation_weight) * support / denom;
    }
    lambda.swap(next);
  }
  // The pairs whose similarity held up best under relaxation ("efficiency") decide the score.
  std::vector<size_t> order(n_r);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    const float ex = lambda[x] / initial[x], ey = lambda[y] / initial[y];
    return ex != ey ? ex > ey : x < y;
  });
  const size_t take = std::min(static_cast<size_t>(n_p), n_r);
  float sum = 0;
  for (size_t i = 0; i < take; ++i) sum += lambda[order[i]];
  const float lssr = sum / static_cast<float>(n_p);  // fewer pairs than n_P counts as zeros
  if (c.global_weight <= 0) return lssr;

  // The pairs with the highest relaxed similarity anchor the global consolidation.
  std::vector<size_t> by_lambda(n_r);
  std::iota(by_lambda.begin(), by_lambda.end(), 0);
  std::sort(by_lambda.begin(), by_lambda.end(), [&](size_t x, size_t y) { return lambda[x] != lambda[y] ? lambda[x] > lambda[y] : x < y; });
  std::vector<std::pair<uint16_t, uint16_t>> anchors;
  for (size_t i = 0; i < by_lambda.size() && anchors.size() < static_cast<size_t>(c.global.anchors); ++i)
    anchors.emplace_back(pairs[by_lambda[i]].a, pairs[by_lambda[i]].b);
  const float global = global_consolidation(a.minutiae, b.minutiae, anchors, c.global).score;
  return std::pow(lssr, 1 - c.global_weight) * std::pow(global, c.global_weight);
}

}  // namespace

FingerFeatures extract_features(const std::vector<MinutiaPoint>& minutiae, const MccParams& p) {
  FingerFeatures f;
  f.minutiae = minutiae;
  auto all = build_cylinders(minutiae, p);
  for (size_t i = 0; i < all.size(); ++i)
    if (all[i].usable) {
      f.cylinders.push_back(all[i]);
      f.usable_index.push_back(static_cast<uint16_t>(i));
    }
  f.fingerprint = content_hash(minutiae);
  return f;
}

float match_fingers(const FingerFeatures& a, const FingerFeatures& b, const ConsolidationParams& c, const MccParams& p) {
  // Canonical order makes the score symmetric to the last bit.
  const bool swap = a.fingerprint > b.fingerprint ||
                    (a.fingerprint == b.fingerprint && a.minutiae.size() > b.minutiae.size());
  const float s = swap ? consolidate(b, a, c, p) : consolidate(a, b, c, p);
  return std::clamp(s, 0.0f, 1.0f);
}

}  // namespace ktpel

namespace ktpel {
FingerFeatures features_of_record(const FingerMinutiaeRecord& record, const MccParams& p) {
  if (record.views.empty()) return extract_features({}, p);
  return extract_features(to_matcher_frame(record.views.front(), record.x_resolution, record.y_resolution), p);
}
}  // namespace ktpel
