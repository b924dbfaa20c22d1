// Fellegi-Sunter record linkage (I. Fellegi, A. Sunter, "A theory for record linkage", JASA 1969):
// each candidate pair is a vector of agreement levels, one per compared field (level 0 = a value is
// missing: that field says nothing). With m[k][l] = P(level l | same person) and
// u[k][l] = P(level l | different people), fields independent given the class, a pair's match
// weight is log2(lambda / (1 - lambda)) + sum over fields of log2(m / u), and its match
// probability 2^w / (1 + 2^w). u comes from random pairs (nearly all non-matches); m and lambda by
// expectation-maximisation over the candidate pairs (Winkler 1988), u held fixed.
#pragma once
#include <cstdint>
#include <vector>

namespace ktpel {

struct LevelPattern {
  std::vector<uint8_t> levels;  // one per field
  uint64_t count = 0;           // pairs with exactly this pattern
};

struct FsModel {
  std::vector<std::vector<double>> m, u;  // [field][level], level 0 unused (missing)
  double lambda = 0.01;                   // share of candidate pairs that are matches
};

// u from random pairs: the share of each level per field (levels never seen get a small floor).
FsModel model_with_u(const std::vector<LevelPattern>& random_pairs, const std::vector<int>& levels_per_field);

struct EmResult {
  FsModel model;
  int iterations = 0;
  bool converged = false;
  std::vector<double> log_likelihood;  // after each iteration (never decreases)
};

// m and lambda by EM from a starting model (m is initialised from `start`, u kept).
EmResult estimate_m(const std::vector<LevelPattern>& candidates, FsModel start, int max_iterations = 200,
                    double tolerance = 1e-9);

double match_weight(const FsModel& model, const std::vector<uint8_t>& levels);
// Each field's contribution log2(m / u) (0 for a missing field): the explanation of a score.
std::vector<double> field_weights(const FsModel& model, const std::vector<uint8_t>& levels);
double match_probability(double weight);

}  // namespace ktpel
