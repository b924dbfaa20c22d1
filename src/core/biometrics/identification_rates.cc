#include "core/biometrics/identification_rates.h"

#include <algorithm>
#include <cmath>

namespace ktpel {

double fpir_for_gallery(double fmr, double n) {
  if (fmr >= 1) return 1;
  return -std::expm1(n * std::log1p(-fmr));  // stable for fmr near 1e-10
}

double person_fmr_for_fpir(double fpir, double n) {
  if (fpir >= 1) return 1;
  if (n <= 0) return fpir;
  return -std::expm1(std::log1p(-fpir) / n);
}

double poisson_upper_95(size_t events) {
  // The mean at which seeing <= events has probability 5 % (exact; bisection on the Poisson
  // cdf, summed in log space; past 1,000 events the Wilson-Hilferty form, good to 1e-3).
  if (events > 1000) {
    const double x = static_cast<double>(events) + 1, c = 1 - 1 / (9 * x) + 1.6448536269514722 / (3 * std::sqrt(x));
    return x * c * c * c;
  }
  auto cdf = [events](double mean) {
    double sum = 0;
    for (size_t k = 0; k <= events; ++k)
      sum += std::exp(static_cast<double>(k) * std::log(mean) - mean - std::lgamma(static_cast<double>(k) + 1));
    return sum;
  };
  double lo = 0, hi = 10 + 3.0 * static_cast<double>(events);
  for (int i = 0; i < 100; ++i) {
    const double mid = (lo + hi) / 2;
    (cdf(mid) > 0.05 ? lo : hi) = mid;
  }
  return hi;
}

double fnir_at(const std::vector<double>& mate_scores, double t) {
  if (mate_scores.empty()) return 0;
  const auto misses = std::count_if(mate_scores.begin(), mate_scores.end(), [t](double s) { return s < 0 || s < t; });
  return static_cast<double>(misses) / static_cast<double>(mate_scores.size());
}

double fraction_at_least(const std::vector<double>& scores, double t) {
  if (scores.empty()) return 0;
  const auto hits = std::count_if(scores.begin(), scores.end(), [t](double s) { return s >= t; });
  return static_cast<double>(hits) / static_cast<double>(scores.size());
}

}  // namespace ktpel
