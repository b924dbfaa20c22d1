// ktpel centre ... (station codes, stations, revocation, rejected packets), ktpel pipeline run,
// and ktpel ektp ... (where is my KTP, officers' transitions, queues, stuck list).
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/command_result.h"
#include "cli/context.h"
#include "cli/vocabulary_option.h"
#include "cli/officer_text.h"
#include "crypto/key_vault.h"
#include "io/files.h"
#include "service/centre_service.h"
#include "service/dedup_stage.h"
#include "service/duplicate_link.h"
#include "service/ektp_service.h"

namespace ktpel::cli {

void add_centre_commands(CLI::App& app, Context& ctx, int& /*exit_code*/) {
  static std::string db, kecamatan, station, nik, event, reason, code, level = "kabupaten", as_of, operator_id;
  static int days = 7, limit = 100, stuck_days = kDefaultStuckDays;

  auto* centre = app.add_subcommand("centre", "centre administration of recording stations");
  centre->require_subcommand(1);
  centre->add_option("--db", db, "centre database")->default_val(default_db());
  auto* issue = centre->add_subcommand("station-code", "issue a one-time registration code for a new station");
  issue->add_option("--kecamatan", kecamatan, "the station's kecamatan, e.g. 65.71.01")->required();
  issue->add_option("--days", days, "days the code stays valid")->check(CLI::Range(1, 90));
  issue->callback([&] {
    auto store = open_console_store(db);
    CentreService service(*store, ctx.wilayah());
    auto c = service.issue_station_code(kecamatan, days, utc_now_iso());
    if (!c) fail_with(c.errors());
    std::printf("%s\n", c->c_str());
  });
  centre->add_subcommand("fingerprint", "the fingerprint of the centre's signing key, for: ktpel station init"
                                        " --centre-fingerprint")
      ->callback([&] {
        auto store = open_console_store(db);
        CentreService service(*store, ctx.wilayah());
        std::printf("%s\n", key_fingerprint(service.keys().sign_public).c_str());
      });
  centre->add_subcommand("stations", "list registered stations")->callback([&] {
    auto store = open_console_store(db);
    for (const auto& s : store->stations())
      std::printf("%-14s %-9s %-8s %s  %s\n", s.id.c_str(), s.kecamatan.c_str(), s.status.c_str(), s.created_at.c_str(), s.name.c_str());
  });
  auto* revoke = centre->add_subcommand("revoke", "revoke a station: its packets are refused from now on");
  revoke->add_option("--station", station, "station id")->required();
  revoke->callback([&] {
    auto store = open_console_store(db);
    CentreService service(*store, ctx.wilayah());
    auto r = service.revoke_station(station);
    if (!r) fail_with(r.errors());
    std::printf("station %s revoked\n", station.c_str());
  });
  auto* rejected = centre->add_subcommand("rejected", "packets refused at the centre, with the reason");
  rejected->add_option("--limit", limit);
  rejected->callback([&] {
    auto store = open_console_store(db);
    for (const auto& p : store->packets("rejected", limit))
      std::printf("%s  %s  %s\n", p.packet_id.c_str(), p.received_at.c_str(), p.reason.c_str());
    // Failed authentication: evidence only, the packet's number is still free for the genuine one.
    for (const auto& p : store->refused_packets(limit))
      std::printf("%s  %s  refused x%lld (not final)  %s\n", p.packet_id.c_str(), p.last_at.c_str(),
                  static_cast<long long>(p.attempts), p.reason.c_str());
  });

  auto* pipeline = app.add_subcommand("pipeline", "move records through the centre's stages");
  pipeline->require_subcommand(1);
  pipeline->add_option("--db", db, "centre database")->default_val(default_db());
  auto* run = pipeline->add_subcommand("run", "dedup every SFE record: PRR or DUPLICATE_RECORD");
  run->add_option("--limit", limit, "records per pass");
  run->callback([&] {
    auto store = open_console_store(db);
    ExactTemplateMatcher matcher;
    DedupRunSummary total;
    while (true) {
      auto s = run_dedup_stage(*store, matcher, utc_now_iso(), limit);
      total.checked += s.checked;
      total.cleared += s.cleared;
      total.duplicates += s.duplicates;
      if (s.checked == 0) break;
    }
    std::printf("dedup: %d checked, %d to PRR, %d DUPLICATE_RECORD\n", total.checked, total.cleared, total.duplicates);
  });

  auto* ektp = app.add_subcommand("ektp", "e-KTP records: status, transitions, queues, stuck list");
  ektp->require_subcommand(1);
  ektp->add_option("--db", db, "database")->default_val(default_db());
  auto* status = ektp->add_subcommand("status", "where is my KTP? status and dated history of a NIK");
  status->add_option("nik", nik)->required();
  static bool status_json = false;
  status->add_flag("--json", status_json, "print {nik, status, status_words, since, ikd_activated, history} as JSON");
  status->callback([&] {
    auto store = open_console_store(db);
    auto r = store->ektp_record(nik);
    if (!r) throw CommandError(kProblems, "no e-KTP record for NIK " + nik + " (not recorded yet) | belum ada rekaman KTP-el");
    r->nik = nik;
    const auto dup = duplicate_of(*store, *r);
    const auto delivered = store->last_delivery(nik);
    if (!status_json) {
      std::fputs(ektp_status_text(*store, *r).c_str(), stdout);
      if (dup) std::printf("Duplikat dari      : %s\n", describe(*dup).c_str());
      if (delivered)
        std::printf("Diserahkan         : %s di %s oleh %s kepada %s\n", delivered->on.iso().c_str(), delivered->office.c_str(),
                    delivered->officer.c_str(),
                    delivered->collector == "SELF" ? "pemilik kartu"
                                                   : ("wakil " + delivered->representative_name + " (NIK " + delivered->representative_nik + ")").c_str());
      return;
    }
    nlohmann::json history = nlohmann::json::array();
    for (const auto& t : store->ektp_history(nik))
      history.push_back({{"at", t.at}, {"from", t.from ? nlohmann::json(std::string(to_string(*t.from))) : nlohmann::json()},
                         {"to", std::string(to_string(t.to))}, {"event", t.event}, {"operator", t.operator_id},
                         {"station", t.station_id}, {"reason", t.reason}});
    const Message words = status_in_words(r->status);
    std::printf("%s\n", nlohmann::json{{"nik", nik}, {"status", std::string(to_string(r->status))}, {"status_words_id", words.id},
                                        {"status_words_en", words.en}, {"since", r->since}, {"ikd_activated", r->ikd_activated},
                                        {"duplicate_of", dup ? nlohmann::json(describe(*dup)) : nlohmann::json()},
                                        {"history", history}}.dump(2).c_str());
  });
  auto* ev = ektp->add_subcommand("event", "an officer's transition (print, issue_suket, request_reprint, ...; the hand-over is ktpel print deliver)");
  ev->add_option("nik", nik)->required();
  one_of(ev->add_option("--event", event, "the transition")->required(), vocab::ektp_events());
  ev->add_option("--reason", reason, "required for request_reprint (" + vocab::joined(vocab::reprint_reasons()) +
                                         "), cancel and flag_duplicate (free text)");
  ev->add_option("--operator", operator_id, "operator recorded in the history")->default_val("cli");
  ev->callback([&] {
    auto e = parse_ektp_event(event);
    if (!e) throw CommandError(kUsage, "unknown event '" + event + "'");
    auto store = open_console_store(db);
    EktpService service(*store, ctx.wilayah());
    auto r = service.transition(nik, *e, {console_actor(operator_id), "centre", utc_now_iso()}, reason);
    if (!r) fail_with(r.errors());
    std::printf("%s now %s\n", nik.c_str(), std::string(to_string(r->status)).c_str());
  });
  auto* queues = ektp->add_subcommand("queues", "records per status per wilayah");
  queues->add_option("--level", level, "rows at: " + vocab::joined(vocab::levels()));
  queues->add_option("--code", code, "parent region (default national)");
  queues->callback([&] {
    auto lv = parse_level(level);
    if (!lv) throw CommandError(kUsage, "--level must be provinsi, kabupaten, kecamatan or desa");
    auto store = open_console_store(db);
    EktpService service(*store, ctx.wilayah());
    auto rows = service.queues(*lv, code);
    if (!rows) fail_with(rows.errors());
    std::printf("%-13s %-28s", "kode", "wilayah");
    for (auto s : all_ektp_statuses()) std::printf(" %9.9s", std::string(to_string(s)).c_str());
    std::printf("\n");
    for (const auto& r : *rows) {
      std::printf("%-13s %-28.28s", r.code.c_str(), r.name.c_str());
      for (auto s : all_ektp_statuses()) std::printf(" %9lld", static_cast<long long>(r.counts.count(s) ? r.counts.at(s) : 0));
      std::printf("\n");
    }
  });
  auto* stuck = ektp->add_subcommand("stuck", "records longer than --days in one non-final state, longest first");
  stuck->add_option("--code", code, "region (default everywhere)");
  stuck->add_option("--days", stuck_days)->check(CLI::Range(1, 3650));
  stuck->add_option("--limit", limit);
  stuck->add_option("--as-of", as_of, "today (default: the real today)");
  stuck->callback([&] {
    auto today = Date::parse_iso(as_of.empty() ? today_iso() : as_of);
    if (!today) throw CommandError(kUsage, "--as-of must be YYYY-MM-DD");
    auto store = open_console_store(db);
    EktpService service(*store, ctx.wilayah());
    auto rows = service.stuck(code, *today, stuck_days, limit);
    if (!rows) fail_with(rows.errors());
    for (const auto& s : *rows)
      std::printf("%s  %-16s since %s  %4ld days  %s\n", s.record.nik.c_str(), std::string(to_string(s.record.status)).c_str(),
                  s.record.since.iso().c_str(), s.days, s.record.village_code.c_str());
    std::fprintf(stderr, "%zu stuck records (> %d days)\n", rows->size(), stuck_days);
  });
}

}  // namespace ktpel::cli
