// Open-set identification rates (ISO/IEC 19795-1, NIST FRVT/ELFT terms):
//  FPIR = P(a search of someone not enrolled returns anyone at or above the threshold),
//  FNIR = P(a search of someone enrolled does not return them at or above it; a mate the first
//         stage lost counts as a miss).
// With person impostor scores independent across the gallery, a gallery of N people gives
// FPIR = 1 - (1 - FMR)^N for the person-level FMR of the fused score. For the exhaustive search
// this is exact; the cascade scores fewer people (only those the first stage shortlists), so
// its false positives are a subset and this FPIR is an upper bound.
#pragma once
#include <cstddef>
#include <vector>

namespace ktpel {

double fpir_for_gallery(double person_fmr, double gallery_people);
double person_fmr_for_fpir(double fpir, double gallery_people);

// One-sided 95 % upper bound of a Poisson mean from `events` observed (2.996 for none, the
// "rule of three"): an empirical rate is at most bound / trials at 95 % confidence.
double poisson_upper_95(size_t events);

// Mated searches: the mate's fused score as returned, or a negative value when it was not
// returned (lost by the first stage or outside the candidate list).
double fnir_at(const std::vector<double>& mate_scores, double threshold);
// Fraction of scores >= threshold (the best non-mated candidate per search: empirical FPIR).
double fraction_at_least(const std::vector<double>& scores, double threshold);

}  // namespace ktpel
