#include "core/biometrics/score_statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ktpel {
namespace {

// Fraction of sorted scores >= t, and < t.
double fraction_at_least(const std::vector<double>& sorted, double t) {
  if (sorted.empty()) return 0;
  return static_cast<double>(sorted.end() - std::lower_bound(sorted.begin(), sorted.end(), t)) / sorted.size();
}
double fraction_below(const std::vector<double>& sorted, double t) {
  if (sorted.empty()) return 0;
  return static_cast<double>(std::lower_bound(sorted.begin(), sorted.end(), t) - sorted.begin()) / sorted.size();
}

}  // namespace

ErrorRates error_rates(std::vector<double> genuine, std::vector<double> impostor) {
  std::sort(genuine.begin(), genuine.end());
  std::sort(impostor.begin(), impostor.end());
  ErrorRates r;
  r.genuine = genuine.size();
  r.impostor = impostor.size();
  if (genuine.empty() || impostor.empty()) return r;
  std::vector<double> thresholds(genuine);
  thresholds.insert(thresholds.end(), impostor.begin(), impostor.end());
  thresholds.push_back(std::nextafter(std::max(genuine.back(), impostor.back()), std::numeric_limits<double>::infinity()));
  std::sort(thresholds.begin(), thresholds.end());
  thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());

  // FMR falls and FNMR rises with the threshold.
  double t1 = thresholds.front(), t2 = thresholds.back();
  bool have_t1 = false, have_t2 = false;
  r.fmr100 = r.fmr1000 = r.zero_fmr = 1;
  for (double t : thresholds) {
    const double fmr = fraction_at_least(impostor, t), fnmr = fraction_below(genuine, t);
    if (fnmr <= fmr) t1 = t, have_t1 = true;
    if (!have_t2 && fnmr >= fmr) t2 = t, have_t2 = true;
    if (fmr <= 0.01) r.fmr100 = std::min(r.fmr100, fnmr);
    if (fmr <= 0.001) r.fmr1000 = std::min(r.fmr1000, fnmr);
    if (fmr == 0) r.zero_fmr = std::min(r.zero_fmr, fnmr);
  }
  if (!have_t1) t1 = t2;
  if (!have_t2) t2 = t1;
  const double fmr1 = fraction_at_least(impostor, t1), fnmr1 = fraction_below(genuine, t1);
  const double fmr2 = fraction_at_least(impostor, t2), fnmr2 = fraction_below(genuine, t2);
  double low, high;
  if (fnmr1 + fmr1 <= fnmr2 + fmr2) {
    low = fnmr1, high = fmr1, r.eer_threshold = t1;
  } else {
    low = fmr2, high = fnmr2, r.eer_threshold = t2;
  }
  r.eer = (low + high) / 2;
  return r;
}

double threshold_for_fmr(std::vector<double> impostor, double target_fmr) {
  if (impostor.empty()) return 0;
  std::sort(impostor.begin(), impostor.end());
  // Allowed false matches: floor(target * n); the threshold must exceed every score but those.
  const auto n = impostor.size();
  const auto allowed = static_cast<size_t>(std::floor(target_fmr * static_cast<double>(n)));
  if (allowed >= n) return impostor.front();
  const double above = impostor[n - 1 - allowed];
  return std::nextafter(above, std::numeric_limits<double>::infinity());
}

ThresholdTable calibrate_thresholds(const std::vector<double>& impostor, const std::vector<double>& fmrs) {
  ThresholdTable t;
  t.impostors = impostor.size();
  for (double s : impostor) t.max_impostor = std::max(t.max_impostor, s);
  for (double f : fmrs)  // rows the data cannot resolve (FMR below 1 / impostors) are left out
    if (!impostor.empty() && f * static_cast<double>(impostor.size()) >= 1.0) t.fmr_threshold.emplace_back(f, threshold_for_fmr(impostor, f));
  std::sort(t.fmr_threshold.begin(), t.fmr_threshold.end(), [](auto& a, auto& b) { return a.first > b.first; });
  return t;
}

CalibratedThreshold threshold_at(const ThresholdTable& table, double target_fmr) {
  const double floor_fmr = table.impostors ? 1.0 / static_cast<double>(table.impostors) : 1.0;
  if (target_fmr < floor_fmr || table.fmr_threshold.empty())
    return {std::nextafter(table.max_impostor, std::numeric_limits<double>::infinity()), target_fmr < floor_fmr};
  // The calibrated row with the largest FMR not above the target (conservative between rows).
  CalibratedThreshold out{std::nextafter(table.max_impostor, std::numeric_limits<double>::infinity()), false};
  for (const auto& [fmr, threshold] : table.fmr_threshold)
    if (fmr <= target_fmr) return {threshold, false};
  return out;
}

double fmr_for_fpir(double fpir, double gallery_size) {
  if (gallery_size <= 0) return fpir;
  return 1.0 - std::pow(1.0 - fpir, 1.0 / gallery_size);
}

}  // namespace ktpel
