#include "service/equipment_plans.h"

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

}  // namespace ktpel
