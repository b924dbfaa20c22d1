// JSON form of the printing desk's answers (API and the CLI's --json).
#pragma once
#include <nlohmann/json.hpp>

#include "service/print_service.h"

namespace ktpel {

nlohmann::json to_json(const Printer& p);
nlohmann::json to_json(const QueueEntry& e);
nlohmann::json to_json(const OfficeStock& s);
nlohmann::json to_json(const StockForecast& f);
nlohmann::json to_json(const StockAuditReport& r);
nlohmann::json to_json(const PrintOutcome& o);
nlohmann::json to_json(const UndeliveredCard& u);
nlohmann::json to_json(const SuketRecord& s);
nlohmann::json to_json(const SuketRecord& s, Date today);  // with expired, days_left, renewable
nlohmann::json to_json(const SuketExpiryRow& r);
nlohmann::json to_json(const PrintWait& w);
nlohmann::json to_json(const SuketCheck& c);
nlohmann::json to_json(const CapacityPlan& p);
nlohmann::json to_json(const StoredMovement& m);
nlohmann::json to_json(const CardDelivery& d);
nlohmann::json to_json(const CardShipment& s);

}  // namespace ktpel
