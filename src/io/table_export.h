// Tables the dashboard shows, as files an officer sends upward: CSV (RFC 4180, UTF-8 with BOM so
// spreadsheet programs read the names right) and XLSX (libxlsxwriter; numbers stay numbers).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace ktpel {

struct ExportTable {
  std::string title;                     // sheet name / first line
  std::vector<std::string> columns;
  std::vector<std::vector<nlohmann::json>> rows;  // string or number cells
};

// Which program reads the CSV. Rfc4180: `,` between cells, `.` in decimals (other programs,
// scripts). ExcelIndonesia: what Excel opens right with Indonesian regional settings (list
// separator `;`, decimal `,`, `.` groups thousands): cells end with `;`, decimals are written
// 87,5, and text that Excel would turn into a number (a NIK, a code such as 65.71 read as 6571)
// is written ="..." so it stays text.
enum class CsvDialect { Rfc4180, ExcelIndonesia };

// Text cells that a spreadsheet would run as a formula are neutralised (csv_append_text_cell);
// number cells are written as they are.
std::string table_to_csv(const ExportTable& t, CsvDialect dialect = CsvDialect::Rfc4180);
// The .xlsx bytes; throws std::runtime_error when libxlsxwriter fails (a server problem: the
// table itself was checked by table_from_json).
std::string table_to_xlsx(const ExportTable& t);
// A sheet name Excel accepts, made from a title: at most 31 characters, none of []:*?/\ or
// control characters, no apostrophe first or last (libxlsxwriter refuses such a name), not
// empty ("ktpel") and not Excel's reserved "History".
std::string excel_sheet_name(std::string_view title);
// Parses {"title", "columns": [..], "rows": [[..], ..]}; error text names the field and row.
// Cells are strings, numbers, booleans or null, within Excel's limits (32,767 characters a
// cell, 16,384 columns).
bool table_from_json(const nlohmann::json& j, ExportTable& out, std::string& error);

}  // namespace ktpel
