#include "io/table_export.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "core/text/csv.h"
#include "io/files.h"

namespace ktpel {

std::string table_to_csv(const ExportTable& t) {
  std::string out = "\xEF\xBB\xBF";
  auto append = [&out](const std::vector<std::string>& cells) {
    std::vector<std::string_view> views(cells.begin(), cells.end());
    csv_append_record(out, views);
  };
  append(t.columns);
  for (const auto& row : t.rows) {
    std::vector<std::string> cells;
    for (const auto& c : row) cells.push_back(c.is_string() ? c.get<std::string>() : c.is_null() ? "" : c.dump());
    append(cells);
  }
  return out;
}

std::string table_to_xlsx(const ExportTable& t) {
  char path[] = "/tmp/ktpel-export-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for the XLSX export");
  close(fd);
  lxw_workbook* wb = workbook_new(path);
  std::string sheet_name = t.title.empty() ? "ktpel" : t.title.substr(0, 31);
  for (char& c : sheet_name)
    if (c == '[' || c == ']' || c == ':' || c == '*' || c == '?' || c == '/' || c == '\\') c = ' ';
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (size_t c = 0; c < t.columns.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.columns[c].c_str(), bold);
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c == 1 ? 28 : 14, nullptr);
  }
  for (size_t r = 0; r < t.rows.size(); ++r)
    for (size_t c = 0; c < t.rows[r].size(); ++c) {
      const auto& v = t.rows[r][c];
      const auto row = static_cast<lxw_row_t>(r + 1);
      const auto col = static_cast<lxw_col_t>(c);
      if (v.is_number()) worksheet_write_number(ws, row, col, v.get<double>(), nullptr);
      else if (v.is_string()) worksheet_write_string(ws, row, col, v.get<std::string>().c_str(), nullptr);
      else if (!v.is_null()) worksheet_write_string(ws, row, col, v.dump().c_str(), nullptr);
    }
  worksheet_freeze_panes(ws, 1, 0);
  const lxw_error err = workbook_close(wb);
  std::string bytes = err == LXW_NO_ERROR ? read_file(path) : std::string();
  std::remove(path);
  if (err != LXW_NO_ERROR) throw std::runtime_error(std::string("libxlsxwriter: ") + lxw_strerror(err));
  return bytes;
}

bool table_from_json(const nlohmann::json& j, ExportTable& out, std::string& error) {
  if (!j.is_object() || !j.contains("columns") || !j["columns"].is_array() || j["columns"].empty()) {
    error = "columns: a non-empty array of column names is required";
    return false;
  }
  out.title = j.contains("title") && j["title"].is_string() ? j["title"].get<std::string>() : "ktpel";
  for (const auto& c : j["columns"]) {
    if (!c.is_string()) {
      error = "columns: every column name must be a string";
      return false;
    }
    out.columns.push_back(c.get<std::string>());
  }
  if (!j.contains("rows") || !j["rows"].is_array()) {
    error = "rows: an array of rows is required";
    return false;
  }
  if (j["rows"].size() > 200000) {
    error = "rows: at most 200,000 rows";
    return false;
  }
  size_t n = 0;
  for (const auto& r : j["rows"]) {
    ++n;
    if (!r.is_array() || r.size() != out.columns.size()) {
      error = "rows[" + std::to_string(n) + "]: must be an array of " + std::to_string(out.columns.size()) + " cells";
      return false;
    }
    out.rows.emplace_back(r.begin(), r.end());
  }
  return true;
}

}  // namespace ktpel
