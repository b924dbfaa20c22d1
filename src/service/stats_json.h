// JSON form of population statistics (API and `ktpel stats --json`).
#pragma once
#include <nlohmann/json.hpp>

#include "core/stats/population_stats.h"

namespace ktpel {

nlohmann::json to_json(const PopulationStats& s, std::string_view level);

}  // namespace ktpel
