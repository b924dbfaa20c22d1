// An item of a Disdukcapil office's equipment (issue [10]): the recording gear of a kecamatan
// desk (PC, scanners, camera, signature pad, UPS, ...) and the card printers and servers of a
// regency. Card printers are items of type CARD_PRINTER; their capacity and loan fields live
// here too (one model for the inventory and the print desk, see core/print/printer.h).
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/common/date.h"
#include "core/common/error.h"

namespace ktpel {

enum class ItemType { Pc, FingerprintScanner, IrisScanner, Camera, SignaturePad, Ups, Generator, Network, CardPrinter, Server };
inline constexpr ItemType kAllItemTypes[] = {ItemType::Pc,           ItemType::FingerprintScanner, ItemType::IrisScanner,
                                             ItemType::Camera,       ItemType::SignaturePad,       ItemType::Ups,
                                             ItemType::Generator,    ItemType::Network,            ItemType::CardPrinter,
                                             ItemType::Server};
std::string_view to_string(ItemType t);  // "PC", "FINGERPRINT_SCANNER", ...
std::optional<ItemType> parse_item_type(std::string_view s);
// Gear of a recording desk (kept at a kecamatan); the rest (CARD_PRINTER, SERVER) at a regency.
bool is_kecamatan_gear(ItemType t);

enum class ItemStatus { Active, Broken, InRepair, Retired };
std::string_view to_string(ItemStatus s);  // "active" | "broken" | "in_repair" | "retired"
std::optional<ItemStatus> parse_item_status(std::string_view s);

struct EquipmentItem {
  std::string serial, office;  // office: kecamatan code for recording gear, regency code otherwise
  ItemType type = ItemType::Pc;
  std::string vendor, model;
  std::optional<Date> installed_on;
  std::string os;                           // e.g. "Windows 10"; "" when none
  std::optional<Date> os_end_of_support;    // Windows 10: 2025-10-14
  std::optional<Date> warranty_end;
  ItemStatus status = ItemStatus::Active;
  // CARD_PRINTER only: cards a day, and a loan to another office (an active printer prints at
  // lent_to until lent_until, then at home again).
  int64_t cards_per_day = 0;
  std::string lent_to;
  std::optional<Date> lent_until;
  std::string note;
};

inline constexpr size_t kMaxSerialLength = 64;

// Checks an item (serial, type against the office's level, dates in order, printer fields) and
// names the field at fault. Fills the end of support of a known OS when it is not given.
Result<EquipmentItem> check_equipment_item(EquipmentItem item);

// The published end of support of an operating system named in the inventory ("Windows 10"
// → 2025-10-14), or none when unknown.
std::optional<Date> known_os_end_of_support(std::string_view os);

}  // namespace ktpel
