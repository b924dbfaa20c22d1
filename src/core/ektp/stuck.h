// Stuck records: e-KTP records that have stayed in one non-final state longer than a limit
// (default 14 days) — the list an office works through every morning.
#pragma once
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/ektp/ektp_status.h"

namespace ktpel {

inline constexpr int kDefaultStuckDays = 14;

struct EktpRecordState {
  std::string nik;
  std::string village_code;
  EktpStatus status = EktpStatus::BC;
  Date since;  // day of the last transition
};

struct StuckRecord {
  EktpRecordState record;
  long days = 0;  // days in the state on `today`
};

// Records in a non-terminal state for more than `days` days, longest first.
std::vector<StuckRecord> find_stuck(const std::vector<EktpRecordState>& records, Date today, int days);
// The date on or before which a transition makes a record stuck today (for index queries).
inline Date stuck_cutoff(Date today, int days) { return today.plus_days(-days - 1); }

}  // namespace ktpel
