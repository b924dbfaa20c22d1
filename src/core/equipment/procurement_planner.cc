#include "core/equipment/procurement_planner.h"

#include <algorithm>
#include <set>

#include "core/common/messages.h"
#include "core/equipment/knapsack.h"
#include "core/text/digit_groups.h"

namespace ktpel {
namespace {

// Bounds that keep every total within int64 (600 candidates × 10 types × 1e13 ≪ 9.2e18).
constexpr int64_t kMaxUnitPrice = 10'000'000'000'000;  // Rp 10 trillion
constexpr int64_t kMaxValue = 1'000'000'000;

std::string rupiah(int64_t v) { return "Rp " + group_thousands(v, ','); }

Error input_error(const std::string& field, const std::string& what) {
  return make_error("PROCUREMENT_INPUT", field, {field, what});
}

// One of each type at the catalogue's price; a type with no price is the caller's to fix.
Result<std::vector<PurchaseLine>> price_lines(const std::string& kecamatan, std::span<const ItemType> types,
                                              const PriceCatalogue& prices) {
  std::vector<PurchaseLine> lines;
  for (ItemType t : types) {
    auto it = prices.find(t);
    if (it == prices.end())
      return make_error("PROCUREMENT_PRICE_MISSING", "prices", {std::string(to_string(t)), kecamatan});
    lines.push_back({t, 1, it->second});
  }
  return lines;
}

int64_t cost_of(const std::vector<PurchaseLine>& lines) {
  int64_t sum = 0;
  for (const auto& l : lines) sum += l.qty * l.unit_price;
  return sum;
}

// Urgency of a replacement: unsupported OS first, then oldest, unknown dates last, then code.
bool more_urgent(const ReplaceCandidate& a, const ReplaceCandidate& b) {
  if (a.past_os_end_of_support != b.past_os_end_of_support) return a.past_os_end_of_support;
  if (a.installed_on.has_value() != b.installed_on.has_value()) return a.installed_on.has_value();
  if (a.installed_on && *a.installed_on != *b.installed_on) return *a.installed_on < *b.installed_on;
  return a.kecamatan < b.kecamatan;
}

}  // namespace

std::string_view to_string(PurchaseReason r) {
  switch (r) {
    case PurchaseReason::Equip: return "equip";
    case PurchaseReason::ReplaceOs: return "replace_os";
    case PurchaseReason::ReplaceOld: return "replace_old";
  }
  return "equip";
}

int64_t Purchase::cost() const { return cost_of(items); }

Result<ProcurementPlan> plan_procurement(int64_t budget, const PriceCatalogue& prices,
                                         std::span<const EquipCandidate> equip,
                                         std::span<const ReplaceCandidate> replace) {
  if (budget < 0) return input_error("budget", "budget must be >= 0");
  for (const auto& [type, price] : prices)
    if (price < 0 || price > kMaxUnitPrice)
      return input_error("prices", std::string(to_string(type)) + " price must be 0.." + rupiah(kMaxUnitPrice));

  // Stage 1 input: candidates by code (the knapsack's tie preference), each priced.
  std::vector<const EquipCandidate*> by_code;
  for (const auto& c : equip) by_code.push_back(&c);
  std::sort(by_code.begin(), by_code.end(), [](auto* a, auto* b) { return a->kecamatan < b->kecamatan; });
  std::vector<std::vector<PurchaseLine>> lines;
  std::vector<KnapsackItem> items;
  for (size_t i = 0; i < by_code.size(); ++i) {
    const EquipCandidate& c = *by_code[i];
    if (c.kecamatan.empty()) return input_error("kecamatan", "every candidate needs a code");
    if (i > 0 && by_code[i - 1]->kecamatan == c.kecamatan) return input_error("kecamatan", c.kecamatan + " is listed twice");
    if (c.missing.empty()) return input_error("missing", c.kecamatan + " misses nothing: it can record");
    if (std::set<ItemType>(c.missing.begin(), c.missing.end()).size() != c.missing.size())
      return input_error("missing", c.kecamatan + " names a type twice");
    if (c.value < 0 || c.value > kMaxValue) return input_error("value", c.kecamatan + ": value must be 0..1,000,000,000");
    auto priced = price_lines(c.kecamatan, c.missing, prices);
    if (!priced) return priced.error();
    items.push_back({cost_of(*priced), c.value});
    lines.push_back(std::move(priced).value());
  }
  std::vector<const ReplaceCandidate*> urgent;
  std::vector<std::vector<PurchaseLine>> replace_lines;
  for (const auto& r : replace) {
    if (r.kecamatan.empty()) return input_error("kecamatan", "every replacement needs a code");
    if (r.types.empty()) return input_error("types", r.kecamatan + ": a set to replace has types");
    urgent.push_back(&r);
  }
  std::stable_sort(urgent.begin(), urgent.end(), [](auto* a, auto* b) { return more_urgent(*a, *b); });
  for (const ReplaceCandidate* r : urgent) {
    auto priced = price_lines(r->kecamatan, r->types, prices);
    if (!priced) return priced.error();
    replace_lines.push_back(std::move(priced).value());
  }

  ProcurementPlan plan;
  plan.budget = budget;
  const std::vector<size_t> chosen = solve_knapsack(items, budget);
  for (size_t i : chosen) {
    Purchase p{by_code[i]->kecamatan, lines[i], PurchaseReason::Equip};
    plan.spent += items[i].cost;
    plan.value += items[i].value;
    plan.explanation.push_back(p.kecamatan + " equipped: " + group_thousands(items[i].value, ',') +
                               " unrecorded wajib KTP for " + rupiah(items[i].cost));
    plan.purchases.push_back(std::move(p));
  }
  if (chosen.size() < items.size())
    plan.explanation.push_back(std::to_string(items.size() - chosen.size()) + " of " + std::to_string(items.size()) +
                               " kecamatan that cannot record left unequipped: no other choice within " +
                               rupiah(budget) + " reaches more people");

  for (size_t i = 0; i < urgent.size(); ++i) {
    const int64_t cost = cost_of(replace_lines[i]);
    if (cost > budget - plan.spent) continue;
    const ReplaceCandidate& r = *urgent[i];
    Purchase p{r.kecamatan, replace_lines[i], r.past_os_end_of_support ? PurchaseReason::ReplaceOs : PurchaseReason::ReplaceOld};
    plan.spent += cost;
    std::string why = r.past_os_end_of_support ? "its OS is past end of support"
                      : r.installed_on         ? "installed " + r.installed_on->iso()
                                               : "installation date unknown";
    plan.explanation.push_back(r.kecamatan + " set replaced (" + why + ") for " + rupiah(cost));
    plan.purchases.push_back(std::move(p));
  }
  plan.explanation.push_back("Spent " + rupiah(plan.spent) + " of " + rupiah(budget) + ", " +
                             rupiah(budget - plan.spent) + " left");
  return plan;
}

}  // namespace ktpel
