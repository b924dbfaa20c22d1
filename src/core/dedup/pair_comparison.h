// Compares two prepared records field by field into Fellegi-Sunter agreement levels (0 = a value
// is missing on one side: the field says nothing). The levels and their thresholds are the
// comparison design of docs/dedup.md; each level has a name for the explanation of a pair.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/dedup/dedup_record.h"

namespace ktpel {

enum DedupField : uint8_t { kName, kBirthDate, kSex, kMother, kFather, kBirthPlace, kRegion, kDedupFieldCount };

// Levels per field, the missing level 0 included.
inline constexpr std::array<int, kDedupFieldCount> kDedupLevels = {6, 6, 3, 5, 5, 4, 5};
// Fields that carry Fellegi-Sunter weight. The region is shown in explanations but not weighed:
// it is far from independent of the birth place among different people (locals are born locally),
// and EM reads that correlation as a class of its own; duplicates are also often recorded far
// from the first office.
inline constexpr std::array<bool, kDedupFieldCount> kWeighed = {true, true, true, true, true, true, false};
// The top level of each field: exact agreement (where term frequencies apply).
inline constexpr std::array<int, kDedupFieldCount> kExactLevel = {5, 5, 2, 4, 4, 3, 4};

std::string_view field_name(DedupField f);
std::string_view level_name(DedupField f, int level);

struct PairLevels {
  std::array<uint8_t, kDedupFieldCount> level{};
  bool name_contained = false;  // one name is the other with tokens dropped, abbreviated or reordered
  bool same_kk = false;         // both on one family card (KK)
  double name_similarity = 0;   // best Jaro-Winkler of the name keys (explanations)
  float distance_km = -1;       // between the records' centroids, -1 unknown
};

PairLevels compare_records(const PreparedRecord& a, const PreparedRecord& b);
// The same in steps: the name (the costliest field), the parents, the rest (date, sex, place,
// region), in any order; the engine bounds a pair's weight between the steps.
PairLevels compare_names(const PreparedRecord& a, const PreparedRecord& b);
void compare_names(const PreparedRecord& a, const PreparedRecord& b, PairLevels& p);
void compare_parents(const PreparedRecord& a, const PreparedRecord& b, PairLevels& p);
void compare_rest(const PreparedRecord& a, const PreparedRecord& b, PairLevels& p);
// Is the name level "very close" or "exact" (4 or more)? The same answer as compare_names, without
// the measures that only tell the lower levels apart: for pairs that nothing less could keep.
bool names_very_close(const PreparedRecord& a, const PreparedRecord& b);
// The birth-date level alone (cheap: no text), for bounding a pair's weight before comparing it.
uint8_t birth_date_level(const std::optional<Date>& a, const std::optional<Date>& b);

}  // namespace ktpel
