#include "core/nik/nik.h"

#include <cstdio>

#include "core/common/messages.h"
#include "core/wilayah/catalog.h"

namespace ktpel {
namespace {

int digits(std::string_view s, size_t pos, size_t len) {
  int v = 0;
  for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

// Two-digit year -> the latest year that puts the day and month on or before as_of (a person is
// never born in the future). Comparing the year alone read 08-12-26 as 8 Dec 2026 on 1 Dec 2026
// (found by fuzz/nik_kk_fuzz.cc).
int resolve_year(int yy, int month, int day, Date as_of) {
  int year = (as_of.year / 100) * 100 + yy;
  if (year > as_of.year || (year == as_of.year && (month > as_of.month || (month == as_of.month && day > as_of.day))))
    year -= 100;
  return year;
}

std::string ddmmyy(int d, int m, int yy) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02d-%02d-%02d", d, m, yy);
  return buf;
}

// Shared structure checks for NIK and KK: length, digits, region. Returns false on a fatal error.
bool check_shape(std::string_view n, const NikContext& ctx, const char* prefix, std::vector<Error>& out) {
  const std::string p(prefix);
  const std::string field = p == "NIK" ? "nik" : "kk";
  bool fatal = false;
  if (n.size() != 16) {
    out.push_back(make_error(p + "_LENGTH", field, {std::to_string(n.size())}));
    fatal = true;
  }
  for (char c : n)
    if (c < '0' || c > '9') {
      out.push_back(make_error(p + "_NON_DIGIT", field));
      fatal = true;
      break;
    }
  if (fatal) return false;
  const std::string kec = dotted_kecamatan(n.substr(0, 6));
  if (ctx.wilayah && !ctx.wilayah->find(kec)) out.push_back(make_warning(p + "_REGION_UNKNOWN", field, {kec}));
  return true;
}

}  // namespace

std::string dotted_kecamatan(std::string_view s) {
  return std::string(s.substr(0, 2)) + "." + std::string(s.substr(2, 2)) + "." + std::string(s.substr(4, 2));
}

std::string undotted(std::string_view dotted) {
  std::string out;
  for (char c : dotted)
    if (c != '.') out.push_back(c);
  return out;
}

bool has_errors(const std::vector<Error>& problems) {
  for (const auto& p : problems)
    if (p.severity == Severity::Error) return true;
  return false;
}

std::vector<Error> validate_nik(std::string_view n, const NikContext& ctx) {
  std::vector<Error> out;
  if (!check_shape(n, ctx, "NIK", out)) return out;
  const int raw_day = digits(n, 6, 2), month = digits(n, 8, 2), yy = digits(n, 10, 2);
  const bool female = raw_day > 40;
  const int day = female ? raw_day - 40 : raw_day;
  std::optional<Date> birth;
  if (raw_day == 0 || (raw_day > 31 && raw_day < 41) || raw_day > 71) {
    out.push_back(make_error("NIK_DAY_OUT_OF_RANGE", "nik", {std::to_string(raw_day)}));
  } else {
    const int year = resolve_year(yy, month, day, ctx.as_of);
    if (!Date::is_valid(year, month, day))
      out.push_back(make_error("NIK_DATE_INVALID", "nik", {ddmmyy(day, month, yy)}));
    else
      birth = Date{year, month, day};
  }
  if (digits(n, 12, 4) == 0) out.push_back(make_error("NIK_SERIAL_ZERO", "nik"));
  if (birth && ctx.recorded_birth_date) {
    // The NIK carries only two year digits: compare day, month and year mod 100.
    const Date& r = *ctx.recorded_birth_date;
    if (r.day != birth->day || r.month != birth->month || r.year % 100 != yy)
      out.push_back(make_error("NIK_BIRTH_DATE_MISMATCH", "birth_date", {ddmmyy(day, month, yy), r.iso()}));
  }
  if (raw_day != 0 && ctx.recorded_sex) {
    const Sex encoded = female ? Sex::P : Sex::L;
    if (encoded != *ctx.recorded_sex)
      out.push_back(make_error("NIK_SEX_MISMATCH", "sex",
                               {std::string(to_string(encoded)), std::string(to_string(*ctx.recorded_sex))}));
  }
  if (ctx.registered_to_other) out.push_back(make_error("NIK_DUPLICATE", "nik", {std::string(n)}));
  return out;
}

std::optional<DecodedNik> decode_nik(std::string_view n, const NikContext& ctx) {
  NikContext plain = ctx;
  plain.recorded_birth_date.reset();
  plain.recorded_sex.reset();
  plain.registered_to_other = false;
  if (has_errors(validate_nik(n, plain))) return std::nullopt;
  DecodedNik d;
  d.kecamatan_code = dotted_kecamatan(n.substr(0, 6));
  const int raw_day = digits(n, 6, 2);
  d.sex = raw_day > 40 ? Sex::P : Sex::L;
  const int month = digits(n, 8, 2), day = raw_day > 40 ? raw_day - 40 : raw_day;
  d.birth_date = Date{resolve_year(digits(n, 10, 2), month, day, ctx.as_of), month, day};
  d.serial = digits(n, 12, 4);
  if (ctx.wilayah) {
    auto chain = ctx.wilayah->ancestors(d.kecamatan_code);
    if (chain.size() == 3) {
      d.province_name = chain[0]->name;
      d.regency_name = chain[1]->name;
      d.kecamatan_name = chain[2]->name;
    }
  }
  return d;
}

std::string nik_prefix(std::string_view kecamatan_code, Date birth, Sex sex) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02d%02d%02d", birth.day + (sex == Sex::P ? 40 : 0), birth.month, birth.year % 100);
  return undotted(kecamatan_code) + buf;
}

std::string format_nik(std::string_view prefix, int serial) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d", serial);
  return std::string(prefix) + buf;
}

std::vector<Error> validate_kk(std::string_view n, const NikContext& ctx) {
  std::vector<Error> out;
  if (!check_shape(n, ctx, "KK", out)) return out;
  const int day = digits(n, 6, 2), month = digits(n, 8, 2), yy = digits(n, 10, 2);
  if (!Date::is_valid(resolve_year(yy, month, day, ctx.as_of), month, day))
    out.push_back(make_error("KK_DATE_INVALID", "kk", {ddmmyy(day, month, yy)}));
  if (digits(n, 12, 4) == 0) out.push_back(make_error("KK_SERIAL_ZERO", "kk"));
  return out;
}

std::optional<DecodedKk> decode_kk(std::string_view n, const NikContext& ctx) {
  if (has_errors(validate_kk(n, ctx))) return std::nullopt;
  return DecodedKk{dotted_kecamatan(n.substr(0, 6)),
                   Date{resolve_year(digits(n, 10, 2), digits(n, 8, 2), digits(n, 6, 2), ctx.as_of), digits(n, 8, 2), digits(n, 6, 2)},
                   digits(n, 12, 4)};
}

std::string kk_prefix(std::string_view kecamatan_code, Date issue) {
  return nik_prefix(kecamatan_code, issue, Sex::L);
}

}  // namespace ktpel
