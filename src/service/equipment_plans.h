// The planners of the equipment desk fed from the store (issue [10]): technician tours for the
// broken kecamatan of a province, mobile-team outreach in a regency, and procurement under a
// budget. The planning itself is in the core (repair_planner, outreach_planner,
// procurement_planner); this layer gathers the inputs — working sets, broken items, the coverage
// counters — and says where an input had to be estimated.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/equipment/continuity_balance.h"
#include "core/equipment/outreach_planner.h"
#include "core/equipment/procurement_planner.h"
#include "core/equipment/repair_planner.h"
#include "service/equipment_service.h"

namespace ktpel {

struct RepairPlanAnswer {
  RepairPlan plan;
  std::vector<std::string> notes;  // estimated weights, kecamatan needing a replacement, ...
};

struct OutreachPlanAnswer {
  OutreachPlan plan;
  std::vector<std::string> notes;
};

// People of working age (≥ 17) in the 2024 pyramid: the share of a population that is wajib KTP
// where no registry counters exist (BPS 2020 census: ~70 % of Kalimantan's population is 17+).
inline constexpr double kWajibShareEstimate = 0.70;

struct BalancedContinuityAnswer {
  ContinuityPlan plan;
  int64_t days = 0, per_set_per_day = 0;
  std::vector<std::string> notes;
};

struct ProcurementAnswer {
  ProcurementPlan plan;
  std::vector<std::string> notes;
};

class EquipmentPlans {
 public:
  EquipmentPlans(EquipmentService::Stores store, const WilayahCatalog& wilayah) : equipment_(store, wilayah), wilayah_(wilayah) {}

  Result<RepairPlanAnswer> repair_plan(const std::string& province, int technicians, const std::string& hub, Date start,
                                       const RepairSettings& settings);
  Result<OutreachPlanAnswer> outreach_plan(const std::string& regency, int teams, int days, Date start,
                                           const OutreachSettings& settings);
  // The unrecorded wajib KTP of the broken kecamatan of the region's province (from `demand` when
  // given, else the coverage counters) assigned to working kecamatan within their capacity over
  // `days` days (sets × equipment.recordings_per_set_per_day × days) at least person-km.
  Result<BalancedContinuityAnswer> balanced_continuity(const std::string& region, int64_t days,
                                                       const std::optional<std::map<std::string, int64_t>>& demand);
  // Equip the kecamatan of the province that cannot record (value: unrecorded wajib KTP, from
  // `demand` or the counters) within the budget, exactly; then replace sets with what is left.
  Result<ProcurementAnswer> procurement(const std::string& province, int64_t budget, const PriceCatalogue& prices,
                                        const std::optional<std::map<std::string, int64_t>>& demand, Date today);

  // The wajib KTP people of each kecamatan under the region: the coverage counters where the
  // registry has residents, else the regency's 2024 population × kWajibShareEstimate shared
  // equally among its kecamatan (estimated = true then).
  std::map<std::string, int64_t> kecamatan_wajib(const std::vector<KecamatanEquipment>& status, bool& estimated);

  EquipmentService& equipment() { return equipment_; }

 private:
  EquipmentService equipment_;
  const WilayahCatalog& wilayah_;
};

}  // namespace ktpel
