#include "service/equipment_json.h"

#include <cmath>
#include <cstdio>

#include "core/text/csv.h"

namespace ktpel {
namespace {

nlohmann::json date_or_null(const std::optional<Date>& d) { return d ? nlohmann::json(d->iso()) : nlohmann::json(nullptr); }

std::string km(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

double round2(double v) { return std::round(v * 100) / 100; }

nlohmann::json to_json(const PlannedRepair& r) {
  return {{"kecamatan", r.code},        {"mode", r.mode},
          {"technician", r.technician < 0 ? nlohmann::json(nullptr) : nlohmann::json(r.technician + 1)},
          {"arrive", r.arrive.iso()},   {"finish", r.finish.iso()},
          {"weight", r.weight},         {"days_without_recording", r.days_without_recording},
          {"road_km", round2(r.road_km)}};
}

}  // namespace

nlohmann::json to_json(const EquipmentItem& i) {
  nlohmann::json j = {{"serial", i.serial},
                      {"office", i.office},
                      {"item_type", to_string(i.type)},
                      {"vendor", i.vendor},
                      {"model", i.model},
                      {"installed_on", date_or_null(i.installed_on)},
                      {"os", i.os},
                      {"os_end_of_support", date_or_null(i.os_end_of_support)},
                      {"warranty_end", date_or_null(i.warranty_end)},
                      {"status", to_string(i.status)},
                      {"note", i.note}};
  if (i.type == ItemType::CardPrinter) {
    j["cards_per_day"] = i.cards_per_day;
    j["lent_to"] = i.lent_to;
    j["lent_until"] = date_or_null(i.lent_until);
  }
  return j;
}

nlohmann::json to_json(const ItemEvent& e) {
  return {{"serial", e.serial}, {"on", e.on.iso()}, {"status", to_string(e.status)}, {"note", e.note}, {"actor", e.actor}, {"at", e.at}};
}

nlohmann::json to_json(const RepairTicket& t) {
  return {{"id", t.id},
          {"serial", t.serial},
          {"office", t.office},
          {"item_type", to_string(t.item_type)},
          {"model", t.model},
          {"reported_on", t.reported_on.iso()},
          {"symptom", t.symptom},
          {"cause", to_string(t.cause)},
          {"reporter", t.reporter},
          {"status", t.open() ? "open" : "closed"},
          {"closed_on", date_or_null(t.closed_on)},
          {"site", t.site ? nlohmann::json(to_string(*t.site)) : nlohmann::json(nullptr)},
          {"cost_rupiah", t.cost_rupiah},
          {"parts", t.parts},
          {"closer", t.closer}};
}

std::string missing_text(const RecordingSets& s) {
  std::string out;
  for (auto t : s.missing) out += (out.empty() ? "" : ";") + std::string(to_string(t));
  return out;
}

nlohmann::json to_json(const KecamatanEquipment& k) {
  nlohmann::json missing = nlohmann::json::array();
  for (auto t : k.sets.missing) missing.push_back(to_string(t));
  return {{"kecamatan", k.code},
          {"name", k.name},
          {"sets", k.sets.sets},
          {"can_record", k.sets.can_record()},
          {"missing", missing},
          {"items", k.items},
          {"broken", k.broken},
          {"open_tickets", k.open_tickets},
          {"lat", k.lat ? nlohmann::json(*k.lat) : nlohmann::json(nullptr)},
          {"lon", k.lon ? nlohmann::json(*k.lon) : nlohmann::json(nullptr)},
          {"wajib_ktp", k.wajib_ktp},
          {"unrecorded_wajib", k.unrecorded_wajib}};
}

nlohmann::json to_json(const ContinuityAnswer& c) {
  return {{"kecamatan", c.row.kecamatan},
          {"can_record", c.row.can_record},
          {"serve_at", c.row.serve_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.row.serve_at)},
          {"serve_at_name", c.serve_at_name},
          {"distance_km", round2(c.row.distance_km)}};
}

nlohmann::json to_json(const ReliabilityReport& r) {
  auto rows = [](const std::vector<ReliabilityRow>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& x : v)
      a.push_back({{"group", x.group},
                   {"items", x.items},
                   {"failures", x.failures},
                   {"repaired", x.repaired},
                   {"operating_days", round2(x.operating_days)},
                   // A repair site has no operating time of its own: MTBF only by type and model.
                   {"mtbf_days", x.failures && x.operating_days > 0 ? nlohmann::json(round2(x.mtbf_days)) : nlohmann::json(nullptr)},
                   {"mttr_days", x.repaired ? nlohmann::json(round2(x.mttr_days)) : nlohmann::json(nullptr)},
                   {"cost_rupiah", x.cost_rupiah}});
    return a;
  };
  return {{"by_type", rows(r.by_type)}, {"by_model", rows(r.by_model)}, {"by_site", rows(r.by_site)}};
}

