// A held-out impression model for judging the fingerprint matcher on prints it was not built on
// (issue [12]). It is written independently of `synthetic_impression` (Gaussian bumps) and of the
// FVC captures: skin distortion follows Cappelli, Maio and Maltoni, "Modelling plastic distortion
// in fingerprint images" (ICAPR 2001): around the point where the finger first touches the sensor
// a core region moves rigidly with the finger, an outer region is displaced and rotated further
// by the lateral force, and a transition band in between is dragged by a smooth brake function.
// The capture then adds a sensor window (partial impressions, off-centre as on small and swipe
// sensors), missing and spurious minutiae, position and direction jitter, and dry or wet skin
// (patches where minutiae vanish and false ones appear). Every parameter is per profile, fixed
// in docs/afis.md before the matcher was changed.
#pragma once
#include <string>
#include <vector>

#include "core/biometrics/finger_geometry.h"
#include "core/synth/random.h"

namespace ktpel {

struct ImpressionProfile {
  // Plastic distortion: core region radius and transition-band width (500 dpi px), and the
  // outer region's extra translation (sd, px) and rotation (sd, degrees) per impression.
  double core_radius_min = 60, core_radius_max = 100;
  double transition_min = 40, transition_max = 100;
  double shift_sd = 8, twist_sd_deg = 4;
  // The contact centre's offset from the print centre (sd, share of the print's size).
  double contact_sd = 0.15;
  // Rigid placement of the whole finger.
  double rotation_sd_deg = 15, translation_sd = 25;
  // Sensor window: share of the print's width and height kept (uniform in [min, max]), placed
  // anywhere the print still covers it.
  double window_min = 0.85, window_max = 1.0;
  // Minutiae: independent loss, spurious share, jitter.
  double drop = 0.12, spurious = 0.08;
  double jitter_px = 2, jitter_deg = 5;
  // Dry or wet skin: up to `patches` discs of radius in [patch_min, patch_max] px where a minutia
  // is lost with probability patch_drop and false ones appear at `patch_spurious` per 1,000 px².
  int patches = 0;
  double patch_min = 25, patch_max = 50, patch_drop = 0.8, patch_spurious = 0.15;
};

// The four proxy databases of issue [12]: "heavy" (strong plastic distortion), "partial" (small
// off-centre sensor windows), "noisy" (low-quality skin and extraction) and "mild".
// impression_profile() is false for a name not in profile_names().
const std::vector<std::string>& profile_names();
bool impression_profile(const std::string& name, ImpressionProfile& out);

// The displacement of a point under one impression's plastic distortion (for tests): points in
// the core region do not move, points beyond core + transition move by the full outer motion.
struct PlasticDistortion {
  float cx = 0, cy = 0;         // contact centre
  float core = 80, band = 60;   // radius of the core region, width of the transition band
  float dx = 0, dy = 0, twist = 0;  // outer region motion (px, px, radians about the centre)
  MinutiaPoint apply(const MinutiaPoint& m) const;
  float brake(float distance_from_centre) const;  // 0 inside the core region .. 1 outside the band
};

// One impression of a master finger under the profile. The master may be any minutiae set in
// the matcher's frame (a synthetic finger or a real impression); the window is placed relative
// to its bounding box. Deterministic for a given rng state.
std::vector<MinutiaPoint> distorted_impression(const std::vector<MinutiaPoint>& master, Rng& rng, const ImpressionProfile& p);

}  // namespace ktpel
