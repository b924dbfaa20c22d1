// A repair ticket: opened by a fault report on an item, closed when the item works again (fixed
// on site, at the regency, at the province hub or at the centre) or is replaced. Its dates give
// the downtime; its cost and parts the spending.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/date.h"
#include "core/common/error.h"
#include "core/equipment/equipment_item.h"

namespace ktpel {

enum class FaultCause { Unknown, Power, Lightning, Age, Water, Rodents, Other };
std::string_view to_string(FaultCause c);  // "unknown" | "power" | "lightning" | "age" | "water" | "rodents" | "other"
std::optional<FaultCause> parse_fault_cause(std::string_view s);

enum class RepairSite { OnSite, Regency, ProvinceHub, Centre, Replaced };
std::string_view to_string(RepairSite s);  // "on_site" | "regency" | "province_hub" | "centre" | "replaced"
std::optional<RepairSite> parse_repair_site(std::string_view s);

struct RepairTicket {
  int64_t id = 0;
  std::string serial, office;  // the item and its office when reported
  ItemType item_type = ItemType::Pc;
  std::string model;
  Date reported_on;
  std::string symptom;
  FaultCause cause = FaultCause::Unknown;
  std::string reporter;
  // Closing:
  std::optional<Date> closed_on;
  std::optional<RepairSite> site;
  int64_t cost_rupiah = 0;
  std::string parts, closer;
  bool open() const { return !closed_on.has_value(); }
};

// A fault report: symptom required (1-500 characters), the report not in the future.
Result<RepairTicket> check_fault_report(RepairTicket t, Date today);
// Closing: on or after the report, not in the future, cost 0-10^12 rupiah, parts ≤ 500 chars.
Result<RepairTicket> check_ticket_close(RepairTicket t, Date closed_on, RepairSite site, int64_t cost_rupiah,
                                        std::string parts, Date today);

}  // namespace ktpel
