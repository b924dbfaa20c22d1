// ktpel import | export
#include <chrono>
#include <cstdio>

#include "cli/context.h"
#include "core/registry/resident_csv.h"
#include "core/text/csv.h"
#include "io/files.h"
#include "io/progress.h"
#include "service/import_residents.h"
#include "store/store.h"

namespace ktpel::cli {

void add_import_export_commands(CLI::App& app, Context& ctx, int& exit_code) {
  static std::string db, file, families, ektp, akta, reject_file, report_file, actor = "import", out, region, as_of;
  static bool skip_bad = false;
  auto* imp = app.add_subcommand("import", "import residents.csv (and families.csv) into the registry, all or nothing");
  imp->add_option("--db", db, "SQLite file or postgresql:// URL")->default_val(default_db());
  imp->add_option("file", file, "residents CSV (" + resident_csv_header() + ")")->required();
  imp->add_option("--families", families, "families CSV (kk,nik,relationship)");
  imp->add_option("--ektp", ektp, "e-KTP states CSV (nik,status,recorded_on,status_since,ikd_activated)");
  imp->add_option("--akta", akta, "birth certificates CSV (nik,number,issued_on)");
  imp->add_flag("--skip-bad", skip_bad, "import the good rows; write the bad ones to --reject-file");
  imp->add_option("--reject-file", reject_file, "where --skip-bad writes rejected rows (default FILE.rejected.csv)");
  imp->add_option("--report", report_file, "write every problem as CSV (file,line,nik,field,code,message_en,message_id)");
  imp->add_option("--actor", actor, "operator recorded in the change log");
  imp->add_option("--as-of", as_of, "reject birth dates after this date (default today)");
  imp->callback([&] {
    const auto start = std::chrono::steady_clock::now();
    const std::string residents = read_file(file);
    const std::string fam = families.empty() ? std::string() : read_file(families);
    const std::string ektp_csv = ektp.empty() ? std::string() : read_file(ektp);
    const std::string akta_csv = akta.empty() ? std::string() : read_file(akta);
    const WilayahCatalog& wilayah = ctx.wilayah();
    auto store = open_console_store(db);
    ProgressBar bar("import");
    ImportOptions opt;
    opt.skip_bad = skip_bad;
    opt.actor = console_actor(actor);
    opt.now = utc_now_iso();
    auto d = Date::parse_iso(as_of.empty() ? today_iso() : as_of);
    if (!d) throw CommandError(kUsage, "--as-of must be YYYY-MM-DD");
    opt.as_of = *d;
    opt.source_name = file;
    opt.progress = [&](uint64_t done, uint64_t total) { bar.update(done, total); };
    ImportReport report;
    try {
      report = import_residents(*store, wilayah, residents, fam, opt, ektp_csv, akta_csv);
    } catch (const StoreError&) {
      // The rolled-back rows still fill the write-ahead log (on a full disk: all of it): give the space back.
      store->truncate_log();
      throw;
    }
    store->truncate_log();  // a million rows went through the write-ahead log: give its space back
    bar.finish();
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::string report_csv = "file,line,nik,field,code,message_en,message_id\n";
    size_t shown = 0;
    for (const auto& p : report.problems) {
      if (shown++ < 200)
        std::fprintf(stderr, "%s line %llu: %s%s%s: %s | %s\n", p.file.c_str(), static_cast<unsigned long long>(p.line),
                     p.nik.empty() ? "" : ("NIK " + p.nik + " ").c_str(), p.field.empty() ? "" : "field ",
                     p.field.c_str(), p.message_en.c_str(), p.message_id.c_str());
      const std::string line = std::to_string(p.line);
      csv_append_record(report_csv, {p.file, line, p.nik, p.field, p.code, p.message_en, p.message_id});
    }
    if (report.problem_count > shown && shown > 200)
      std::fprintf(stderr, "... %llu problems in all%s\n", static_cast<unsigned long long>(report.problem_count),
                   report_file.empty() ? " (use --report FILE for the full list)" : "");
    if (!report_file.empty()) write_file_atomic(report_file, report_csv);
    if (skip_bad && !report.rejected_residents_csv.empty()) {
      if (reject_file.empty()) reject_file = file + ".rejected.csv";
      write_file_atomic(reject_file, report.rejected_residents_csv);
      std::fprintf(stderr, "rejected rows written to %s\n", reject_file.c_str());
    }
    if (!report.committed) {
      std::fprintf(stderr,
                   "import REJECTED: %llu rows read, %llu problems; nothing was written. Fix the rows above (or use "
                   "--skip-bad) and run again.\n",
                   static_cast<unsigned long long>(report.rows), static_cast<unsigned long long>(report.problem_count));
      exit_code = kProblems;
      return;
    }
    std::printf("imported %llu of %llu residents (%llu rejected), %llu family members, %llu e-KTP records, %llu birth certificates into %s in %.2f s (%.0f rows/s)\n",
                static_cast<unsigned long long>(report.imported), static_cast<unsigned long long>(report.rows),
                static_cast<unsigned long long>(report.rejected), static_cast<unsigned long long>(report.family_imported),
                static_cast<unsigned long long>(report.ektp_imported), static_cast<unsigned long long>(report.akta_imported),
                std::string(store->backend()).c_str(), secs, secs > 0 ? static_cast<double>(report.rows) / secs : 0.0);
    if (report.problem_count) exit_code = kProblems;
  });

  auto* exp = app.add_subcommand("export", "write residents (optionally of one region) in the import CSV format");
  exp->add_option("--db", db, "SQLite file or postgresql:// URL")->default_val(default_db());
  exp->add_option("--out", out, "output CSV file")->required();
  exp->add_option("--region", region, "dotted region code to export (default: all)");
  exp->callback([&] {
    auto store = open_console_store(db);
    if (!region.empty() && !ctx.wilayah().find(region))
      throw CommandError(kUsage, "--region '" + region + "' is not a known region code");
    std::string buffer = resident_csv_header() + "\n";
    uint64_t n = 0;
    store->for_each_resident(region, [&](const Resident& r) {
      append_resident_csv(buffer, r);
      ++n;
    });
    write_file_atomic(out, buffer);
    std::printf("exported %llu residents to %s\n", static_cast<unsigned long long>(n), out.c_str());
  });
}

}  // namespace ktpel::cli
