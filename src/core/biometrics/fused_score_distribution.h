// The impostor distribution of a person's fused score, computed from the per-finger impostor
// distribution. identify() fuses a k-finger probe as the mean of the better half (the top
// m = (k + 1) / 2) of the k finger scores; with the k impostor finger scores independent and
// identically distributed, the distribution of that mean follows exactly from the per-finger
// one by a dynamic programme over the order statistics (below). Person FMRs of 1e-10 are then
// reachable for ten fingers from per-finger rates near 1e-2 without sampling 1e10 people.
//
// Scores are discretised on a grid of width h and each score is rounded UP to the grid (a finger
// score s counts as ceil(s / h) * h): every survival computed here is an upper bound of the
// exact one for the discretised input, so thresholds err on the high (safe) side.
#pragma once
#include <cstddef>
#include <vector>

#include "core/biometrics/impostor_tail.h"

namespace ktpel {

// mass[i] = P(value == i * step). The last cell also holds everything above the grid.
struct ScorePmf {
  double step = 0;
  std::vector<double> mass;
  double survival(double t) const;         // P(value >= t)
  double threshold_for(double fmr) const;  // the lowest grid value t with survival(t) <= fmr
};

// Per-finger impostor pmf on [0, max_score] with `cells` cells: the samples below the tail's u,
// the tail model above it (tail.exceedances == 0: samples only).
ScorePmf finger_impostor_pmf(const std::vector<double>& scores, const ImpostorTail& tail, double max_score, size_t cells);

// The pmf of the mean of the top (k + 1) / 2 of k independent draws from `finger`.
ScorePmf fused_pmf(const ScorePmf& finger, int k);

}  // namespace ktpel
