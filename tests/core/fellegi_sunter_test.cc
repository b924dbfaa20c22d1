// Fellegi-Sunter: EM recovers a known mixture; weights and probabilities behave.
#include "core/dedup/fellegi_sunter.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "core/synth/random.h"

namespace ktpel {
namespace {

// Three fields with levels 1..3 (1 disagree, 2 close, 3 exact); index 0 = missing.
const std::vector<std::vector<double>> kTrueM = {{0, 0.05, 0.15, 0.80}, {0, 0.10, 0.20, 0.70}, {0, 0.02, 0.08, 0.90}};
const std::vector<std::vector<double>> kTrueU = {{0, 0.90, 0.08, 0.02}, {0, 0.70, 0.20, 0.10}, {0, 0.95, 0.04, 0.01}};

uint8_t draw(Rng& rng, const std::vector<double>& p) {
  double x = rng.uniform();
  for (size_t l = 1; l < p.size(); ++l) {
    if (x < p[l]) return static_cast<uint8_t>(l);
    x -= p[l];
  }
  return static_cast<uint8_t>(p.size() - 1);
}

std::vector<LevelPattern> sample(Rng& rng, size_t n, double lambda, double missing) {
  std::map<std::string, uint64_t> counts;  // pattern as bytes (g++ 12 warns wrongly on vector keys)
  for (size_t i = 0; i < n; ++i) {
    const bool match = rng.chance(lambda);
    std::string v;
    for (size_t k = 0; k < kTrueM.size(); ++k)
      v.push_back(static_cast<char>(rng.chance(missing) ? 0 : draw(rng, match ? kTrueM[k] : kTrueU[k])));
    counts[v]++;
  }
  std::vector<LevelPattern> out;
  for (auto& [v, c] : counts) out.push_back({std::vector<uint8_t>(v.begin(), v.end()), c});
  return out;
}

TEST(FellegiSunter, EmRecoversAKnownMixture) {
  Rng rng(11);
  const auto random_pairs = sample(rng, 200000, 0.0, 0.05);
  const auto candidates = sample(rng, 200000, 0.10, 0.05);
  FsModel start = model_with_u(random_pairs, {4, 4, 4});
  for (size_t k = 0; k < 3; ++k)
    for (size_t l = 1; l < 4; ++l) EXPECT_NEAR(start.u[k][l], kTrueU[k][l], 0.01) << k << "," << l;
  const auto r = estimate_m(candidates, start);
  EXPECT_TRUE(r.converged);
  EXPECT_NEAR(r.model.lambda, 0.10, 0.01);
  for (size_t k = 0; k < 3; ++k)
    for (size_t l = 1; l < 4; ++l) EXPECT_NEAR(r.model.m[k][l], kTrueM[k][l], 0.03) << k << "," << l;
  for (size_t i = 1; i < r.log_likelihood.size(); ++i)
    EXPECT_GE(r.log_likelihood[i], r.log_likelihood[i - 1] - 1e-6 * std::fabs(r.log_likelihood[i - 1])) << i;
}

TEST(FellegiSunter, WeightsExplainTheScore) {
  FsModel m;
  m.m = kTrueM, m.u = kTrueU, m.lambda = 0.01;
  for (auto& row : m.m) row[0] = 1;
  for (auto& row : m.u) row[0] = 1;
  const std::vector<uint8_t> all_exact = {3, 3, 3}, all_differ = {1, 1, 1}, missing = {3, 0, 0};
  const auto w = field_weights(m, all_exact);
  EXPECT_NEAR(w[0], std::log2(0.80 / 0.02), 1e-12);
  EXPECT_NEAR(match_weight(m, all_exact), std::log2(0.01 / 0.99) + w[0] + w[1] + w[2], 1e-12);
  EXPECT_GT(match_probability(match_weight(m, all_exact)), 0.99);
  EXPECT_LT(match_probability(match_weight(m, all_differ)), 0.001);
  EXPECT_EQ(field_weights(m, missing)[1], 0.0);  // a missing field says nothing
  EXPECT_NEAR(match_probability(0), 0.5, 1e-12);
  EXPECT_EQ(match_probability(100), 1.0);
}

}  // namespace
}  // namespace ktpel