nlohmann::json to_json(const RepairPlanAnswer& a) {
  const auto& p = a.plan;
  nlohmann::json tours = nlohmann::json::array();
  for (const auto& t : p.tours) {
    nlohmann::json stops = nlohmann::json::array();
    for (const auto& s : t.stops) stops.push_back(to_json(s));
    tours.push_back({{"technician", t.technician + 1}, {"road_km", round2(t.road_km)}, {"stops", stops}});
  }
  nlohmann::json carried = nlohmann::json::array();
  for (const auto& c : p.carried) carried.push_back(to_json(c));
  return {{"objective_person_days", p.objective},
          {"lower_bound", p.lower_bound},
          {"gap", std::round(p.gap * 10000) / 10000},
          {"exact", p.exact},
          {"last_finish_day", p.last_finish_day},
          {"jobs", p.jobs.size()},
          {"tours", tours},
          {"carried_to_hub", carried},
          {"notes", a.notes}};
}

nlohmann::json to_json(const OutreachPlanAnswer& a) {
  const auto& p = a.plan;
  nlohmann::json days = nlohmann::json::array();
  for (const auto& d : p.days) {
    nlohmann::json visits = nlohmann::json::array();
    for (const auto& v : d.visits)
      visits.push_back({{"team", v.team + 1}, {"desa", v.desa}, {"expected_recordings", v.expected_recordings}, {"expected_ikd", v.expected_ikd}});
    days.push_back({{"day", d.day + 1}, {"date", d.date.iso()}, {"visits", visits}});
  }
  nlohmann::json ranking = nlohmann::json::array();
  for (const auto& r : p.ranking)
    if (r.chosen) ranking.push_back({{"desa", r.code}, {"priority", round2(r.priority)}, {"team_days", r.team_days_needed}});
  return {{"days", days},
          {"expected_recordings", p.expected_recordings},
          {"expected_ikd", p.expected_ikd},
          {"people_reached", p.people_reached},
          {"team_days_used", p.team_days_used},
          {"team_days_available", p.team_days_available},
          {"chosen", ranking},
          {"notes", a.notes}};
}

nlohmann::json to_json(const BalancedContinuityAnswer& a) {
  nlohmann::json broken = nlohmann::json::array();
  for (const auto& b : a.plan.broken) {
    nlohmann::json serve = nlohmann::json::array();
    for (const auto& s : b.serve) serve.push_back({{"serve_at", s.serve_at}, {"people", s.people}, {"distance_km", round2(s.distance_km)}});
    broken.push_back({{"kecamatan", b.kecamatan}, {"serve", serve}, {"unassigned", b.unassigned}});
  }
  return {{"days", a.days},
          {"recordings_per_set_per_day", a.per_set_per_day},
          {"broken", broken},
          {"people_assigned", a.plan.people_assigned},
          {"people_unassigned", a.plan.people_unassigned},
          {"person_km", round2(a.plan.person_km)},
          {"notes", a.notes}};
}

std::string equipment_status_csv(const std::vector<KecamatanEquipment>& rows) {
  std::string out = "kecamatan,name,sets,can_record,missing\n";
  for (const auto& k : rows) {
    const std::string sets = std::to_string(k.sets.sets), missing = missing_text(k.sets);
    csv_append_export_record(out, {k.code, k.name, sets, k.sets.can_record() ? "true" : "false", missing});
  }
  return out;
}

std::string continuity_csv(const std::vector<ContinuityAnswer>& rows) {
  std::string out = "kecamatan,can_record,serve_at,distance_km\n";
  for (const auto& c : rows) {
    const std::string d = km(c.row.distance_km);
    csv_append_export_record(out, {c.row.kecamatan, c.row.can_record ? "true" : "false", c.row.serve_at, d});
  }
  return out;
}

std::string reliability_csv(const ReliabilityReport& r) {
  std::string out = "grouping,group,items,failures,repaired,operating_days,mtbf_days,mttr_days,cost_rupiah\n";
  for (auto [name, rows] : {std::pair{"type", &r.by_type}, {"model", &r.by_model}, {"site", &r.by_site}})
    for (const auto& x : *rows) {
      const std::string items = std::to_string(x.items), failures = std::to_string(x.failures), repaired = std::to_string(x.repaired),
                        op = km(x.operating_days), mtbf = x.failures && x.operating_days > 0 ? km(x.mtbf_days) : "", mttr = x.repaired ? km(x.mttr_days) : "",
                        cost = std::to_string(x.cost_rupiah);
      csv_append_export_record(out, {name, x.group, items, failures, repaired, op, mtbf, mttr, cost});
    }
  return out;
}

}  // namespace ktpel
