// Procurement under a budget (issue [10]): which kecamatan offices that cannot record to equip
// first, and which old working sets to replace with what money is left.
//
// Stage 1 is exact: the kecamatan equipped are those whose unrecorded wajib-KTP people add up
// to the most the budget can buy (0/1 knapsack, core/equipment/knapsack.h). Ties go to the lower
// cost, then to the smaller codes. A greedy "most people per rupiah" would leave money idle and
// people unrecorded whenever the sets do not divide the budget evenly.
// Stage 2 is greedy, on purpose: the remainder replaces whole working sets in order of urgency —
// past the OS's end of support first, then the oldest installed (an unknown date after every
// known one), then by code — buying each the remainder still pays for and passing over those it
// does not. Replacing has no people-count to maximise; the order is the policy.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "core/common/error.h"
#include "core/equipment/equipment_item.h"

namespace ktpel {

using PriceCatalogue = std::map<ItemType, int64_t>;  // unit price, rupiah

// A kecamatan that cannot record: one of each missing type makes it record again.
struct EquipCandidate {
  std::string kecamatan;
  std::vector<ItemType> missing;  // RecordingSets::missing
  int64_t value = 0;              // unrecorded wajib-KTP people there
};

// A working set that could be renewed: all the types of the composition are bought again.
struct ReplaceCandidate {
  std::string kecamatan;
  std::optional<Date> installed_on;
  bool past_os_end_of_support = false;
  std::vector<ItemType> types;
};

enum class PurchaseReason { Equip, ReplaceOs, ReplaceOld };
std::string_view to_string(PurchaseReason r);  // "equip" | "replace_os" | "replace_old"

struct PurchaseLine {
  ItemType item_type = ItemType::Pc;
  int64_t qty = 0;
  int64_t unit_price = 0;
};

struct Purchase {
  std::string kecamatan;
  std::vector<PurchaseLine> items;
  PurchaseReason reason = PurchaseReason::Equip;
  int64_t cost() const;
};

struct ProcurementPlan {
  int64_t budget = 0, spent = 0;
  int64_t value = 0;  // unrecorded wajib-KTP people of the kecamatan equipped
  std::vector<Purchase> purchases;  // the equipped (by code), then the replacements in order
  std::vector<std::string> explanation;
};

// Errors (field named): a negative budget, price or value, a repeated or empty candidate code, a
// candidate missing nothing, or a type to buy with no price in the catalogue
// (PROCUREMENT_PRICE_MISSING names the type and the kecamatan).
Result<ProcurementPlan> plan_procurement(int64_t budget, const PriceCatalogue& prices,
                                         std::span<const EquipCandidate> equip,
                                         std::span<const ReplaceCandidate> replace);

}  // namespace ktpel
