// The equipment desk (issue [10]): the inventory (import, add, status with dated history), fault
// reports and repair tickets, which kecamatan can record and where the residents of the others
// go, reliability and downtime. Every write is one transaction; the rules come from the core
// (core/equipment/*).
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/equipment/continuity_plan.h"
#include "core/equipment/equipment_item.h"
#include "core/equipment/inventory_csv.h"
#include "core/equipment/recording_sets.h"
#include "core/equipment/reliability.h"
#include "core/equipment/repair_ticket.h"
#include "store/store_view.h"

namespace ktpel {

class WilayahCatalog;
struct Region;

struct KecamatanEquipment {
  std::string code, name;
  RecordingSets sets;
  int64_t items = 0, broken = 0, open_tickets = 0;
  std::optional<double> lat, lon;
  int64_t wajib_ktp = 0, unrecorded_wajib = 0;  // from the coverage counters (0 when none)
};

struct InventoryImport {
  int64_t rows = 0, imported = 0;
  std::vector<InventoryProblem> problems;  // non-empty: nothing was written
};

struct ContinuityAnswer {
  ContinuityRow row;
  std::string serve_at_name;
};

class EquipmentService {
 public:
  using Stores = StoreView<EquipmentStore, CoverageStore, SettingsStore>;
  EquipmentService(Stores store, const WilayahCatalog& wilayah) : store_(store), wilayah_(wilayah) {}

  // Settings: equipment.set_composition ("PC,FINGERPRINT_SCANNER,..."),
  // equipment.recordings_per_set_per_day (default 60).
  SetComposition composition();
  int64_t recordings_per_set_per_day();
  Result<std::string> set_setting(const std::string& key, const std::string& value);

  // All or nothing: a bad row, a serial twice or one already registered leaves the store as it was.
  // office_allowed: the offices the caller may write (the API passes its scope).
  InventoryImport import_inventory(std::string_view csv, Date today, const std::string& actor, const std::string& at,
                                   const std::function<bool(std::string_view)>& office_allowed = {});
  Result<EquipmentItem> add_item(EquipmentItem item, Date today, const std::string& actor, const std::string& at);
  // Changes an item's status with a dated history entry. A retired item stays retired; an item
  // with an open ticket becomes active only by closing the ticket.
  Result<EquipmentItem> set_status(const std::string& serial, ItemStatus status, Date on, const std::string& note,
                                   const std::string& actor, const std::string& at);
  Result<std::vector<EquipmentItem>> items(const std::string& prefix);
  Result<EquipmentItem> item(const std::string& serial);
  std::vector<ItemEvent> history(const std::string& serial);

  // Every kecamatan under a region (a province, regency or one kecamatan), with its working sets.
  Result<std::vector<KecamatanEquipment>> kecamatan_status(const std::string& region);
  // For each kecamatan under `region`: itself when it can record, else the nearest kecamatan of
  // its province that can.
  Result<std::vector<ContinuityAnswer>> continuity(const std::string& region);

  // A fault report opens a ticket and marks the item broken (409 TICKET_OPEN when one is open).
  Result<RepairTicket> report_fault(const std::string& serial, const std::string& symptom, FaultCause cause, Date reported_on,
                                    Date today, const std::string& actor, const std::string& at);
  // Closes a ticket: the item is active again, or, when replaced, retired and (new_serial given)
  // a new item of the same type and model installed on the closing day.
  Result<RepairTicket> close_ticket(int64_t id, Date closed_on, RepairSite site, int64_t cost_rupiah, const std::string& parts,
                                    std::optional<FaultCause> cause, const std::string& new_serial, Date today,
                                    const std::string& actor, const std::string& at);
  Result<std::vector<RepairTicket>> tickets(const std::string& prefix, bool open_only, int64_t limit);
  Result<ReliabilityReport> reliability(const std::string& prefix, Date from, Date to);
  // Days without a working set per kecamatan under the region, in [from, to].
  Result<std::vector<std::pair<std::string, int64_t>>> downtime(const std::string& region, Date from, Date to);

  // Writes a synthetic inventory (items, their history, open and closed tickets) in one
  // transaction; refused when any item under `province` is registered already.
  Result<int64_t> load_synthetic(const std::string& province, const std::vector<EquipmentItem>& items,
                                 const std::vector<RepairTicket>& tickets, const std::string& at);

  const Region* region(const std::string& code) const;
  // The coverage counters of the regions under a prefix at one code length (8: kecamatan, 13: desa).
  std::map<std::string, CoverageCounters> coverage_rows(const std::string& prefix, size_t code_length);

 private:
  Stores store_;
  const WilayahCatalog& wilayah_;
};

}  // namespace ktpel
