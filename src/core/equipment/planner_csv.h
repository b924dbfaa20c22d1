// The small input files of the equipment planners: the price catalogue (header exactly
// item_type,unit_price, rupiah) and a demand file (header exactly kecamatan,people) that stands in
// for the coverage counters. Every bad row is listed with its line and field.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/equipment/inventory_csv.h"
#include "core/equipment/procurement_planner.h"

namespace ktpel {

struct CatalogueFile {
  PriceCatalogue prices;
  std::vector<InventoryProblem> problems;
};
CatalogueFile parse_price_catalogue(std::string_view text);

struct DemandFile {
  std::map<std::string, int64_t> people;  // kecamatan -> people
  std::vector<InventoryProblem> problems;
};
// kecamatan_known: whether a code is a kecamatan of the region planned.
DemandFile parse_demand(std::string_view text, const std::function<bool(std::string_view)>& kecamatan_known);

}  // namespace ktpel
