#include "core/ektp/stuck.h"

#include <algorithm>

namespace ktpel {

std::vector<StuckRecord> find_stuck(const std::vector<EktpRecordState>& records, Date today, int days) {
  std::vector<StuckRecord> out;
  for (const auto& r : records) {
    const long in_state = today.to_days() - r.since.to_days();
    if (!is_terminal(r.status) && in_state > days) out.push_back({r, in_state});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.days > b.days; });
  return out;
}

}  // namespace ktpel
