// ktpel report ... : the monthly report of a province or regency (PDF to sign, or its figures as
// JSON or text), and the letterhead and signatory it carries.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "io/files.h"
#include "io/monthly_report_pdf.h"
#include "service/monthly_report.h"
#include "service/monthly_report_json.h"

namespace ktpel::cli {
namespace {

std::string region_of(const std::string& province, const std::string& regency) {
  if (province.empty() == regency.empty()) throw CommandError(kUsage, "give exactly one of --province CODE or --regency CODE");
  return province.empty() ? regency : province;
}

[[noreturn]] void fail(const Error& e) { throw CommandError(kProblems, e.field + ": " + e.message_id + " | " + e.message_en); }

void print_text(const MonthlyReport& r) {
  std::printf("%s - %s (keadaan %s, dibanding %s)\n", r.name.c_str(), id_month(r.year, r.month).c_str(), id_date(r.as_of).c_str(),
              id_date(r.previous).c_str());
  std::printf("%-16s %-26s %9s %9s %9s %8s %8s %8s %7s\n", "kode", "nama", "rekam%", "(bln lalu)", "belum", "PRR", "suket", "lewat", "akta%");
  auto line = [](const ReportRow& row) {
    const auto &a = row.before, &b = row.now;
    std::printf("%-16s %-26.26s %9s %9s %9s %8s %8s %8s %7s\n", row.code.c_str(), row.name.c_str(), id_percent(b.recording_pct).c_str(),
                id_percent(a.recording_pct).c_str(), id_number(b.still_to_record).c_str(), id_number(b.prr).c_str(),
                id_number(b.suket_held).c_str(), id_number(b.suket_expired).c_str(), id_percent(b.akta_pct).c_str());
  };
  for (const auto& row : r.rows) line(row);
  line(r.total);
}

}  // namespace

void add_report_command(CLI::App& app, Context& ctx, int& /*exit_code*/) {
  static std::string db, province, regency, month, out, field, value;
  static bool json = false;
  auto* rep = app.add_subcommand("report", "the monthly report of a province or regency, month on month (PDF to sign, --json, or text)");
  rep->add_option("--db", db, "database")->default_val(default_db());
  rep->add_option("--province", province, "province code, e.g. 65 (rows: its regencies)");
  rep->add_option("--regency", regency, "regency code, e.g. 65.71 (rows: its kecamatan)");
  rep->add_option("--month", month, "YYYY-MM (default: this month, as of today)");
  rep->add_option("--out", out, "write the PDF here");
  rep->add_flag("--json", json, "the figures as JSON");
  rep->callback([&ctx, rep] {
    if (!rep->get_subcommands().empty()) return;
    const std::string code = region_of(province, regency);
    const Date today = day_or_today("");
    auto store = open_console_store(db);
    auto r = MonthlyReportService(*store, ctx.wilayah()).report(code, month.empty() ? today.iso().substr(0, 7) : month, today);
    if (!r) fail(r.error());
    if (!out.empty()) {
      write_file_atomic(out, render_monthly_report_pdf(*r));
      std::printf("%s: laporan bulanan %s %s\n", out.c_str(), r->name.c_str(), id_month(r->year, r->month).c_str());
    }
    if (json) std::printf("%s\n", to_json(*r).dump(2).c_str());
    else if (out.empty()) print_text(*r);
  });
  auto* head = rep->add_subcommand("letterhead", "set the letterhead or signatory of the office's reports: office, address, place, head_name, head_nip");
  head->add_option("field", field, "office | address | place | head_name | head_nip")->required();
  head->add_option("value", value, "the text (\"\" = back to the default)")->required();
  head->callback([&ctx] {
    const std::string code = region_of(province, regency);
    auto store = open_console_store(db);
    auto l = MonthlyReportService(*store, ctx.wilayah()).set_letterhead(code, field, value);
    if (!l) fail(l.error());
    std::printf("%s\n%s\n%s\n%s, <tanggal>\n%s\n%s\n%s\nNIP. %s\n", l->government.c_str(), l->office.c_str(), l->address.c_str(),
                l->place.c_str(), l->head_title.c_str(), l->head_region.c_str(), l->head_name.c_str(), l->head_nip.c_str());
  });
}

}  // namespace ktpel::cli
