// Reliability of the equipment from its repair tickets: MTBF (operating days per failure) and
// MTTR (days from the fault report to the repair) by item type and model, MTTR by where the
// repair happened (so "technicians travel" and "ship to the centre" compare in numbers), and the
// days each kecamatan could not record.
#pragma once
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/equipment/equipment_item.h"
#include "core/equipment/recording_sets.h"
#include "core/equipment/repair_ticket.h"

namespace ktpel {

struct ReliabilityRow {
  std::string group;          // "PC", "PC / Dell OptiPlex 3020", "on_site", ...
  int64_t items = 0;          // items of the group (by type/model)
  int64_t failures = 0;       // tickets
  int64_t repaired = 0;       // closed tickets
  double operating_days = 0;  // summed from installation (or `from`) to `to`, less time in repair
  double mtbf_days = 0;       // operating_days / failures; 0 without failures
  double mttr_days = 0;       // mean repair time of closed tickets
  int64_t cost_rupiah = 0;
};

struct ReliabilityReport {
  std::vector<ReliabilityRow> by_type, by_model, by_site;
};

// Items and tickets of one region; days counted up to `to` (an open ticket counts as down until
// then). An item without an installation date counts from `from`; a retired one stops counting
// when its last ticket closed (it was replaced then), or at `from` when it has none.
ReliabilityReport reliability_of(std::span<const EquipmentItem> items, std::span<const RepairTicket> tickets, Date from, Date to);

// Days in [from, to] on which the kecamatan had no working set, from its items' tickets: an item
// is down from its report through the day before its repair (an open ticket: through `to`); a
// retired item from the closing of its last ticket (throughout when it has none); one broken or
// in repair without a ticket throughout (its dates are unknown).
int64_t recording_downtime_days(std::span<const EquipmentItem> items_of_kecamatan, std::span<const RepairTicket> tickets,
                                const SetComposition& composition, Date from, Date to);

}  // namespace ktpel
