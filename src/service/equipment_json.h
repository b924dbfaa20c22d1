// JSON and CSV forms of the equipment desk's answers (API, and the CLI's --format json|csv). The
// CSV headers are the ones issue [10] fixes; every CSV text cell goes through the export writer
// (spreadsheet-formula safe).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "service/equipment_plans.h"
#include "service/equipment_service.h"

namespace ktpel {

nlohmann::json to_json(const EquipmentItem& i);
nlohmann::json to_json(const ItemEvent& e);
nlohmann::json to_json(const RepairTicket& t);
nlohmann::json to_json(const KecamatanEquipment& k);
nlohmann::json to_json(const ContinuityAnswer& c);
nlohmann::json to_json(const ReliabilityReport& r);
nlohmann::json to_json(const RepairPlanAnswer& a);
nlohmann::json to_json(const OutreachPlanAnswer& a);
nlohmann::json to_json(const BalancedContinuityAnswer& a);

std::string missing_text(const RecordingSets& s);  // "IRIS_SCANNER;UPS"
// Header exactly kecamatan,name,sets,can_record,missing.
std::string equipment_status_csv(const std::vector<KecamatanEquipment>& rows);
// Header exactly kecamatan,can_record,serve_at,distance_km.
std::string continuity_csv(const std::vector<ContinuityAnswer>& rows);
std::string reliability_csv(const ReliabilityReport& r);

}  // namespace ktpel
