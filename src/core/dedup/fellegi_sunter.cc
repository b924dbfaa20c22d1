#include "core/dedup/fellegi_sunter.h"

#include <algorithm>
#include <cmath>

namespace ktpel {
namespace {

constexpr double kFloor = 1e-6;  // no level is impossible: keeps every log finite

double clamp_probability(double p) { return std::clamp(p, kFloor, 1.0 - kFloor); }

// Likelihood of a pattern under each class.
std::pair<double, double> class_likelihoods(const FsModel& m, const std::vector<uint8_t>& levels) {
  double pm = 1, pu = 1;
  for (size_t k = 0; k < levels.size(); ++k) {
    if (levels[k] == 0) continue;
    pm *= m.m[k][levels[k]];
    pu *= m.u[k][levels[k]];
  }
  return {pm, pu};
}

}  // namespace

FsModel model_with_u(const std::vector<LevelPattern>& random_pairs, const std::vector<int>& levels_per_field) {
  FsModel model;
  for (int levels : levels_per_field) {
    model.u.emplace_back(static_cast<size_t>(levels), 0.0);
    model.m.emplace_back(static_cast<size_t>(levels), 0.0);
  }
  for (size_t k = 0; k < levels_per_field.size(); ++k) {
    double total = 0;
    for (const auto& p : random_pairs)
      if (p.levels[k] != 0) {
        model.u[k][p.levels[k]] += static_cast<double>(p.count);
        total += static_cast<double>(p.count);
      }
    for (int l = 1; l < levels_per_field[k]; ++l) {
      model.u[k][l] = clamp_probability(total > 0 ? model.u[k][l] / total : 1.0 / (levels_per_field[k] - 1));
      // A neutral start for m: the highest level most likely among matches.
      model.m[k][l] = static_cast<double>(l) / (levels_per_field[k] * (levels_per_field[k] - 1) / 2.0);
    }
  }
  return model;
}

EmResult estimate_m(const std::vector<LevelPattern>& candidates, FsModel start, int max_iterations, double tolerance) {
  EmResult r;
  r.model = std::move(start);
  FsModel& model = r.model;
  double previous = -INFINITY;
  for (int it = 0; it < max_iterations; ++it) {
    // E step: each pattern's probability of being a match; M step: expected counts.
    std::vector<std::vector<double>> m_count(model.m.size());
    for (size_t k = 0; k < model.m.size(); ++k) m_count[k].assign(model.m[k].size(), 0.0);
    double matches = 0, total = 0, log_likelihood = 0;
    for (const auto& p : candidates) {
      const auto [pm, pu] = class_likelihoods(model, p.levels);
      const double joint_m = model.lambda * pm, joint_u = (1 - model.lambda) * pu;
      const double evidence = joint_m + joint_u;
      const double g = evidence > 0 ? joint_m / evidence : 0;
      const auto n = static_cast<double>(p.count);
      log_likelihood += n * std::log(std::max(evidence, 1e-300));
      matches += g * n;
      total += n;
      for (size_t k = 0; k < p.levels.size(); ++k)
        if (p.levels[k] != 0) m_count[k][p.levels[k]] += g * n;
    }
    r.log_likelihood.push_back(log_likelihood);
    model.lambda = clamp_probability(total > 0 ? matches / total : model.lambda);
    for (size_t k = 0; k < model.m.size(); ++k) {
      double sum = 0;
      for (size_t l = 1; l < m_count[k].size(); ++l) sum += m_count[k][l];
      for (size_t l = 1; l < m_count[k].size(); ++l)
        model.m[k][l] = clamp_probability(sum > 0 ? m_count[k][l] / sum : model.m[k][l]);
    }
    r.iterations = it + 1;
    if (std::fabs(log_likelihood - previous) <= tolerance * std::max(1.0, std::fabs(log_likelihood))) {
      r.converged = true;
      break;
    }
    previous = log_likelihood;
  }
  return r;
}

std::vector<double> field_weights(const FsModel& model, const std::vector<uint8_t>& levels) {
  std::vector<double> w(levels.size(), 0.0);
  for (size_t k = 0; k < levels.size(); ++k)
    if (levels[k] != 0) w[k] = std::log2(model.m[k][levels[k]] / model.u[k][levels[k]]);
  return w;
}

double match_weight(const FsModel& model, const std::vector<uint8_t>& levels) {
  double w = std::log2(model.lambda / (1 - model.lambda));
  for (double x : field_weights(model, levels)) w += x;
  return w;
}

double match_probability(double weight) {
  if (weight > 60) return 1;
  const double p = std::exp2(weight);
  return p / (1 + p);
}

}  // namespace ktpel
