#include "core/print/printer.h"

#include "core/common/messages.h"

namespace ktpel {

std::string_view to_string(PrinterStatus s) {
  switch (s) {
    case PrinterStatus::Active: return "active";
    case PrinterStatus::Broken: return "broken";
    case PrinterStatus::InRepair: return "in_repair";
    case PrinterStatus::Lent: return "lent";
    case PrinterStatus::Retired: return "retired";
  }
  return "?";
}

std::optional<PrinterStatus> parse_printer_status(std::string_view s) {
  for (auto v : {PrinterStatus::Active, PrinterStatus::Broken, PrinterStatus::InRepair, PrinterStatus::Lent, PrinterStatus::Retired})
    if (to_string(v) == s) return v;
  return std::nullopt;
}

Result<Printer> check_printer(Printer p) {
  if (p.serial.empty() || p.serial.size() > 64) return make_error("PRINTER_FIELD", "serial", {"serial", "1-64 characters"});
  if (p.office.empty()) return make_error("PRINTER_FIELD", "office", {"office", "the owning office code"});
  if (p.cards_per_day <= 0 || p.cards_per_day > kMaxCardsPerDay)
    return make_error("PRINTER_FIELD", "cards_per_day", {"cards_per_day", "1-" + std::to_string(kMaxCardsPerDay)});
  if (p.status == PrinterStatus::Lent) {
    if (p.lent_to.empty() || p.lent_to == p.office)
      return make_error("PRINTER_FIELD", "lent_to", {"lent_to", "another office's code"});
    if (!p.lent_until) return make_error("PRINTER_FIELD", "lent_until", {"lent_until", "the last day of the loan (YYYY-MM-DD)"});
  } else {
    p.lent_to.clear();
    p.lent_until.reset();
  }
  return p;
}

std::string printing_office(const Printer& p, Date today) {
  switch (p.status) {
    case PrinterStatus::Active: return p.office;
    case PrinterStatus::Lent: return p.lent_until && today <= *p.lent_until ? p.lent_to : p.office;
    case PrinterStatus::Broken:
    case PrinterStatus::InRepair:
    case PrinterStatus::Retired: return "";
  }
  return "";
}

}  // namespace ktpel
