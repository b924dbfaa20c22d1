#include "core/stats/coverage.h"

#include <charconv>

#include "core/registry/wajib_ktp.h"

namespace ktpel {
namespace {

constexpr const char* kNames[] = {"population", "male", "female", "wajib_ktp", "recorded", "recorded_wajib_ktp", "prr",
                                  "suket", "printed", "delivered", "duplicate_record", "stuck", "ikd_activated",
                                  "ikd_eligible", "children", "children_with_akta"};

// Whole years from `birth` to `on` (birthday on 29 Feb counts on 28 Feb in other years).
int age_on(Date birth, Date on) {
  int age = on.year - birth.year;
  if (on < birth.plus_years(age)) --age;
  return age;
}

}  // namespace

std::string_view coverage_name(int index) {
  static std::vector<std::string> names = [] {
    std::vector<std::string> v(std::begin(kNames), std::end(kNames));
    for (int b = 0; b < kAgeBandCount; ++b)
      for (const char* s : {"L", "P"}) v.push_back("band_" + std::to_string(b) + "_" + s);
    return v;
  }();
  return names.at(static_cast<size_t>(index));
}

CoverageCounters coverage_contribution(const CoverageFacts& f, Date as_of) {
  CoverageCounters c{};
  if (!f.alive || as_of < f.birth_date) return c;  // the dead and the unborn count nowhere
  const int age = age_on(f.birth_date, as_of);
  c[kPopulation] = 1;
  c[f.sex == Sex::P ? kFemale : kMale] = 1;
  c[kBandsStart + 2 * std::min(age / 5, kAgeBandCount - 1) + (f.sex == Sex::P ? 1 : 0)] = 1;
  const bool wajib = age >= kWajibKtpAge || f.ever_married;
  c[kWajibKtp] = wajib;
  if (age < kChildAgeLimit) {
    c[kChildren] = 1;
    c[kChildrenWithAkta] = f.has_akta;
  }
  if (f.status && *f.status != EktpStatus::CANCELLED) {
    c[kRecorded] = 1;
    c[kRecordedWajib] = wajib;
    c[kIkdEligible] = 1;
    c[kIkdActivated] = f.ikd_activated;
    switch (*f.status) {
      case EktpStatus::PRR: c[kPrr] = 1; break;
      case EktpStatus::SUKET: c[kSuket] = 1; break;
      case EktpStatus::PRINTED: c[kPrinted] = 1; break;
      case EktpStatus::DELIVERED: c[kDelivered] = 1; break;
      case EktpStatus::DUPLICATE_RECORD: c[kDuplicate] = 1; break;
      default: break;
    }
    if (!is_terminal(*f.status) && as_of.to_days() - f.status_since.to_days() > kStuckAfterDays) c[kStuck] = 1;
  }
  return c;
}

void add_into(CoverageCounters& into, const CoverageCounters& c, int64_t sign) {
  for (size_t i = 0; i < into.size(); ++i) into[i] += sign * c[i];
}

std::vector<Date> birthdays_crossing(Date day) {
  // Ages where some counter changes: every year up to the child limit (the band and wajib
  // boundaries are among them), then each five-year band boundary.
  std::vector<Date> out;
  for (int age = 1; age <= 5 * (kAgeBandCount - 1); ++age)
    if (age <= kChildAgeLimit || age % 5 == 0) {
      const Date born = day.plus_years(-age);
      out.push_back(born);
      // Born on 29 Feb: in a non-leap year the birthday is counted on 28 Feb (plus_years clamps),
      // so on 28 Feb the 29 Feb births of that year cross too.
      if (born.month == 2 && born.day == 28) {
        const Date leap{born.year, 2, 29};
        if (Date::parse_iso(leap.iso())) out.push_back(leap);
      }
    }
  return out;
}

Date stuck_since_crossing(Date day) { return day.plus_days(-(kStuckAfterDays + 1)); }

std::string encode_counters(const CoverageCounters& c) {
  std::string out;
  for (size_t i = 0; i < c.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(c[i]);
  }
  return out;
}

std::optional<CoverageCounters> decode_counters(std::string_view text) {
  CoverageCounters c{};
  size_t i = 0;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  while (p < end && i < c.size()) {
    auto [next, ec] = std::from_chars(p, end, c[i]);
    if (ec != std::errc()) return std::nullopt;
    ++i;
    p = next;
    if (p < end && *p == ',') ++p;
  }
  if (i != c.size()) return std::nullopt;
  return c;
}

}  // namespace ktpel
