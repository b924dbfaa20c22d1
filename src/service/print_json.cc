#include "service/print_json.h"

#include <cmath>

namespace ktpel {
namespace {

nlohmann::json days(const std::optional<double>& d) {
  if (!d || !std::isfinite(*d)) return nullptr;
  return std::round(*d * 100) / 100;
}
nlohmann::json days(double d) { return days(std::optional<double>(d)); }
template <class T>
nlohmann::json maybe(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json to_json(const Printer& p) {
  return {{"serial", p.serial}, {"office", p.office}, {"model", p.model}, {"cards_per_day", p.cards_per_day},
          {"status", to_string(p.status)}, {"lent_to", p.lent_to}, {"lent_until", p.lent_until ? p.lent_until->iso() : ""},
          {"note", p.note}};
}

nlohmann::json to_json(const QueueEntry& e) {
  return {{"nik", e.nik}, {"village_code", e.village_code}, {"status", to_string(e.status)}, {"since", e.since},
          {"class", to_string(e.cls)}};
}

nlohmann::json to_json(const OfficeStock& s) {
  return {{"office", s.office}, {"name", s.name}, {"blanks", s.blanks}, {"ribbons", s.ribbons}, {"cleaning_kits", s.cleaning_kits}};
}

nlohmann::json to_json(const StockForecast& f) {
  return {{"office", f.office}, {"name", f.name}, {"blanks", f.blanks}, {"ribbons", f.ribbons}, {"ribbon_cards", f.ribbon_cards},
          {"backlog", f.backlog}, {"cards_per_day", std::round(f.cards_per_day * 100) / 100}, {"basis", f.basis},
          {"used_in_window", f.used_in_window}, {"capacity_per_day", f.capacity_per_day},
          {"blank_days_left", maybe(f.blank_days_left)}, {"ribbon_days_left", maybe(f.ribbon_days_left)},
          {"blanks_cover_backlog", f.blanks_cover_backlog}, {"blanks_short", f.blanks_short}};
}

nlohmann::json to_json(const StockAuditReport& r) {
  auto list = nlohmann::json::array();
  for (const auto& d : r.discrepancies) list.push_back({{"code", d.code}, {"account", d.account}, {"detail", d.detail}});
  return {{"movements", r.movements}, {"ok", r.discrepancies.empty()}, {"discrepancies", list}};
}

nlohmann::json to_json(const PrintOutcome& o) {
  return {{"job_id", o.job_id}, {"nik", o.nik}, {"card_serial", o.card_serial}, {"outcome", o.outcome},
          {"status", to_string(o.status)}, {"closed_suket", o.closed_suket}, {"blanks_left", o.blanks_left}};
}

nlohmann::json to_json(const UndeliveredCard& u) {
  return {{"nik", u.nik}, {"village_code", u.village_code}, {"printed_at", u.printed_at}, {"days", u.days}};
}

nlohmann::json to_json(const SuketRecord& s) {
  return {{"number", s.number}, {"nik", s.nik}, {"office", s.office}, {"issued", s.issued.iso()}, {"expires", s.expires.iso()},
          {"status", s.status}, {"closed_at", s.closed_at}, {"card_serial", s.card_serial}, {"operator", s.operator_id},
          {"token", s.token}, {"renewed_to", s.renewed_to}};
}

nlohmann::json to_json(const SuketRecord& s, Date today) {
  auto j = to_json(s);
  const long left = s.expires.to_days() - today.to_days();
  j["expired"] = s.status == "open" && left < 0;
  j["days_left"] = left;  // negative: days since it expired
  j["renewable"] = s.status == "open" && left <= kSuketRenewWindowDays;
  return j;
}

nlohmann::json to_json(const SuketExpiryRow& r) {
  return {{"office", r.office}, {"open", r.open}, {"expired", r.expired}, {"expiring", r.expiring},
          {"valid", r.open - r.expired}};
}

nlohmann::json to_json(const PrintWait& w) {
  return {{"place", w.place}, {"cards_per_day", w.cards_per_day}, {"cards_on_hand", w.cards_on_hand},
          {"days", w.days ? nlohmann::json(*w.days) : nlohmann::json()},
          {"expected_date", w.date ? nlohmann::json(w.date->iso()) : nlohmann::json()},
          {"why_unknown", w.why_unknown.empty() ? nlohmann::json() : nlohmann::json(w.why_unknown)}};
}

nlohmann::json to_json(const SuketCheck& c) {
  nlohmann::json j = {{"valid", c.valid}, {"verdict", c.verdict}};
  if (c.payload)
    j["suket"] = {{"number", c.payload->number}, {"office", c.payload->office}, {"nik", c.payload->nik}, {"name", c.payload->name},
                  {"issued", c.payload->issued.iso()}, {"expires", c.payload->expires.iso()}};
  if (c.record) j["status"] = c.record->status;
  return j;
}

nlohmann::json to_json(const CapacityPlan& p) {
  auto offices = nlohmann::json::array();
  for (const auto& o : p.offices)
    offices.push_back({{"code", o.code}, {"name", o.name}, {"backlog", o.backlog}, {"capacity_per_day", o.capacity_per_day},
                       {"blanks", o.blanks}, {"ribbon_cards", o.ribbon_cards}, {"tranche_blanks", o.tranche_blanks},
                       {"days_as_is", days(o.days_as_is)}, {"cards_printed_here", o.cards_printed_here},
                       {"days_in_plan", days(o.days_in_plan)}});
  auto shares = nlohmann::json::array();
  for (const auto& s : p.shares)
    shares.push_back({{"printer_office", s.printer_office}, {"for_office", s.for_office}, {"cards", s.cards},
                      {"km", std::round(s.km)}, {"printer_days", days(s.printer_days)}});
  auto moves = nlohmann::json::array();
  for (const auto& m : p.moves)
    moves.push_back({{"item", m.item}, {"from", m.from}, {"to", m.to}, {"cards", m.cards}, {"km", std::round(m.km)}});
  return {{"backlog", p.backlog}, {"capacity_per_day", p.capacity_per_day}, {"blanks", p.blanks},
          {"ribbon_cards", p.ribbon_cards}, {"tranche_blanks", p.tranche_blanks}, {"pooled_days", days(p.pooled_days)},
          {"as_is_days", days(p.as_is_days)}, {"as_is_capacity_days", days(p.as_is_capacity_days)},
          {"plan_capacity_days", days(p.plan_capacity_days)}, {"plan_days", days(p.plan_days)},
          {"blank_shortfall", p.blank_shortfall}, {"ribbon_shortfall", p.ribbon_shortfall},
          {"courier_batch_km", std::round(p.courier_batch_km)}, {"offices", offices}, {"shares", shares}, {"moves", moves},
          {"explanation", p.explanation}};
}

nlohmann::json to_json(const StoredMovement& s) {
  const auto& m = s.movement;
  return {{"id", m.id}, {"kind", to_string(m.kind)}, {"item", to_string(m.item)}, {"debit", m.debit}, {"credit", m.credit},
          {"quantity", m.quantity}, {"on", m.on.iso()}, {"reference", m.reference}, {"reason", m.reason}, {"actor", s.actor},
          {"at", s.at}};
}

nlohmann::json to_json(const CardDelivery& d) {
  nlohmann::json j = {{"card_serial", d.card_serial}, {"office", d.office}, {"officer", d.officer}, {"collector", d.collector},
                      {"date", d.on.iso()}, {"at", d.at}};
  if (d.collector == "REPRESENTATIVE")
    j["representative"] = {{"name", d.representative_name}, {"nik", d.representative_nik}};
  return j;
}

nlohmann::json to_json(const CardShipment& s) {
  auto day = [](const std::optional<Date>& d) { return d ? nlohmann::json(d->iso()) : nlohmann::json(nullptr); };
  return {{"card_serial", s.card_serial}, {"nik", s.nik}, {"printed_by", s.printed_by}, {"home_office", s.home_office},
          {"printed_on", s.printed_on.iso()}, {"shipped_on", day(s.shipped_on)}, {"shipped_by", s.shipped_by},
          {"received_on", day(s.received_on)}, {"received_by", s.received_by},
          {"state", s.received_on ? "RECEIVED" : s.shipped_on ? "SHIPPED" : "AWAITING_SHIPMENT"}};
}

}  // namespace ktpel
