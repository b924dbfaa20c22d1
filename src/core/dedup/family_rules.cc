#include "core/dedup/family_rules.h"

#include <cstdlib>

#include "core/dedup/comparators.h"

namespace ktpel {
namespace {

bool parent_of(const PreparedRecord& parent, const PreparedRecord& child) {
  if (parent.name_key.empty()) return false;
  if (parent.name_key == child.father_key && parent.father_key != child.father_key) return true;
  if (parent.name_key == child.mother_key && parent.mother_key != child.mother_key) return true;
  return false;
}

constexpr int kGeneration = 12;  // years: younger than this apart is not a parent and child

}  // namespace

std::string_view to_string(FamilyVerdict v) {
  switch (v) {
    case FamilyVerdict::None: return "none";
    case FamilyVerdict::SameKk: return "same KK (family members)";
    case FamilyVerdict::ParentChild: return "parent and child";
    case FamilyVerdict::Twins: return "twins (same birth date and parents)";
    case FamilyVerdict::Generations: return "same name a generation apart";
  }
  return "?";
}

FamilyVerdict family_verdict(const PreparedRecord& a, const PreparedRecord& b, const PairLevels& p) {
  const int name = p.level[kName];
  if (!a.kk.empty() && a.kk == b.kk && name < 5) return FamilyVerdict::SameKk;
  if (parent_of(a, b) || parent_of(b, a)) return FamilyVerdict::ParentChild;
  if (a.dob && b.dob && std::abs(a.dob->year - b.dob->year) >= kGeneration && p.level[kBirthDate] <= 1)
    return name >= 3 ? FamilyVerdict::Generations : FamilyVerdict::None;
  const int mother = p.level[kMother], father = p.level[kFather];
  const bool parents_agree = (mother >= 3 || father >= 3) && mother != 1 && father != 1;
  // Twins' names differ by more than a slip of the pen: two or more edits, and a given name with no
  // close counterpart ("Hasan Basri" / "Husain Basri"; not "Citra Handayani" / "I. Tjitra Handajani").
  if (p.level[kBirthDate] == 5 && parents_agree && name <= 3 && !p.name_contained &&
      osa_distance(a.name_key, b.name_key) >= 2 && token_set_similarity(a.name_tokens, b.name_tokens) < 0.95)
    return FamilyVerdict::Twins;
  return FamilyVerdict::None;
}

}  // namespace ktpel
