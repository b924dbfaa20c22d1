#include "service/ektp_service.h"

#include <algorithm>
#include <cstdio>

#include "core/common/messages.h"
#include "core/wilayah/catalog.h"

namespace ktpel {

Result<EktpStatus> apply_ektp_event(EktpStore& store, const std::string& nik, EktpEvent event, const EktpActor& actor,
                                    const std::string& reason) {
  auto current = store.ektp_record(nik);
  std::optional<EktpStatus> from;
  if (current) from = current->status;
  auto to = next_status(from, event, reason);
  if (!to) return to;
  // A conditional write: another officer or worker who moved the record since it was read wins,
  // and this one is told so (409), never applied over the other.
  if (!store.move_ektp_record(nik, from, *to, actor.at, current && current->ikd_activated)) {
    const auto now = store.ektp_record(nik);
    return make_error("EKTP_MOVED", "nik", {nik, now ? std::string(to_string(now->status)) : "-"});
  }
  const EktpTransition t{nik, from, *to, std::string(to_string(event)), actor.at, actor.operator_id, actor.station_id, reason};
  store.add_ektp_transitions(std::span<const EktpTransition>(&t, 1));
  return to;
}

Result<EktpRecord> EktpService::transition(const std::string& nik, EktpEvent event, const EktpActor& actor,
                                           const std::string& reason) {
  if (event == EktpEvent::Capture || event == EktpEvent::Rerecord || event == EktpEvent::Receive)
    return make_error("EKTP_TRANSITION", "event", {std::string(to_string(event)), "an officer (recording comes from a station packet)"});
  if (event == EktpEvent::Decease)
    return make_error("EKTP_TRANSITION", "event", {std::string(to_string(event)), "an officer (a death is a resident event)"});
  // [11] A hand-over records the office, the officer and who collected the card: the print desk's.
  if (event == EktpEvent::Deliver)
    return make_error("EKTP_TRANSITION", "event",
                      {std::string(to_string(event)), "this route (the print desk records the hand-over: ktpel print deliver, POST /api/v1/print/deliver/{nik})"});
  StoreTransaction tx(store_.transactions());
  if (!store_->ektp_record(nik)) return make_error("EKTP_NOT_FOUND", "nik", {nik});
  auto to = apply_ektp_event(store_.as<EktpStore>(), nik, event, actor, reason);
  if (!to) return to.error();
  tx.commit();
  return *store_->ektp_record(nik);
}

Result<std::vector<EktpQueueRow>> EktpService::queues(Level level, const std::string& code) {
  if (!code.empty() && !wilayah_.find(code)) return make_error("WILAYAH_NOT_FOUND", "code", {code});
  std::map<std::string, EktpQueueRow> rows;
  for (const auto& cell : store_->ektp_queue_cells(level, code)) {
    auto& row = rows[cell.code];
    row.code = cell.code;
    row.counts[cell.status] += cell.count;
  }
  std::vector<EktpQueueRow> out;
  for (auto& [c, row] : rows) {
    if (const Region* r = wilayah_.find(c)) row.name = r->name;
    out.push_back(std::move(row));
  }
  return out;
}

Result<std::vector<StuckRecord>> EktpService::stuck(const std::string& code, Date today, int days, int64_t limit) {
  if (!code.empty() && !wilayah_.find(code)) return make_error("WILAYAH_NOT_FOUND", "code", {code});
  // The store pre-filters by the cut-off date; the core computes days and order.
  const std::string cutoff = stuck_cutoff(today, days).iso() + "T23:59:59Z";
  std::vector<EktpRecordState> states;
  for (const auto& r : store_->ektp_stuck(code, cutoff, limit))
    states.push_back({r.nik, r.village_code, r.status, Date::parse_iso(r.since.substr(0, 10)).value_or(today)});
  return find_stuck(states, today, days);
}

Result<std::map<EktpStatus, int64_t>> EktpService::stuck_counts(const std::string& code, Date today, int days) {
  if (!code.empty() && !wilayah_.find(code)) return make_error("WILAYAH_NOT_FOUND", "code", {code});
  std::map<EktpStatus, int64_t> out;
  for (const auto& c : store_->ektp_stuck_cells(code, stuck_cutoff(today, days).iso() + "T23:59:59Z")) out[c.status] += c.count;
  return out;
}

Result<std::vector<EktpMonth>> EktpService::monthly(const std::string& code, Date today, int months) {
  if (!code.empty() && !wilayah_.find(code)) return make_error("WILAYAH_NOT_FOUND", "code", {code});
  std::vector<EktpMonth> out;
  int y = today.year, m = today.month;
  for (int i = 0; i < months; ++i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    out.insert(out.begin(), EktpMonth{buf, 0, {}});
    if (--m == 0) m = 12, --y;
  }
  if (out.empty()) return out;
  // Transitions after today (a clock set back, a test) are not months of this window.
  for (const auto& c : store_->ektp_transition_months(code, out.front().month + "-01")) {
    auto it = std::lower_bound(out.begin(), out.end(), c.month, [](const EktpMonth& a, const std::string& b) { return a.month < b; });
    if (it == out.end() || it->month != c.month) continue;
    it->reached[c.to] += c.count;
    if (c.first) it->recorded += c.count;
  }
  return out;
}

}  // namespace ktpel
