// ktpel: one binary, sub-commands per concern. Each sub-command is a thin shell: parse, call a
// service, print.
#include <cstdio>
#include <cstdlib>

#include "cli/context.h"
#include "cli/huge_pages.h"
#include "io/files.h"
#include "io/reference_data.h"
#include "store/store.h"

namespace ktpel::cli {

const WilayahCatalog& Context::wilayah() {
  if (!wilayah_) wilayah_ = std::make_unique<WilayahCatalog>(load_wilayah(data_dir()));
  return *wilayah_;
}

std::string Context::data_dir() const { return resolve_data_dir(data_dir_option); }

Date day_or_today(const std::string& text) {
  auto d = Date::parse_iso(text.empty() ? utc_now_iso().substr(0, 10) : text);
  if (!d) throw CommandError(kUsage, "--date must be YYYY-MM-DD, got '" + text + "'");
  return *d;
}

std::string default_db() {
  if (const char* env = std::getenv("KTPEL_DB"); env && *env) return env;
  return "data/ktpel.db";
}

}  // namespace ktpel::cli

int main(int argc, char** argv) {
  using namespace ktpel::cli;
  prefer_huge_pages(argc, argv);
  CLI::App app{"ktpel — the KTP-el (e-KTP) operation: registry, NIK/KK, wilayah, statistics"};
  app.require_subcommand(1);
  Context ctx;
  int exit_code = kOk;
  app.add_option("--data-dir", ctx.data_dir_option, "reference data folder (default: $KTPEL_DATA_DIR or the built-in data/)");
  // Options of a command may follow its sub-commands (`ktpel resident get X --db D --as U`).
  app.fallthrough();
  add_console_user_option(app, argc, argv);
  add_nik_command(app, ctx, exit_code);
  add_wilayah_command(app, ctx, exit_code);
  add_import_export_commands(app, ctx, exit_code);
  add_generate_command(app, ctx, exit_code);
  add_resident_command(app, ctx, exit_code);
  add_stats_command(app, ctx, exit_code);
  add_serve_command(app, ctx, exit_code);
  add_centre_commands(app, ctx, exit_code);
  add_station_command(app, ctx, exit_code);
  add_print_commands(app, ctx, exit_code);
  add_equipment_commands(app, ctx, exit_code);
  add_coverage_command(app, ctx, exit_code);
  add_report_command(app, ctx, exit_code);
  add_afis_command(app, ctx, exit_code);
  add_dedup_command(app, ctx, exit_code);
  add_user_command(app, ctx, exit_code);
  add_audit_command(app, ctx, exit_code);
  add_keys_command(app, ctx, exit_code);
  add_backup_commands(app, ctx, exit_code);
  add_akta_command(app, ctx, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : kUsage;
  } catch (const CommandError& e) {
    std::fprintf(stderr, "ktpel: %s\n", e.what());
    return e.exit_code;
  } catch (const ktpel::StoreError& e) {
    std::fprintf(stderr, "ktpel: database error: %s\n", e.what());
    return kStorage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ktpel: %s\n", e.what());
    return kUsage;
  }
  return exit_code;
}
