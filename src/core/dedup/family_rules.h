// Family evidence that overrides the score: relatives look alike on paper (same parents, place,
// often the same birthday or even the same name) but are different people. A pair caught here is
// never a duplicate, however high its Fellegi-Sunter weight. What separates relatives from a
// second registration of one person is the household: twins and siblings share a KK and a
// dwelling, while a person registered twice is nearly always on another KK, often elsewhere.
//  - same KK, different names: siblings (twins included) or other family in one household;
//  - same KK or dwelling, born apart (more than a clerk's slip of the date): siblings, even of one
//    name (a given name plus the family's marga, a child named after a sibling who died);
//  - the same parents, born nine months or more apart (and in another year): siblings who now
//    live apart;
//  - one record's name is the other's father's or mother's name (and they do not share that parent):
//    a parent and a child, e.g. a father and a son of one name;
//  - same birth date and the same parents but names that are not variants of each other: twins
//    (in one household a smaller difference suffices than between two households);
//  - the same name but birth years a generation apart: a father and a son (or namesakes).
#pragma once
#include <string_view>

#include "core/dedup/dedup_record.h"
#include "core/dedup/pair_comparison.h"

namespace ktpel {

enum class FamilyVerdict : uint8_t { None, SameKk, ParentChild, Twins, Generations, Siblings };

std::string_view to_string(FamilyVerdict v);
FamilyVerdict family_verdict(const PreparedRecord& a, const PreparedRecord& b, const PairLevels& p);
// Siblings seen without comparing names (one KK or dwelling and born apart, or the very same
// parents' names and nine months or more apart): family_verdict would say so too. Large families
// bring many such pairs into the parents' blocks; they are set aside before the text comparison.
bool plainly_siblings(const PreparedRecord& a, const PreparedRecord& b);
// The same with the pair's birth-date level already known.
bool plainly_siblings(const PreparedRecord& a, const PreparedRecord& b, int date_level);

}  // namespace ktpel
