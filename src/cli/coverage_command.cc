// ktpel coverage ... : coverage per wilayah with targets and gaps; rebuild and roll the counters;
// set targets.
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "io/files.h"
#include "io/progress.h"
#include "service/coverage_json.h"
#include "service/coverage_service.h"

namespace ktpel::cli {
namespace {

// The counters' day for a rebuild or roll: never after today (a day in the future would leave
// every dashboard wrong until a rebuild); a roll never goes backwards anyway.
Date counters_day(const std::string& date) {
  const Date day = day_or_today(date), today = day_or_today("");
  if (day > today) throw CommandError(kUsage, "--date " + day.iso() + " is after today (" + today.iso() + "): the counters never run ahead of the clock");
  return day;
}

}  // namespace

void add_coverage_command(CLI::App& app, Context& ctx, int& /*exit_code*/) {
  static std::string db, level = "kabupaten", code, date, target, level_for_target;
  static double percent = 0;
  static bool json = false;
  auto* cov = app.add_subcommand("coverage", "recording, PRR/suket, IKD and akta coverage per wilayah, with targets");
  cov->add_option("--db", db, "database")->default_val(default_db());
  cov->add_option("--level", level, "provinsi | kabupaten | kecamatan | desa (the rows)");
  cov->add_option("--code", code, "the region whose children are the rows (\"\" = national)");
  cov->add_option("--date", date, "as of (default today; the counters roll to today only, another day is computed)");
  cov->add_flag("--json", json);
  cov->callback([&ctx, cov] {
    if (!cov->get_subcommands().empty()) return;
    auto lv = parse_level(level);
    if (!lv) throw CommandError(kUsage, "--level must be provinsi, kabupaten, kecamatan or desa");
    auto store = open_console_store(db);
    CoverageService svc(*store, ctx.wilayah());
    auto rep = svc.report(*lv, code, day_or_today(date), day_or_today(""));
    if (!rep) throw CommandError(kProblems, rep.error().message_en + " | " + rep.error().message_id);
    if (json) {
      std::printf("%s\n", to_json(*rep, *lv).dump(2).c_str());
      return;
    }
    std::printf("as of %s; targets: recording %.1f%%, akta %.1f%%, IKD %.1f%%\n", rep->as_of.iso().c_str(), rep->targets.recording,
                rep->targets.akta, rep->targets.ikd);
    std::printf("%-13s %-26s %9s %9s %7s %4s %7s %7s %7s %7s %6s\n", "code", "name", "penduduk", "wajib", "rekam%", "rank",
                "PRR", "suket", "stuck", "akta%", "IKD%");
    auto line = [](const CoverageRow& r) {
      std::printf("%-13s %-26.26s %9lld %9lld %7.2f %4d %7lld %7lld %7lld %7.2f %6.2f\n", r.code.c_str(), r.name.c_str(),
                  static_cast<long long>(r.counters[kPopulation]), static_cast<long long>(r.counters[kWajibKtp]), r.recording_pct,
                  r.recording_rank, static_cast<long long>(r.counters[kPrr]), static_cast<long long>(r.counters[kSuket]),
                  static_cast<long long>(r.counters[kStuck]), r.akta_pct, r.ikd_pct);
    };
    for (const auto& r : rep->rows) line(r);
    line(rep->total);
  });
  auto* rebuild = cov->add_subcommand("rebuild", "count every counter again from the records (after a bulk load)");
  rebuild->add_option("--date", date, "as of (default today; not after it)");
  rebuild->callback([&] {
    auto store = open_console_store(db);
    CoverageService svc(*store, ctx.wilayah());
    const auto start = std::chrono::steady_clock::now();
    ProgressBar bar("kecamatan");  // each one is committed: an interrupted rebuild is finished by running it again
    const int64_t n = svc.rebuild(counters_day(date), [&](size_t done, size_t total) { bar.update(done, total); });
    bar.finish();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("coverage rebuilt from %lld residents in %.1f s\n", static_cast<long long>(n), s);
  });
  auto* roll = cov->add_subcommand("roll", "bring the counters forward to a day (what a query does on its own)");
  roll->add_option("--date", date, "to (default today; not after it)");
  roll->callback([&] {
    auto store = open_console_store(db);
    CoverageService svc(*store, ctx.wilayah());
    auto s = svc.roll_to(counters_day(date));
    std::printf("%s %s -> %s: %lld days, %lld residents looked at\n", s.rebuilt ? "rebuilt" : "rolled", s.from.iso().c_str(),
                s.to.iso().c_str(), static_cast<long long>(s.days), static_cast<long long>(s.residents_checked));
  });
  auto* tgt = cov->add_subcommand("target", "set a target: recording | akta | ikd, in percent");
  tgt->add_option("name", target)->required();
  tgt->add_option("percent", percent)->required();
  tgt->add_option("--level", level_for_target, "only for rows of this level (provinsi, kabupaten, kecamatan, desa)");
  tgt->callback([&] {
    auto store = open_console_store(db);
    CoverageService svc(*store, ctx.wilayah());
    std::optional<Level> lv;
    if (!level_for_target.empty()) {
      lv = parse_level(level_for_target);
      if (!lv) throw CommandError(kUsage, "--level must be provinsi, kabupaten, kecamatan or desa");
    }
    auto t = svc.set_target(target, percent, lv);
    if (!t) throw CommandError(kProblems, t.error().message_en);
    std::printf("targets: recording %.1f%%, akta %.1f%%, IKD %.1f%%\n", t->recording, t->akta, t->ikd);
  });
}

}  // namespace ktpel::cli
