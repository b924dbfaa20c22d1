#include "core/equipment/reliability.h"

#include <algorithm>
#include <set>

namespace ktpel {
namespace {

// Days of [from, to] (inclusive) within [a, b).
double overlap_days(Date from, Date to, Date a, Date b) {
  const long lo = std::max(from.to_days(), a.to_days()), hi = std::min(to.to_days() + 1, b.to_days());
  return hi > lo ? static_cast<double>(hi - lo) : 0.0;
}

Date repaired_or(const RepairTicket& t, Date to) { return t.closed_on ? *t.closed_on : to.plus_days(1); }

void finish(ReliabilityRow& r, double repair_days_sum) {
  r.mtbf_days = r.failures ? r.operating_days / static_cast<double>(r.failures) : 0;
  r.mttr_days = r.repaired ? repair_days_sum / static_cast<double>(r.repaired) : 0;
}

}  // namespace

ReliabilityReport reliability_of(std::span<const EquipmentItem> items, std::span<const RepairTicket> tickets, Date from, Date to) {
  std::map<std::string, std::vector<const RepairTicket*>> tickets_of;
  for (const auto& t : tickets) tickets_of[t.serial].push_back(&t);
  struct Acc {
    ReliabilityRow row;
    double repair_days = 0;
  };
  std::map<std::string, Acc> by_type, by_model, by_site;
  for (const auto& item : items) {
    const Date start = item.installed_on ? std::max(*item.installed_on, from) : from;
    Date end = to.plus_days(1);  // exclusive
    if (item.status == ItemStatus::Retired) {
      end = from;
      for (const auto* t : tickets_of[item.serial]) end = std::max(end, repaired_or(*t, to));
    }
    double up = overlap_days(from, to, start, end);
    int64_t failures = 0, repaired = 0, cost = 0;
    double repair_days = 0;
    for (const auto* t : tickets_of[item.serial]) {
      up -= overlap_days(from, to, std::max(t->reported_on, start), std::min(repaired_or(*t, to), end));
      ++failures;
      cost += t->cost_rupiah;
      if (t->closed_on) {
        ++repaired;
        const double days = static_cast<double>(t->closed_on->to_days() - t->reported_on.to_days());
        repair_days += days;
        auto& s = by_site[std::string(to_string(*t->site))];
        s.row.group = to_string(*t->site);
        ++s.row.failures, ++s.row.repaired;
        s.row.cost_rupiah += t->cost_rupiah;
        s.repair_days += days;
      }
    }
    for (auto* acc : {&by_type[std::string(to_string(item.type))],
                      &by_model[std::string(to_string(item.type)) + " / " + (item.model.empty() ? "?" : item.model)]}) {
      ++acc->row.items;
      acc->row.failures += failures;
      acc->row.repaired += repaired;
      acc->row.operating_days += std::max(0.0, up);
      acc->row.cost_rupiah += cost;
      acc->repair_days += repair_days;
    }
    by_type[std::string(to_string(item.type))].row.group = to_string(item.type);
    by_model[std::string(to_string(item.type)) + " / " + (item.model.empty() ? "?" : item.model)].row.group =
        std::string(to_string(item.type)) + " / " + (item.model.empty() ? "?" : item.model);
  }
  ReliabilityReport out;
  for (auto [groups, rows] : {std::pair{&by_type, &out.by_type}, {&by_model, &out.by_model}, {&by_site, &out.by_site}})
    for (auto& [key, acc] : *groups) {
      finish(acc.row, acc.repair_days);
      rows->push_back(acc.row);
    }
  return out;
}

int64_t recording_downtime_days(std::span<const EquipmentItem> items, std::span<const RepairTicket> tickets,
                                const SetComposition& composition, Date from, Date to) {
  if (to < from) return 0;
  // The days on which some item changes state; between two of them the working sets are constant.
  std::set<long> changes{from.to_days(), to.to_days() + 1};
  for (const auto& t : tickets) {
    changes.insert(std::clamp(t.reported_on.to_days(), from.to_days(), to.to_days() + 1));
    changes.insert(std::clamp(repaired_or(t, to).to_days(), from.to_days(), to.to_days() + 1));
  }
  for (const auto& i : items)
    if (i.installed_on) changes.insert(std::clamp(i.installed_on->to_days(), from.to_days(), to.to_days() + 1));
  int64_t down = 0;
  std::vector<EquipmentItem> state(items.begin(), items.end());
  for (auto it = changes.begin(); std::next(it) != changes.end(); ++it) {
    const long day = *it, next = *std::next(it);
    for (auto& s : state) {
      bool broken = s.installed_on && s.installed_on->to_days() > day;
      bool ticketed = false;
      long retired_from = from.to_days();  // a replaced item worked until its last ticket closed
      for (const auto& t : tickets) {
        if (t.serial != s.serial) continue;
        ticketed = true;
        if (t.reported_on.to_days() <= day && day < repaired_or(t, to).to_days()) broken = true;
        retired_from = std::max(retired_from, repaired_or(t, to).to_days());
      }
      if (s.status == ItemStatus::Retired && day >= retired_from) broken = true;
      // Broken or in repair without any ticket: the inventory says so, the dates are unknown.
      if (!ticketed && (s.status == ItemStatus::Broken || s.status == ItemStatus::InRepair)) broken = true;
      s.status = broken ? ItemStatus::Broken : ItemStatus::Active;
    }
    if (!working_sets(state, composition).can_record()) down += next - day;
    // Restore the recorded statuses for the next interval's evaluation.
    for (size_t k = 0; k < state.size(); ++k) state[k].status = items[k].status;
  }
  return down;
}

}  // namespace ktpel
