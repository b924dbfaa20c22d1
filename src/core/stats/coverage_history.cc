#include "core/stats/coverage_history.h"

namespace ktpel {

CoverageFacts coverage_facts_on(const CoverageHistory& h, Date day) {
  CoverageFacts f = h.now;
  if (!f.alive && h.death_date && *h.death_date > day) f.alive = true;
  f.has_akta = f.has_akta && (!h.akta_issued || *h.akta_issued <= day);
  if (h.transitions.empty()) {
    if (f.status && f.status_since > day) f.status.reset();
  } else {
    f.status.reset();
    for (const auto& [on, status] : h.transitions)
      if (on <= day) {
        f.status = status;
        f.status_since = on;
      }
  }
  if (!f.status) f.ikd_activated = false;
  return f;
}

}  // namespace ktpel
