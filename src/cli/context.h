// What every sub-command shares: the reference-data folder (loaded once, on demand) and the
// exit codes the CLI promises.
#pragma once
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "core/common/date.h"
#include "cli/console_user.h"
#include "core/wilayah/catalog.h"

namespace ktpel::cli {

enum ExitCode { kOk = 0, kProblems = 1, kUsage = 2, kStorage = 3 };

struct Context {
  std::string data_dir_option;
  const WilayahCatalog& wilayah();
  std::string data_dir() const;

 private:
  std::unique_ptr<WilayahCatalog> wilayah_;
};

// A failure the command reports in one line (and the exit code to leave with).
struct CommandError : std::runtime_error {
  CommandError(int code, const std::string& what) : std::runtime_error(what), exit_code(code) {}
  int exit_code;
};

void add_nik_command(CLI::App& app, Context& ctx, int& exit_code);
void add_wilayah_command(CLI::App& app, Context& ctx, int& exit_code);
void add_import_export_commands(CLI::App& app, Context& ctx, int& exit_code);
void add_generate_command(CLI::App& app, Context& ctx, int& exit_code);
void add_resident_command(CLI::App& app, Context& ctx, int& exit_code);
void add_stats_command(CLI::App& app, Context& ctx, int& exit_code);
void add_serve_command(CLI::App& app, Context& ctx, int& exit_code);
void add_centre_commands(CLI::App& app, Context& ctx, int& exit_code);
void add_station_command(CLI::App& app, Context& ctx, int& exit_code);
void add_print_commands(CLI::App& app, Context& ctx, int& exit_code);
void add_equipment_commands(CLI::App& app, Context& ctx, int& exit_code);
void add_coverage_command(CLI::App& app, Context& ctx, int& exit_code);
void add_report_command(CLI::App& app, Context& ctx, int& exit_code);
void add_afis_command(CLI::App& app, Context& ctx, int& exit_code);
void add_afis_fpir_command(CLI::App* afis);  // afis fpir (afis_fpir_command.cc)
void add_dedup_command(CLI::App& app, Context& ctx, int& exit_code);
void add_user_command(CLI::App& app, Context& ctx, int& exit_code);
void add_audit_command(CLI::App& app, Context& ctx, int& exit_code);
void add_keys_command(CLI::App& app, Context& ctx, int& exit_code);
void add_backup_commands(CLI::App& app, Context& ctx, int& exit_code);
void add_akta_command(CLI::App& app, Context& ctx, int& exit_code);

// "--db" as given, defaulting to $KTPEL_DB, then data/ktpel.db.
std::string default_db();
// A --date option: YYYY-MM-DD, or today (UTC) when empty; a usage error otherwise.
Date day_or_today(const std::string& text);

}  // namespace ktpel::cli
