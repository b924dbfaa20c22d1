#include "core/equipment/inventory_csv.h"

#include <map>

#include "core/common/messages.h"
#include "core/text/csv.h"

namespace ktpel {

InventoryFile parse_inventory_csv(std::string_view text, Date today,
                                  const std::function<bool(std::string_view)>& office_known) {
  InventoryFile out;
  auto problem = [&](uint64_t line, Error e) { out.problems.push_back({line, std::move(e)}); };
  CsvReader reader(text);
  CsvRecord rec;
  if (!reader.next(rec) || (rec.fields.size() == 1 && rec.fields[0].empty())) {
    problem(1, make_error("CSV_EMPTY", "header", {std::string(kInventoryHeader)}));
    return out;
  }
  std::string got;
  for (const auto& f : rec.fields) got += (got.empty() ? "" : ",") + f;
  if (!reader.error().empty() || got != kInventoryHeader) {
    problem(rec.line, make_error("CSV_HEADER", "header", {std::string(kInventoryHeader), got.substr(0, 300)}));
    return out;
  }
  std::map<std::string, uint64_t> first_line_of_serial;
  while (reader.next(rec)) {
    if (!reader.error().empty()) {
      problem(rec.line, make_error(reader.binary() ? "CSV_BINARY" : "CSV_QUOTE", "", {reader.error()}));
      continue;
    }
    if (rec.fields.size() == 1 && rec.fields[0].empty()) continue;  // a blank line
    if (rec.fields.size() != 7) {
      problem(rec.line, make_error("CSV_COLUMNS", "", {std::to_string(rec.fields.size()), "7"}));
      continue;
    }
    const auto& f = rec.fields;
    auto bad = [&](const char* field, std::string must) {
      problem(rec.line, make_error("EQUIPMENT_FIELD", field, {field, std::move(must)}));
    };
    EquipmentItem item;
    item.office = f[0];
    item.serial = f[2];
    item.vendor = f[3];
    item.model = f[4];
    const auto type = parse_item_type(f[1]);
    const auto status = parse_item_status(f[6]);
    const auto installed = Date::parse_iso(f[5]);
    bool ok = true;
    if (!office_known(f[0])) bad("office", "a kecamatan or regency code of the Kemendagri list"), ok = false;
    if (!type) bad("item_type", "PC, FINGERPRINT_SCANNER, IRIS_SCANNER, CAMERA, SIGNATURE_PAD, UPS, GENERATOR, NETWORK, CARD_PRINTER or SERVER"), ok = false;
    if (!f[5].empty() && !installed) bad("installed_on", "a date YYYY-MM-DD or empty"), ok = false;
    if (installed && *installed > today) bad("installed_on", "today or earlier"), ok = false;
    if (!status) bad("status", "active, broken, in_repair or retired"), ok = false;
    if (!ok) continue;
    item.type = *type;
    item.status = *status;
    item.installed_on = installed;
    if (item.type == ItemType::CardPrinter) item.cards_per_day = kDefaultImportedCardsPerDay;
    auto checked = check_equipment_item(std::move(item));
    if (!checked) {
      problem(rec.line, checked.error());
      continue;
    }
    if (auto [it, fresh] = first_line_of_serial.emplace(checked->serial, rec.line); !fresh) {
      bad("serial", "unique in the file (also on line " + std::to_string(it->second) + ")");
      continue;
    }
    out.items.push_back(std::move(checked.value()));
    out.lines.push_back(rec.line);
  }
  return out;
}

}  // namespace ktpel
