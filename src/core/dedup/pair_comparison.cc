#include "core/dedup/pair_comparison.h"

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "core/dedup/comparators.h"

namespace ktpel {
namespace {

// Tokens that are one person's: equal, an initial of the other, Muhammad and an M name, or (four
// letters and more) one slip of the pen apart.
bool same_token(std::string_view t, std::string_view u) {
  if (t == u) return true;
  // A bare "M." reads as Muhammad (the normaliser's rule), but it may be the initial of any M name.
  if ((t == "muhammad" && u.front() == 'm') || (u == "muhammad" && t.front() == 'm')) return true;
  if (t.size() == 1 || u.size() == 1) return t.front() == u.front();
  return t.size() >= 4 && u.size() >= 4 && osa_distance(t, u) <= 1;
}

// Is every token of the shorter name in the longer one? "siti aminah" and "aminah", "m rizki" and
// "muhammad rizki", "s sastuti" and "sakura wastuti".
bool contained(const TokenList& a, const TokenList& b) {
  const auto& small = a.size() <= b.size() ? a : b;
  const auto& large = a.size() <= b.size() ? b : a;
  if (small.empty()) return false;
  for (std::string_view t : small) {
    bool found = false;
    for (std::string_view u : large)
      if (same_token(t, u)) {
        found = true;
        break;
      }
    if (!found) return false;
  }
  return true;
}

// Name-level thresholds, shared with names_very_close (which must agree with name_level).
constexpr double kTokenGate = 0.7;   // names below this on both the keys and the sorted keys share too little
constexpr double kVeryClose = 0.95;  // Jaro-Winkler from which names are "very close"

// Do the names' token counts allow the token-by-token comparison? (Reordered names.)
bool token_gate(const PreparedRecord& a, const PreparedRecord& b, double jw) {
  const bool one_token = a.name_token_count == 1 && b.name_token_count == 1;
  const bool counts_differ = a.name_token_count != b.name_token_count;
  return !one_token && !counts_differ && (jw >= kTokenGate || jaro_winkler(a.name_sorted(), b.name_sorted()) >= kTokenGate);
}

// One slip of the pen between the keys: level 4 from five letters, 3 below.
int one_slip_level(const PreparedRecord& a, const PreparedRecord& b, double jw) {
  const size_t shorter = std::min(a.name_key().size(), b.name_key().size());
  const size_t longer = std::max(a.name_key().size(), b.name_key().size());
  if (longer - shorter <= 1 && shorter >= 3 && (jw >= kTokenGate || longer <= 6) && osa_distance(a.name_key(), b.name_key()) <= 1)
    return shorter >= 5 ? 4 : 3;  // "yusuf" / "ysuf" is only close
  return 0;
}

uint8_t name_level(const PreparedRecord& a, const PreparedRecord& b, PairLevels& out) {
  if (a.name_key().empty() || b.name_key().empty()) return 0;
  if (same_text(a.name_key(), a.name_id, b.name_key(), b.name_id)) {
    out.name_similarity = 1;
    out.name_contained = true;
    return 5;
  }
  // Cheapest tests first: most candidate pairs have plainly different names.
  const bool counts_differ = a.name_token_count != b.name_token_count;
  // The tokens only when a test below needs them (most pairs are decided without).
  std::optional<TokenList> a_split, b_split;
  auto split = [&] {
    if (!a_split) a_split.emplace(a.name_key()), b_split.emplace(b.name_key());
  };
  double jw = jaro_winkler(a.name_key(), b.name_key());
  // Reordered names compare token by token, not as sorted strings: sorted, a shared family name
  // comes first and earns Jaro-Winkler's prefix bonus ("manurung ricky" / "manurung widya" 0.91).
  // The sorted strings' similarity stays the cheap gate: below 0.7 on both forms the names share
  // too little for the token comparison to matter (most candidate pairs).
  double ts = -1;
  if (token_gate(a, b, jw)) jw = std::max(jw, ts = (split(), token_set_similarity(*a_split, *b_split)));
  out.name_similarity = jw;
  const bool initials = a.name_initials || b.name_initials;
  if (counts_differ || initials || jw >= 0.8) out.name_contained = (split(), contained(*a_split, *b_split));
  if (a.name_sorted() == b.name_sorted() || a.name_phonetic() == b.name_phonetic()) return 4;
  // A space left out or put in ("Bambangsugeng", "Sulistyo Wati"): the same letters.
  if (a.name_compact() == b.name_compact()) {
    out.name_contained = true;
    return 4;
  }
  if (jw >= kVeryClose) return 4;
  if (const int slip = one_slip_level(a, b, jw)) return static_cast<uint8_t>(slip);
  if (out.name_contained || (initials && (split(), initials_compatible(*a_split, *b_split)))) return 3;
  // One name's letters are a run of the other's, spaces aside ("Jamaludin" in "Idris Jamal Udin").
  {
    const std::string_view s = a.name_compact().size() <= b.name_compact().size() ? a.name_compact() : b.name_compact();
    const std::string_view l = a.name_compact().size() <= b.name_compact().size() ? b.name_compact() : a.name_compact();
    if (s.size() >= 6 && s.size() < l.size() && l.find(s) != std::string_view::npos) {
      out.name_contained = true;
      return 3;
    }
  }
  if (jw >= 0.90) return 3;
  if (ts < 0) ts = (counts_differ || jw >= kTokenGate) ? (split(), token_set_similarity(*a_split, *b_split)) : 0.0;
  if (ts >= 0.95) return 3;
  if (jw >= 0.80 || ts >= 0.85) return 2;
  return 1;
}

}  // namespace

bool names_very_close(const PreparedRecord& a, const PreparedRecord& b) {
  if (a.name_key().empty() || b.name_key().empty()) return false;
  if (same_text(a.name_key(), a.name_id, b.name_key(), b.name_id)) return true;
  if (a.name_sorted() == b.name_sorted() || a.name_phonetic() == b.name_phonetic() || a.name_compact() == b.name_compact())
    return true;
  // Jaro-Winkler is at most 0.6 j + 0.4 (a prefix of four), and Jaro at most (2 + shorter/longer) / 3:
  // keys whose lengths differ by a quarter cannot be very close as wholes, and are not one slip
  // apart; only equal token counts could still be, token by token.
  const size_t la = a.name_key().size(), lb = b.name_key().size();
  const bool counts_differ = a.name_token_count != b.name_token_count;
  if (counts_differ && 4 * std::min(la, lb) < 3 * std::max(la, lb)) return false;
  double jw = jaro_winkler(a.name_key(), b.name_key());
  if (jw >= kVeryClose) return true;
  if (token_gate(a, b, jw)) {
    const TokenList at(a.name_key()), bt(b.name_key());
    jw = std::max(jw, token_set_similarity(at, bt));
    if (jw >= kVeryClose) return true;
  }
  return one_slip_level(a, b, jw) == 4;
}

namespace {

// Is the shorter name whole tokens of the longer? A mother known by her first name only ("Silvia"
// for "Silvia Yolanda"), a father given by bin/binti ("bin Maman" for "Maman Pangestu").
bool token_part(std::string_view a, std::string_view b) {
  const std::string_view s = a.size() <= b.size() ? a : b;
  const std::string_view l = a.size() <= b.size() ? b : a;
  if (s.size() < 3) return false;
  for (size_t at = l.find(s); at != std::string_view::npos; at = l.find(s, at + 1))
    if ((at == 0 || l[at - 1] == ' ') && (at + s.size() == l.size() || l[at + s.size()] == ' ')) return true;
  return false;
}

uint8_t parent_level(std::string_view a, uint64_t a_id, std::string_view ap, uint64_t ap_id, std::string_view b,
                     uint64_t b_id, std::string_view bp, uint64_t bp_id) {
  if (a.empty() || b.empty()) return 0;
  if (same_text(a, a_id, b, b_id)) return 4;
  if (same_text(ap, ap_id, bp, bp_id) || (ap.empty() && bp.empty())) return 3;
  const double jw = jaro_winkler(a, b);
  if (jw >= 0.93 || token_part(a, b)) return 3;
  if (jw >= 0.85) return 2;
  return 1;
}

}  // namespace

uint8_t birth_date_level(const std::optional<Date>& a, const std::optional<Date>& b) {
  if (!a || !b) return 0;
  const DateAgreement d = compare_dates(*a, *b);
  switch (d) {
    case DateAgreement::Exact: return 5;
    case DateAgreement::DayMonthSwapped:
    case DateAgreement::OneDigit: return 4;
    case DateAgreement::Placeholder: return 3;
    default: break;
  }
  // Near misses a clerk makes: a day or two off ("29" for "30"), or the year off by one.
  if (std::abs(a->to_days() - b->to_days()) <= 2) return 4;
  if (a->month == b->month && a->day == b->day && std::abs(a->year - b->year) == 1) return 4;
  return d == DateAgreement::SameYear ? 2 : 1;
}

namespace {

uint8_t place_level(std::string_view a, uint64_t a_id, std::string_view b, uint64_t b_id) {
  if (a.empty() || b.empty()) return 0;
  if (same_text(a, a_id, b, b_id)) return 3;
  return jaro_winkler(a, b) >= 0.88 ? 2 : 1;
}

uint8_t region_level(const PreparedRecord& a, const PreparedRecord& b, PairLevels& out) {
  if (a.village_code().size() >= 8 && b.village_code().size() >= 8 && a.village_code().substr(0, 8) == b.village_code().substr(0, 8)) {
    out.distance_km = 0;
    return 4;  // same kecamatan
  }
  if (std::isnan(a.lat) || std::isnan(b.lat)) return 0;
  const double km = distance_km(a.lat, a.lon, b.lat, b.lon);
  out.distance_km = static_cast<float>(km);
  if (km <= 10) return 4;
  if (km <= 50) return 3;
  if (km <= 300) return 2;
  return 1;
}

}  // namespace

std::string_view field_name(DedupField f) {
  static constexpr std::string_view names[] = {"name", "birth_date", "sex", "mother", "father", "birth_place", "region"};
  return names[f];
}

std::string_view level_name(DedupField f, int level) {
  if (level == 0) return "missing";
  switch (f) {
    case kName: {
      static constexpr std::string_view n[] = {"", "different", "weak", "close", "very-close", "exact"};
      return n[level];
    }
    case kBirthDate: {
      static constexpr std::string_view n[] = {"", "different", "same-year", "placeholder", "swap-or-digit", "exact"};
      return n[level];
    }
    case kSex: return level == 2 ? "same" : "different";
    case kMother:
    case kFather: {
      static constexpr std::string_view n[] = {"", "different", "weak", "close", "exact"};
      return n[level];
    }
    case kBirthPlace: {
      static constexpr std::string_view n[] = {"", "different", "close", "exact"};
      return n[level];
    }
    case kRegion: {
      static constexpr std::string_view n[] = {"", "over-300km", "50-300km", "10-50km", "within-10km"};
      return n[level];
    }
    default: return "?";
  }
}

PairLevels compare_names(const PreparedRecord& a, const PreparedRecord& b) {
  PairLevels p;
  compare_names(a, b, p);
  return p;
}

void compare_names(const PreparedRecord& a, const PreparedRecord& b, PairLevels& p) {
  p.name_contained = false;
  p.name_similarity = 0;
  p.level[kName] = name_level(a, b, p);
}

PairLevels compare_records(const PreparedRecord& a, const PreparedRecord& b) {
  PairLevels p = compare_names(a, b);
  compare_parents(a, b, p);
  compare_rest(a, b, p);
  return p;
}

void compare_parents(const PreparedRecord& a, const PreparedRecord& b, PairLevels& p) {
  p.level[kMother] = parent_level(a.mother_key(), a.mother_id, a.mother_phonetic(), a.mother_sound_id, b.mother_key(),
                                  b.mother_id, b.mother_phonetic(), b.mother_sound_id);
  p.level[kFather] = parent_level(a.father_key(), a.father_id, a.father_phonetic(), a.father_sound_id, b.father_key(),
                                  b.father_id, b.father_phonetic(), b.father_sound_id);
}

void compare_rest(const PreparedRecord& a, const PreparedRecord& b, PairLevels& p) {
  p.level[kBirthDate] = birth_date_level(a.dob, b.dob);
  p.level[kSex] = (a.sex == 0 || b.sex == 0) ? 0 : (a.sex == b.sex ? 2 : 1);
  p.level[kBirthPlace] = place_level(a.place(), a.place_id, b.place(), b.place_id);
  p.same_kk = same_kk(a, b);
  p.level[kRegion] = region_level(a, b, p);
}

}  // namespace ktpel
