// Family evidence that overrides the score: relatives look alike on paper (same parents, place,
// often the same birthday or even the same name) but are different people. A pair caught here is
// never a duplicate, however high its Fellegi-Sunter weight:
//  - same KK, different names: siblings (twins included) or other family in one household;
//  - one record's name is the other's father's or mother's name (and they do not share that parent):
//    a parent and a child, e.g. a father and a son of one name;
//  - same birth date and the same parents but names that are not variants of each other: twins;
//  - the same name but birth years a generation apart: a father and a son (or namesakes).
#pragma once
#include <string_view>

#include "core/dedup/dedup_record.h"
#include "core/dedup/pair_comparison.h"

namespace ktpel {

enum class FamilyVerdict : uint8_t { None, SameKk, ParentChild, Twins, Generations };

std::string_view to_string(FamilyVerdict v);
FamilyVerdict family_verdict(const PreparedRecord& a, const PreparedRecord& b, const PairLevels& p);

}  // namespace ktpel
