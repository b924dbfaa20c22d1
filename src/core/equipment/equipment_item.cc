#include "core/equipment/equipment_item.h"

#include <cctype>

#include "core/common/messages.h"
#include "core/wilayah/region.h"

namespace ktpel {

std::string_view to_string(ItemType t) {
  switch (t) {
    case ItemType::Pc: return "PC";
    case ItemType::FingerprintScanner: return "FINGERPRINT_SCANNER";
    case ItemType::IrisScanner: return "IRIS_SCANNER";
    case ItemType::Camera: return "CAMERA";
    case ItemType::SignaturePad: return "SIGNATURE_PAD";
    case ItemType::Ups: return "UPS";
    case ItemType::Generator: return "GENERATOR";
    case ItemType::Network: return "NETWORK";
    case ItemType::CardPrinter: return "CARD_PRINTER";
    case ItemType::Server: return "SERVER";
  }
  return "?";
}

std::optional<ItemType> parse_item_type(std::string_view s) {
  for (auto t : kAllItemTypes)
    if (to_string(t) == s) return t;
  return std::nullopt;
}

bool is_kecamatan_gear(ItemType t) { return t != ItemType::CardPrinter && t != ItemType::Server; }

std::string_view to_string(ItemStatus s) {
  switch (s) {
    case ItemStatus::Active: return "active";
    case ItemStatus::Broken: return "broken";
    case ItemStatus::InRepair: return "in_repair";
    case ItemStatus::Retired: return "retired";
  }
  return "?";
}

std::optional<ItemStatus> parse_item_status(std::string_view s) {
  for (auto v : {ItemStatus::Active, ItemStatus::Broken, ItemStatus::InRepair, ItemStatus::Retired})
    if (to_string(v) == s) return v;
  return std::nullopt;
}

std::optional<Date> known_os_end_of_support(std::string_view os) {
  // Microsoft's published end of support of the editions the recording sets run.
  if (os == "Windows 7") return Date::parse_iso("2020-01-14");
  if (os == "Windows 8.1") return Date::parse_iso("2023-01-10");
  if (os == "Windows 10") return Date::parse_iso("2025-10-14");
  return std::nullopt;
}

Result<EquipmentItem> check_equipment_item(EquipmentItem item) {
  auto bad = [](const char* field, std::string must) { return make_error("EQUIPMENT_FIELD", field, {field, std::move(must)}); };
  if (item.serial.empty() || item.serial.size() > kMaxSerialLength) return bad("serial", "1-64 characters");
  // A serial is a path segment of the API and a cell of the CSV export: letters, digits, - _ .
  // only, starting with a letter or digit ("SN/2024/77" could be registered and never reached).
  for (unsigned char c : item.serial)
    if (!std::isalnum(c) && c != '-' && c != '_' && c != '.') return bad("serial", "letters, digits and - _ . only (no spaces or slashes)");
  if (!std::isalnum(static_cast<unsigned char>(item.serial[0]))) return bad("serial", "starting with a letter or digit");
  const auto level = level_of_code(item.office);
  if (is_kecamatan_gear(item.type)) {
    if (level != Level::Kecamatan) return bad("office", "a kecamatan code (NN.NN.NN) for " + std::string(to_string(item.type)));
  } else if (level != Level::Kabupaten && level != Level::Provinsi) {
    return bad("office", "a regency or province code for " + std::string(to_string(item.type)));
  }
  for (auto [field, text] : {std::pair{"vendor", &item.vendor}, {"model", &item.model}, {"os", &item.os}, {"note", &item.note}})
    for (unsigned char c : *text)
      if (c < 0x20 || c == 0x7f) return bad(field, "one line without control characters");
  if (item.vendor.size() > 100) return bad("vendor", "at most 100 characters");
  if (item.model.size() > 100) return bad("model", "at most 100 characters");
  if (item.os.size() > 60) return bad("os", "at most 60 characters");
  if (!item.os_end_of_support && !item.os.empty()) item.os_end_of_support = known_os_end_of_support(item.os);
  if (item.installed_on && item.warranty_end && *item.warranty_end < *item.installed_on)
    return bad("warranty_end", "on or after installed_on");
  if (item.type == ItemType::CardPrinter) {
    if (item.cards_per_day <= 0 || item.cards_per_day > 5000) return bad("cards_per_day", "1-5000 for a CARD_PRINTER");
    if (!item.lent_to.empty()) {
      if (item.lent_to == item.office) return bad("lent_to", "another office's code");
      if (!item.lent_until) return bad("lent_until", "the last day of the loan (YYYY-MM-DD)");
    } else {
      item.lent_until.reset();
    }
  } else {
    if (item.cards_per_day != 0) return bad("cards_per_day", "empty except for a CARD_PRINTER");
    if (!item.lent_to.empty()) return bad("lent_to", "empty except for a CARD_PRINTER");
    item.lent_until.reset();
  }
  return item;
}

}  // namespace ktpel
