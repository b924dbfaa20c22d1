// Verification error rates from genuine and impostor scores, as FVC reports them (Maio et al.,
// "FVC2002: Second Fingerprint Verification Competition"): a comparison is accepted when its
// score is >= the threshold; EER by FVC's interval rule; FMR100 / FMR1000 / ZeroFMR are the
// lowest FNMR with FMR at most 1 %, 0.1 % and 0. Thresholds are calibrated from impostor scores.
#pragma once
#include <cstddef>
#include <vector>

namespace ktpel {

struct ErrorRates {
  double eer = 0, fmr100 = 0, fmr1000 = 0, zero_fmr = 0;  // fractions 0..1
  double eer_threshold = 0;
  size_t genuine = 0, impostor = 0;
};

ErrorRates error_rates(std::vector<double> genuine, std::vector<double> impostor);

// The lowest threshold whose false-match rate on these impostor scores is <= target_fmr.
// With n impostor scores the smallest rate that can be honoured is about 1/n; below that the
// threshold sits just above the highest impostor score.
double threshold_for_fmr(std::vector<double> impostor, double target_fmr);

// A decision threshold per target FMR, calibrated once from a set of impostor scores and shipped
// with the product (data/afis/calibration.json). A target below 1 / impostors cannot be honoured by
// the data: the highest impostor score (nudged up) is used and `clamped` says so.
struct ThresholdTable {
  std::vector<std::pair<double, double>> fmr_threshold;  // (FMR, threshold), FMR descending
  size_t impostors = 0;
  double max_impostor = 0;
};
ThresholdTable calibrate_thresholds(const std::vector<double>& impostor, const std::vector<double>& fmrs);
struct CalibratedThreshold {
  double threshold = 0;
  bool clamped = false;
};
CalibratedThreshold threshold_at(const ThresholdTable& table, double target_fmr);

// FPIR of a 1:N search over a gallery of n fingers at per-comparison FMR: 1 - (1 - FMR)^n.
// Inverted: the per-comparison FMR that gives the wanted FPIR.
double fmr_for_fpir(double fpir, double gallery_size);

}  // namespace ktpel
