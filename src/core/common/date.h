// Civil dates (proleptic Gregorian) as plain values: the core never reads a clock; callers pass
// "today" in (as_of) so every rule is reproducible.
#pragma once
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace ktpel {

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  static bool is_valid(int y, int m, int d);
  static int days_in_month(int y, int m);
  // Strict ISO 8601 calendar date "YYYY-MM-DD"; nullopt when malformed or not a real day.
  static std::optional<Date> parse_iso(std::string_view text);
  static Date from_days(long days);  // days since 1970-01-01

  long to_days() const;              // days since 1970-01-01
  std::string iso() const;           // "YYYY-MM-DD"
  Date plus_days(long n) const { return from_days(to_days() + n); }
  // Same month/day n years later; 29 Feb maps to 28 Feb in non-leap years.
  Date plus_years(int n) const;
  // Whole years completed on `on` (the legal age).
  int age_on(Date on) const;

  auto operator<=>(const Date&) const = default;
};

// "6 Desember 2026": how an Indonesian officer reads a date.
std::string long_date_id(Date d);
// "Desember 2026": a month as Indonesians write it (report titles).
std::string month_year_id(int year, int month);

}  // namespace ktpel
