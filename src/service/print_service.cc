#include "service/print_service.h"

#include "store/audit_scope.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "core/common/messages.h"
#include "core/print/stockout_forecast.h"
#include "core/wilayah/catalog.h"
#include "crypto/envelope.h"
#include "crypto/suket_token.h"
#include "service/coverage_service.h"
#include "service/duplicate_link.h"
#include "store/audit_scope.h"
#include "io/files.h"

namespace ktpel {
namespace {

// The ledger's view of the store, read inside the caller's write transaction. Balances are read
// with the row lock, so two jobs racing for the last blank queue up instead of both taking it.
class StoreStockView final : public StockView {
 public:
  explicit StoreStockView(PrintStore& s) : s_(s) {}
  int64_t balance(const std::string& account, StockItem item) const override { return s_.stock_balance(account, item, true); }
  std::optional<std::pair<StockItem, int64_t>> in_transit(const std::string& id) const override { return s_.stock_in_transit(id); }
  bool transfer_known(const std::string& id) const override { return s_.stock_transfer_known(id); }
  bool serial_used(const std::string& serial) const override { return s_.blank_serial_used(serial); }

 private:
  PrintStore& s_;
};

std::string region_of_account(const std::string& account) {
  return account.rfind("office:", 0) == 0 ? account.substr(7) : std::string();
}

// A deceased resident gets neither a card nor a suket (RESIDENT_DECEASED), or nullopt.
std::optional<Error> deceased(RegistryStore& store, const std::string& nik) {
  auto r = store.find_resident(nik);
  if (!r || r->alive) return std::nullopt;
  return make_error("RESIDENT_DECEASED", "nik", {nik, r->death_date ? r->death_date->iso() : "-"});
}

std::string now_or(const std::string& at) { return at.empty() ? std::string("1970-01-01T00:00:00Z") : at; }

// The day an action is recorded on: nothing is dated after it.
Date day_of(const EktpActor& actor) {
  return Date::parse_iso((actor.at.empty() ? utc_now_iso() : actor.at).substr(0, 10)).value_or(Date{});
}

// The day of the record's latest transition into `status`, from its history.
std::optional<Date> last_entered(EktpStore& store, const std::string& nik, EktpStatus status) {
  std::optional<Date> out;
  for (const auto& t : store.ektp_history(nik))
    if (t.to == status)
      if (auto d = Date::parse_iso(t.at.substr(0, 10)); d && (!out || *d > *out)) out = d;
  return out;
}

// All problems of a request as one error: the first one's code and field, every message.
Error all_of(const std::vector<Error>& problems) {
  Error e = problems.front();
  for (size_t i = 1; i < problems.size(); ++i) {
    e.message_id += "; " + problems[i].message_id;
    e.message_en += "; " + problems[i].message_en;
  }
  return e;
}

}  // namespace

Result<const Region*> PrintService::office_region(const std::string& office) {
  const Region* r = wilayah_.find(office);
  if (!r || (r->level != Level::Kabupaten && r->level != Level::Provinsi)) return make_error("OFFICE_UNKNOWN", "office", {office});
  return r;
}

std::vector<PrintClass> PrintService::priority() {
  if (auto v = store_.as<SettingsStore>().setting("print.priority"))
    if (auto p = parse_print_priority(*v)) return *p;
  return default_print_priority();
}

Result<std::vector<PrintClass>> PrintService::set_priority(const std::string& csv) {
  auto p = parse_print_priority(csv);
  if (!p) return p;
  store_.as<SettingsStore>().put_setting("print.priority", format_print_priority(*p));
  return p;
}

int PrintService::suket_validity_months() {
  auto v = store_.as<SettingsStore>().setting("suket.validity_months");
  return v ? std::stoi(*v) : kDefaultSuketValidityMonths;
}

int64_t PrintService::cards_per_ribbon() {
  auto v = store_.as<SettingsStore>().setting("print.cards_per_ribbon");
  return v ? std::stoll(*v) : 250;  // a YMCKO ribbon prints ~250 cards
}

Result<std::string> PrintService::set_setting(const std::string& key, const std::string& value) {
  if (key == "print.priority") {
    auto p = set_priority(value);
    if (!p) return p.error();
    return format_print_priority(*p);
  }
  auto number = [&](int lo, int hi) -> std::optional<int> {
    try {
      size_t used = 0;
      const int v = std::stoi(value, &used);
      if (used == value.size() && v >= lo && v <= hi) return v;
    } catch (const std::exception&) {
    }
    return std::nullopt;
  };
  std::string stored = value;
  if (key == "suket.validity_months") {
    if (!number(1, 24)) return make_error("SETTING_VALUE", "value", {key, "1-24 months"});
  } else if (key == "print.cards_per_ribbon") {
    if (!number(1, 5000)) return make_error("SETTING_VALUE", "value", {key, "1-5000 cards"});
  } else if (key == "suket.min_wait_days") {
    if (!number(0, 365)) return make_error("SETTING_VALUE", "value", {key, "0-365 days"});
  } else if (key == "print.suket_first") {
    if (value != "true" && value != "false") return make_error("SETTING_VALUE", "value", {key, "true or false"});
  } else if (key == "office.public_url" || (key.rfind("office.public_url.", 0) == 0 && office_region(key.substr(18)))) {
    // The address a bank clerk's phone opens: http(s), no spaces or quotes, stored without a trailing '/'.
    while (!stored.empty() && stored.back() == '/') stored.pop_back();
    const bool scheme = stored.rfind("https://", 0) == 0 || stored.rfind("http://", 0) == 0;
    if (!scheme || stored.size() < 10 || stored.find_first_of(" \t\"'<>") != std::string::npos)
      return make_error("SETTING_VALUE", "value", {key, "an address like https://disdukcapil.example"});
  } else if (key.rfind("office.address.", 0) == 0 && office_region(key.substr(15))) {
    // Where residents collect their cards, told by "where is my KTP?".
    if (value.empty() || value.size() > 200) return make_error("SETTING_VALUE", "value", {key, "1-200 characters"});
  } else {
    return make_error("SETTING_VALUE", "key", {key, "print.priority, print.suket_first, suket.validity_months, suket.min_wait_days, "
                                                    "print.cards_per_ribbon, office.public_url, office.public_url.<PP.KK> or office.address.<PP.KK>"});
  }
  store_.as<SettingsStore>().put_setting(key, stored);
  return stored;
}

Result<Printer> PrintService::add_printer(Printer p, const std::string& at) {
  if (auto r = office_region(p.office); !r) return r.error();
  auto checked = check_printer(std::move(p));
  if (!checked) return checked;
  if (checked->status == PrinterStatus::Lent)
    if (auto r = office_region(checked->lent_to); !r) return make_error("OFFICE_UNKNOWN", "lent_to", {checked->lent_to});
  StoreTransaction tx(store_.transactions());
  if (!store_.as<PrintStore>().insert_printer(*checked, now_or(at))) return make_error("PRINTER_EXISTS", "serial", {checked->serial});
  tx.commit();
  return checked;
}

Result<Printer> PrintService::set_printer_status(const std::string& serial, PrinterStatus status, const std::string& lent_to,
                                                 std::optional<Date> lent_until, const std::string& note, const std::string& at) {
  StoreTransaction tx(store_.transactions());
  auto p = store_.as<PrintStore>().printer(serial);
  if (!p) return make_error("PRINTER_NOT_FOUND", "serial", {serial});
  p->status = status;
  p->lent_to = lent_to;
  p->lent_until = lent_until;
  if (!note.empty()) p->note = note;
  auto checked = check_printer(*p);
  if (!checked) return checked;
  if (status == PrinterStatus::Lent)
    if (auto r = office_region(lent_to); !r) return make_error("OFFICE_UNKNOWN", "lent_to", {lent_to});
  store_.as<PrintStore>().update_printer(*checked, now_or(at));
  // The printer is an inventory item: its status change goes into the item's dated history too.
  auto* scope = AuditScope::current();
  const auto item_status = status == PrinterStatus::Lent ? ItemStatus::Active
                           : status == PrinterStatus::Broken ? ItemStatus::Broken
                           : status == PrinterStatus::InRepair ? ItemStatus::InRepair
                           : status == PrinterStatus::Retired ? ItemStatus::Retired : ItemStatus::Active;
  store_.as<EquipmentStore>().append_item_event({serial, Date::parse_iso(now_or(at).substr(0, 10)).value_or(Date{}), item_status,
                                                 std::string(to_string(status)) + (note.empty() ? "" : ": " + note),
                                                 scope ? scope->intent().actor : std::string("system"), now_or(at)});
  tx.commit();
  return checked;
}

Result<std::vector<Printer>> PrintService::printers(const std::string& prefix) {
  if (!prefix.empty() && !wilayah_.find(prefix)) return make_error("WILAYAH_NOT_FOUND", "office", {prefix});
  return store_.as<PrintStore>().printers(prefix);
}

Result<int64_t> PrintService::book(const std::string& actor, const std::function<Result<StockMovement>(const StockView&)>& rule) {
  StoreTransaction tx(store_.transactions());
  StoreStockView view(store_.as<PrintStore>());
  auto m = rule(view);
  if (!m) return m.error();
  const int64_t id = store_.as<PrintStore>().append_stock_movement(*m, actor.empty() ? "system" : actor, utc_now_iso());
  tx.commit();
  return id;
}

Result<int64_t> PrintService::receive_tranche(const std::string& office, StockItem item, int64_t qty, Date on,
                                              const std::string& reference, const std::string& actor) {
  if (auto r = office_region(office); !r) return r.error();
  return book(actor, [&](const StockView& v) { return stock_rules::receive_tranche(v, office, item, qty, on, reference); });
}

Result<int64_t> PrintService::send_transfer(const std::string& from, const std::string& to, const std::string& id,
                                            StockItem item, int64_t qty, Date on, const std::string& actor) {
  if (auto r = office_region(from); !r) return r.error();
  if (auto r = office_region(to); !r) return make_error("OFFICE_UNKNOWN", "to", {to});
  return book(actor, [&](const StockView& v) -> Result<StockMovement> {
    auto m = stock_rules::send_transfer(v, from, id, item, qty, on);
    if (m) m.value().reason = "tujuan " + to;
    return m;
  });
}

Result<int64_t> PrintService::receive_transfer(const std::string& to, const std::string& id, Date on, const std::string& actor) {
  if (auto r = office_region(to); !r) return r.error();
  return book(actor, [&](const StockView& v) { return stock_rules::receive_transfer(v, to, id, on); });
}

Result<int64_t> PrintService::consume(const std::string& office, StockItem item, int64_t qty, Date on,
                                      const std::string& reference, const std::string& actor) {
  if (auto r = office_region(office); !r) return r.error();
  return book(actor, [&](const StockView& v) { return stock_rules::consume(v, office, item, qty, on, reference); });
}

Result<int64_t> PrintService::return_stock(const std::string& office, StockItem item, int64_t qty, Date on,
                                           const std::string& reference, const std::string& actor) {
  if (auto r = office_region(office); !r) return r.error();
  return book(actor, [&](const StockView& v) { return stock_rules::return_to_centre(v, office, item, qty, on, reference); });
}

Result<int64_t> PrintService::stock_take(const std::string& office, StockItem item, int64_t counted, Date on,
                                         const std::string& reason, const std::string& actor) {
  if (auto r = office_region(office); !r) return r.error();
  StoreTransaction tx(store_.transactions());
  StoreStockView view(store_.as<PrintStore>());
  auto m = stock_rules::stock_take(view, office, item, counted, on, reason);
  if (!m) return m.error();
  if (!m->has_value()) return int64_t{0};  // the count matches the books
  const int64_t id = store_.as<PrintStore>().append_stock_movement(**m, actor.empty() ? "system" : actor, utc_now_iso());
  tx.commit();
  return id;
}

Result<int64_t> PrintService::expect_tranche(const std::string& office, Date on, int64_t qty, const std::string& reference) {
  if (auto r = office_region(office); !r) return r.error();
  if (auto e = quantity_problem(qty)) return *e;
  if (reference.empty()) return make_error("STOCK_LEDGER", "reference", {"a tranche needs its reference (surat/BAST number)"});
  StoreTransaction tx(store_.transactions());
  store_.as<PrintStore>().insert_expected_tranche({office, on, qty, reference});
  tx.commit();
  return qty;
}

Result<std::vector<OfficeStock>> PrintService::balances(const std::string& prefix) {
  if (!prefix.empty() && !wilayah_.find(prefix)) return make_error("WILAYAH_NOT_FOUND", "office", {prefix});
  std::map<std::string, OfficeStock> by_office;
  for (const auto& b : store_.as<PrintStore>().stock_balances("office:" + prefix)) {
    auto& row = by_office[region_of_account(b.account)];
    row.office = region_of_account(b.account);
    (b.item == StockItem::BlankCard ? row.blanks : b.item == StockItem::Ribbon ? row.ribbons : row.cleaning_kits) = b.balance;
  }
  std::vector<OfficeStock> out;
  for (auto& [code, row] : by_office) {
    if (const Region* r = wilayah_.find(code)) row.name = r->name;
    out.push_back(std::move(row));
  }
  return out;
}

StockAuditReport PrintService::audit(Date today) {
  StockAuditReport report;
  std::vector<StockMovement> movements;
  for (auto& m : store_.as<PrintStore>().stock_movements("", INT64_MAX)) movements.push_back(std::move(m.movement));
  report.movements = static_cast<int64_t>(movements.size());
  report.discrepancies = ktpel::audit(movements, today);
  // The stored balances are a cache of the movements: they must agree.
  const StockLedger ledger = StockLedger::from_movements(movements);
  for (const auto& b : store_.as<PrintStore>().stock_balances(""))
    if (ledger.balance(b.account, b.item) != b.balance)
      report.discrepancies.push_back({"BALANCE_CACHE", b.account,
                                      std::string(to_string(b.item)) + ": stored " + std::to_string(b.balance) +
                                          ", movements say " + std::to_string(ledger.balance(b.account, b.item))});
  // Every blank used is one print job, and the other way round.
  std::map<std::string, std::pair<int64_t, int64_t>> booked;
  for (const auto& m : movements)
    if (m.item == StockItem::BlankCard && (m.kind == MovementKind::Printed || m.kind == MovementKind::Spoiled))
      (m.kind == MovementKind::Printed ? booked[region_of_account(m.credit)].first : booked[region_of_account(m.credit)].second) +=
          m.quantity;
  auto jobs = store_.as<PrintStore>().print_job_totals();
  for (const auto& [office, counts] : jobs)
    if (booked[office] != counts)
      report.discrepancies.push_back({"PRINT_JOBS_VS_BLANKS", "office:" + office,
                                      "jobs printed/spoiled " + std::to_string(counts.first) + "/" + std::to_string(counts.second) +
                                          ", blanks booked " + std::to_string(booked[office].first) + "/" +
                                          std::to_string(booked[office].second)});
  for (const auto& [office, counts] : booked)
    if (!jobs.count(office) && (counts.first || counts.second))
      report.discrepancies.push_back({"PRINT_JOBS_VS_BLANKS", "office:" + office, "blanks booked without print jobs"});
  return report;
}

std::map<std::string, int64_t> PrintService::backlog(const std::string& prefix) {
  // The coverage counters (no scan of the records), rolled by the clock alone: a request's as_of
  // once rolled them to 2040. PRR and SUKET are statuses, not ages: the same on any day.
  CoverageService(store_, wilayah_).roll_to(*Date::parse_iso(utc_now_iso().substr(0, 10)));
  std::map<std::string, int64_t> out;
  for (const auto& [code, c] : store_.as<CoverageStore>().coverage_rows(prefix, 5))
    if (c[kPrr] + c[kSuket] > 0) out[code] = c[kPrr] + c[kSuket];
  return out;
}

Result<std::vector<StockForecast>> PrintService::forecast(const std::string& prefix, Date today, int window_days) {
  auto stock = balances(prefix);
  if (!stock) return stock.error();
  std::map<std::string, StockForecast> rows;
  for (const auto& s : *stock) {
    auto& f = rows[s.office];
    f.office = s.office;
    f.name = s.name;
    f.blanks = s.blanks;
    f.ribbons = s.ribbons;
  }
  for (const auto& [office, n] : backlog(prefix)) {
    auto& f = rows[office];
    f.office = office;
    f.backlog = n;
  }
  const auto used = store_.as<PrintStore>().blanks_used_since(prefix, today.plus_days(-window_days + 1));
  std::map<std::string, int64_t> capacity;  // printers that print for the office today
  for (const auto& p : store_.as<PrintStore>().printers(prefix))
    if (const std::string at = printing_office(p, today); !at.empty()) capacity[at] += p.cards_per_day;
  const int64_t per_ribbon = cards_per_ribbon();
  std::vector<StockForecast> out;
  for (auto& [office, f] : rows) {
    if (f.name.empty())
      if (const Region* r = wilayah_.find(office)) f.name = r->name;
    auto it = used.find(office);
    f.used_in_window = it == used.end() ? 0 : it->second;
    f.capacity_per_day = capacity.count(office) ? capacity[office] : 0;
    f.ribbon_cards = f.ribbons * per_ribbon;
    const StockoutInput in{f.blanks, f.backlog, f.used_in_window, window_days, f.capacity_per_day};
    const auto blanks = estimate_stockout(in);
    StockoutInput ribbon_in = in;
    ribbon_in.on_hand = f.ribbon_cards;
    f.basis = blanks.basis;
    f.cards_per_day = blanks.cards_per_day;
    f.blank_days_left = blanks.days_left;
    f.blanks_cover_backlog = blanks.covers_backlog;
    f.ribbon_days_left = estimate_stockout(ribbon_in).days_left;
    f.blanks_short = std::max<int64_t>(0, f.backlog - f.blanks);
    out.push_back(std::move(f));
  }
  return out;
}

Result<std::vector<QueueEntry>> PrintService::queue(const std::string& office, int64_t limit, const std::string& for_office) {
  if (auto r = office_region(office); !r) return r.error();
  if (!for_office.empty()) {
    auto r = office_region(for_office);
    if (!r || (*r)->level != Level::Kabupaten) return make_error("OFFICE_UNKNOWN", "for_office", {for_office});
    return queue(for_office, limit);  // the owning office's queue, printed here
  }
  // Class by class in priority order, oldest first within each: reads at most `limit` rows.
  std::vector<QueueEntry> entries;
  for (PrintClass cls : serving_order()) {
    const int64_t want = limit - static_cast<int64_t>(entries.size());
    if (want <= 0) break;
    for (const auto& c : store_.as<PrintStore>().print_queue_head(office, cls, want))  // already oldest first
      entries.push_back({c.nik, c.village_code, c.status, c.since, cls});
  }
  return entries;
}

Result<PrintOutcome> PrintService::print_card(const std::string& office, const std::string& nik, const std::string& card_serial,
                                              const std::string& printer_serial, const std::string& spoiled_reason, Date on,
                                              const EktpActor& actor, const std::string& for_office) {
  if (auto r = office_region(office); !r) return r.error();
  if (!for_office.empty() && for_office != office) {
    auto r = office_region(for_office);
    if (!r || (*r)->level != Level::Kabupaten) return make_error("OFFICE_UNKNOWN", "for_office", {for_office});
  }
  const std::string home = for_office.empty() ? office : for_office;  // whose queue the record is in
  const bool spoiled = !spoiled_reason.empty();
  StoreTransaction tx(store_.transactions());
  // Lock the office's blanks first: racing jobs for this office queue up here.
  const int64_t blanks = store_.as<PrintStore>().stock_balance(office_account(office), StockItem::BlankCard, true);
  auto printer = store_.as<PrintStore>().printer(printer_serial);
  if (!printer) return make_error("PRINTER_NOT_FOUND", "printer", {printer_serial});
  if (printing_office(*printer, on) != office)
    return make_error("PRINTER_NOT_HERE", "printer", {printer_serial, office, std::string(to_string(printer->status))});
  auto record = store_.as<EktpStore>().ektp_record(nik);
  if (!record) return make_error("EKTP_NOT_FOUND", "nik", {nik});
  if (auto err = deceased(store_.as<RegistryStore>(), nik)) return *err;  // whatever the record's status says
  if (auto dup = duplicate_of(store_.as<DedupStore>(), *record))  // says which NIK and which case
    return make_error("PRINT_BLOCKED_DUPLICATE", "nik", {nik, describe(*dup)});
  if (record->status != EktpStatus::PRR && record->status != EktpStatus::SUKET)
    return make_error("PRINT_NOT_READY", "nik", {nik, std::string(to_string(record->status))});
  if (record->village_code.rfind(home + ".", 0) != 0)
    return home == office ? make_error("PRINT_WRONG_OFFICE", "nik", {nik, record->village_code, office})
                          : make_error("PRINT_FOR_OFFICE_MISMATCH", "for_office", {nik, record->village_code, home});
  if (auto err = check_print_date(on, last_entered(store_.as<EktpStore>(), nik, EktpStatus::PRR), day_of(actor))) return *err;
  StoreStockView view(store_.as<PrintStore>());
  auto m = stock_rules::use_for_card(view, office, card_serial, spoiled, spoiled_reason, on);
  if (!m) return blanks < 1 && m.error().field == "quantity" ? make_error("NO_BLANKS", "quantity", {office}) : m.error();
  store_.as<PrintStore>().append_stock_movement(*m, actor.operator_id, actor.at);
  PrintOutcome out;
  out.job_id = store_.as<PrintStore>().insert_print_job({0, office, nik, card_serial, printer_serial, spoiled ? "spoiled" : "printed", spoiled_reason,
                                       on, actor.at, actor.operator_id});
  out.nik = nik;
  out.card_serial = card_serial;
  out.outcome = spoiled ? "spoiled" : "printed";
  out.status = record->status;
  if (!spoiled) {
    auto to = apply_ektp_event(store_.as<EktpStore>(), nik, EktpEvent::Print, actor,
                               "kartu " + card_serial + (home == office ? "" : ", dicetak di " + office + " untuk " + home));
    if (!to) return to.error();
    // Printed for another office: the card travels home before it is handed over.
    if (home != office) store_.as<DeliveryStore>().insert_shipment({card_serial, nik, office, home, on, {}, {}, "", ""});
    out.status = *to;
    if (auto s = store_.as<PrintStore>().open_suket_of(nik)) {
      store_.as<PrintStore>().close_suket(s->number, actor.at, card_serial);
      out.closed_suket = s->number;
    }
  }
  out.blanks_left = store_.as<PrintStore>().stock_balance(office_account(office), StockItem::BlankCard, false);
  tx.commit();
  return out;
}

Result<DeliveryOutcome> PrintService::deliver(const std::string& nik, DeliveryRequest request, const EktpActor& actor) {
  StoreTransaction tx(store_.transactions());
  auto record = store_.as<EktpStore>().ektp_record(nik);
  if (!record) return make_error("EKTP_NOT_FOUND", "nik", {nik});
  if (record->status != EktpStatus::PRINTED)
    return make_error("EKTP_TRANSITION", "nik", {"deliver", std::string(to_string(record->status))});
  const std::string home = record->village_code.substr(0, 5);
  if (request.office.empty()) request.office = home;
  if (auto r = office_region(request.office); !r) return r.error();
  if (request.office != home) return make_error("DELIVERY_WRONG_OFFICE", "office", {nik, home, request.office});
  // The card: its print job, or (records migrated as PRINTED) the day the record became PRINTED.
  auto job = store_.as<DeliveryStore>().printed_card(nik);
  const Date printed_on = job ? job->on : last_entered(store_.as<EktpStore>(), nik, EktpStatus::PRINTED).value_or(Date{});
  if (auto shipment = store_.as<DeliveryStore>().shipment_of(nik);
      shipment && job && shipment->card_serial == job->card_serial && !shipment->received_on)
    return make_error("CARD_NOT_ARRIVED", "nik", {shipment->card_serial, shipment->printed_by, shipment->home_office,
                                                 shipment->shipped_on ? shipment->shipped_on->iso() : "-"});
  auto problems = check_delivery(request, nik, printed_on, day_of(actor), wilayah_);
  if (!problems.empty()) return all_of(problems);
  const bool self = request.collector == "SELF";
  const std::string reason = "diserahkan di " + request.office + " oleh " + actor.operator_id + " pada " + request.on->iso() +
                             (self ? " kepada pemilik kartu" :
                                     " kepada wakil " + request.representative_name + " (NIK " + request.representative_nik + ")");
  auto to = apply_ektp_event(store_.as<EktpStore>(), nik, EktpEvent::Deliver, actor, reason);
  if (!to) return to.error();
  CardDelivery d{0, nik, job ? job->card_serial : "", request.office, actor.operator_id, request.collector,
                 self ? "" : request.representative_name, self ? "" : request.representative_nik, *request.on, actor.at};
  d.id = store_.as<DeliveryStore>().insert_delivery(d);
  tx.commit();
  return DeliveryOutcome{*store_.as<EktpStore>().ektp_record(nik), d};
}

std::optional<CardDelivery> PrintService::delivery_of(const std::string& nik) { return store_.as<DeliveryStore>().last_delivery(nik); }

Result<int64_t> PrintService::ship_cards(const std::string& from, const std::string& to, Date on, const EktpActor& actor) {
  if (auto r = office_region(from); !r) return make_error("OFFICE_UNKNOWN", "from", {from});
  if (auto r = office_region(to); !r) return make_error("OFFICE_UNKNOWN", "to", {to});
  if (from == to) return make_error("SHIP_SAME_OFFICE", "to", {to});
  if (on > day_of(actor)) return make_error("DATE_IN_FUTURE", "date", {"date", on.iso()});
  StoreTransaction tx(store_.transactions());
  const int64_t n = store_.as<DeliveryStore>().ship_cards(from, to, on, actor.operator_id);
  tx.commit();
  return n;
}

Result<int64_t> PrintService::receive_cards(const std::string& to, const std::string& from, Date on, const EktpActor& actor) {
  if (auto r = office_region(to); !r) return make_error("OFFICE_UNKNOWN", "office", {to});
  if (auto r = office_region(from); !r) return make_error("OFFICE_UNKNOWN", "from", {from});
  if (on > day_of(actor)) return make_error("DATE_IN_FUTURE", "date", {"date", on.iso()});
  StoreTransaction tx(store_.transactions());
  const int64_t n = store_.as<DeliveryStore>().receive_cards(from, to, on, actor.operator_id);
  tx.commit();
  return n;
}

Result<std::vector<CardShipment>> PrintService::shipments(const std::string& prefix, int64_t limit) {
  if (!prefix.empty() && !wilayah_.find(prefix)) return make_error("WILAYAH_NOT_FOUND", "office", {prefix});
  return store_.as<DeliveryStore>().shipments(prefix, limit);
}

Result<std::vector<UndeliveredCard>> PrintService::undelivered(const std::string& office, Date today, int64_t limit) {
  if (auto r = office_region(office); !r) return r.error();
  std::vector<UndeliveredCard> out;
  for (const auto& r : store_.as<PrintStore>().ektp_records_in_status(office, EktpStatus::PRINTED, limit)) {
    const Date printed = Date::parse_iso(r.since.substr(0, 10)).value_or(today);
    out.push_back({r.nik, r.village_code, r.since, today.to_days() - printed.to_days()});
  }
  return out;
}

OfficeKey PrintService::office_key(const std::string& office) {
  if (auto k = store_.as<PrintStore>().office_key(office)) return *k;
  const SignKeyPair pair = make_sign_key_pair();
  OfficeKey k{office, to_hex(pair.public_key), to_hex(pair.secret_key)};
  if (!store_.as<PrintStore>().insert_office_key(k)) return *store_.as<PrintStore>().office_key(office);  // another process made it first
  return k;
}

Result<SuketIssued> PrintService::issue_suket(const std::string& nik, const std::string& office, Date today, bool force,
                                              const EktpActor& actor) {
  if (auto r = office_region(office); !r) return r.error();
  StoreTransaction tx(store_.transactions());
  auto resident = store_.as<RegistryStore>().find_resident(nik);
  auto record = store_.as<EktpStore>().ektp_record(nik);
  if (!resident || !record) return make_error("EKTP_NOT_FOUND", "nik", {nik});
  if (auto err = deceased(store_.as<RegistryStore>(), nik)) return *err;
  if (record->village_code.rfind(office + ".", 0) != 0) return make_error("PRINT_WRONG_OFFICE", "nik", {nik, record->village_code, office});
  // The expected wait, not the bare stock: blanks on hand do not help a resident 22 days back in
  // the queue (issue [11]).
  const PrintWait wait = wait_in_tx(nik, office, today, true);
  const int min_days = suket_min_wait_days();
  if (!force && wait.days && *wait.days <= min_days)
    return make_error("SUKET_NOT_NEEDED", "nik", {office, wait.date->iso(), std::to_string(*wait.days), std::to_string(wait.place),
                                                  std::to_string(min_days)});
  const std::string why = force ? "suket atas permintaan"
                          : wait.why_unknown == "printer" ? "printer tidak berfungsi"
                          : wait.why_unknown == "stock"   ? "blangko tidak cukup untuk antrean"
                          : "perkiraan cetak " + (wait.date ? wait.date->iso() : std::string("-")) + ", antrean " + std::to_string(wait.place);
  auto to = apply_ektp_event(store_.as<EktpStore>(), nik, EktpEvent::IssueSuket, actor, why);
  if (!to) return to.error();
  const SuketRecord s = sign_new_suket(nik, resident->name, office, today, actor.operator_id);
  tx.commit();
  return SuketIssued{s, office_key(office).sign_public};
}

SuketCheck PrintService::verify_suket(const std::string& token, Date today) {
  SuketCheck c;
  auto unverified = read_suket_token(token);
  if (!unverified) {
    c.verdict = "UNREADABLE";
    return c;
  }
  auto key = store_.as<PrintStore>().office_key(unverified->office);
  if (!key) {
    c.verdict = "UNKNOWN_KEY";
    return c;
  }
  auto payload = verify_suket_token(token, from_hex(key->sign_public));
  if (!payload) {
    c.verdict = "FORGED";
    return c;
  }
  c.payload = *payload;
  c.record = store_.as<PrintStore>().suket(payload->number);
  if (!c.record || c.record->token != token) c.verdict = "NOT_ISSUED";
  else if (deceased(store_.as<RegistryStore>(), payload->nik)) c.verdict = "DECEASED";  // the holder is not who shows it
  else if (c.record->status == "closed") c.verdict = "CLOSED";
  else if (c.record->status == "renewed") c.verdict = "RENEWED";
  else if (today > payload->expires) c.verdict = "EXPIRED";
  else c.verdict = "VALID";
  c.valid = c.verdict == "VALID";
  return c;
}

Result<SuketDocument> PrintService::suket_document(const std::string& number, const std::string& fallback_base) {
  auto s = store_.as<PrintStore>().suket(number);
  if (!s) return make_error("SUKET_NOT_FOUND", "number", {number});
  if (s->token.empty()) {  // numbered by the migration, never printed: sign it now, once
    StoreTransaction tx(store_.transactions());
    auto resident = store_.as<RegistryStore>().find_resident(s->nik);
    const OfficeKey key = office_key(s->office);
    const SuketPayload payload{s->number, s->office, s->nik, resident ? resident->name : "", s->issued, s->expires};
    store_.as<PrintStore>().set_suket_token(number, sign_suket_token(payload, from_hex(key.sign_secret)));
    tx.commit();
    s = store_.as<PrintStore>().suket(number);
  }
  auto resident = store_.as<RegistryStore>().find_resident(s->nik);
  if (!resident) return make_error("RESIDENT_NOT_FOUND", "nik", {s->nik});
  SuketDocument d;
  d.suket = *s;
  d.resident = *resident;
  auto name = [&](const std::string& code) {
    const Region* r = wilayah_.find(code);
    return r ? r->name : code;
  };
  d.office_name = name(s->office);
  for (auto& c : d.office_name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  d.village_name = name(resident->village_code);
  d.kecamatan_name = name(resident->kecamatan_code());
  d.photo_jpeg = store_.as<PrintStore>().enrolment_photo(s->nik).value_or("");
  const std::string base = public_url(s->office).empty() ? fallback_base : public_url(s->office);
  d.verify_url = base.empty() ? "" : base + "/v/" + s->token;
  return d;
}

Result<std::vector<SuketRecord>> PrintService::sukets(const std::string& prefix, bool open_only, int64_t limit) {
  if (!prefix.empty() && !wilayah_.find(prefix)) return make_error("WILAYAH_NOT_FOUND", "office", {prefix});
  return store_.as<PrintStore>().sukets(prefix, open_only, limit);
}

Result<CapacityPlan> PrintService::plan(const std::string& province, const PlannerPolicy& policy, Date today) {
  const Region* p = wilayah_.find(province);
  if (!p || p->level != Level::Provinsi) return make_error("WILAYAH_NOT_FOUND", "province", {province});
  std::vector<PlannerOffice> offices;
  std::map<std::string, size_t> index;
  auto add = [&](const Region* r) {
    index[r->code] = offices.size();
    PlannerOffice o;
    o.code = r->code;
    o.name = r->name;
    o.lat = r->lat.value_or(0);
    o.lon = r->lon.value_or(0);
    offices.push_back(std::move(o));
  };
  for (const Region* r : wilayah_.children(province)) add(r);
  add(p);  // the province warehouse: stock and tranches, no queue
  for (const auto& [code, n] : backlog(province)) {
    auto it = index.find(code);
    if (it != index.end()) offices[it->second].backlog = n;
  }
  for (const auto& pr : store_.as<PrintStore>().printers(province)) {
    auto it = index.find(printing_office(pr, today));
    if (it != index.end()) offices[it->second].printer_caps.push_back(pr.cards_per_day);
  }
  const int64_t per_ribbon = cards_per_ribbon();
  for (const auto& b : store_.as<PrintStore>().stock_balances("office:" + province)) {
    auto it = index.find(region_of_account(b.account));
    if (it == index.end()) continue;
    if (b.item == StockItem::BlankCard) offices[it->second].blanks = b.balance;
    if (b.item == StockItem::Ribbon) offices[it->second].ribbon_cards = b.balance * per_ribbon;
  }
  std::vector<PlannerTranche> tranches;
  for (const auto& t : store_.as<PrintStore>().expected_tranches(province))
    if (index.count(t.office)) tranches.push_back({t.office, std::max<int64_t>(0, t.expected_on.to_days() - today.to_days()), t.quantity});
  PlannerPolicy dated = policy;
  if (!dated.start) dated.start = today;  // the explanation says calendar days from today
  return plan_capacity(offices, tranches, dated);
}

}  // namespace ktpel
