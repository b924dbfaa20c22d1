// The procurement plan as JSON, the shape the CLI and API hand out:
// {"budget","spent","value","purchases":[{"kecamatan","reason","items":[{"item_type","qty",
// "unit_price"}]}],"explanation":[...]}. Rupiah and people are JSON integers (exact to 2^53).
#pragma once
#include <nlohmann/json.hpp>

#include "core/equipment/procurement_planner.h"

namespace ktpel {

nlohmann::json procurement_json(const ProcurementPlan& plan);

}  // namespace ktpel
