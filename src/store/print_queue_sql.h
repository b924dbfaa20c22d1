// The print_queue row of a record, as SQL shared by both backends (the migration's backfill and
// the store's refresh on every e-KTP write). The class mirrors core/print/print_queue.cc
// classify(); PrintTest.QueueOrderFollowsTheConfiguredPriorityThenAge compares the two.
#pragma once
#include <string>
#include <string_view>

namespace ktpel {

inline constexpr const char* kPrintQueueColumns =
    "nik, village_code, regency, status, since, reprint_reason, printed_before, print_class";

inline std::string print_queue_select(std::string_view where) {
  const std::string reprint =
      "COALESCE((SELECT t.reason FROM ektp_transitions t WHERE t.nik = e.nik AND t.event = 'request_reprint'"
      " ORDER BY t.id DESC LIMIT 1), '')";
  const std::string printed = "EXISTS (SELECT 1 FROM ektp_transitions t WHERE t.nik = e.nik AND t.to_status = 'PRINTED')";
  return "SELECT e.nik, r.village_code, substr(r.village_code, 1, 5), e.status, e.since, " + reprint + ", " + printed +
         ", CASE WHEN e.status = 'SUKET' THEN 'SUKET_CONVERSION' WHEN " + reprint + " = 'PERUBAHAN DATA' THEN 'DATA_CHANGE'"
         " WHEN " + reprint + " <> '' OR " + printed + " THEN 'REPLACEMENT' ELSE 'FIRST_CARD' END"
         " FROM ektp_records e JOIN residents r ON r.nik = e.nik WHERE " + std::string(where);
}

}  // namespace ktpel
