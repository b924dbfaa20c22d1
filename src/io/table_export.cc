#include "io/table_export.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "core/text/csv.h"
#include "io/files.h"

namespace ktpel {

namespace {

std::string text_of(const nlohmann::json& v) {
  return v.is_string() ? v.get<std::string>() : v.is_null() ? std::string() : v.dump();
}

// Bytes of the UTF-8 sequence starting at text[i], or 0 when it is not one.
size_t utf8_length(std::string_view text, size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  const size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > text.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return 0;
  return n;
}

// A text cell Excel would read as a number or a date: digits with . , or / only.
bool looks_numeric(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789.,/") == std::string_view::npos &&
         s.find_first_of("0123456789") != std::string_view::npos;
}

void append_quoted(std::string& out, std::string_view cell) {
  out.push_back('"');
  for (char c : cell) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

// Excel with Indonesian settings: every text cell quoted (a `;` or `,` inside stays in the cell),
// a would-be formula prefixed with ', a would-be number as the formula ="..." that shows the text.
void append_excel_id_cell(std::string& out, const nlohmann::json& v) {
  if (v.is_number()) {
    std::string n = v.dump();
    std::replace(n.begin(), n.end(), '.', ',');
    out.append(n);
    return;
  }
  const std::string s = text_of(v);
  if (s.empty()) return;
  if (std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos) append_quoted(out, "'" + s);
  else if (looks_numeric(s)) append_quoted(out, "=\"" + s + "\"");
  else append_quoted(out, s);
}

std::string table_to_excel_id_csv(const ExportTable& t) {
  std::string out = "\xEF\xBB\xBF";
  auto record = [&out](const std::vector<nlohmann::json>& cells) {
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c) out.push_back(';');
      append_excel_id_cell(out, cells[c]);
    }
    out.append("\r\n");  // Excel's own line end
  };
  record(std::vector<nlohmann::json>(t.columns.begin(), t.columns.end()));
  for (const auto& row : t.rows) record(row);
  return out;
}

}  // namespace

std::string table_to_csv(const ExportTable& t, CsvDialect dialect) {
  if (dialect == CsvDialect::ExcelIndonesia) return table_to_excel_id_csv(t);
  std::string out = "\xEF\xBB\xBF";
  csv_append_export_record(out, std::vector<std::string_view>(t.columns.begin(), t.columns.end()));
  for (const auto& row : t.rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c) out.push_back(',');
      // A JSON number is a genuine number (a negative count stays -5); every other cell is text.
      if (row[c].is_number()) csv_append_field(out, row[c].dump());
      else csv_append_text_cell(out, text_of(row[c]));
    }
    out.push_back('\n');
  }
  return out;
}

std::string excel_sheet_name(std::string_view title) {
  std::string name;
  size_t chars = 0;
  for (size_t i = 0; i < title.size() && chars < 31; ++chars) {
    const size_t n = utf8_length(title, i);
    const char c = title[i];
    const bool bad = n == 0 || (n == 1 && (static_cast<unsigned char>(c) < 0x20 || c == 0x7F ||
                                           std::string_view("[]:*?/\\").find(c) != std::string_view::npos));
    if (bad) name.push_back(' ');
    else name.append(title.substr(i, n));
    i += n == 0 ? 1 : n;
  }
  const size_t first = name.find_first_not_of('\'');
  name = first == std::string::npos ? std::string() : name.substr(first, name.find_last_not_of('\'') - first + 1);
  if (name.find_first_not_of(' ') == std::string::npos) return "ktpel";
  std::string lower = name;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "history" ? "ktpel" : name;
}

std::string table_to_xlsx(const ExportTable& t) {
  char path[] = "/tmp/ktpel-export-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for the XLSX export");
  close(fd);
  // libxlsxwriter answers NULL rather than failing loudly: each is checked before use.
  lxw_workbook* wb = workbook_new(path);
  if (!wb) {
    std::remove(path);
    throw std::runtime_error("libxlsxwriter could not start a workbook");
  }
  const std::string sheet_name = excel_sheet_name(t.title);
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
  lxw_format* bold = workbook_add_format(wb);
  std::string failed;
  lxw_error err = LXW_NO_ERROR;
  auto check = [&err](lxw_error e) {
    if (err == LXW_NO_ERROR) err = e;
  };
  if (!ws) {
    failed = "libxlsxwriter refused the sheet name '" + sheet_name + "'";
  } else if (!bold) {
    failed = "libxlsxwriter could not add a format";
  } else {
    format_set_bold(bold);
    for (size_t c = 0; c < t.columns.size(); ++c) {
      check(worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.columns[c].c_str(), bold));
      check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c == 1 ? 28 : 14, nullptr));
    }
    for (size_t r = 0; r < t.rows.size(); ++r)
      for (size_t c = 0; c < t.rows[r].size(); ++c) {
        const auto& v = t.rows[r][c];
        const auto row = static_cast<lxw_row_t>(r + 1);
        const auto col = static_cast<lxw_col_t>(c);
        if (v.is_number()) check(worksheet_write_number(ws, row, col, v.get<double>(), nullptr));
        else if (!v.is_null()) check(worksheet_write_string(ws, row, col, text_of(v).c_str(), nullptr));
      }
    worksheet_freeze_panes(ws, 1, 0);
  }
  check(workbook_close(wb));  // frees the workbook whatever happened above
  std::string bytes = failed.empty() && err == LXW_NO_ERROR ? read_file(path) : std::string();
  std::remove(path);
  if (!failed.empty()) throw std::runtime_error(failed);
  if (err != LXW_NO_ERROR) throw std::runtime_error(std::string("libxlsxwriter: ") + lxw_strerror(err));
  return bytes;
}

bool table_from_json(const nlohmann::json& j, ExportTable& out, std::string& error) {
  constexpr size_t kMaxCellBytes = 32767, kMaxColumns = 16384;  // Excel's limits (libxlsxwriter's checks)
  if (!j.is_object() || !j.contains("columns") || !j["columns"].is_array() || j["columns"].empty()) {
    error = "columns: a non-empty array of column names is required";
    return false;
  }
  if (j.contains("title") && !j["title"].is_string() && !j["title"].is_null()) {
    error = "title: must be a string";
    return false;
  }
  out.title = j.contains("title") && j["title"].is_string() ? j["title"].get<std::string>() : "ktpel";
  for (const auto& item : j.items())  // a field it would ignore (a NIK, a region) is a caller's mistake: say so
    if (item.key() != "title" && item.key() != "columns" && item.key() != "rows") {
      error = item.key() + ": unknown field; a table is {title, columns, rows}";
      return false;
    }
  if (j["columns"].size() > kMaxColumns) {
    error = "columns: at most 16,384 columns";
    return false;
  }
  for (const auto& c : j["columns"]) {
    if (!c.is_string() || c.get_ref<const std::string&>().size() > kMaxCellBytes) {
      error = "columns: every column name must be a string of at most 32,767 bytes";
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
    for (const auto& cell : r)
      if (cell.is_structured() || (cell.is_string() && cell.get_ref<const std::string&>().size() > kMaxCellBytes)) {
        error = "rows[" + std::to_string(n) + "]: a cell is a string of at most 32,767 bytes, a number, true/false or null";
        return false;
      }
    out.rows.emplace_back(r.begin(), r.end());
  }
  return true;
}

}  // namespace ktpel
