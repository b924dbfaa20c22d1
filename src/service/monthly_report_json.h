// JSON form of the monthly report (API, `ktpel report --json`): the figures the PDF prints.
#pragma once
#include <nlohmann/json.hpp>

#include "service/monthly_report.h"

namespace ktpel {

nlohmann::json to_json(const ReportFigures& f);
nlohmann::json to_json(const MonthlyReport& r);

}  // namespace ktpel
