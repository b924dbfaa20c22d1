#include "core/print/print_queue.h"

#include <algorithm>

#include "core/common/messages.h"

namespace ktpel {

std::string_view to_string(PrintClass c) {
  switch (c) {
    case PrintClass::FirstCard: return "FIRST_CARD";
    case PrintClass::DataChange: return "DATA_CHANGE";
    case PrintClass::Replacement: return "REPLACEMENT";
    case PrintClass::SuketConversion: return "SUKET_CONVERSION";
  }
  return "?";
}

std::vector<PrintClass> default_print_priority() {
  return {PrintClass::FirstCard, PrintClass::DataChange, PrintClass::Replacement, PrintClass::SuketConversion};
}

Result<std::vector<PrintClass>> parse_print_priority(std::string_view csv) {
  std::vector<PrintClass> out;
  size_t start = 0;
  while (start <= csv.size()) {
    size_t end = csv.find(',', start);
    if (end == std::string_view::npos) end = csv.size();
    std::string_view name = csv.substr(start, end - start);
    bool found = false;
    for (auto c : default_print_priority())
      if (to_string(c) == name) {
        if (std::find(out.begin(), out.end(), c) != out.end()) break;
        out.push_back(c);
        found = true;
      }
    if (!found) return make_error("PRINT_PRIORITY", "priority", {std::string(csv)});
    start = end + 1;
  }
  if (out.size() != default_print_priority().size()) return make_error("PRINT_PRIORITY", "priority", {std::string(csv)});
  return out;
}

std::string format_print_priority(const std::vector<PrintClass>& order) {
  std::string out;
  for (auto c : order) out += (out.empty() ? "" : ",") + std::string(to_string(c));
  return out;
}

std::vector<PrintClass> serving_order(std::vector<PrintClass> priority, bool suket_first) {
  if (!suket_first) return priority;
  std::stable_partition(priority.begin(), priority.end(), [](PrintClass c) { return c == PrintClass::SuketConversion; });
  return priority;
}

PrintClass classify(const QueueCandidate& c) {
  if (c.status == EktpStatus::SUKET) return PrintClass::SuketConversion;
  if (c.reprint_reason == "PERUBAHAN DATA") return PrintClass::DataChange;
  if (!c.reprint_reason.empty() || c.printed_before) return PrintClass::Replacement;
  return PrintClass::FirstCard;
}

}  // namespace ktpel
