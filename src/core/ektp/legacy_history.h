// e-KTP states that arrive from elsewhere (a SIAK export, the demo generator) carry only a
// status and two dates. This builds the plausible, machine-checked transition history that
// leads there, so "where is my KTP?" shows dated steps for old records too.
#pragma once
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/common/error.h"
#include "core/ektp/ektp_status.h"

namespace ktpel {

// recorded_on: the day of capture; since: the day the record reached `status` (>= recorded_on;
// a BC record stays on its capture day).
// Every step is validated with next_status; operator/station are "migrasi".
Result<std::vector<EktpTransition>> legacy_history(const std::string& nik, EktpStatus status, Date recorded_on, Date since);

}  // namespace ktpel
