// Whether a trained model may replace the one the incremental path uses (issue [9]). A run over a
// registry without duplicates learns nothing: EM takes the sampled pairs for matches (lambda -> 1,
// m(exact birth date) ~ 0) and the prior falls to its floor; saved, that model let exact double
// registrations through. Such a model is refused and the last good one (or the default) stays.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "core/common/error.h"
#include "core/dedup/dedup_engine.h"

namespace ktpel {

// Why `model`, trained on `records` records, is not fit to keep (nullopt: it is):
//  - an EM session whose m was kept did not converge (DEDUP_MODEL_EM);
//  - at the top (exact) level of a weighed field, agreement is not more likely among matches than
//    among non-matches, m <= u (DEDUP_MODEL_WEIGHT);
//  - the prior is not plausible: above 0.5, or expecting less than one matching pair among all
//    pairs of records (DEDUP_MODEL_PRIOR). The bound scales with the registry: 1e-9 would refuse
//    a 10M registry with 0.01 % duplicates (prior 2e-11).
// `sessions` may be empty (a stored model: its training is not known).
std::optional<Error> model_problem(const FsModel& model, uint64_t records, const std::vector<EmSession>& sessions);

}  // namespace ktpel
