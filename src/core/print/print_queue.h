// The print queue of an office: which print-ready record gets the next blank. Each record in
// PRR or SUKET falls in a class (why it needs a card); classes are taken in a configurable order
// and, within a class, oldest first (the store keeps the rows per class in that order).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/common/error.h"
#include "core/ektp/ektp_status.h"

namespace ktpel {

enum class PrintClass { FirstCard, DataChange, Replacement, SuketConversion };
std::string_view to_string(PrintClass c);  // FIRST_CARD, DATA_CHANGE, REPLACEMENT, SUKET_CONVERSION
std::vector<PrintClass> default_print_priority();
// "SUKET_CONVERSION,FIRST_CARD,..." : every class exactly once.
Result<std::vector<PrintClass>> parse_print_priority(std::string_view csv);
std::string format_print_priority(const std::vector<PrintClass>& order);
// The order the queue is served in: the configured priority, with suket holders moved to the
// front when suket_first (issue [11]: a suket holder already waited past the suket rule's limit).
std::vector<PrintClass> serving_order(std::vector<PrintClass> priority, bool suket_first);

struct QueueCandidate {
  std::string nik, village_code;
  EktpStatus status = EktpStatus::PRR;
  std::string since;           // ISO time it entered PRR / SUKET
  std::string reprint_reason;  // reason of the latest reprint request ("" = none)
  bool printed_before = false; // the history has a card printed
};

struct QueueEntry {
  std::string nik, village_code;
  EktpStatus status = EktpStatus::PRR;
  std::string since;
  PrintClass cls = PrintClass::FirstCard;
};

// SUKET → suket conversion; a reprint for "PERUBAHAN DATA" → data change; "HILANG"/"RUSAK" →
// replacement; anything else (cleared by dedup) → first card.
PrintClass classify(const QueueCandidate& c);

}  // namespace ktpel
