// A card printer of a Disdukcapil office: its daily capacity and where it prints today. A
// printer lent to another office prints there until the loan ends, then counts at home again.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/date.h"
#include "core/common/error.h"

namespace ktpel {

// Read off the printer's inventory item (core/equipment/equipment_item.h): Lent is an active item
// with a loan; Retired an item taken out of the inventory, which never prints again.
enum class PrinterStatus { Active, Broken, InRepair, Lent, Retired };
std::string_view to_string(PrinterStatus s);  // "active" | "broken" | "in_repair" | "lent" | "retired"
std::optional<PrinterStatus> parse_printer_status(std::string_view s);

struct Printer {
  std::string serial, office, model;  // office: the owning regency (or province) code
  int64_t cards_per_day = 0;
  PrinterStatus status = PrinterStatus::Active;
  std::string lent_to;                // while lent
  std::optional<Date> lent_until;     // the last day of the loan
  std::string note;                   // e.g. the fault or the loan letter
};

inline constexpr int64_t kMaxCardsPerDay = 5000;  // the fastest units report ~1,000/day

// Checks a printer record (serial, capacity, loan fields) and names the field at fault.
Result<Printer> check_printer(Printer p);

// The office whose queue the printer prints on `today`, or "" when it does not print
// (broken, in repair). An expired loan counts at home.
std::string printing_office(const Printer& p, Date today);

}  // namespace ktpel
