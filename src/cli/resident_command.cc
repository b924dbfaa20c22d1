// ktpel resident get|search|history|register|event
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "cli/vocabulary_option.h"
#include "cli/officer_text.h"
#include "core/registry/vocabulary.h"
#include "io/files.h"
#include "service/event_request.h"
#include "service/proposal_service.h"
#include "service/duplicate_link.h"
#include "service/resident_json.h"

namespace ktpel::cli {
namespace {

nlohmann::json parse_json_argument(const std::string& arg) {
  const std::string text = arg.rfind("@", 0) == 0 ? read_file(arg.substr(1)) : arg;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) throw CommandError(kUsage, "--json is not valid JSON (give JSON text or @file.json)");
  return j;
}

Actor make_actor(const std::string& name) {
  Actor a;
  a.name = console_actor(name);  // the console user, when the database has accounts
  a.now = utc_now_iso();
  a.today = *Date::parse_iso(today_iso());
  return a;
}

void finish(const Result<Resident>& r, int& exit_code) {
  if (!r) {
    for (const auto& e : r.errors())  // every problem, each on its own line
      std::fprintf(stderr, "rejected: %s [%s]: %s | %s\n", e.code.c_str(), e.field.c_str(), e.message_en.c_str(), e.message_id.c_str());
    exit_code = kProblems;
    return;
  }
  std::printf("%s\n", to_json(*r).dump(2).c_str());
}

}  // namespace

void add_resident_command(CLI::App& app, Context& ctx, int& exit_code) {
  static std::string db, nik, name, region, json, actor = "cli";
  static int64_t limit = 20, offset = 0;
  auto* res = app.add_subcommand("resident", "look up residents and record civil events");
  res->require_subcommand(1);
  res->add_option("--db", db, "SQLite file or postgresql:// URL")->default_val(default_db());
  res->add_option("--actor", actor, "operator recorded in the change log");

  static bool as_json = false;
  auto* get = res->add_subcommand("get", "one resident by NIK: labelled lines (region names, e-KTP status, family, history)");
  get->add_option("nik", nik)->required();
  get->add_flag("--json", as_json, "print the record as JSON (with family) for scripts");
  get->callback([&] {
    auto store = open_console_store(db);
    auto r = store->find_resident(nik);
    if (!r || (console_caller() && !console_caller()->covers(r->village_code)))
      throw CommandError(kProblems, "no resident with NIK " + nik);
    if (!as_json) {
      std::fputs(resident_text(*store, ctx.wilayah(), *r).c_str(), stdout);
      // A DUPLICATE_RECORD names the NIK it duplicates, here as everywhere it appears.
      if (auto rec = store->ektp_record(nik))
        if (auto dup = duplicate_of(*store, *rec)) std::printf("Duplikat dari      : %s\n", describe(*dup).c_str());
      return;
    }
    auto j = to_json(*r);
    j["family"] = nlohmann::json::array();
    for (const auto& m : store->family(r->kk)) j["family"].push_back({{"nik", m.nik}, {"relationship", m.relationship}});
    add_ektp_summary(j, *store, nik);
    std::printf("%s\n", j.dump(2).c_str());
  });

  auto* search = res->add_subcommand("search", "residents by name and/or region");
  static bool contains = false;
  search->add_option("--name", name, "start of the name (case and accents ignored)");
  search->add_flag("--contains", contains, "match the name anywhere: any word of the name (\"suryana\" finds YUSUP SURYANA)");
  search->add_option("--region", region, "dotted region code of any level");
  search->add_option("--limit", limit)->check(CLI::Range(1, 1000));
  search->add_option("--offset", offset)->check(CLI::NonNegativeNumber);
  search->callback([&] {
    auto store = open_console_store(db);
    if (const auto& by = console_caller()) {
      if (region.empty()) region = by->scope;
      if (!by->covers(region)) throw CommandError(kProblems, "region " + region + " is outside your scope (" + by->scope_label() + ")");
    }
    auto page = store->search_residents({name, contains, region, limit, offset});
    for (const auto& r : page.items)
      std::printf("%s  %-32s %s  %s  %s\n", r.nik.c_str(), r.name.c_str(), std::string(to_string(r.sex)).c_str(),
                  r.birth_date.iso().c_str(), r.village_code.c_str());
    std::fprintf(stderr, "%zu shown of %lld\n", page.items.size(), static_cast<long long>(page.total));
  });

  auto* history = res->add_subcommand("history", "every recorded change of a resident");
  history->add_option("nik", nik)->required();
  history->callback([&] {
    auto store = open_console_store(db);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : store->changes(nik)) out.push_back(to_json(c));
    std::printf("%s\n", out.dump(2).c_str());
  });

  auto* reg = res->add_subcommand("register", "register a birth: a new resident with a newly issued NIK");
  reg->add_option("--json", json,
                  "resident JSON (or @file.json), with mother_nik [father_nik] or parent_reason (" +
                      vocabulary::join(kParentReasons) + "); optional kk + kk_reason, new_kk, confirm_not_double + not_double_reason")
      ->required();
  reg->callback([&] {
    auto store = open_console_store(db);
    RegistryService service(*store, ctx.wilayah());
    Refusal refusal;
    auto r = apply_birth_request(service, parse_json_argument(json), make_actor(actor), &refusal);
    if (!r && refusal.errors.size() > 0) {  // every problem, one line each
      for (const auto& e : refusal.errors)
        std::fprintf(stderr, "rejected: %s [%s]: %s | %s\n", e.code.c_str(), e.field.c_str(), e.message_en.c_str(), e.message_id.c_str());
      for (const auto& n : refusal.candidates) std::fprintf(stderr, "likely double: %s\n", n.c_str());
      exit_code = kProblems;
      return;
    }
    finish(r, exit_code);
  });

  auto* event = res->add_subcommand("event", "record a civil event: " + vocab::joined(vocab::resident_events()));
  event->add_option("nik", nik)->required();
  event->add_option("--json", json, "event JSON, e.g. {\"type\":\"death\",\"date\":\"2025-01-02\"} (or @file.json); type: " +
                                       vocab::joined(vocab::resident_events()) + "; marital_status: " + vocab::joined(vocab::marital_statuses()))
      ->required();
  event->callback([&] {
    auto store = open_console_store(db);
    const auto body = parse_json_argument(json);
    if (console_caller()) {
      auto r = store->find_resident(nik);
      if (!r || !console_caller()->covers(r->village_code)) throw CommandError(kProblems, "no resident with NIK " + nik);
    }
    if (body.is_object() && body.value("type", "") == "correction" && body.contains("changes") && needs_four_eyes(body["changes"]))
      throw CommandError(kUsage, "a correction of name, birth date or sex needs a second officer: propose it with "
                                 "PATCH /api/v1/residents/" + nik + " and have a supervisor approve it");
    RegistryService service(*store, ctx.wilayah());
    finish(apply_event_request(service, *store, nik, body, make_actor(actor)), exit_code);
  });
}

}  // namespace ktpel::cli
