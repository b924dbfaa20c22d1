#include "core/equipment/planner_csv.h"

#include <charconv>

#include "core/common/messages.h"
#include "core/text/csv.h"

namespace ktpel {
namespace {

// Reads a two-column file with an exact header; calls row(line, first, second) per data row.
void read_pairs(std::string_view text, std::string_view header, std::vector<InventoryProblem>& problems,
                const std::function<void(uint64_t, const std::string&, const std::string&)>& row) {
  CsvReader reader(text);
  CsvRecord rec;
  if (!reader.next(rec) || (rec.fields.size() == 1 && rec.fields[0].empty())) {
    problems.push_back({1, make_error("CSV_EMPTY", "header", {std::string(header)})});
    return;
  }
  std::string got;
  for (const auto& f : rec.fields) got += (got.empty() ? "" : ",") + f;
  if (!reader.error().empty() || got != header) {
    problems.push_back({rec.line, make_error("CSV_HEADER", "header", {std::string(header), got.substr(0, 300)})});
    return;
  }
  while (reader.next(rec)) {
    if (!reader.error().empty()) {
      problems.push_back({rec.line, make_error(reader.binary() ? "CSV_BINARY" : "CSV_QUOTE", "", {reader.error()})});
      continue;
    }
    if (rec.fields.size() == 1 && rec.fields[0].empty()) continue;
    if (rec.fields.size() != 2) {
      problems.push_back({rec.line, make_error("CSV_COLUMNS", "", {std::to_string(rec.fields.size()), "2"})});
      continue;
    }
    row(rec.line, rec.fields[0], rec.fields[1]);
  }
}

std::optional<int64_t> whole_number(const std::string& s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

}  // namespace

CatalogueFile parse_price_catalogue(std::string_view text) {
  CatalogueFile out;
  read_pairs(text, "item_type,unit_price", out.problems, [&](uint64_t line, const std::string& type, const std::string& price) {
    auto t = parse_item_type(type);
    auto p = whole_number(price);
    if (!t) return out.problems.push_back({line, make_error("EQUIPMENT_FIELD", "item_type", {"item_type", "an item type such as PC or UPS"})});
    if (!p || *p <= 0 || *p > 100'000'000'000)
      return out.problems.push_back({line, make_error("EQUIPMENT_FIELD", "unit_price", {"unit_price", "whole rupiah, 1 to 100,000,000,000"})});
    if (!out.prices.emplace(*t, *p).second)
      out.problems.push_back({line, make_error("EQUIPMENT_FIELD", "item_type", {"item_type", "listed once (" + type + " is repeated)"})});
  });
  return out;
}

DemandFile parse_demand(std::string_view text, const std::function<bool(std::string_view)>& kecamatan_known) {
  DemandFile out;
  read_pairs(text, "kecamatan,people", out.problems, [&](uint64_t line, const std::string& code, const std::string& people) {
    auto n = whole_number(people);
    if (!kecamatan_known(code))
      return out.problems.push_back({line, make_error("EQUIPMENT_FIELD", "kecamatan", {"kecamatan", "a kecamatan code of the region planned"})});
    if (!n || *n < 0 || *n > 100'000'000)
      return out.problems.push_back({line, make_error("EQUIPMENT_FIELD", "people", {"people", "a whole number 0 to 100,000,000"})});
    if (!out.people.emplace(code, *n).second)
      out.problems.push_back({line, make_error("EQUIPMENT_FIELD", "kecamatan", {"kecamatan", "listed once (" + code + " is repeated)"})});
  });
  return out;
}

}  // namespace ktpel
