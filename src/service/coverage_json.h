// JSON form of coverage reports (API, `ktpel coverage --json`, the dashboard).
#pragma once
#include <nlohmann/json.hpp>

#include "service/coverage_service.h"

namespace ktpel {

nlohmann::json to_json(const CoverageRow& r);
nlohmann::json to_json(const CoverageReport& r, Level level);

}  // namespace ktpel
