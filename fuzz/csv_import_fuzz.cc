// libFuzzer target for CSV import files (residents, families, e-KTP states, birth
// certificates): the strict reader, and each row through the parsers and rules the importer
// (service/import_residents.cc) applies before anything reaches the store. Properties: every
// record the reader accepts writes back (csv_append_record) to text that reads to the same
// fields, and a resident row that parses writes back (append_resident_csv, the reject file) to a
// row that parses to the same resident.
#include <cstddef>
#include <cstdint>

#include "core/ektp/ektp_status.h"
#include "core/ektp/legacy_history.h"
#include "core/registry/family.h"
#include "core/registry/resident_csv.h"
#include "core/registry/resident_validation.h"
#include "core/text/csv.h"
#include "fuzz/fuzz_support.h"

using namespace ktpel;

namespace {

// The records in `text` after a first header line (so that a BOM-like first cell is data).
std::vector<CsvRecord> reread(const std::string& body) {
  const std::string text = "header\n" + body;
  CsvReader reader(text);
  std::vector<CsvRecord> out;
  CsvRecord rec;
  reader.next(rec);
  while (reader.next(rec)) {
    fuzz::require(reader.error().empty(), "the reader refuses what the writer wrote");
    out.push_back(rec);
  }
  return out;
}

void check_record_round_trip(const CsvRecord& rec) {
  std::string text;
  csv_append_record(text, std::vector<std::string_view>(rec.fields.begin(), rec.fields.end()));
  auto again = reread(text);
  fuzz::require(again.size() == 1 && again[0].fields == rec.fields, "a CSV record does not survive write/read");
  // Export cells: the same text, or the same text after the quote that defuses a formula.
  std::string cells;
  csv_append_export_record(cells, std::vector<std::string_view>(rec.fields.begin(), rec.fields.end()));
  auto exported = reread(cells);
  fuzz::require(exported.size() == 1 && exported[0].fields.size() == rec.fields.size(), "an export record changed shape");
  for (size_t i = 0; i < rec.fields.size(); ++i)
    fuzz::require(exported[0].fields[i] == rec.fields[i] || exported[0].fields[i] == "'" + rec.fields[i],
                  "an export cell changed beyond the formula quote");
}

void check_resident_row(const CsvRecord& rec) {
  Resident r;
  std::vector<Error> errors;
  parse_resident_fields(rec.fields, r, errors);
  (void)validate_resident(r, fuzz::wilayah(), fuzz::kAsOf);
  if (!errors.empty()) return;
  std::string row;
  append_resident_csv(row, r);
  auto again = reread(row);
  fuzz::require(again.size() == 1 && again[0].fields.size() == kResidentCsvColumns.size(), "a reject row changed shape");
  Resident back;
  parse_resident_fields(again[0].fields, back, errors);
  fuzz::require(errors.empty() && back == r, "a resident does not survive the reject file");
}

void check_ektp_row(const CsvRecord& rec) {
  auto status = parse_ektp_status(rec.fields[1]);
  auto recorded = Date::parse_iso(rec.fields[2]);
  auto since = Date::parse_iso(rec.fields[3]);
  if (!status || !recorded || !since) return;
  if (auto history = legacy_history(rec.fields[0], *status, *recorded, *since))
    fuzz::require(!history->empty(), "an accepted e-KTP state has no history");
}

void check_three_column_row(const CsvRecord& rec) {
  // families.csv (kk,nik,relationship) and akta.csv (nik,number,issued_on) share the width.
  (void)validate_family(rec.fields[0], {FamilyMember{rec.fields[0], rec.fields[1], rec.fields[2]}});
  (void)Date::parse_iso(rec.fields[2]);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  CsvReader reader(fuzz::as_text(data, size));
  CsvRecord rec;
  size_t records = 0;
  while (reader.next(rec)) {
    fuzz::require(++records <= size + 1, "the reader does not advance");
    fuzz::require(reader.offset() <= reader.size(), "the reader ran past its input");
    if (!reader.error().empty()) continue;  // reported and skipped by the importer
    check_record_round_trip(rec);
    if (rec.fields.size() == kResidentCsvColumns.size()) check_resident_row(rec);
    else if (rec.fields.size() == 5) check_ektp_row(rec);
    else if (rec.fields.size() == 3) check_three_column_row(rec);
  }
  return 0;
}
