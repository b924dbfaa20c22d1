#include "core/biometrics/fused_score_distribution.h"

#include <algorithm>
#include <cmath>

namespace ktpel {

double ScorePmf::survival(double t) const {
  // Cells whose value is >= t (a small tolerance so that t == i * step counts cell i).
  const double first = std::ceil(t / step - 1e-9);
  if (first <= 0) return 1;
  double s = 0;
  for (size_t i = static_cast<size_t>(first); i < mass.size(); ++i) s += mass[i];
  return s;
}

double ScorePmf::threshold_for(double fmr) const {
  double above = 0;  // mass of cells > i
  for (size_t i = mass.size(); i-- > 0;) {
    if (above + mass[i] > fmr) return static_cast<double>(i + 1) * step;
    above += mass[i];
  }
  return 0;
}

ScorePmf finger_impostor_pmf(const std::vector<double>& scores, const ImpostorTail& tail, double max_score, size_t cells) {
  ScorePmf pmf;
  pmf.step = max_score / static_cast<double>(cells - 1);
  pmf.mass.assign(cells, 0);
  const bool modelled = tail.exceedances > 0;
  auto cell_of = [&](double s) {  // rounded up: a score never counts lower than it is
    return std::min(cells - 1, static_cast<size_t>(std::max(0.0, std::ceil(s / pmf.step - 1e-12))));
  };
  const double w = 1.0 / static_cast<double>(scores.size());
  for (double s : scores)
    if (!modelled || s <= tail.u) pmf.mass[cell_of(s)] += w;
  if (modelled) {
    // The tail's mass between consecutive grid points, each in the cell of its upper end.
    const size_t first = cell_of(tail.u);
    double prev = tail.rate;  // P(score > u)
    for (size_t i = first; i < cells - 1; ++i) {
      const double x = static_cast<double>(i) * pmf.step;
      const double sx = x <= tail.u ? tail.rate : tail.survival(x);
      pmf.mass[i] += prev - sx;
      prev = sx;
    }
    pmf.mass[cells - 1] += prev;  // everything above the grid, counted at its top
  }
  return pmf;
}

ScorePmf fused_pmf(const ScorePmf& finger, int k) {
  if (k <= 1) return finger;
  const int m = (k + 1) / 2;
  const size_t cells = finger.mass.size();
  const size_t sums = static_cast<size_t>(m) * (cells - 1) + 1;
  // below[b] = P(a draw lies in a cell < b); power[b][c] = p_b^c / c!
  std::vector<double> below(cells + 1, 0);
  for (size_t b = 0; b < cells; ++b) below[b + 1] = below[b] + finger.mass[b];
  std::vector<double> inv_factorial(static_cast<size_t>(k) + 1, 1);
  for (int c = 1; c <= k; ++c) inv_factorial[c] = inv_factorial[c - 1] / c;
  double k_factorial = 1;
  for (int c = 2; c <= k; ++c) k_factorial *= c;

  // Cells from the top down. State (j, s): j < m draws placed so far, all in higher cells,
  // with cell indices summing to s; weight = the multinomial term without k!. Placing c draws
  // in cell b completes the top m when j + c >= m; the other k - j - c lie in lower cells.
  std::vector<std::vector<double>> w(static_cast<size_t>(m), std::vector<double>(sums, 0)), next = w;
  std::vector<size_t> high(static_cast<size_t>(m), 0);  // highest s with weight, per j
  w[0][0] = 1;
  std::vector<double> out(sums, 0), power(static_cast<size_t>(k) + 1), rest_term(static_cast<size_t>(k) + 1);
  for (size_t b = cells; b-- > 0;) {
    const double p = finger.mass[b];
    if (p <= 0) continue;  // no draw can land here: states carry over unchanged
    power[0] = 1;
    for (int c = 1; c <= k; ++c) power[c] = power[c - 1] * p;
    for (int c = 0; c <= k; ++c) power[c] *= inv_factorial[c];
    rest_term[0] = 1;  // below[b]^r / r!: the draws not in the top m, all in lower cells
    for (int r = 1; r <= k; ++r) rest_term[r] = rest_term[r - 1] * below[b] / r;
    for (auto& row : next) std::fill(row.begin(), row.end(), 0);
    std::vector<size_t> next_high(static_cast<size_t>(m), 0);
    for (int j = 0; j < m; ++j)
      for (size_t s = 0; s <= high[j]; ++s) {
        const double weight = w[j][s];
        if (weight == 0) continue;
        next[j][s] += weight;  // c = 0
        next_high[j] = std::max(next_high[j], s);
        for (int c = 1; c <= k - j; ++c) {
          const double f = weight * power[c];
          if (f == 0) break;
          if (j + c >= m) {
            out[s + static_cast<size_t>(m - j) * b] += f * rest_term[k - j - c];
          } else {
            const size_t s2 = s + static_cast<size_t>(c) * b;
            next[j + c][s2] += f;
            next_high[j + c] = std::max(next_high[j + c], s2);
          }
        }
      }
    std::swap(w, next);
    high = next_high;
  }
  ScorePmf r;
  r.step = finger.step / m;
  r.mass.resize(sums);
  for (size_t s = 0; s < sums; ++s) r.mass[s] = out[s] * k_factorial;
  return r;
}

}  // namespace ktpel
