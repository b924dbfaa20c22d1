#include "core/common/date.h"

#include <algorithm>
#include <cstdio>

namespace ktpel {

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int Date::days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return (m == 2 && leap(y)) ? 29 : days[m - 1];
}

bool Date::is_valid(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

std::optional<Date> Date::parse_iso(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto num = [&](size_t pos, size_t len, int& out) {
    out = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  Date d;
  if (!num(0, 4, d.year) || !num(5, 2, d.month) || !num(8, 2, d.day)) return std::nullopt;
  if (!is_valid(d.year, d.month, d.day)) return std::nullopt;
  return d;
}

// Howard Hinnant's days_from_civil / civil_from_days.
long Date::to_days() const {
  const int y = year - (month <= 2);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

Date Date::from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe) + static_cast<int>(era) * 400 + (m <= 2);
  return Date{y, m, d};
}

std::string Date::iso() const {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

Date Date::plus_years(int n) const {
  Date d{year + n, month, day};
  if (!is_valid(d.year, d.month, d.day)) d.day = days_in_month(d.year, d.month);
  return d;
}

int Date::age_on(Date on) const {
  int age = on.year - year;
  if (on.month < month || (on.month == month && on.day < day)) --age;
  return age;
}

std::string month_year_id(int year, int month) {
  static const char* kMonths[] = {"Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
                                  "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
  return std::string(kMonths[(std::clamp(month, 1, 12) - 1)]) + " " + std::to_string(year);
}

std::string long_date_id(Date d) { return std::to_string(d.day) + " " + month_year_id(d.year, d.month); }

}  // namespace ktpel
