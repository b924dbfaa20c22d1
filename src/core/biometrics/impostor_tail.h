// The upper tail of a per-finger impostor score distribution, beyond what the samples resolve.
// A national gallery needs person FMRs near 1e-9, and 1e7 impostor comparisons resolve about
// 1e-7, so the far tail is extrapolated by peaks over threshold: the scores above u (the top
// `exceedances`) are fitted with a generalised Pareto distribution (method of moments, Hosking &
// Wallis 1987). A fitted shape below 0 (a bounded tail) is replaced by 0 (exponential): the
// heavier tail gives higher thresholds, never a falsely low FPIR.
#pragma once
#include <cstddef>
#include <vector>

namespace ktpel {

struct ImpostorTail {
  double u = 0;          // scores above u follow the model
  double rate = 0;       // P(score > u), from the samples
  double sigma = 0;      // GPD scale
  double xi = 0;         // GPD shape used (>= 0)
  double fitted_xi = 0;  // shape as fitted, before the conservative clamp
  size_t exceedances = 0, samples = 0;
  // P(score > x) from the model (x >= u); 1 - empirical below u is not this object's business.
  double survival(double x) const;
};

// `scores` need not be sorted; exceedances >= 10 and < scores.size().
ImpostorTail fit_impostor_tail(std::vector<double> scores, size_t exceedances);

}  // namespace ktpel
