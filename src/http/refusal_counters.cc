#include "http/refusal_counters.h"

#include <nlohmann/json.hpp>

namespace ktpel::http {

bool RefusalCounters::count(int status, const std::string& code) {
  const bool exhausted = code == "KK_SERIAL_EXHAUSTED" || code == "NIK_SERIAL_EXHAUSTED";
  if (status != 429 && status != 503 && status != 507 && !exhausted) return false;
  const std::string key = code.empty() ? "-" : code.substr(0, 40);
  {
    std::lock_guard lock(mutex_);
    if (counts_.size() < 64 || counts_.count({key, status})) ++counts_[{key, status}];
  }
  return exhausted || code == "ISSUANCE_LIMIT" || code == "STORAGE_FULL";
}

std::string RefusalCounters::prometheus() const {
  std::string out =
      "# HELP ktpel_refusals_total Requests refused because a limit was reached or a resource ran out.\n"
      "# TYPE ktpel_refusals_total counter\n";
  std::lock_guard lock(mutex_);
  for (const auto& [key, n] : counts_)
    out += "ktpel_refusals_total{code=\"" + key.first + "\",status=\"" + std::to_string(key.second) + "\"} " +
           std::to_string(n) + "\n";
  return out;
}

std::string error_code_of(const std::string& body) {
  if (body.size() > 64 * 1024 || body.empty() || body.front() != '{') return "";
  const auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("error") || !j["error"].is_object()) return "";
  const auto& code = j["error"]["code"];
  if (!code.is_string()) return "";
  std::string c = code.get<std::string>();
  for (char ch : c)  // codes are A-Z and _ ; anything else must not reach a label
    if (!((ch >= 'A' && ch <= 'Z') || ch == '_' || (ch >= '0' && ch <= '9'))) return "";
  return c;
}

}  // namespace ktpel::http
