// [12] The held-out impression model (plastic distortion, windows, dropout) and the matcher's
// distortion-tolerant global consolidation.
#include <gtest/gtest.h>

#include <cmath>

#include "core/biometrics/finger_matcher.h"
#include "core/biometrics/global_consolidation.h"
#include "core/biometrics/score_statistics.h"
#include "core/synth/plastic_distortion.h"
#include "core/synth/synthetic_fingers.h"

namespace ktpel {
namespace {

ImpressionProfile profile(const std::string& name) {
  ImpressionProfile p;
  EXPECT_TRUE(impression_profile(name, p)) << name;
  return p;
}

TEST(PlasticDistortion, CoreRegionStaysAndOuterRegionMovesRigidly) {
  PlasticDistortion d;
  d.cx = 100, d.cy = -150, d.core = 60, d.band = 40, d.dx = 12, d.dy = -7, d.twist = 0.1f;
  EXPECT_EQ(d.brake(0), 0.0f);
  EXPECT_EQ(d.brake(59), 0.0f);
  EXPECT_EQ(d.brake(100), 1.0f);
  float last = 0;
  for (float r = 60; r <= 100; r += 2) {  // rises monotonically through the transition band
    EXPECT_GE(d.brake(r), last);
    last = d.brake(r);
  }
  const MinutiaPoint inside{130, -140, 1.0f, 1};
  const auto same = d.apply(inside);
  EXPECT_NEAR(same.x, inside.x, 1e-3);
  EXPECT_NEAR(same.y, inside.y, 1e-3);
  EXPECT_NEAR(angle_diff(same.theta, inside.theta), 0, 1e-3);
  const MinutiaPoint outside{250, -150, 0.5f, 2};  // 150 px from the centre: the full outer motion
  const auto far = d.apply(outside);
  EXPECT_NEAR(far.x, 100 + 150 * std::cos(0.1f) + 12, 1e-2);
  EXPECT_NEAR(far.y, -150 + 150 * std::sin(0.1f) - 7, 1e-2);
  EXPECT_NEAR(angle_diff(far.theta, 0.5f + 0.1f), 0, 1e-3);
  EXPECT_EQ(far.type, 2);
}

TEST(PlasticDistortion, ImpressionsAreDeterministicAndWithinTheProfile) {
  ASSERT_EQ(profile_names().size(), 4u);
  ImpressionProfile unused;
  EXPECT_FALSE(impression_profile("gentle", unused));
  Rng master_rng(11);
  const auto master = synthetic_master_finger(master_rng);
  for (const auto& name : profile_names()) {
    Rng r1(77), r2(77);
    const auto a = distorted_impression(master, r1, profile(name)), b = distorted_impression(master, r2, profile(name));
    ASSERT_EQ(a.size(), b.size()) << name;
    for (size_t i = 0; i < a.size(); ++i) EXPECT_TRUE(a[i].x == b[i].x && a[i].y == b[i].y && a[i].theta == b[i].theta) << name;
    for (const auto& m : a) EXPECT_TRUE(m.theta >= 0 && m.theta < kTwoPi) << name;
  }
  // A small sensor keeps a fraction of the print; a large one nearly all of it.
  size_t partial = 0, mild = 0;
  for (uint64_t s = 0; s < 40; ++s) {
    Rng r1(s), r2(s);
    partial += distorted_impression(master, r1, profile("partial")).size();
    mild += distorted_impression(master, r2, profile("mild")).size();
  }
  EXPECT_LT(partial, mild * 6 / 10);
  EXPECT_GT(mild, master.size() * 40 * 8 / 10);
  EXPECT_TRUE(distorted_impression({}, master_rng, profile("heavy")).empty());
}

TEST(GlobalConsolidation, SelfMatchAndPartialOverlap) {
  Rng rng(3);
  const auto master = synthetic_master_finger(rng);
  const std::vector<std::pair<uint16_t, uint16_t>> anchor{{0, 0}};
  const auto self = global_consolidation(master, master, anchor);
  EXPECT_EQ(self.mates, master.size());
  EXPECT_FLOAT_EQ(self.score, 1.0f);
  // The left half of the print against the whole: every minutia of the half finds its mate,
  // and normalising by the overlap scores it above normalising by all minutiae.
  std::vector<MinutiaPoint> half;
  std::vector<std::pair<uint16_t, uint16_t>> anchors;
  for (size_t i = 0; i < master.size(); ++i)
    if (master[i].x < 150) {
      if (anchors.empty()) anchors.emplace_back(0, static_cast<uint16_t>(i));
      half.push_back(master[i]);
    }
  GlobalParams all_minutiae;
  all_minutiae.overlap_weight = 0;
  const auto by_overlap = global_consolidation(half, master, anchors), by_all = global_consolidation(half, master, anchors, all_minutiae);
  EXPECT_EQ(by_overlap.mates, half.size());
  EXPECT_GT(by_overlap.score, by_all.score);
  EXPECT_LE(by_overlap.score, 1.0f);
  EXPECT_EQ(global_consolidation(half, master, {}).score, 0.0f);  // no anchor, no alignment
}

// A proxy of `fingers` synthetic masters, `impressions` each, under a profile: EER by the FVC protocol.
double proxy_eer(const std::string& name, const ConsolidationParams& c, int fingers = 24, int impressions = 4) {
  std::vector<std::vector<FingerFeatures>> f(fingers);
  for (int k = 0; k < fingers; ++k) {
    Rng rng(900 + k);
    const auto master = synthetic_master_finger(rng);
    for (int i = 0; i < impressions; ++i) f[k].push_back(extract_features(distorted_impression(master, rng, profile(name))));
  }
  std::vector<double> genuine, impostor;
  for (int k = 0; k < fingers; ++k) {
    for (int i = 0; i < impressions; ++i)
      for (int j = i + 1; j < impressions; ++j) genuine.push_back(match_fingers(f[k][i], f[k][j], c));
    for (int l = k + 1; l < fingers; ++l) impostor.push_back(match_fingers(f[k][0], f[l][0], c));
  }
  return error_rates(genuine, impostor).eer;
}

TEST(Matcher, SymmetricAndInRangeOnDistortedImpressions) {
  Rng rng(21);
  const auto m1 = synthetic_master_finger(rng), m2 = synthetic_master_finger(rng);
  for (const auto& name : profile_names()) {
    const auto a = extract_features(distorted_impression(m1, rng, profile(name)));
    const auto b = extract_features(distorted_impression(m1, rng, profile(name)));
    const auto c = extract_features(distorted_impression(m2, rng, profile(name)));
    for (const auto* x : {&a, &b, &c})
      for (const auto* y : {&a, &b, &c}) {
        const float s = match_fingers(*x, *y);
        EXPECT_EQ(s, match_fingers(*y, *x)) << name;
        EXPECT_TRUE(s >= 0 && s <= 1) << name << " " << s;
      }
  }
}

TEST(Matcher, HeavilyDistortedMatesScoreAboveUndistortedStrangers) {
  // The same finger under strong plastic distortion against a careful capture of another.
  int above = 0, n = 0;
  for (uint64_t s = 0; s < 20; ++s) {
    Rng rng(500 + s);
    const auto m1 = synthetic_master_finger(rng), m2 = synthetic_master_finger(rng);
    const auto careful = extract_features(distorted_impression(m1, rng, profile("mild")));
    const auto distorted = extract_features(distorted_impression(m1, rng, profile("heavy")));
    const auto stranger = extract_features(distorted_impression(m2, rng, profile("mild")));
    above += match_fingers(careful, distorted) > match_fingers(careful, stranger);
    ++n;
  }
  EXPECT_GE(above, n - 1);
}

TEST(Matcher, GlobalConsolidationLowersTheErrorOnNoisyAndPartialProxies) {
  // LSS-R alone (the issue [5] matcher) against the fused matcher on the same impressions.
  ConsolidationParams lssr_only;
  lssr_only.global_weight = 0, lssr_only.rho1_growth = 0;
  for (const std::string name : {"noisy", "partial"}) {
    const double before = proxy_eer(name, lssr_only), after = proxy_eer(name, {});
    EXPECT_LT(after, before) << name;
    EXPECT_LT(after, 0.15) << name;
  }
}

}  // namespace
}  // namespace ktpel
