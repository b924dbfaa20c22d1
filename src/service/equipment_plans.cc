#include "service/equipment_plans.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/common/messages.h"
#include "core/stats/coverage.h"
#include "core/wilayah/catalog.h"
#include "core/wilayah/geo.h"

namespace ktpel {

std::map<std::string, int64_t> EquipmentPlans::kecamatan_wajib(const std::vector<KecamatanEquipment>& status, bool& estimated) {
  std::map<std::string, int64_t> out;
  int64_t counted = 0;
  for (const auto& k : status) counted += k.wajib_ktp;
  estimated = counted == 0;
  if (!estimated) {
    for (const auto& k : status) out[k.code] = k.wajib_ktp;
    return out;
  }
  for (const auto& k : status) {
    const Region* regency = wilayah_.find(k.code.substr(0, 5));
    const auto n = regency ? wilayah_.children(regency->code).size() : 1;
    const double people = regency && regency->population ? static_cast<double>(*regency->population) : 0.0;
    out[k.code] = static_cast<int64_t>(std::llround(people * kWajibShareEstimate / static_cast<double>(std::max<size_t>(1, n))));
  }
  return out;
}

Result<RepairPlanAnswer> EquipmentPlans::repair_plan(const std::string& province, int technicians, const std::string& hub,
                                                     Date start, const RepairSettings& settings) {
  const Region* p = wilayah_.find(province);
  if (!p || p->level != Level::Provinsi) return make_error("REPAIR_PLAN_FIELD", "province", {"province", "a province code (PP)"});
  const Region* h = wilayah_.find(hub);
  if (!h || hub.rfind(province + ".", 0) != 0 || (h->level != Level::Kabupaten && h->level != Level::Kecamatan) || !h->lat || !h->lon)
    return make_error("REPAIR_PLAN_FIELD", "hub", {"hub", "a regency or kecamatan code of province " + province + " with a centroid"});
  auto status = equipment_.kecamatan_status(province);
  if (!status) return status.error();
  auto items = equipment_.items(province);
  if (!items) return items.error();
  std::map<std::string, std::vector<EquipmentItem>> by_office;
  for (auto& i : *items) by_office[i.office].push_back(std::move(i));
  bool estimated = false;
  const auto wajib = kecamatan_wajib(*status, estimated);
  RepairPlanAnswer answer;
  RepairInput in;
  in.hub = {hub, *h->lat, *h->lon};
  in.technicians = technicians;
  in.start = start;
  in.settings = settings;
  const auto comp = equipment_.composition();
  for (const auto& k : *status) {
    if (k.sets.can_record()) continue;
    const auto blocking = blocking_repair_hours(by_office[k.code], comp, settings);
    if (!blocking.unrepairable.empty()) {
      std::string types;
      for (auto t : blocking.unrepairable) types += (types.empty() ? "" : ";") + std::string(to_string(t));
      answer.notes.push_back(k.code + " " + k.name + " has no item of " + types + " to repair: it needs new equipment (ktpel procure plan)");
      continue;
    }
    if (!k.lat || !k.lon) {
      answer.notes.push_back(k.code + " " + k.name + " has no centroid: left out of the tours");
      continue;
    }
    in.jobs.push_back({k.code, *k.lat, *k.lon, wajib.at(k.code), blocking.hours});
  }
  if (estimated)
    answer.notes.push_back("weights estimated: the registry holds no residents of " + province +
                           ", so each kecamatan counts its regency's 2024 population × 0.70 shared equally");
  // The heuristic's perturbation rounds cost about jobs × technicians each: a province of 660
  // broken kecamatan with 200 technicians took 31 s at the default 300. Past 60 jobs and 6
  // technicians the rounds shrink in proportion (at least 5), which keeps a plan to a few seconds.
  const double size = static_cast<double>(in.jobs.size()) * std::max(6, technicians);
  const int rounds = static_cast<int>(std::clamp(300.0 * 360.0 / std::max(size, 1.0), 5.0, 300.0));
  if (rounds < in.settings.search_rounds) {
    answer.notes.push_back("a large plan: " + std::to_string(rounds) + " search rounds instead of " +
                           std::to_string(in.settings.search_rounds) + " (the lower bound and gap say how far it may be from the best)");
    in.settings.search_rounds = rounds;
  }
  auto plan = plan_repairs(in);
  if (!plan) return plan.error();
  answer.plan = std::move(plan.value());
  return answer;
}

Result<OutreachPlanAnswer> EquipmentPlans::outreach_plan(const std::string& regency, int teams, int days, Date start,
                                                         const OutreachSettings& settings) {
  const Region* r = wilayah_.find(regency);
  if (!r || r->level != Level::Kabupaten) return make_error("OUTREACH_PLAN_FIELD", "regency", {"regency", "a regency code (PP.KK)"});
  auto continuity = equipment_.continuity(regency);
  if (!continuity) return continuity.error();
  std::map<std::string, double> distance;  // kecamatan -> km to the nearest working one
  for (const auto& c : *continuity)
    distance[c.row.kecamatan] = c.row.can_record ? 0.0 : (c.row.serve_at.empty() ? 100.0 : c.row.distance_km);
  OutreachPlanAnswer answer;
  OutreachInput in;
  in.teams = teams;
  in.days = days;
  in.start = start;
  in.settings = settings;
  auto rows = equipment_.coverage_rows(regency, 13);
  int64_t people = 0;
  for (const auto& [code, c] : rows) {
    const Region* d = wilayah_.find(code);
    const Region* k = d ? wilayah_.find(d->parent_code) : nullptr;
    if (!k || !k->lat || !k->lon) continue;
    OutreachDesa desa;
    desa.code = code;
    desa.lat = *k->lat;  // desa have no centroid in the Kemendagri data: their kecamatan's
    desa.lon = *k->lon;
    desa.unrecorded_wajib = std::max<int64_t>(0, c[kWajibKtp] - c[kRecordedWajib]);
    desa.ikd_not_activated = std::max<int64_t>(0, c[kIkdEligible] - c[kIkdActivated]);
    desa.distance_km_to_nearest_working_kecamatan = distance.count(k->code) ? distance[k->code] : 0.0;
    people += desa.unrecorded_wajib + desa.ikd_not_activated;
    in.desa.push_back(std::move(desa));
  }
  if (in.desa.empty() || people == 0)
    answer.notes.push_back("the registry holds no unrecorded wajib KTP or unactivated IKD in " + regency +
                           " (import residents and run ktpel coverage rebuild)");
  answer.notes.push_back("desa are placed at their kecamatan's centroid (the Kemendagri data has none per desa)");
  auto plan = plan_outreach(in);
  if (!plan) return plan.error();
  answer.plan = std::move(plan.value());
  return answer;
}

Result<BalancedContinuityAnswer> EquipmentPlans::balanced_continuity(const std::string& region, int64_t days,
                                                                     const std::optional<std::map<std::string, int64_t>>& demand) {
  if (days < 1 || days > 366) return make_error("CONTINUITY_INPUT", "days", {"days", "1-366"});
  const Region* r = wilayah_.find(region);
  if (!r) return make_error("WILAYAH_NOT_FOUND", "region", {region});
  auto status = equipment_.kecamatan_status(region.substr(0, 2));
  if (!status) return status.error();
  BalancedContinuityAnswer answer;
  answer.days = days;
  answer.per_set_per_day = equipment_.recordings_per_set_per_day();
  std::vector<BrokenKecamatan> broken;
  std::vector<WorkingKecamatan> working;
  for (const auto& k : *status) {
    if (!k.lat || !k.lon) continue;
    if (k.sets.can_record()) {
      working.push_back({k.code, *k.lat, *k.lon, k.sets.sets * answer.per_set_per_day * days});
    } else if (k.code.rfind(region, 0) == 0) {
      const int64_t people = demand ? (demand->count(k.code) ? demand->at(k.code) : 0) : k.unrecorded_wajib;
      broken.push_back({k.code, *k.lat, *k.lon, people});
    }
  }
  if (!demand) {
    int64_t total = 0;
    for (const auto& b : broken) total += b.people;
    if (total == 0 && !broken.empty())
      answer.notes.push_back("the coverage counters show no unrecorded wajib KTP in the broken kecamatan: give --demand kecamatan,people");
  }
  auto plan = plan_continuity(broken, working);
  if (!plan) return plan.error();
  answer.plan = std::move(plan.value());
  return answer;
}

Result<ProcurementAnswer> EquipmentPlans::procurement(const std::string& province, int64_t budget, const PriceCatalogue& prices,
                                                      const std::optional<std::map<std::string, int64_t>>& demand, Date today) {
  const Region* p = wilayah_.find(province);
  if (!p || p->level != Level::Provinsi) return make_error("PROCUREMENT_INPUT", "province", {"province", "a province code (PP)"});
  auto status = equipment_.kecamatan_status(province);
  if (!status) return status.error();
  auto items = equipment_.items(province);
  if (!items) return items.error();
  std::map<std::string, std::vector<const EquipmentItem*>> pcs;  // working PCs per kecamatan, oldest first
  for (const auto& i : *items)
    if (i.type == ItemType::Pc && i.status == ItemStatus::Active) pcs[i.office].push_back(&i);
  ProcurementAnswer answer;
  std::vector<EquipCandidate> equip;
  std::vector<ReplaceCandidate> replace;
  const auto comp = equipment_.composition();
  int64_t with_people = 0;
  for (const auto& k : *status) {
    if (!k.sets.can_record()) {
      const int64_t people = demand ? (demand->count(k.code) ? demand->at(k.code) : 0) : k.unrecorded_wajib;
      with_people += people > 0;
      equip.push_back({k.code, k.sets.missing, people});
      continue;
    }
    // A set is not an entity of the inventory: the k-th oldest working PC stands for the k-th set.
    auto& mine = pcs[k.code];
    std::sort(mine.begin(), mine.end(), [](auto* a, auto* b) { return a->installed_on < b->installed_on; });
    for (int64_t s = 0; s < k.sets.sets; ++s) {
      const EquipmentItem* pc = s < static_cast<int64_t>(mine.size()) ? mine[static_cast<size_t>(s)] : nullptr;
      replace.push_back({k.code, pc ? pc->installed_on : std::nullopt, pc && pc->os_end_of_support && *pc->os_end_of_support < today,
                         comp.types});
    }
  }
  if (!demand && with_people == 0 && !equip.empty())
    answer.notes.push_back("the coverage counters show no unrecorded wajib KTP in the kecamatan that cannot record: give --demand kecamatan,people");
  auto plan = plan_procurement(budget, prices, equip, replace);
  if (!plan) return plan.error();
  answer.plan = std::move(plan.value());
  return answer;
}

}  // namespace ktpel
