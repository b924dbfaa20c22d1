#include "core/equipment/procurement_json.h"

#include <string>

namespace ktpel {

nlohmann::json procurement_json(const ProcurementPlan& plan) {
  nlohmann::json purchases = nlohmann::json::array();
  for (const Purchase& p : plan.purchases) {
    nlohmann::json items = nlohmann::json::array();
    for (const PurchaseLine& l : p.items)
      items.push_back({{"item_type", std::string(to_string(l.item_type))}, {"qty", l.qty}, {"unit_price", l.unit_price}});
    purchases.push_back({{"kecamatan", p.kecamatan}, {"reason", std::string(to_string(p.reason))}, {"items", std::move(items)}});
  }
  return {{"budget", plan.budget},
          {"spent", plan.spent},
          {"value", plan.value},
          {"purchases", std::move(purchases)},
          {"explanation", plan.explanation}};
}

}  // namespace ktpel
