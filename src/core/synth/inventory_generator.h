// A synthetic equipment inventory for a province, true to the field reports: each kecamatan desk
// has one to three recording sets (most bought 2011-2013 with the e-KTP roll-out, some renewed
// in 2016-2019), PCs on Windows 10 (some still on 7), a generator and a network link at some; a
// server at each regency. A chosen number of items are broken, all in a chosen number of
// regencies, leaving a chosen number of kecamatan able to record, with open tickets whose
// causes cluster by power problems, and a history of closed repairs (on site, at the regency, at
// the province hub, at the centre, replaced) for the reliability figures.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/common/error.h"
#include "core/equipment/equipment_item.h"
#include "core/equipment/repair_ticket.h"

namespace ktpel {

struct InventoryTargets {
  // Unset: about a fifth of the kecamatan cannot record, spread over about two thirds of the
  // regencies, with some 2.5 broken items each.
  std::optional<int64_t> broken_items, affected_regencies, able_kecamatan;
};

struct SynthInventory {
  std::vector<EquipmentItem> items;
  std::vector<RepairTicket> tickets;  // open ones for the broken items, closed ones before
};

// kecamatan: the province's kecamatan codes (their regency is the code's prefix). Fails with
// a clear error when the targets cannot be met (e.g. more kecamatan unable than the affected
// regencies hold).
Result<SynthInventory> synth_inventory(const std::vector<std::string>& kecamatan, const InventoryTargets& targets,
                                       Date today, uint64_t seed);

}  // namespace ktpel
