// The inventory file of `ktpel equipment import`: header exactly
// office,item_type,serial,vendor,model,installed_on,status. Parsed whole before anything is
// written, so the import is all or nothing and every bad row is listed with its line and field.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "core/common/error.h"
#include "core/equipment/equipment_item.h"

namespace ktpel {

inline constexpr std::string_view kInventoryHeader = "office,item_type,serial,vendor,model,installed_on,status";
// A card printer imported without a capacity gets the middle of the 100-250 cards a day the
// field reports; `ktpel printer` sets the real figure.
inline constexpr int64_t kDefaultImportedCardsPerDay = 150;

struct InventoryProblem {
  uint64_t line = 0;
  Error error;  // error.field names the column
};

struct InventoryFile {
  std::vector<EquipmentItem> items;
  std::vector<uint64_t> lines;  // each item's line
  std::vector<InventoryProblem> problems;
};

// office_known: whether a code is a region of the catalogue. installed_on after `today` is refused.
InventoryFile parse_inventory_csv(std::string_view text, Date today,
                                  const std::function<bool(std::string_view)>& office_known);

}  // namespace ktpel
