// Tables the dashboard shows, as files an officer sends upward: CSV (RFC 4180, UTF-8 with BOM so
// spreadsheet programs read the names right) and XLSX (libxlsxwriter; numbers stay numbers).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ktpel {

struct ExportTable {
  std::string title;                     // sheet name / first line
  std::vector<std::string> columns;
  std::vector<std::vector<nlohmann::json>> rows;  // string or number cells
};

std::string table_to_csv(const ExportTable& t);
std::string table_to_xlsx(const ExportTable& t);  // the .xlsx bytes
// Parses {"title", "columns": [..], "rows": [[..], ..]}; error text names the field and row.
bool table_from_json(const nlohmann::json& j, ExportTable& out, std::string& error);

}  // namespace ktpel
