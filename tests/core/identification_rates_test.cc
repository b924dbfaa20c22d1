// Thresholds for national FPIR targets: the tail fit, the fused-score distribution and the
// open-set rates, each on cases whose answer is known in closed form.
#include <gtest/gtest.h>

#include <cmath>

#include "core/biometrics/finger_gallery.h"
#include "core/biometrics/fused_score_distribution.h"
#include "core/biometrics/identification_rates.h"
#include "core/biometrics/impostor_tail.h"
#include "core/synth/random.h"

namespace ktpel {
namespace {

double normal_upper_quantile(double p) {  // bisection on erfc: z with P(Z >= z) = p
  double lo = 0, hi = 10;
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2;
    (0.5 * std::erfc(mid / std::sqrt(2.0)) > p ? lo : hi) = mid;
  }
  return lo;
}

TEST(IdentificationRates, FpirOfAGalleryFromAKnownFmr) {
  EXPECT_NEAR(fpir_for_gallery(1e-9, 1e6), -std::expm1(-1e-3), 1e-12);  // 0.0009995
  EXPECT_NEAR(fpir_for_gallery(0.01, 1), 0.01, 1e-15);
  EXPECT_NEAR(fpir_for_gallery(0.5, 3), 0.875, 1e-15);
  for (double fpir : {1e-3, 1e-4})
    for (double n : {1e3, 1e6, 1e8}) EXPECT_NEAR(fpir_for_gallery(person_fmr_for_fpir(fpir, n), n), fpir, fpir * 1e-9);
  EXPECT_NEAR(person_fmr_for_fpir(1e-3, 1e6), 1.0005e-9, 1e-13);
}

TEST(IdentificationRates, PoissonUpperBoundIsTheRuleOfThreeForNoEvents) {
  // chi-square(0.95, 2x + 2) / 2
  EXPECT_NEAR(poisson_upper_95(0), 2.99573, 1e-4);  // -ln 0.05
  EXPECT_NEAR(poisson_upper_95(10), 16.9622, 1e-3);
  EXPECT_NEAR(poisson_upper_95(100), 118.0793, 1e-3);
  EXPECT_NEAR(poisson_upper_95(5000), 5117.0, 1.0);
}

TEST(IdentificationRates, FnirCountsLostMatesAndMatesBelowTheThreshold) {
  const std::vector<double> mates = {0.5, 0.04, -1, 0.03, 0.031};
  EXPECT_DOUBLE_EQ(fnir_at(mates, 0.0305), 2.0 / 5);  // -1 (not returned) and 0.03
  EXPECT_DOUBLE_EQ(fnir_at(mates, 0.0), 1.0 / 5);     // a mate not returned is missed at any threshold
  EXPECT_DOUBLE_EQ(fraction_at_least({0.1, 0.2, 0.3, 0.4}, 0.2), 0.75);
}

TEST(ImpostorTail, ExponentialSamplesGiveTheirScaleAndTail) {
  Rng rng(7);
  std::vector<double> s(1000000);
  for (auto& x : s) x = -0.01 * std::log(1 - rng.uniform());  // exponential, mean 0.01
  const auto t = fit_impostor_tail(s, 2000);
  EXPECT_NEAR(t.u, 0.01 * std::log(500.0), 0.002);  // the 1 - 2e-3 quantile
  EXPECT_NEAR(t.sigma, 0.01, 0.001);
  EXPECT_NEAR(t.xi, 0, 0.1);
  // P(X >= x) = exp(-x / 0.01): the model at 1e-9, far beyond the samples.
  const double x9 = 0.01 * std::log(1e9);
  EXPECT_GT(t.survival(x9), 1e-9 / 3);
  EXPECT_LT(t.survival(x9), 1e-9 * 3);
}

TEST(FusedScores, GaussianImpostorQuantilesAreRecovered) {
  Rng rng(11);
  std::vector<double> s(2000000);
  for (auto& x : s) x = rng.normal(0.1, 0.01);
  const auto pmf = finger_impostor_pmf(s, {}, 0.2, 4001);  // samples only, step 5e-5
  for (double fmr : {1e-2, 1e-3, 1e-4}) {
    const double exact = 0.1 + 0.01 * normal_upper_quantile(fmr);
    EXPECT_NEAR(pmf.threshold_for(fmr), exact, 0.0006) << fmr;
    EXPECT_LE(pmf.survival(pmf.threshold_for(fmr)), fmr);
  }
  // Beyond the samples the tail model takes over; a Gaussian tail is lighter than the
  // exponential the fit falls back to, so the extrapolated threshold is high, never low.
  const auto tail = fit_impostor_tail(s, 2000);
  EXPECT_EQ(tail.xi, 0);
  EXPECT_LT(tail.fitted_xi, 0);
  const auto modelled = finger_impostor_pmf(s, tail, 0.2, 4001);
  const double exact9 = 0.1 + 0.01 * normal_upper_quantile(1e-9);
  EXPECT_GE(modelled.threshold_for(1e-9), exact9);
  EXPECT_LT(modelled.threshold_for(1e-9), exact9 + 0.02);
}

TEST(FusedScores, MeanOfTheBetterHalfMatchesEnumeration) {
  ScorePmf finger;
  finger.step = 0.1;
  finger.mass = {0.5, 0.3, 0.15, 0.05};
  for (int k : {1, 2, 3, 4, 5}) {
    const int m = (k + 1) / 2;
    std::vector<double> brute(static_cast<size_t>(m * 3 + 1), 0);
    std::vector<int> idx(static_cast<size_t>(k), 0);
    for (;;) {  // every k-tuple of cells
      double p = 1;
      std::vector<float> scores;
      for (int v : idx) p *= finger.mass[v], scores.push_back(static_cast<float>(v));
      // the product's own fusion, in cell units: mean of the better half times m = top-m sum
      brute[static_cast<size_t>(std::lround(fuse_finger_scores(scores) * m))] += p;
      int i = 0;
      while (i < k && ++idx[i] == 4) idx[i++] = 0;
      if (i == k) break;
    }
    const auto fused = fused_pmf(finger, k);
    ASSERT_EQ(fused.mass.size(), brute.size());
    EXPECT_NEAR(fused.step, 0.1 / m, 1e-15);
    for (size_t s = 0; s < brute.size(); ++s) EXPECT_NEAR(fused.mass[s], brute[s], 1e-12) << "k " << k << " sum " << s;
  }
}

TEST(FusedScores, TwoFingersFuseAsTheBetterOne) {
  Rng rng(3);
  std::vector<double> s(100000);
  for (auto& x : s) x = rng.uniform() * 0.05;
  const auto finger = finger_impostor_pmf(s, {}, 0.1, 1001);
  const auto two = fused_pmf(finger, 2);
  for (double t : {0.01, 0.03, 0.049}) {
    const double one = finger.survival(t);
    EXPECT_NEAR(two.survival(t), 1 - (1 - one) * (1 - one), 1e-9) << t;
  }
}

TEST(FusedScores, TenFingersAgreeWithSimulatedFusion) {
  Rng rng(5);
  std::vector<double> s(200000);
  for (auto& x : s) x = -0.01 * std::log(1 - rng.uniform());
  const auto ten = fused_pmf(finger_impostor_pmf(s, {}, 0.2, 2001), 10);
  // Simulated people: ten draws from the same samples, fused as identify() fuses them.
  const size_t people = 200000;
  std::vector<double> fused(people);
  for (auto& f : fused) {
    std::vector<float> scores(10);
    for (auto& v : scores) v = static_cast<float>(s[rng.below(s.size())]);
    f = fuse_finger_scores(scores);
  }
  for (double t : {0.015, 0.02, 0.025}) {
    const double simulated = fraction_at_least(fused, t), sd = std::sqrt(simulated / people);
    EXPECT_NEAR(ten.survival(t), simulated, 4 * sd + 0.002 * simulated + 2e-5) << t;
  }
}

}  // namespace
}  // namespace ktpel
