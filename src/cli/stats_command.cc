// ktpel stats: population and wajib KTP per region.
#include <cstdio>

#include "cli/context.h"
#include "io/files.h"
#include "service/registry_service.h"
#include "service/stats_json.h"

namespace ktpel::cli {

void add_stats_command(CLI::App& app, Context& ctx, int& exit_code) {
  static std::string db, level = "kabupaten", code, as_of;
  static bool json = false;
  auto* s = app.add_subcommand("stats", "population by sex and age band, and wajib KTP, per region");
  s->add_option("--db", db, "SQLite file or postgresql:// URL")->default_val(default_db());
  s->add_option("--level", level, "rows at: provinsi | kabupaten | kecamatan | desa");
  s->add_option("--code", code, "parent region code (default: national)");
  s->add_option("--as-of", as_of, "date for ages (default today)");
  s->add_flag("--json", json, "print JSON");
  s->callback([&] {
    auto lv = parse_level(level);
    if (!lv) throw CommandError(kUsage, "--level must be provinsi, kabupaten, kecamatan or desa");
    auto d = Date::parse_iso(as_of.empty() ? today_iso() : as_of);
    if (!d) throw CommandError(kUsage, "--as-of must be YYYY-MM-DD");
    auto store = open_console_store(db);
    RegistryService service(*store, ctx.wilayah());
    auto stats = service.population_stats(*lv, code, *d);
    if (!stats) throw CommandError(kProblems, stats.error().message_en + " | " + stats.error().message_id);
    if (json) {
      std::printf("%s\n", to_json(*stats, level_name(*lv)).dump(2).c_str());
      return;
    }
    std::printf("%-13s %-36s %10s %10s %10s %10s\n", "kode", "wilayah", "penduduk", "laki-laki", "perempuan", "wajib KTP");
    for (const auto& r : stats->rows)
      std::printf("%-13s %-36s %10lld %10lld %10lld %10lld\n", r.code.c_str(), r.name.c_str(),
                  static_cast<long long>(r.population), static_cast<long long>(r.male), static_cast<long long>(r.female),
                  static_cast<long long>(r.wajib_ktp));
    const auto& t = stats->total;
    std::printf("%-13s %-36s %10lld %10lld %10lld %10lld\n", t.code.empty() ? "ID" : t.code.c_str(), t.name.c_str(),
                static_cast<long long>(t.population), static_cast<long long>(t.male), static_cast<long long>(t.female),
                static_cast<long long>(t.wajib_ktp));
    (void)exit_code;
  });
}

}  // namespace ktpel::cli
