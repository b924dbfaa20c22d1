#include "core/dedup/family_rules.h"

#include <algorithm>
#include <cstdlib>

#include "core/dedup/comparators.h"

namespace ktpel {
namespace {

bool parent_of(const PreparedRecord& parent, const PreparedRecord& child) {
  if (parent.name_key().empty()) return false;
  if (parent.name_key() == child.father_key() && parent.father_key() != child.father_key()) return true;
  if (parent.name_key() == child.mother_key() && parent.mother_key() != child.mother_key()) return true;
  return false;
}

constexpr int kGeneration = 12;  // years: younger than this apart is not a parent and child
constexpr int kSiblingGap = 270;  // days: same parents this far apart are two children (a pregnancy)

// "Muhammad" as clerks write it, in full or cut short ("Mokhamad", "Moch", "Muh", "Mhd"): says
// nothing about which given name a person has.
bool muhammad_like(std::string_view t) {
  if (t.size() >= 6) return t.front() == 'm' && (osa_distance(t, "muhammad") <= 3 || osa_distance(t, "mohammad") <= 3);
  return t.size() >= 2 && t.size() <= 4 && t.front() == 'm' && std::string_view("ouhc").find(t[1]) != std::string_view::npos &&
         t.find_first_of("hckz", 1) != std::string_view::npos;
}

bool vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

// A boy's and a girl's form of one name: the same word but its last vowel ("Putra" / "Putri",
// "Dewa" / "Dewi", "Rizky" / "Rizka"), or with a vowel added ("Nur" / "Nuri") — how parents name
// twins of two sexes.
bool gendered_pair(const TokenList& a, const TokenList& b) {
  for (std::string_view t : a)
    for (std::string_view u : b)
      if (t.size() == u.size() && t.size() >= 3 && t.back() != u.back() && vowel(t.back()) && vowel(u.back()) &&
          t.compare(0, t.size() - 1, u, 0, u.size() - 1) == 0)
        return true;
      else if (t.size() + 1 == u.size() && t.size() >= 3 && vowel(u.back()) && u.compare(0, t.size(), t) == 0)
        return true;  // "Nur" / "Nuri": the name with a vowel added
  return false;
}

// Does one name hold a given name the other lacks entirely (no counterpart within two edits, no
// initial of it)? "Hasan Basri" / "Husni Basri" hold different given names; "Sarjono" / "Saryoo"
// and "Titi Puspita" / "Puspita Iti" are one name written twice.
bool distinct_given_name(const TokenList& a, const TokenList& b) {
  auto lacks = [](const TokenList& x, const TokenList& y) {
    for (const auto& t : x) {
      if (t.size() < 3 || muhammad_like(t)) continue;
      bool found = false;
      for (const auto& u : y) {
        if (u.size() == 1 ? u.front() == t.front() : osa_distance(t, u) <= (std::min(t.size(), u.size()) >= 5 ? 2 : 1)) {
          found = true;
          break;
        }
      }
      if (!found) return true;
    }
    return false;
  };
  return lacks(a, b) && lacks(b, a);
}

}  // namespace

std::string_view to_string(FamilyVerdict v) {
  switch (v) {
    case FamilyVerdict::None: return "none";
    case FamilyVerdict::SameKk: return "same KK (family members)";
    case FamilyVerdict::ParentChild: return "parent and child";
    case FamilyVerdict::Twins: return "twins (same birth date and parents)";
    case FamilyVerdict::Generations: return "same name a generation apart";
    case FamilyVerdict::Siblings: return "siblings (same household or parents, born apart)";
  }
  return "?";
}

FamilyVerdict family_verdict(const PreparedRecord& a, const PreparedRecord& b, const PairLevels& p) {
  const int name = p.level[kName], date = p.level[kBirthDate];
  const bool one_kk = same_kk(a, b);
  const bool home = same_household(a, b);
  if (one_kk && name < 5) return FamilyVerdict::SameKk;
  if (parent_of(a, b) || parent_of(b, a)) return FamilyVerdict::ParentChild;
  const int years = a.dob && b.dob ? std::abs(a.dob->year - b.dob->year) : 0;
  if (years >= kGeneration && date <= 1 && name >= 3) return FamilyVerdict::Generations;
  // Born apart: more than a swapped day and month, a digit or a few days (levels 1-2).
  const bool born_apart = a.dob && b.dob && (date == 1 || date == 2);
  if (home && born_apart) return FamilyVerdict::Siblings;
  const int mother = p.level[kMother], father = p.level[kFather];
  const bool parents_agree = (mother >= 3 || father >= 3) && mother != 1 && father != 1;
  if (parents_agree && date == 1 && std::abs(a.dob->to_days() - b.dob->to_days()) >= kSiblingGap)
    return FamilyVerdict::Siblings;
  if (date == 5 && parents_agree) {
    // Twins of two sexes living apart, named as a pair ("Putra" / "Putri") or with names no more
    // than close: a duplicate would need a sex slip and a name slip at once.
    if (p.level[kSex] == 1 && (name <= 3 || (name == 4 && gendered_pair(a.name_tokens(), b.name_tokens()))))
      return FamilyVerdict::Twins;
    // Otherwise twins' names differ by more than a slip of the pen: two or more edits and each
    // name holds a given name the other lacks ("Hasan Basri" / "Husni Basri"; not "Sarjono" /
    // "Saryoo", not "Citra Handayani" / "I. Tjitra Handajani"). Twins on one KK are caught above.
    // (A shared family name can lift the similarity of the whole names to "very close".)
    if (name < 5 && !p.name_contained && distinct_given_name(a.name_tokens(), b.name_tokens())) return FamilyVerdict::Twins;
  }
  return FamilyVerdict::None;
}

bool plainly_siblings(const PreparedRecord& a, const PreparedRecord& b) {
  return plainly_siblings(a, b, birth_date_level(a.dob, b.dob));
}

bool plainly_siblings(const PreparedRecord& a, const PreparedRecord& b, int date) {
  if (!a.dob || !b.dob) return false;
  if (date != 1 && date != 2) return false;
  if (same_household(a, b)) return true;
  if (date != 1 || std::abs(a.dob->to_days() - b.dob->to_days()) < kSiblingGap) return false;
  // The same parents' names as written (a missing one says nothing), at least one of them present.
  const bool mother = same_text(a.mother_key(), a.mother_id, b.mother_key(), b.mother_id);
  const bool father = same_text(a.father_key(), a.father_id, b.father_key(), b.father_id);
  const bool mother_ok = mother || a.mother_id == 0 || b.mother_id == 0;  // ids: 0 for no name
  const bool father_ok = father || a.father_id == 0 || b.father_id == 0;
  return (mother || father) && mother_ok && father_ok;
}

}  // namespace ktpel
