// Whether a kecamatan can record: the one place the rule lives. A working recording set is one
// active item of each type of the set's composition (a setting; by default PC, fingerprint
// scanner, iris scanner, camera, signature pad and UPS), so the kecamatan's working sets are the
// least count, over those types, of its active items; it can record iff that is at least one.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/equipment/equipment_item.h"

namespace ktpel {

struct SetComposition {
  std::vector<ItemType> types;
  static SetComposition standard();
  // "PC,FINGERPRINT_SCANNER,..." (the setting's text); an unknown or repeated type is an error.
  static Result<SetComposition> parse(std::string_view text);
  std::string text() const;
};

struct RecordingSets {
  int64_t sets = 0;
  std::vector<ItemType> missing;  // the composition's types with no active item, in its order
  bool can_record() const { return sets >= 1; }
};

// Over the items of one kecamatan (others are ignored by the caller).
RecordingSets working_sets(std::span<const EquipmentItem> items, const SetComposition& composition);

}  // namespace ktpel
