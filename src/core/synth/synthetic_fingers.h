// Synthetic fingerprints at the minutiae level, for scale tests beyond FVC's 320 templates.
// A master finger has a pattern (arch, loop or whorl) whose ridge orientation follows the
// zero-pole model of Sherlock and Monro (1993); its minutiae are spread with a minimum spacing
// and point along the ridges. Each impression then moves the finger (rotation, translation),
// stretches the skin smoothly (a sum of Gaussian displacement bumps), jitters every minutia,
// drops some, adds spurious ones and crops to a partial view, as real captures do.
#pragma once
#include <vector>

#include "core/biometrics/finger_geometry.h"
#include "core/biometrics/iso19794.h"
#include "core/synth/random.h"

namespace ktpel {

struct ImpressionModel {
  double rotation_sd_deg = 12, translation_sd = 18;
  double distortion_px = 6, distortion_reach = 90;
  double jitter_px = 2, jitter_deg = 6;
  double drop = 0.15, spurious = 0.10;
  double min_crop = 0.75;  // each side keeps at least this share of the print
};

std::vector<MinutiaPoint> synthetic_master_finger(Rng& rng);
std::vector<MinutiaPoint> synthetic_impression(const std::vector<MinutiaPoint>& master, Rng& rng,
                                               const ImpressionModel& model = {});
// Rigid motion and small jitter only (a re-encoded copy of the same capture).
std::vector<MinutiaPoint> perturbed_copy(const std::vector<MinutiaPoint>& minutiae, Rng& rng);

// An ISO 19794-2 record of one view at 500 dpi, shifted into its image.
FingerMinutiaeRecord record_of(const std::vector<MinutiaPoint>& minutiae, int position);

}  // namespace ktpel
