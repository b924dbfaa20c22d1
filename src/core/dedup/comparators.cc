#include "core/dedup/comparators.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace ktpel {
namespace {

// Positions of each byte value in a (bit i = a[i]), in a per-thread table that is cleared again
// entry by entry afterwards: zeroing 2 KB per call would cost more than the comparison.
class PatternMasks {
 public:
  explicit PatternMasks(std::string_view a) : a_(a) {
    for (size_t i = 0; i < a.size(); ++i) table()[static_cast<uint8_t>(a[i])] |= uint64_t{1} << i;
  }
  ~PatternMasks() {
    for (char c : a_) table()[static_cast<uint8_t>(c)] = 0;
  }
  PatternMasks(const PatternMasks&) = delete;
  PatternMasks& operator=(const PatternMasks&) = delete;
  uint64_t operator[](char c) const { return table()[static_cast<uint8_t>(c)]; }

 private:
  static std::array<uint64_t, 256>& table() {
    thread_local std::array<uint64_t, 256> t{};
    return t;
  }
  std::string_view a_;
};

uint64_t low_bits(size_t n) { return n >= 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1; }

double winkler(double jaro, std::string_view a, std::string_view b, double scale) {
  size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * scale * (1.0 - jaro);
}

double jaro_from(size_t matches, size_t transpositions, size_t la, size_t lb) {
  if (matches == 0) return 0;
  const double m = static_cast<double>(matches);
  return (m / static_cast<double>(la) + m / static_cast<double>(lb) + (m - static_cast<double>(transpositions) / 2) / m) / 3;
}

}  // namespace

double jaro_winkler_reference(std::string_view a, std::string_view b, double scale) {
  if (a.empty() && b.empty()) return 1;
  if (a.empty() || b.empty()) return 0;
  const size_t window = std::max(a.size(), b.size()) / 2 == 0 ? 0 : std::max(a.size(), b.size()) / 2 - 1;
  std::vector<char> ma(a.size()), mb(b.size());
  size_t matches = 0;
  for (size_t i = 0; i < b.size(); ++i) {
    const size_t lo = i > window ? i - window : 0, hi = std::min(a.size(), i + window + 1);
    for (size_t j = lo; j < hi; ++j)
      if (!ma[j] && a[j] == b[i]) {
        ma[j] = mb[i] = 1;
        ++matches;
        break;
      }
  }
  size_t t = 0, k = 0;
  for (size_t i = 0; i < b.size(); ++i) {
    if (!mb[i]) continue;
    while (!ma[k]) ++k;
    if (a[k] != b[i]) ++t;
    ++k;
  }
  return winkler(jaro_from(matches, t, a.size(), b.size()), a, b, scale);
}

double jaro_winkler(std::string_view a, std::string_view b, double scale) {
  if (a.size() > 64 || b.size() > 64) return jaro_winkler_reference(a, b, scale);
  if (a.empty() && b.empty()) return 1;
  if (a.empty() || b.empty()) return 0;
  const size_t window = std::max(a.size(), b.size()) / 2 == 0 ? 0 : std::max(a.size(), b.size()) / 2 - 1;
  const PatternMasks pm(a);
  uint64_t a_flags = 0, b_flags = 0;
  // For b[i], the first still-unmatched position of the same byte in a within the window.
  // Without branches on the letters: whether a letter matches is as good as random to the
  // processor, and a mispredicted branch per letter cost more than the arithmetic.
  for (size_t i = 0; i < b.size(); ++i) {
    const size_t lo = i > window ? i - window : 0, hi = std::min(a.size(), i + window + 1);
    const uint64_t range = low_bits(hi) & ~low_bits(lo);
    const uint64_t candidates = pm[b[i]] & range & ~a_flags;
    const uint64_t first = candidates & -candidates;  // lowest set bit, 0 when none
    a_flags |= first;
    b_flags |= static_cast<uint64_t>(first != 0) << i;
  }
  const auto matches = static_cast<size_t>(std::popcount(a_flags));
  // Transpositions: walk the matched positions of both in order.
  size_t t = 0;
  uint64_t fa = a_flags, fb = b_flags;
  while (fb) {
    const int i = std::countr_zero(fb), j = std::countr_zero(fa);
    t += b[static_cast<size_t>(i)] != a[static_cast<size_t>(j)];
    fb &= fb - 1, fa &= fa - 1;
  }
  return winkler(jaro_from(matches, t, a.size(), b.size()), a, b, scale);
}

