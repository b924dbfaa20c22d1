// ktpel nik decode|check|issue
#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/context.h"
#include "cli/vocabulary_option.h"
#include "core/nik/nik.h"
#include "core/text/csv.h"
#include "io/files.h"
#include "service/registry_service.h"
#include "service/resident_json.h"

namespace ktpel::cli {
namespace {

Date parse_date_option(const std::string& value, const char* option) {
  if (value.empty()) return *Date::parse_iso(today_iso());
  auto d = Date::parse_iso(value);
  if (!d) throw CommandError(kUsage, std::string(option) + ": '" + value + "' is not a date (YYYY-MM-DD)");
  return *d;
}

void print_problems(const std::string& where, const std::string& nik, const std::vector<Error>& problems) {
  if (problems.empty()) {
    std::printf("%s%s  OK\n", where.c_str(), nik.c_str());
    return;
  }
  for (const auto& p : problems)
    std::printf("%s%s  %s %s [%s]: %s | %s\n", where.c_str(), nik.c_str(),
                p.severity == Severity::Error ? "ERROR" : "WARNING", p.code.c_str(), p.field.c_str(),
                p.message_en.c_str(), p.message_id.c_str());
}

struct CheckItem {
  uint64_t line = 0;
  std::string nik;
  std::optional<Date> birth_date;
  std::optional<Sex> sex;
  std::vector<Error> input_problems;
};

// Reads a CSV with a `nik` column (optional birth_date, sex) or a bare list of NIKs.
std::vector<CheckItem> read_check_file(const std::string& path) {
  const std::string text = read_file(path);
  CsvReader reader(text);
  CsvRecord rec;
  std::vector<CheckItem> items;
  int nik_col = -1, birth_col = -1, sex_col = -1;
  bool first = true;
  while (reader.next(rec)) {
    if (rec.fields.size() == 1 && rec.fields[0].empty() && reader.error().empty()) continue;
    if (first) {
      first = false;
      for (size_t i = 0; i < rec.fields.size(); ++i) {
        if (rec.fields[i] == "nik") nik_col = static_cast<int>(i);
        if (rec.fields[i] == "birth_date") birth_col = static_cast<int>(i);
        if (rec.fields[i] == "sex") sex_col = static_cast<int>(i);
      }
      if (nik_col >= 0) continue;  // a header row
      nik_col = 0;                 // a bare list: the first column is the NIK
    }
    CheckItem item;
    item.line = rec.line;
    if (!reader.error().empty()) {
      item.input_problems.push_back({"CSV_QUOTE", "Tanda kutip tidak benar", reader.error(), "", Severity::Error});
      items.push_back(std::move(item));
      continue;
    }
    auto field = [&](int col) { return col >= 0 && col < static_cast<int>(rec.fields.size()) ? rec.fields[col] : std::string(); };
    item.nik = field(nik_col);
    if (auto b = field(birth_col); !b.empty()) {
      item.birth_date = Date::parse_iso(b);
      if (!item.birth_date)
        item.input_problems.push_back({"DATE_FORMAT", "birth_date bukan tanggal ISO", "birth_date '" + b + "' is not YYYY-MM-DD",
                                       "birth_date", Severity::Error});
    }
    if (auto s = field(sex_col); !s.empty()) {
      item.sex = parse_sex(s);
      if (!item.sex)
        item.input_problems.push_back({"ENUM_VALUE", "sex harus L atau P", "sex '" + s + "' must be L or P", "sex", Severity::Error});
    }
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace

void add_nik_command(CLI::App& app, Context& ctx, int& exit_code) {
  auto* nik = app.add_subcommand("nik", "decode, check and issue NIK numbers");
  nik->require_subcommand(1);

  auto* decode = nik->add_subcommand("decode", "show region, birth date, sex and serial of each NIK");
  static std::vector<std::string> niks;
  static std::string as_of, db, birth, sex, file, kecamatan;
  static bool json = false;
  static int count = 1;
  decode->add_option("nik", niks, "NIK numbers")->required();
  decode->add_option("--as-of", as_of, "date that resolves two-digit years (default today)");
  decode->add_flag("--json", json, "print JSON");
  decode->callback([&] {
    NikContext nctx{&ctx.wilayah(), parse_date_option(as_of, "--as-of"), std::nullopt, std::nullopt, false};
    nlohmann::json out = nlohmann::json::array();
    for (const auto& n : niks) {
      auto problems = validate_nik(n, nctx);
      auto d = decode_nik(n, nctx);
      const nlohmann::json j = nik_report_json(n, problems, d);
      if (!d) exit_code = kProblems;
      if (json) {
        out.push_back(j);
        continue;
      }
      if (!d) {
        print_problems("", n, problems);
        continue;
      }
      std::printf("%s  kecamatan %s (%s, %s, %s)  lahir %s  %s  nomor urut %04d\n", n.c_str(), d->kecamatan_code.c_str(),
                  d->kecamatan_name.empty() ? "tidak dikenal/unknown" : d->kecamatan_name.c_str(),
                  d->regency_name.c_str(), d->province_name.c_str(), d->birth_date.iso().c_str(),
                  d->sex == Sex::L ? "L (laki-laki)" : "P (perempuan)", d->serial);
      for (auto& p : problems) print_problems("", n, {p});
    }
    if (json) std::printf("%s\n", out.dump(2).c_str());
  });

  auto* check = nik->add_subcommand("check", "report every problem of each NIK (or of each line of --file)");
  check->add_option("nik", niks, "NIK numbers");
  check->add_option("--file", file, "CSV with a nik column (and optional birth_date, sex), or one NIK per line");
  check->add_option("--db", db, "registry to check duplicates and recorded birth date/sex against");
  check->add_option("--birth-date", birth, "recorded birth date to compare (YYYY-MM-DD)");
  one_of(check->add_option("--sex", sex, "recorded sex to compare"), vocab::sexes());
  check->add_option("--as-of", as_of, "date that resolves two-digit years (default today)");
  check->callback([&] {
    if (niks.empty() && file.empty()) throw CommandError(kUsage, "give NIK numbers or --file F.csv");
    const Date today = parse_date_option(as_of, "--as-of");
    std::unique_ptr<Store> store = db.empty() ? nullptr : open_console_store(db);
    std::vector<CheckItem> items;
    if (!file.empty()) items = read_check_file(file);
    for (const auto& n : niks) {
      CheckItem item;
      item.nik = n;
      if (!birth.empty()) {
        item.birth_date = Date::parse_iso(birth);
        if (!item.birth_date) throw CommandError(kUsage, "--birth-date: '" + birth + "' is not YYYY-MM-DD");
      }
      if (!sex.empty()) {
        item.sex = parse_sex(sex);
        if (!item.sex) throw CommandError(kUsage, "--sex must be L or P");
      }
      items.push_back(item);
    }
    uint64_t bad = 0;
    for (auto& item : items) {
      std::vector<Error> problems = item.input_problems;
      if (problems.empty()) {
        if (store) {
          RegistryService service(*store, ctx.wilayah());
          problems = service.check_nik(item.nik, today, item.birth_date, item.sex);
        } else {
          problems = validate_nik(item.nik, {&ctx.wilayah(), today, item.birth_date, item.sex, false});
        }
      }
      if (has_errors(problems)) ++bad;
      print_problems(item.line ? "line " + std::to_string(item.line) + ": " : "", item.nik, problems);
    }
    std::fprintf(stderr, "%zu checked, %llu with errors\n", items.size(), static_cast<unsigned long long>(bad));
    if (bad) exit_code = kProblems;
  });

  auto* issue = nik->add_subcommand("issue", "reserve the next free NIK(s) for a kecamatan, birth date and sex");
  issue->add_option("--db", db, "registry database")->required();
  issue->add_option("--kecamatan", kecamatan, "dotted kecamatan code, e.g. 65.71.01")->required();
  issue->add_option("--birth-date", birth, "YYYY-MM-DD")->required();
  one_of(issue->add_option("--sex", sex, "sex")->required(), vocab::sexes());
  issue->add_option("--count", count, "how many NIKs to reserve")->check(CLI::Range(1, 9999));
  issue->callback([&] {
    auto b = Date::parse_iso(birth);
    if (!b) throw CommandError(kUsage, "--birth-date: '" + birth + "' is not YYYY-MM-DD");
    auto s = parse_sex(sex);
    if (!s) throw CommandError(kUsage, "--sex must be L or P");
    auto store = open_console_store(db);
    RegistryService service(*store, ctx.wilayah());
    for (int i = 0; i < count; ++i) {
      auto n = service.issue_nik(kecamatan, *b, *s);
      if (!n) throw CommandError(kProblems, n.error().message_en + " / " + n.error().message_id);
      std::printf("%s\n", n->c_str());
      std::fflush(stdout);
    }
  });
}

}  // namespace ktpel::cli
