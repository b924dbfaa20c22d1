// ktpel printer ... (the office's machines), ktpel print ... (queue, jobs, delivery, plan,
// priority, synthetic set-up), ktpel stock ... (the blank/ribbon ledger), ktpel suket ...
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/command_result.h"
#include "cli/context.h"
#include "cli/vocabulary_option.h"
#include "core/synth/print_setup.h"
#include "crypto/envelope.h"
#include "crypto/suket_token.h"
#include "io/files.h"
#include "io/suket_pdf.h"
#include "service/print_json.h"
#include "service/print_service.h"

namespace ktpel::cli {
namespace {

template <class T>
T ok(Result<T> r) {
  return value_or_fail(std::move(r));
}

StockItem item_of(const std::string& text) {
  auto i = parse_stock_item(text);
  if (!i) throw CommandError(kUsage, "--item must be blangko, ribbon or cleaning_kit, got '" + text + "'");
  return *i;
}

void print_json(const nlohmann::json& j) { std::printf("%s\n", j.dump(2).c_str()); }

// A list of answers as one JSON array (--json).
template <class Rows>
void print_json_rows(const Rows& rows) {
  auto a = nlohmann::json::array();
  for (const auto& r : rows) a.push_back(to_json(r));
  print_json(a);
}

std::string fmt_days(const std::optional<double>& d) {
  if (!d || !std::isfinite(*d)) return "never";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", *d);
  return buf;
}

struct Options {
  std::string db, office, serial, model, status, lent_to, until, note, nik, card, printer, spoiled, date, item, reference,
      to, from, id, reason, province, priority, token, out, public_key, key, value, for_office, collector, rep_name, rep_nik;
  int64_t per_day = 0, qty = 0, limit = 50, counted = -1;
  double radius_km = 1e9;
  bool json = false, force = false, open_only = false;
  uint64_t seed = 1;
};

}  // namespace

void add_print_commands(CLI::App& app, Context& ctx, int& /*exit_code*/) {
  static Options o;
  static auto service = [&ctx](std::unique_ptr<Store>& store) {
    store = open_console_store(o.db);
    return PrintService(*store, ctx.wilayah());
  };
  static auto actor = [] {
    return EktpActor{console_actor(std::getenv("USER") ? std::getenv("USER") : "officer"), "desk", utc_now_iso()};
  };

  // ---- printers
  auto* printer = app.add_subcommand("printer", "card printers of an office: register, status, loans");
  printer->require_subcommand(1);
  printer->add_option("--db", o.db, "database")->default_val(default_db());
  auto* add = printer->add_subcommand("add", "register a printer");
  add->add_option("--office", o.office, "owning office: regency code PP.KK")->required();
  add->add_option("--serial", o.serial, "machine serial number")->required();
  add->add_option("--model", o.model, "model");
  add->add_option("--per-day", o.per_day, "cards per day it really prints")->required();
  add->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    Printer p;
    p.office = o.office, p.serial = o.serial, p.model = o.model, p.cards_per_day = o.per_day;
    ok(svc.add_printer(p, utc_now_iso()));
    std::printf("printer %s registered at %s (%lld cards/day)\n", o.serial.c_str(), o.office.c_str(), static_cast<long long>(o.per_day));
  });
  auto* status = printer->add_subcommand("status", "set a printer's status: active, broken, in_repair, lent");
  status->add_option("serial", o.serial, "printer serial")->required();
  one_of(status->add_option("status", o.status, "the new status")->required(), vocab::printer_statuses());
  status->add_option("--to", o.lent_to, "lent: the borrowing office");
  status->add_option("--until", o.until, "lent: last day of the loan (YYYY-MM-DD)");
  status->add_option("--note", o.note, "the fault, the repair ticket or the loan letter");
  status->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    auto s = parse_printer_status(o.status);
    if (!s) throw CommandError(kUsage, "status must be active, broken, in_repair or lent");
    std::optional<Date> until;
    if (!o.until.empty()) until = day_or_today(o.until);
    const auto& p = ok(svc.set_printer_status(o.serial, *s, o.lent_to, until, o.note, utc_now_iso()));
    std::printf("printer %s: %s%s\n", p.serial.c_str(), std::string(to_string(p.status)).c_str(),
                p.status == PrinterStatus::Lent ? (" to " + p.lent_to + " until " + p.lent_until->iso()).c_str() : "");
  });
  auto* list = printer->add_subcommand("list", "printers of an office (or a province), with where they print today");
  list->add_option("--office", o.office, "office or province code (default: all)");
  list->add_option("--date", o.date, "the day to judge loans on (default today)");
  list->add_flag("--json", o.json);
  list->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const auto& ps = ok(svc.printers(o.office));
    if (o.json) {
      auto a = nlohmann::json::array();
      for (const auto& p : ps) a.push_back(to_json(p));
      return print_json(a);
    }
    const Date today = day_or_today(o.date);
    std::printf("%-16s %-7s %-18s %6s  %-9s %s\n", "serial", "office", "model", "/day", "status", "prints for today");
    for (const auto& p : ps)
      std::printf("%-16s %-7s %-18s %6lld  %-9s %s\n", p.serial.c_str(), p.office.c_str(), p.model.c_str(),
                  static_cast<long long>(p.cards_per_day), std::string(to_string(p.status)).c_str(),
                  printing_office(p, today).empty() ? "-" : printing_office(p, today).c_str());
  });

  // ---- print queue, jobs, delivery, plan
  auto* print = app.add_subcommand("print", "the print queue, print jobs, delivery and the capacity plan");
  print->require_subcommand(1);
  print->add_option("--db", o.db, "database")->default_val(default_db());
  auto* queue = print->add_subcommand("queue", "the office's print queue in print order");
  queue->add_option("--office", o.office, "regency office PP.KK")->required();
  queue->add_option("--limit", o.limit);
  queue->add_option("--for-office", o.for_office, "the queue of another regency this office prints for (the plan's sharing)");
  queue->add_flag("--json", o.json);
  queue->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const auto& q = ok(svc.queue(o.office, o.limit, o.for_office));
    if (o.json) {
      auto a = nlohmann::json::array();
      for (const auto& e : q) a.push_back(to_json(e));
      return print_json(a);
    }
    std::printf("%4s  %-16s %-6s %-17s %s\n", "#", "nik", "status", "class", "waiting since");
    int n = 0;
    for (const auto& e : q)
      std::printf("%4d  %-16s %-6s %-17s %s\n", ++n, e.nik.c_str(), std::string(to_string(e.status)).c_str(),
                  std::string(to_string(e.cls)).c_str(), e.since.c_str());
  });
  auto* job = print->add_subcommand("job", "record a print job: the blank's serial used for a NIK, printed or spoiled");
  job->add_option("--office", o.office, "printing office PP.KK")->required();
  job->add_option("--nik", o.nik, "the resident")->required();
  job->add_option("--card", o.card, "the blank card's serial number")->required();
  job->add_option("--printer", o.printer, "printer serial")->required();
  job->add_option("--spoiled", o.spoiled, "the blank was spoiled: misprint, jam, overheating, ...");
  job->add_option("--date", o.date, "print day (default today; not before the record became PRR, not in the future)");
  job->add_option("--for-office", o.for_office, "the resident's own regency when printing for another office (the card is then shipped there)");
  job->add_flag("--json", o.json);
  job->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const auto& r = ok(svc.print_card(o.office, o.nik, o.card, o.printer, o.spoiled, day_or_today(o.date), actor(), o.for_office));
    if (o.json) return print_json(to_json(r));
    std::printf("%s %s on blank %s: record %s%s; %lld blanks left\n", o.nik.c_str(), r.outcome.c_str(), r.card_serial.c_str(),
                std::string(to_string(r.status)).c_str(), r.closed_suket.empty() ? "" : (", suket " + r.closed_suket + " closed").c_str(),
                static_cast<long long>(r.blanks_left));
  });
  auto* deliver = print->add_subcommand("deliver", "the card was handed over: PRINTED -> DELIVERED, with office, officer and collector");
  deliver->add_option("nik", o.nik)->required();
  deliver->add_option("--office", o.office, "the handing-over office (default: the resident's regency)");
  deliver->add_option("--collector", o.collector, "SELF (the resident) or REPRESENTATIVE")->default_val("SELF");
  deliver->add_option("--representative-name", o.rep_name, "REPRESENTATIVE: their name");
  deliver->add_option("--representative-nik", o.rep_nik, "REPRESENTATIVE: their NIK");
  deliver->add_option("--date", o.date, "day of the hand-over (default today)");
  deliver->add_flag("--json", o.json);
  deliver->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    DeliveryRequest req{o.office, o.collector, o.rep_name, o.rep_nik, std::nullopt};
    if (!o.date.empty()) req.on = day_or_today(o.date);
    const auto& d = ok(svc.deliver(o.nik, req, actor()));
    if (o.json) {
      auto j = to_json(d.delivery);
      j["nik"] = o.nik;
      j["status"] = to_string(d.record.status);
      return print_json(j);
    }
    std::printf("%s DELIVERED at %s on %s by %s to %s\n", o.nik.c_str(), d.delivery.office.c_str(), d.delivery.on.iso().c_str(),
                d.delivery.officer.c_str(),
                d.delivery.collector == "SELF" ? "the resident"
                                               : ("representative " + d.delivery.representative_name + " (NIK " +
                                                  d.delivery.representative_nik + ")").c_str());
  });
  auto* card_ship = print->add_subcommand("ship", "cards printed here for another office leave for it (all not yet shipped)");
  card_ship->add_option("--from", o.from, "printing office")->required();
  card_ship->add_option("--to", o.to, "the residents' office")->required();
  card_ship->add_option("--date", o.date, "day they leave (default today)");
  card_ship->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const int64_t n = ok(svc.ship_cards(o.from, o.to, day_or_today(o.date), actor()));
    std::printf("%lld cards shipped from %s to %s\n", static_cast<long long>(n), o.from.c_str(), o.to.c_str());
  });
  auto* card_receive = print->add_subcommand("receive", "cards printed by another office for this one arrived");
  card_receive->add_option("--office", o.office, "receiving (home) office")->required();
  card_receive->add_option("--from", o.from, "printing office")->required();
  card_receive->add_option("--date", o.date, "day they arrived (default today)");
  card_receive->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const int64_t n = ok(svc.receive_cards(o.office, o.from, day_or_today(o.date), actor()));
    std::printf("%lld cards from %s received at %s\n", static_cast<long long>(n), o.from.c_str(), o.office.c_str());
  });
  auto* card_shipments = print->add_subcommand("shipments", "cards printed for another office: printed, shipped, received");
  card_shipments->add_option("--office", o.office, "printing or home office (default: all)");
  card_shipments->add_option("--limit", o.limit);
  card_shipments->add_flag("--json", o.json);
  card_shipments->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const auto& rows = ok(svc.shipments(o.office, o.limit));
    if (o.json) {
      auto a = nlohmann::json::array();
      for (const auto& r : rows) a.push_back(to_json(r));
      return print_json(a);
    }
    std::printf("%-14s %-16s %-6s -> %-6s %-10s %-10s %-10s\n", "card", "nik", "from", "to", "printed", "shipped", "received");
    for (const auto& r : rows)
      std::printf("%-14s %-16s %-6s -> %-6s %-10s %-10s %-10s\n", r.card_serial.c_str(), r.nik.c_str(), r.printed_by.c_str(),
                  r.home_office.c_str(), r.printed_on.iso().c_str(), r.shipped_on ? r.shipped_on->iso().c_str() : "-",
                  r.received_on ? r.received_on->iso().c_str() : "-");
  });
  auto* undelivered = print->add_subcommand("undelivered", "printed cards not yet collected, oldest first");
  undelivered->add_option("--office", o.office, "regency office PP.KK")->required();
  undelivered->add_option("--limit", o.limit);
  undelivered->add_option("--date", o.date, "today (default: today)");
  undelivered->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    for (const auto& u : ok(svc.undelivered(o.office, day_or_today(o.date), o.limit)))
      std::printf("%-16s %-13s printed %s  %lld days waiting\n", u.nik.c_str(), u.village_code.c_str(), u.printed_at.c_str(),
                  static_cast<long long>(u.days));
  });
  auto* priority = print->add_subcommand("priority", "show or set the queue's class order");
  priority->add_option("--set", o.priority, "e.g. FIRST_CARD,DATA_CHANGE,REPLACEMENT,SUKET_CONVERSION");
  priority->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    if (!o.priority.empty()) ok(svc.set_priority(o.priority));
    std::printf("%s\n", format_print_priority(svc.priority()).c_str());
  });
  auto* setting = print->add_subcommand("setting",
                                        "set print.suket_first (true|false), suket.validity_months, suket.min_wait_days, "
                                        "print.cards_per_ribbon, office.public_url[.PP.KK]");
  setting->add_option("key", o.key)->required();
  setting->add_option("value", o.value)->required();
  setting->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    std::printf("%s = %s\n", o.key.c_str(), ok(svc.set_setting(o.key, o.value)).c_str());
  });
  auto* plan = print->add_subcommand("plan", "days to clear the province's PRR + suket, as is and with a sharing plan");
  plan->add_option("--province", o.province, "province code PP")->required();
  plan->add_option("--radius-km", o.radius_km, "offices farther apart do not print for each other (default: any)");
  plan->add_option("--date", o.date, "plan from this day (default today)");
  plan->add_flag("--json", o.json);
  plan->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    PlannerPolicy policy;
    policy.share_radius_km = o.radius_km;
    const auto& p = ok(svc.plan(o.province, policy, day_or_today(o.date)));
    if (o.json) return print_json(to_json(p));
    std::printf("%-7s %-28s %8s %6s %8s %8s %8s %8s\n", "office", "name", "backlog", "/day", "blanks", "as-is", "plan", "printed");
    for (const auto& v : p.offices)
      std::printf("%-7s %-28.28s %8lld %6lld %8lld %8s %8s %8lld\n", v.code.c_str(), v.name.c_str(), static_cast<long long>(v.backlog),
                  static_cast<long long>(v.capacity_per_day), static_cast<long long>(v.blanks), fmt_days(v.days_as_is).c_str(),
                  fmt_days(v.days_in_plan).c_str(), static_cast<long long>(v.cards_printed_here));
    std::printf("\n");
    for (const auto& line : p.explanation) std::printf("- %s\n", line.c_str());
  });
  auto* seed = print->add_subcommand("seed", "synthetic printers, stock and an expected tranche for a generated province");
  seed->add_option("--province", o.province, "province code PP")->required();
  seed->add_option("--seed", o.seed);
  seed->add_option("--date", o.date, "today (default today)");
  seed->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    if (!ok(svc.printers(o.province)).empty()) {
      std::printf("printers already registered under %s: nothing seeded\n", o.province.c_str());
      return;
    }
    const Date today = day_or_today(o.date);
    std::vector<SynthOffice> regencies;
    std::map<std::string, int64_t> backlog;
    for (const auto& c : store->print_candidates(o.province)) ++backlog[c.village_code.substr(0, 5)];
    for (const Region* r : ctx.wilayah().children(o.province)) regencies.push_back({r->code, r->population.value_or(0), backlog[r->code]});
    if (regencies.empty()) throw CommandError(kProblems, "no regencies under " + o.province);
    const auto setup = synth_print_setup(o.province, regencies, today, o.seed);
    for (const auto& p : setup.printers) ok(svc.add_printer(p, utc_now_iso()));
    for (const auto& s : setup.stock) {
      const std::string ref = "SEED-" + s.office + "-" + today.iso();
      if (s.blanks > 0) ok(svc.receive_tranche(s.office, StockItem::BlankCard, s.blanks, today, ref, "seed"));
      if (s.ribbons > 0) ok(svc.receive_tranche(s.office, StockItem::Ribbon, s.ribbons, today, ref, "seed"));
      if (s.cleaning_kits > 0) ok(svc.receive_tranche(s.office, StockItem::CleaningKit, s.cleaning_kits, today, ref, "seed"));
    }
    for (const auto& t : setup.expected) ok(svc.expect_tranche(t.office, t.on, t.blanks, t.reference));
    std::printf("seeded %zu printers and the stock of %zu offices under %s\n", setup.printers.size(), setup.stock.size(),
                o.province.c_str());
  });

  // ---- the stock ledger
  auto* stock = app.add_subcommand("stock", "blank cards (blangko), ribbons and cleaning kits: the office ledger");
  stock->require_subcommand(1);
  stock->add_option("--db", o.db, "database")->default_val(default_db());
  auto movement = [](CLI::App* c, bool needs_qty) {
    one_of(c->add_option("--item", o.item, "the stock item")->default_val("blangko"), vocab::stock_items());
    if (needs_qty) c->add_option("--qty", o.qty, "quantity")->required();
    c->add_option("--date", o.date, "day of the movement (default today)");
  };
  static auto report = [](const Result<int64_t>& r, const char* what) {
    std::printf("%s: movement %lld booked\n", what, static_cast<long long>(ok(r)));
  };
  auto* receive = stock->add_subcommand("receive", "a tranche arrived (from the centre or the province)");
  receive->add_option("--office", o.office, "receiving office")->required();
  receive->add_option("--ref", o.reference, "BAST / letter number")->required();
  movement(receive, true);
  receive->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    report(svc.receive_tranche(o.office, item_of(o.item), o.qty, day_or_today(o.date), o.reference, actor().operator_id), "received");
  });
  auto* send = stock->add_subcommand("send", "send stock to another office (in transit until received)");
  send->add_option("--from", o.from, "sending office")->required();
  send->add_option("--to", o.to, "receiving office")->required();
  send->add_option("--id", o.id, "transfer id (on the delivery note)")->required();
  movement(send, true);
  send->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    report(svc.send_transfer(o.from, o.to, o.id, item_of(o.item), o.qty, day_or_today(o.date), actor().operator_id), "sent");
  });
  auto* arrive = stock->add_subcommand("arrive", "a transfer arrived at this office");
  arrive->add_option("--office", o.office, "receiving office")->required();
  arrive->add_option("--id", o.id, "transfer id")->required();
  arrive->add_option("--date", o.date);
  arrive->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    report(svc.receive_transfer(o.office, o.id, day_or_today(o.date), actor().operator_id), "arrived");
  });
  auto* use = stock->add_subcommand("use", "ribbons or cleaning kits used up (blanks are used by print jobs)");
  use->add_option("--office", o.office)->required();
  use->add_option("--ref", o.reference, "what for, e.g. the printer serial");
  movement(use, true);
  use->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    report(svc.consume(o.office, item_of(o.item), o.qty, day_or_today(o.date), o.reference, actor().operator_id), "used");
  });
  auto* ret = stock->add_subcommand("return", "return stock to the centre (e.g. a faulty batch)");
  ret->add_option("--office", o.office)->required();
  ret->add_option("--ref", o.reference, "return letter")->required();
  movement(ret, true);
  ret->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    report(svc.return_stock(o.office, item_of(o.item), o.qty, day_or_today(o.date), o.reference, actor().operator_id), "returned");
  });
  auto* count = stock->add_subcommand("count", "stock-take: book the counted quantity, the difference with a reason");
  count->add_option("--office", o.office)->required();
  count->add_option("--counted", o.counted, "what is on the shelf")->required();
  count->add_option("--reason", o.reason, "why it differs")->required();
  movement(count, false);
  count->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const int64_t id = ok(svc.stock_take(o.office, item_of(o.item), o.counted, day_or_today(o.date), o.reason, actor().operator_id));
    if (id == 0) std::printf("count matches the books: nothing booked\n");
    else std::printf("stock-take: movement %lld booked\n", static_cast<long long>(id));
  });
  auto* expect = stock->add_subcommand("expect", "a tranche announced for a date (used by the planner)");
  expect->add_option("--office", o.office)->required();
  expect->add_option("--qty", o.qty)->required();
  expect->add_option("--ref", o.reference)->required();
  expect->add_option("--date", o.date, "expected arrival")->required();
  expect->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    ok(svc.expect_tranche(o.office, day_or_today(o.date), o.qty, o.reference));
    std::printf("tranche %s of %lld blanks expected at %s on %s\n", o.reference.c_str(), static_cast<long long>(o.qty), o.office.c_str(),
                o.date.c_str());
  });
  auto* balance = stock->add_subcommand("balance", "stock on hand per office");
  balance->add_option("--office", o.office, "office or province (default: all)");
  balance->add_flag("--json", o.json);
  balance->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const auto& rows = ok(svc.balances(o.office));
    if (o.json) {
      auto a = nlohmann::json::array();
      for (const auto& r : rows) a.push_back(to_json(r));
      return print_json(a);
    }
    std::printf("%-7s %-30s %9s %8s %6s\n", "office", "name", "blangko", "ribbon", "kit");
    for (const auto& r : rows)
      std::printf("%-7s %-30.30s %9lld %8lld %6lld\n", r.office.c_str(), r.name.c_str(), static_cast<long long>(r.blanks),
                  static_cast<long long>(r.ribbons), static_cast<long long>(r.cleaning_kits));
  });
  auto* forecast = stock->add_subcommand("forecast", "days until blanks and ribbons run out: at the recent print rate, or the printers' capacity when history is thin");
  forecast->add_option("--office", o.office, "office or province (default: all)");
  forecast->add_option("--date", o.date);
  forecast->add_flag("--json", o.json);
  forecast->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const auto& rows = ok(svc.forecast(o.office, day_or_today(o.date)));
    if (o.json) {
      auto a = nlohmann::json::array();
      for (const auto& r : rows) a.push_back(to_json(r));
      return print_json(a);
    }
    std::printf("%-7s %-26s %8s %8s %7s %-8s %10s %11s %8s\n", "office", "name", "backlog", "blangko", "/day", "basis", "blank days",
                "ribbon days", "short");
    // No figure: nothing prints there (no working printer), or the stock covers the backlog.
    auto d = [](const std::optional<int64_t>& v, bool covers, double rate) {
      return v ? std::to_string(*v) : covers ? std::string("covers") : rate > 0 ? std::string("-") : std::string("no printer");
    };
    for (const auto& r : rows)
      std::printf("%-7s %-26.26s %8lld %8lld %7.1f %-8s %10s %11s %8lld\n", r.office.c_str(), r.name.c_str(), static_cast<long long>(r.backlog),
                  static_cast<long long>(r.blanks), r.cards_per_day, r.basis.c_str(),
                  d(r.blank_days_left, r.blanks_cover_backlog, r.cards_per_day).c_str(),
                  d(r.ribbon_days_left, r.ribbon_cards >= r.backlog, r.cards_per_day).c_str(), static_cast<long long>(r.blanks_short));
  });
  auto* audit = stock->add_subcommand("audit", "check the ledger: balances, transfers, blanks used = printed + spoiled");
  audit->add_option("--date", o.date);
  audit->add_flag("--json", o.json);
  audit->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const auto r = svc.audit(day_or_today(o.date));
    if (o.json) print_json(to_json(r));
    else {
      std::printf("%lld movements checked: %s\n", static_cast<long long>(r.movements), r.discrepancies.empty() ? "no discrepancy" : "DISCREPANCIES");
      for (const auto& d : r.discrepancies) std::printf("  %-22s %-20s %s\n", d.code.c_str(), d.account.c_str(), d.detail.c_str());
    }
    if (!r.discrepancies.empty()) throw CommandError(kProblems, std::to_string(r.discrepancies.size()) + " discrepancies");
  });
  auto* history = stock->add_subcommand("history", "movements of an office (oldest first)");
  history->add_option("--office", o.office, "office (default: all)");
  history->add_option("--limit", o.limit);
  history->callback([&] {
    std::unique_ptr<Store> store = open_console_store(o.db);
    for (const auto& s : store->stock_movements(o.office.empty() ? "" : "office:" + o.office, o.limit)) {
      const auto& m = s.movement;
      std::printf("%6lld %s %-16s %-12s %6lld %-20s -> %-20s %s %s\n", static_cast<long long>(m.id), m.on.iso().c_str(),
                  std::string(to_string(m.kind)).c_str(), std::string(to_string(m.item)).c_str(), static_cast<long long>(m.quantity),
                  m.credit.c_str(), m.debit.c_str(), m.reference.c_str(), m.reason.c_str());
    }
  });

  // ---- suket
  auto* suket = app.add_subcommand("suket", "surat keterangan pengganti KTP-el: issue, print, verify");
  suket->require_subcommand(1);
  suket->add_option("--db", o.db, "database")->default_val(default_db());
  auto* issue = suket->add_subcommand("issue", "issue a suket when the card is not expected within suket.min_wait_days (default 14)");
  issue->add_option("nik", o.nik)->required();
  issue->add_option("--office", o.office, "issuing office PP.KK")->required();
  issue->add_option("--out", o.out, "write the printable PDF here");
  issue->add_option("--date", o.date);
  issue->add_flag("--force", o.force, "issue even though the card is expected soon (the resident cannot wait)");
  issue->add_flag("--json", o.json);
  issue->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const auto& s = ok(svc.issue_suket(o.nik, o.office, day_or_today(o.date), o.force, actor()));
    if (!o.out.empty()) write_file_atomic(o.out, render_suket_pdf(ok(svc.suket_document(s.suket.number, ""))));
    if (o.json) {
      auto j = to_json(s.suket, day_or_today(o.date));
      j["public_key"] = s.public_key_hex;
      return print_json(j);
    }
    std::printf("suket %s for %s, valid until %s%s\n", s.suket.number.c_str(), o.nik.c_str(), s.suket.expires.iso().c_str(),
                o.out.empty() ? "" : (", PDF " + o.out).c_str());
  });
  auto* pdf = suket->add_subcommand("pdf", "write the printable PDF of an issued suket");
  pdf->add_option("number", o.id)->required();
  pdf->add_option("--out", o.out)->required();
  pdf->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    write_file_atomic(o.out, render_suket_pdf(ok(svc.suket_document(o.id, ""))));
    std::printf("%s\n", o.out.c_str());
  });
  auto* verify = suket->add_subcommand("verify", "check a suket's QR token (offline with --public-key)");
  verify->add_option("token", o.token)->required();
  verify->add_option("--public-key", o.public_key, "the issuing office's key (hex): no database needed");
  verify->add_option("--date", o.date);
  verify->add_flag("--json", o.json);
  verify->callback([&] {
    SuketCheck c;
    o.token = suket_token_of(o.token);  // the QR's URL (…/v/<token>) or the bare token
    if (!o.public_key.empty()) {  // offline: signature and dates only
      auto p = verify_suket_token(o.token, from_hex(o.public_key));
      c.verdict = p ? (day_or_today(o.date) > p->expires ? "EXPIRED" : "VALID") : (p.error().code == "SUKET_SIGNATURE" ? "FORGED" : "UNREADABLE");
      if (p) c.payload = *p;
      c.valid = c.verdict == "VALID";
    } else {
      std::unique_ptr<Store> store;
      auto svc = service(store);
      c = svc.verify_suket(o.token, day_or_today(o.date));
    }
    if (o.json) print_json(to_json(c));
    else if (c.payload)
      std::printf("%s: suket %s, NIK %s, %s, issued %s by %s, valid until %s\n", c.verdict.c_str(), c.payload->number.c_str(),
                  c.payload->nik.c_str(), c.payload->name.c_str(), c.payload->issued.iso().c_str(), c.payload->office.c_str(),
                  c.payload->expires.iso().c_str());
    else std::printf("%s\n", c.verdict.c_str());
    if (!c.valid) throw CommandError(kProblems, "suket not valid: " + c.verdict);
  });
  auto* slist = suket->add_subcommand("list", "suket issued by an office");
  slist->add_option("--office", o.office, "office or province (default: all)");
  slist->add_flag("--open", o.open_only, "only those not yet converted to a card");
  slist->add_option("--limit", o.limit);
  slist->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const Date today = day_or_today(o.date);
    for (const auto& s : ok(svc.sukets(o.office, o.open_only, o.limit))) {
      // An open suket past its last day is shown EXPIRED (its row stays open until renewed or printed).
      const bool expired = s.status == "open" && s.expires < today;
      std::printf("%-26s %-16s %s..%s %-8s %s\n", s.number.c_str(), s.nik.c_str(), s.issued.iso().c_str(), s.expires.iso().c_str(),
                  expired ? "EXPIRED" : s.status.c_str(), s.status == "renewed" ? ("-> " + s.renewed_to).c_str() : s.card_serial.c_str());
    }
  });
  slist->add_option("--date", o.date, "judge expiry on this day (default today)");
  auto* renew = suket->add_subcommand("renew", "a new suket replacing one that has expired or ends within 30 days");
  renew->add_option("number", o.id)->required();
  renew->add_option("--out", o.out, "write the new suket's printable PDF here");
  renew->add_option("--date", o.date);
  renew->add_flag("--json", o.json);
  renew->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const auto& s = ok(svc.renew_suket(o.id, day_or_today(o.date), actor()));
    if (!o.out.empty()) write_file_atomic(o.out, render_suket_pdf(ok(svc.suket_document(s.suket.number, ""))));
    if (o.json) {
      auto j = to_json(s.suket, day_or_today(o.date));
      j["replaces"] = o.id;
      j["public_key"] = s.public_key_hex;
      return print_json(j);
    }
    std::printf("suket %s replaces %s (now RENEWED), valid until %s%s\n", s.suket.number.c_str(), o.id.c_str(),
                s.suket.expires.iso().c_str(), o.out.empty() ? "" : (", PDF " + o.out).c_str());
  });
  auto* expiry = suket->add_subcommand("expired", "open sukets per office: expired, and ending within 30 days");
  expiry->add_option("--office", o.office, "office or province (default: all)");
  expiry->add_option("--date", o.date, "today (default: today)");
  expiry->add_flag("--json", o.json);
  expiry->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const auto& rows = ok(svc.suket_expiry(o.office, day_or_today(o.date)));
    if (o.json) return print_json_rows(rows);
    std::printf("%-7s %8s %8s %9s\n", "office", "open", "expired", "expiring");
    int64_t open = 0, expired = 0, expiring = 0;
    for (const auto& r : rows) {
      std::printf("%-7s %8lld %8lld %9lld\n", r.office.c_str(), static_cast<long long>(r.open), static_cast<long long>(r.expired),
                  static_cast<long long>(r.expiring));
      open += r.open, expired += r.expired, expiring += r.expiring;
    }
    std::printf("%-7s %8lld %8lld %9lld\n", "total", static_cast<long long>(open), static_cast<long long>(expired),
                static_cast<long long>(expiring));
  });
}

}  // namespace ktpel::cli