int osa_distance_reference(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i)
    for (size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[n][m];
}

int osa_distance(std::string_view a, std::string_view b) {
  if (a.size() > 64) return osa_distance_reference(a, b);
  if (a.empty()) return static_cast<int>(b.size());
  const PatternMasks pm(a);
  const uint64_t last = uint64_t{1} << (a.size() - 1);
  uint64_t vp = ~uint64_t{0}, vn = 0, d0 = 0, pm_old = 0;
  int dist = static_cast<int>(a.size());
  for (char c : b) {
    const uint64_t pmj = pm[c];
    const uint64_t tr = (((~d0) & pmj) << 1) & pm_old;
    d0 = (((pmj & vp) + vp) ^ vp) | pmj | vn;
    d0 |= tr;
    uint64_t hp = vn | ~(d0 | vp);
    uint64_t hn = d0 & vp;
    dist += static_cast<int>((hp & last) != 0) - static_cast<int>((hn & last) != 0);
    hp = (hp << 1) | 1;
    hn <<= 1;
    vp = hn | ~(d0 | hp);
    vn = hp & d0;
    pm_old = pmj;
  }
  return dist;
}

double token_set_similarity(const TokenList& a, const TokenList& b) {
  if (a.empty() || b.empty()) return a.empty() && b.empty() ? 1 : 0;
  const auto& small = a.size() <= b.size() ? a : b;
  const auto& large = a.size() <= b.size() ? b : a;
  double sum = 0;
  for (std::string_view s : small) {
    double best = 0;
    for (std::string_view l : large) {
      if (s == l) {  // a shared token (a family name, "muhammad"): 1, no token can do better
        best = 1;
        break;
      }
      best = std::max(best, jaro_winkler(s, l));
    }
    sum += best;
  }
  return sum / static_cast<double>(small.size());
}

bool initials_compatible(const TokenList& a, const TokenList& b) {
  auto has_initial = [](const TokenList& v) {
    return std::any_of(v.begin(), v.end(), [](std::string_view t) { return t.size() == 1; });
  };
  if (a.size() != b.size() || (!has_initial(a) && !has_initial(b))) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].empty() || b[i].empty()) return false;
    if (a[i].size() == 1 || b[i].size() == 1) {
      if (a[i][0] != b[i][0]) return false;
    } else if (a[i] != b[i]) {
      return false;
    }
  }
  return true;
}

std::string_view to_string(DateAgreement d) {
  switch (d) {
    case DateAgreement::Exact: return "exact";
    case DateAgreement::DayMonthSwapped: return "day_month_swapped";
    case DateAgreement::OneDigit: return "one_digit";
    case DateAgreement::Placeholder: return "placeholder";
    case DateAgreement::SameYear: return "same_year";
    case DateAgreement::Different: return "different";
  }
  return "?";
}

DateAgreement compare_dates(Date a, Date b) {
  if (a == b) return DateAgreement::Exact;
  if (a.year == b.year && a.month == b.day && a.day == b.month) return DateAgreement::DayMonthSwapped;
  // Digits of YYYYMMDD that differ (on the hot path of every compared pair: arithmetic, no text).
  auto differing_digits = [](int x, int y, int width) {
    int differ = 0;
    for (int k = 0; k < width; ++k, x /= 10, y /= 10) differ += x % 10 != y % 10;
    return differ;
  };
  const int differ = differing_digits(((a.year % 10000) + 10000) % 10000, ((b.year % 10000) + 10000) % 10000, 4) +
                     differing_digits(a.month, b.month, 2) + differing_digits(a.day, b.day, 2);
  if (differ == 1) return DateAgreement::OneDigit;
  auto placeholder = [](Date d) { return (d.month == 1 && d.day == 1) || (d.month == 12 && d.day == 31); };
  if (a.year == b.year && placeholder(a) != placeholder(b)) return DateAgreement::Placeholder;
  if (a.year == b.year) return DateAgreement::SameYear;
  return DateAgreement::Different;
}

double distance_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = 3.14159265358979323846 / 180, kEarth = 6371.0;
  const double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarth * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace ktpel
