// ktpel equipment ... (the inventory, faults and repairs, which kecamatan can record, reliability,
// a synthetic inventory), ktpel continuity plan, ktpel repair plan, ktpel outreach plan.
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/command_result.h"
#include "cli/context.h"
#include "cli/vocabulary_option.h"
#include "core/synth/inventory_generator.h"
#include "core/equipment/planner_csv.h"
#include "core/equipment/procurement_json.h"
#include "core/text/csv.h"
#include "io/files.h"
#include "service/equipment_json.h"
#include "service/equipment_plans.h"

namespace ktpel::cli {
namespace {

struct Options {
  std::string db, file, office, serial, type, vendor, model, installed_on, os, warranty_end, status = "active", note, date,
      symptom, cause, site, parts, new_serial, region, province, regency, hub, from, to, format = "table", out, key, value,
      catalogue, demand;
  int64_t ticket = 0, cost = 0, limit = 200, broken = -1, regencies = -1, able = -1, technicians = 0, teams = 0, days = 0,
          budget = -1, horizon = 30;
  bool open_only = false, balanced = false;
  uint64_t seed = 1;
};

Options o;

void print_json(const nlohmann::json& j) { std::printf("%s\n", j.dump(2).c_str()); }

void check_format(std::initializer_list<const char*> allowed) {
  for (const char* a : allowed)
    if (o.format == a) return;
  std::string list;
  for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  throw CommandError(kUsage, "--format must be one of " + list + ", got '" + o.format + "'");
}

template <class T>
T parse_or_usage(std::optional<T> v, const char* option, const char* allowed, const std::string& got) {
  if (!v) throw CommandError(kUsage, std::string(option) + " must be " + allowed + ", got '" + got + "'");
  return *v;
}

std::optional<Date> optional_day(const std::string& text, const char* option) {
  if (text.empty()) return std::nullopt;
  auto d = Date::parse_iso(text);
  if (!d) throw CommandError(kUsage, std::string(option) + " must be a date YYYY-MM-DD, got '" + text + "'");
  return d;
}

// The region a report covers: --province, --regency or --region, exactly one.
std::string region_option() {
  const int given = !o.province.empty() + !o.regency.empty() + !o.region.empty();
  if (given != 1) throw CommandError(kUsage, "name the region with exactly one of --province, --regency or --region");
  return !o.province.empty() ? o.province : !o.regency.empty() ? o.regency : o.region;
}

// A planner's input file, or a usage error listing every bad row.
[[noreturn]] void file_problems(const std::string& file, const std::vector<InventoryProblem>& problems) {
  for (const auto& p : problems)
    std::fprintf(stderr, "%s:%llu: %s%s | %s\n", file.c_str(), static_cast<unsigned long long>(p.line),
                 p.error.field.empty() ? "" : (p.error.field + ": ").c_str(), p.error.message_en.c_str(), p.error.message_id.c_str());
  throw CommandError(kProblems, std::to_string(problems.size()) + " problem(s) in " + file);
}

std::optional<std::map<std::string, int64_t>> demand_file(const WilayahCatalog& w, const std::string& region) {
  if (o.demand.empty()) return std::nullopt;
  auto d = parse_demand(read_file(o.demand), [&](std::string_view code) {
    const Region* r = w.find(code);
    return r && r->level == Level::Kecamatan && code.substr(0, region.size()) == region;
  });
  if (!d.problems.empty()) file_problems(o.demand, d.problems);
  return d.people;
}

}  // namespace

void add_equipment_commands(CLI::App& app, Context& ctx, int& /*exit_code*/) {
  static auto service = [&ctx](std::unique_ptr<Store>& store) {
    store = open_console_store(o.db);
    return EquipmentService(*store, ctx.wilayah());
  };
  static auto planner = [&ctx](std::unique_ptr<Store>& store) {
    store = open_console_store(o.db);
    return EquipmentPlans(*store, ctx.wilayah());
  };
  static auto actor = [] { return console_actor(std::getenv("USER") ? std::getenv("USER") : "officer"); };

  auto* eq = app.add_subcommand("equipment", "recording equipment, card printers and servers: inventory, faults, repairs");
  eq->require_subcommand(1);
  eq->add_option("--db", o.db, "database")->default_val(default_db());

  auto* imp = eq->add_subcommand("import", "load an inventory file (office,item_type,serial,vendor,model,installed_on,status); all or nothing");
  imp->add_option("file", o.file, "inventory CSV")->required();
  imp->add_option("--date", o.date, "today (default today): installation dates after it are refused");
  imp->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const auto r = svc.import_inventory(read_file(o.file), day_or_today(o.date), actor(), utc_now_iso());
    if (!r.problems.empty()) {
      for (const auto& p : r.problems)
        std::fprintf(stderr, "%s:%llu: %s%s | %s\n", o.file.c_str(), static_cast<unsigned long long>(p.line),
                     p.error.field.empty() ? "" : (p.error.field + ": ").c_str(), p.error.message_en.c_str(), p.error.message_id.c_str());
      throw CommandError(kProblems, std::to_string(r.problems.size()) + " problem(s) in " + o.file + ": nothing imported");
    }
    std::printf("%lld items imported from %s\n", static_cast<long long>(r.imported), o.file.c_str());
  });

  auto* add = eq->add_subcommand("add", "register one item");
  add->add_option("--office", o.office, "kecamatan code for recording gear, regency code for CARD_PRINTER / SERVER")->required();
  one_of(add->add_option("--type", o.type, "the kind of equipment")->required(), vocab::item_types());
  add->add_option("--serial", o.serial, "serial number")->required();
  add->add_option("--vendor", o.vendor);
  add->add_option("--model", o.model);
  add->add_option("--installed-on", o.installed_on, "YYYY-MM-DD");
  add->add_option("--os", o.os, "operating system, e.g. \"Windows 10\" (its end of support is filled in)");
  add->add_option("--warranty-end", o.warranty_end, "YYYY-MM-DD");
  one_of(add->add_option("--status", o.status, "the status (default active)"), vocab::item_statuses());
  add->add_option("--per-day", o.limit, "CARD_PRINTER: cards a day");
  add->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    EquipmentItem i;
    i.office = o.office, i.serial = o.serial, i.vendor = o.vendor, i.model = o.model, i.os = o.os;
    i.type = parse_or_usage(parse_item_type(o.type), "--type", "an item type (see --help)", o.type);
    i.status = parse_or_usage(parse_item_status(o.status), "--status", "active, broken, in_repair or retired", o.status);
    i.installed_on = optional_day(o.installed_on, "--installed-on");
    i.warranty_end = optional_day(o.warranty_end, "--warranty-end");
    if (i.type == ItemType::CardPrinter) i.cards_per_day = o.limit;
    const auto& item = value_or_fail(svc.add_item(i, day_or_today(""), actor(), utc_now_iso()));
    std::printf("%s %s registered at %s (%s)\n", std::string(to_string(item.type)).c_str(), item.serial.c_str(), item.office.c_str(),
                std::string(to_string(item.status)).c_str());
  });

  auto* set = eq->add_subcommand("set-status", "change an item's status (dated history)");
  set->add_option("serial", o.serial)->required();
  one_of(set->add_option("status", o.status, "the new status")->required(), vocab::item_statuses());
  set->add_option("--date", o.date, "the day it changed (default today)");
  set->add_option("--note", o.note);
  set->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const auto s = parse_or_usage(parse_item_status(o.status), "status", "active, broken, in_repair or retired", o.status);
    const auto& item = value_or_fail(svc.set_status(o.serial, s, day_or_today(o.date), o.note, actor(), utc_now_iso()));
    std::printf("%s: %s\n", item.serial.c_str(), std::string(to_string(item.status)).c_str());
  });

  auto* list = eq->add_subcommand("list", "items of an office or region");
  list->add_option("--office", o.office, "region code prefix (default: all)");
  list->add_option("--format", o.format, "table (default), csv (the import format) or json");
  list->callback([&] {
    check_format({"table", "csv", "json"});
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const auto& items = value_or_fail(svc.items(o.office));
    if (o.format == "json") {
      auto a = nlohmann::json::array();
      for (const auto& i : items) a.push_back(to_json(i));
      return print_json(a);
    }
    if (o.format == "csv") {
      std::string out = std::string(kInventoryHeader) + "\n";
      for (const auto& i : items) {
        const std::string installed = i.installed_on ? i.installed_on->iso() : "";
        csv_append_export_record(out, {i.office, to_string(i.type), i.serial, i.vendor, i.model, installed, to_string(i.status)});
      }
      std::fputs(out.c_str(), stdout);
      return;
    }
    std::printf("%-14s %-19s %-12s %-10s %-28s %s\n", "office", "type", "serial", "status", "model", "installed");
    for (const auto& i : items)
      std::printf("%-14s %-19s %-12s %-10s %-28s %s\n", i.office.c_str(), std::string(to_string(i.type)).c_str(), i.serial.c_str(),
                  std::string(to_string(i.status)).c_str(), (i.vendor + " " + i.model).c_str(),
                  i.installed_on ? i.installed_on->iso().c_str() : "-");
  });

  auto* hist = eq->add_subcommand("history", "an item's dated status history");
  hist->add_option("serial", o.serial)->required();
  hist->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    value_or_fail(svc.item(o.serial));
    for (const auto& e : svc.history(o.serial))
      std::printf("%s  %-10s %-12s %s\n", e.on.iso().c_str(), std::string(to_string(e.status)).c_str(), e.actor.c_str(), e.note.c_str());
  });

  auto* status = eq->add_subcommand("status", "which kecamatan can record: working sets and the types short");
  status->add_option("--province", o.province);
  status->add_option("--regency", o.regency);
  status->add_option("--region", o.region);
  status->add_option("--format", o.format, "table (default), csv (kecamatan,name,sets,can_record,missing) or json");
  status->callback([&] {
    check_format({"table", "csv", "json"});
    const std::string region = region_option();
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const auto& rows = value_or_fail(svc.kecamatan_status(region));
    if (o.format == "csv") return (void)std::fputs(equipment_status_csv(rows).c_str(), stdout);
    if (o.format == "json") {
      auto a = nlohmann::json::array();
      for (const auto& k : rows) a.push_back(to_json(k));
      return print_json(a);
    }
    int64_t able = 0;
    std::printf("%-9s %-26s %4s %-10s %s\n", "kecamatan", "name", "sets", "can_record", "missing");
    for (const auto& k : rows) {
      able += k.sets.can_record();
      std::printf("%-9s %-26s %4lld %-10s %s\n", k.code.c_str(), k.name.c_str(), static_cast<long long>(k.sets.sets),
                  k.sets.can_record() ? "yes" : "NO", missing_text(k.sets).c_str());
    }
    std::printf("%lld of %zu kecamatan can record\n", static_cast<long long>(able), rows.size());
  });

  auto* fault = eq->add_subcommand("fault", "report a fault: opens a repair ticket and marks the item broken");
  fault->add_option("serial", o.serial)->required();
  fault->add_option("--symptom", o.symptom, "what is wrong")->required();
  one_of(fault->add_option("--cause", o.cause, "the cause (default unknown)"), vocab::fault_causes());
  fault->add_option("--date", o.date, "the day it failed (default today)");
  fault->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const auto cause = o.cause.empty() ? FaultCause::Unknown
                                       : parse_or_usage(parse_fault_cause(o.cause), "--cause", "power, lightning, age, water, rodents, other or unknown", o.cause);
    const Date today = day_or_today("");
    const auto& t = value_or_fail(svc.report_fault(o.serial, o.symptom, cause, o.date.empty() ? today : day_or_today(o.date), today, actor(), utc_now_iso()));
    std::printf("ticket %lld opened for %s %s at %s\n", static_cast<long long>(t.id), std::string(to_string(t.item_type)).c_str(),
                t.serial.c_str(), t.office.c_str());
  });

  auto* repair = eq->add_subcommand("repair", "close a repair ticket: where it was repaired (or replaced), cost, parts");
  repair->add_option("ticket", o.ticket)->required();
  one_of(repair->add_option("--site", o.site, "where it was repaired")->required(), vocab::repair_sites());
  repair->add_option("--cost", o.cost, "rupiah");
  repair->add_option("--parts", o.parts);
  one_of(repair->add_option("--cause", o.cause, "the cause once known"), vocab::fault_causes());
  repair->add_option("--new-serial", o.new_serial, "replaced: the new item's serial (registered in its place)");
  repair->add_option("--date", o.date, "the day it works again (default today)");
  repair->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const auto site = parse_or_usage(parse_repair_site(o.site), "--site", "on_site, regency, province_hub, centre or replaced", o.site);
    std::optional<FaultCause> cause;
    if (!o.cause.empty()) cause = parse_or_usage(parse_fault_cause(o.cause), "--cause", "power, lightning, age, water, rodents, other or unknown", o.cause);
    const Date today = day_or_today("");
    const auto& t = value_or_fail(svc.close_ticket(o.ticket, o.date.empty() ? today : day_or_today(o.date), site, o.cost, o.parts,
                                                   cause, o.new_serial, today, actor(), utc_now_iso()));
    std::printf("ticket %lld closed: %s %s, %s, %lld days\n", static_cast<long long>(t.id), std::string(to_string(t.item_type)).c_str(),
                t.serial.c_str(), std::string(to_string(*t.site)).c_str(),
                static_cast<long long>(t.closed_on->to_days() - t.reported_on.to_days()));
  });

  auto* tickets = eq->add_subcommand("tickets", "repair tickets, newest first");
  tickets->add_option("--office", o.office, "region code prefix (default: all)");
  tickets->add_flag("--open", o.open_only, "open tickets only");
  tickets->add_option("--limit", o.limit);
  tickets->add_option("--format", o.format, "table (default) or json");
  tickets->callback([&] {
    check_format({"table", "json"});
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const auto& ts = value_or_fail(svc.tickets(o.office, o.open_only, o.limit));
    if (o.format == "json") {
      auto a = nlohmann::json::array();
      for (const auto& t : ts) a.push_back(to_json(t));
      return print_json(a);
    }
    std::printf("%6s %-9s %-12s %-19s %-10s %-9s %-12s %s\n", "id", "office", "serial", "type", "reported", "cause", "site", "symptom");
    for (const auto& t : ts)
      std::printf("%6lld %-9s %-12s %-19s %-10s %-9s %-12s %s\n", static_cast<long long>(t.id), t.office.c_str(), t.serial.c_str(),
                  std::string(to_string(t.item_type)).c_str(), t.reported_on.iso().c_str(), std::string(to_string(t.cause)).c_str(),
                  t.site ? std::string(to_string(*t.site)).c_str() : "(open)", t.symptom.c_str());
  });

  auto* rel = eq->add_subcommand("reliability", "MTBF and MTTR by type, model and repair site");
  rel->add_option("--office", o.office, "region code prefix (default: all)");
  rel->add_option("--from", o.from, "start of the period (default 2011-01-01)");
  rel->add_option("--to", o.to, "end of the period (default today)");
  rel->add_option("--format", o.format, "table (default), csv or json");
  rel->callback([&] {
    check_format({"table", "csv", "json"});
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const auto& r = value_or_fail(svc.reliability(o.office, o.from.empty() ? Date{2011, 1, 1} : day_or_today(o.from), day_or_today(o.to)));
    if (o.format == "json") return print_json(to_json(r));
    if (o.format == "csv") return (void)std::fputs(reliability_csv(r).c_str(), stdout);
    for (auto [title, rows] : {std::pair{"by type", &r.by_type}, {"by repair site", &r.by_site}, {"by model", &r.by_model}}) {
      std::printf("\n%s\n%-44s %6s %8s %10s %10s %14s\n", title, "group", "items", "failures", "MTBF days", "MTTR days", "cost (Rp)");
      for (const auto& x : *rows)
        std::printf("%-44s %6lld %8lld %10s %10s %14lld\n", x.group.c_str(), static_cast<long long>(x.items),
                    static_cast<long long>(x.failures), x.failures && x.operating_days > 0 ? std::to_string(std::lround(x.mtbf_days)).c_str() : "-",
                    x.repaired ? (std::to_string(std::lround(x.mttr_days * 10) / 10) + "." + std::to_string(std::lround(x.mttr_days * 10) % 10)).c_str() : "-",
                    static_cast<long long>(x.cost_rupiah));
    }
  });

  auto* down = eq->add_subcommand("downtime", "days each kecamatan could not record");
  down->add_option("--province", o.province);
  down->add_option("--regency", o.regency);
  down->add_option("--region", o.region);
  down->add_option("--from", o.from, "start (default 365 days ago)");
  down->add_option("--to", o.to, "end (default today)");
  down->callback([&] {
    const std::string region = region_option();
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const Date to = day_or_today(o.to), from = o.from.empty() ? to.plus_days(-364) : day_or_today(o.from);
    const auto& rows = value_or_fail(svc.downtime(region, from, to));
    std::printf("kecamatan,days_without_recording\n");
    for (const auto& [code, days] : rows) std::printf("%s,%lld\n", code.c_str(), static_cast<long long>(days));
  });

  auto* setting = eq->add_subcommand("setting", "equipment.set_composition or equipment.recordings_per_set_per_day");
  setting->add_option("key", o.key)->required();
  setting->add_option("value", o.value)->required();
  setting->callback([&] {
    std::unique_ptr<Store> store;
    auto svc = service(store);
    std::printf("%s = %s\n", o.key.c_str(), value_or_fail(svc.set_setting(o.key, o.value)).c_str());
  });

  // A synthetic inventory: as an import file (generate) or straight into the database (seed).
  auto synth = [&ctx]() {
    const Region* p = ctx.wilayah().find(o.province);
    if (!p || p->level != Level::Provinsi) throw CommandError(kUsage, "--province must be a province code (PP), got '" + o.province + "'");
    std::vector<std::string> kecamatan;
    for (const Region* r : ctx.wilayah().children(o.province))
      for (const Region* k : ctx.wilayah().children(r->code)) kecamatan.push_back(k->code);
    InventoryTargets t;
    if (o.broken >= 0) t.broken_items = o.broken;
    if (o.regencies >= 0) t.affected_regencies = o.regencies;
    if (o.able >= 0) t.able_kecamatan = o.able;
    return value_or_fail(synth_inventory(kecamatan, t, day_or_today(o.date), o.seed));
  };
  auto* gen = eq->add_subcommand("generate", "a synthetic inventory of a province as an import file");
  auto* seed = eq->add_subcommand("seed", "a synthetic inventory of a province with its repair tickets, into the database");
  for (auto* c : {gen, seed}) {
    c->add_option("--province", o.province, "province code PP")->required();
    c->add_option("--seed", o.seed);
    c->add_option("--broken", o.broken, "broken items (default: about 2.5 per kecamatan that cannot record)");
    c->add_option("--regencies", o.regencies, "regencies with broken items (default: two thirds)");
    c->add_option("--able", o.able, "kecamatan able to record (default: four fifths)");
    c->add_option("--date", o.date, "today (default today)");
  }
  gen->add_option("--out", o.out, "the inventory CSV to write")->required();
  gen->callback([&, synth] {
    const auto inv = synth();
    std::string out = std::string(kInventoryHeader) + "\n";
    for (const auto& i : inv.items) {
      const std::string installed = i.installed_on ? i.installed_on->iso() : "";
      csv_append_export_record(out, {i.office, to_string(i.type), i.serial, i.vendor, i.model, installed, to_string(i.status)});
    }
    write_file_atomic(o.out, out);
    std::printf("%zu items written to %s\n", inv.items.size(), o.out.c_str());
  });
  seed->callback([&, synth] {
    const auto inv = synth();
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const auto n = value_or_fail(svc.load_synthetic(o.province, inv.items, inv.tickets, utc_now_iso()));
    std::printf("%lld items and %zu repair tickets seeded under %s\n", static_cast<long long>(n), inv.tickets.size(), o.province.c_str());
  });

  // ---- continuity: where the residents of a kecamatan that cannot record go
  auto* cont = app.add_subcommand("continuity", "where residents of kecamatan that cannot record go");
  cont->require_subcommand(1);
  cont->add_option("--db", o.db, "database")->default_val(default_db());
  auto* cplan = cont->add_subcommand("plan", "for each kecamatan: itself when it records, else the nearest one that does");
  cplan->add_option("--province", o.province);
  cplan->add_option("--regency", o.regency);
  cplan->add_option("--region", o.region);
  cplan->add_option("--format", o.format, "table (default), csv (kecamatan,can_record,serve_at,distance_km) or json");
  cplan->add_flag("--balanced", o.balanced, "assign the unrecorded wajib KTP within the working kecamatan's capacity, least travel");
  cplan->add_option("--days", o.horizon, "--balanced: the days the capacity covers (default 30)");
  cplan->add_option("--demand", o.demand, "--balanced: people per kecamatan (kecamatan,people) instead of the coverage counters");
  cplan->callback([&] {
    check_format({"table", "csv", "json"});
    const std::string region = region_option();
    if (o.balanced) {
      if (o.format == "csv") throw CommandError(kUsage, "--balanced answers in table or json");
      const auto demand = demand_file(ctx.wilayah(), region.substr(0, 2));
      std::unique_ptr<Store> store;
      auto plans = planner(store);
      const auto& a = value_or_fail(plans.balanced_continuity(region, o.horizon, demand));
      if (o.format == "json") return print_json(to_json(a));
      for (const auto& b : a.plan.broken) {
        for (const auto& s : b.serve)
          std::printf("%-9s -> %-9s %8lld people %7.1f km\n", b.kecamatan.c_str(), s.serve_at.c_str(), static_cast<long long>(s.people),
                      s.distance_km);
        if (b.unassigned) std::printf("%-9s    (no capacity) %5lld people\n", b.kecamatan.c_str(), static_cast<long long>(b.unassigned));
      }
      std::printf("%lld people assigned over %lld days (%lld recordings per set per day), %lld without capacity; %.0f person-km\n",
                  static_cast<long long>(a.plan.people_assigned), static_cast<long long>(a.days), static_cast<long long>(a.per_set_per_day),
                  static_cast<long long>(a.plan.people_unassigned), a.plan.person_km);
      for (const auto& n : a.notes) std::printf("note: %s\n", n.c_str());
      return;
    }
    std::unique_ptr<Store> store;
    auto svc = service(store);
    const auto& rows = value_or_fail(svc.continuity(region));
    if (o.format == "csv") return (void)std::fputs(continuity_csv(rows).c_str(), stdout);
    if (o.format == "json") {
      auto a = nlohmann::json::array();
      for (const auto& r : rows) a.push_back(to_json(r));
      return print_json(a);
    }
    std::printf("%-9s %-10s %-9s %-26s %8s\n", "kecamatan", "can_record", "serve_at", "", "km");
    for (const auto& r : rows)
      std::printf("%-9s %-10s %-9s %-26s %8.1f\n", r.row.kecamatan.c_str(), r.row.can_record ? "yes" : "NO",
                  r.row.serve_at.empty() ? "-" : r.row.serve_at.c_str(), r.serve_at_name.c_str(), r.row.distance_km);
  });

  // ---- technician tours
  auto* rep = app.add_subcommand("repair", "technician tours for broken recording equipment");
  rep->require_subcommand(1);
  rep->add_option("--db", o.db, "database")->default_val(default_db());
  auto* rplan = rep->add_subcommand("plan", "which broken kecamatan each technician repairs, in which order, or carried to the hub");
  rplan->add_option("--province", o.province, "province PP")->required();
  rplan->add_option("--technicians", o.technicians, "technicians sent out")->required();
  rplan->add_option("--hub", o.hub, "where they start and items are carried to (regency or kecamatan code)")->required();
  rplan->add_option("--from", o.from, "first day of the tours (default today)");
  rplan->add_option("--format", o.format, "table (default) or json");
  rplan->callback([&] {
    check_format({"table", "json"});
    std::unique_ptr<Store> store;
    auto plans = planner(store);
    const Date start = day_or_today(o.from);
    const auto& a = value_or_fail(plans.repair_plan(o.province, static_cast<int>(o.technicians), o.hub, start, RepairSettings{}));
    if (o.format == "json") return print_json(to_json(a));
    const auto& p = a.plan;
    for (const auto& t : p.tours) {
      std::printf("technician %d (%.0f km):\n", t.technician + 1, t.road_km);
      for (const auto& s : t.stops)
        std::printf("  %s  %-9s repaired %s  (%lld wajib KTP, %lld days without recording)\n", s.arrive.iso().c_str(), s.code.c_str(),
                    s.finish.iso().c_str(), static_cast<long long>(s.weight), static_cast<long long>(s.days_without_recording));
    }
    if (!p.carried.empty()) std::printf("carried to the hub %s:\n", o.hub.c_str());
    for (const auto& s : p.carried)
      std::printf("  %-9s back %s  (%lld days without recording)\n", s.code.c_str(), s.finish.iso().c_str(),
                  static_cast<long long>(s.days_without_recording));
    std::printf("objective: %lld person-days without recording; lower bound %lld; gap %.1f %%%s\n", static_cast<long long>(p.objective),
                static_cast<long long>(p.lower_bound), 100 * p.gap, p.exact ? " (exact)" : "");
    for (const auto& n : a.notes) std::printf("note: %s\n", n.c_str());
  });

  // ---- outreach (jemput bola)
  auto* outr = app.add_subcommand("outreach", "mobile recording teams (jemput bola)");
  outr->require_subcommand(1);
  outr->add_option("--db", o.db, "database")->default_val(default_db());
  auto* oplan = outr->add_subcommand("plan", "which desa the teams visit, day by day");
  oplan->add_option("--regency", o.regency, "regency PP.KK")->required();
  oplan->add_option("--teams", o.teams)->required();
  oplan->add_option("--days", o.days)->required();
  oplan->add_option("--from", o.from, "first day (default today)");
  oplan->add_option("--format", o.format, "table (default) or json");
  oplan->callback([&] {
    check_format({"table", "json"});
    std::unique_ptr<Store> store;
    auto plans = planner(store);
    const auto& a = value_or_fail(plans.outreach_plan(o.regency, static_cast<int>(o.teams), static_cast<int>(o.days), day_or_today(o.from),
                                                      OutreachSettings{}));
    if (o.format == "json") return print_json(to_json(a));
    for (const auto& d : a.plan.days)
      for (const auto& v : d.visits)
        std::printf("%s  team %d  %-14s %4lld recordings %4lld IKD\n", d.date.iso().c_str(), v.team + 1, v.desa.c_str(),
                    static_cast<long long>(v.expected_recordings), static_cast<long long>(v.expected_ikd));
    std::printf("expected: %lld recordings, %lld IKD activations, %lld people reached in %lld of %lld team-days\n",
                static_cast<long long>(a.plan.expected_recordings), static_cast<long long>(a.plan.expected_ikd),
                static_cast<long long>(a.plan.people_reached), static_cast<long long>(a.plan.team_days_used),
                static_cast<long long>(a.plan.team_days_available));
    for (const auto& n : a.notes) std::printf("note: %s\n", n.c_str());
  });

  // ---- procurement under a budget
  auto* proc = app.add_subcommand("procure", "procurement of recording equipment under a budget");
  proc->require_subcommand(1);
  proc->add_option("--db", o.db, "database")->default_val(default_db());
  auto* pplan = proc->add_subcommand("plan", "which kecamatan to equip (exact), then which old sets to replace");
  pplan->add_option("--budget", o.budget, "rupiah")->required();
  pplan->add_option("--catalogue", o.catalogue, "prices: item_type,unit_price")->required();
  pplan->add_option("--province", o.province, "province PP")->required();
  pplan->add_option("--demand", o.demand, "people per kecamatan (kecamatan,people) instead of the coverage counters");
  pplan->add_option("--date", o.date, "today (default today): OS end of support is judged on it");
  pplan->add_option("--format", o.format, "table (default) or json");
  pplan->callback([&] {
    check_format({"table", "json"});
    auto cat = parse_price_catalogue(read_file(o.catalogue));
    if (!cat.problems.empty()) file_problems(o.catalogue, cat.problems);
    const auto demand = demand_file(ctx.wilayah(), o.province);
    std::unique_ptr<Store> store;
    auto plans = planner(store);
    const auto& a = value_or_fail(plans.procurement(o.province, o.budget, cat.prices, demand, day_or_today(o.date)));
    if (o.format == "json") {
      auto j = procurement_json(a.plan);
      j["notes"] = a.notes;
      return print_json(j);
    }
    for (const auto& line : a.plan.explanation) std::printf("%s\n", line.c_str());
    std::printf("budget Rp %lld, spent Rp %lld, %lld unrecorded wajib KTP served by %zu purchases\n", static_cast<long long>(a.plan.budget),
                static_cast<long long>(a.plan.spent), static_cast<long long>(a.plan.value), a.plan.purchases.size());
    for (const auto& n : a.notes) std::printf("note: %s\n", n.c_str());
  });
}

}  // namespace ktpel::cli
