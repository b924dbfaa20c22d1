#include "core/biometrics/impostor_tail.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace ktpel {

double ImpostorTail::survival(double x) const {
  if (x <= u) return rate;
  if (sigma <= 0) return 0;
  const double y = x - u;
  if (xi < 1e-9) return rate * std::exp(-y / sigma);
  return rate * std::pow(1 + xi * y / sigma, -1 / xi);
}

ImpostorTail fit_impostor_tail(std::vector<double> scores, size_t k) {
  ImpostorTail t;
  t.samples = scores.size();
  if (scores.size() < 2) return t;
  k = std::clamp<size_t>(k, 1, scores.size() - 1);
  std::nth_element(scores.begin(), scores.begin() + static_cast<std::ptrdiff_t>(k), scores.end(), std::greater<double>());
  t.u = scores[k];  // the (k+1)-th largest: the k above it are the exceedances
  double sum = 0, sum2 = 0;
  size_t n = 0;
  for (size_t i = 0; i < k; ++i)
    if (scores[i] > t.u) {
      const double y = scores[i] - t.u;
      sum += y, sum2 += y * y, ++n;
    }
  t.exceedances = n;
  t.rate = static_cast<double>(n) / static_cast<double>(scores.size());
  if (n < 2) return t;
  const double mean = sum / static_cast<double>(n);
  const double var = std::max(sum2 / static_cast<double>(n) - mean * mean, 1e-300);
  const double r = mean * mean / var;
  t.fitted_xi = 0.5 * (1 - r);
  if (t.fitted_xi > 0) {
    t.xi = t.fitted_xi, t.sigma = 0.5 * mean * (1 + r);
  } else {
    t.xi = 0, t.sigma = mean;  // exponential with the same mean excess
  }
  return t;
}

}  // namespace ktpel
