#include "core/text/csv.h"

namespace ktpel {

CsvReader::CsvReader(std::string_view data, bool at_file_start) : data_(data) {
  if (at_file_start && data_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // tolerate a UTF-8 BOM (Excel writes one)
}

void CsvReader::skip_to_next_line() {
  // Resync after an error: skip to the end of the physical line the error happened on.
  while (pos_ < data_.size() && data_[pos_] != '\n') ++pos_;
  if (pos_ < data_.size()) {
    ++pos_;
    ++line_;
  }
}

bool CsvReader::next(CsvRecord& out) {
  // The record's strings are reused from one call to the next (their buffers kept): a million-row
  // file is not a million allocations per column.
  size_t count = 0;
  error_.clear();
  binary_ = false;
  if (pos_ >= data_.size()) {
    out.fields.clear();
    return false;
  }
  out.line = line_;
  const size_t n = data_.size();
  while (true) {
    if (count == out.fields.size()) out.fields.emplace_back();
    std::string& field = out.fields[count];
    field.clear();
    if (pos_ < n && data_[pos_] == '"') {
      // Quoted field: "" is an escaped quote; CR/LF inside are data.
      ++pos_;
      bool closed = false;
      while (pos_ < n) {
        char c = data_[pos_];
        if (c == '"') {
          if (pos_ + 1 < n && data_[pos_ + 1] == '"') {
            field.push_back('"');
            pos_ += 2;
            continue;
          }
          ++pos_;
          closed = true;
          break;
        }
        if (c == '\0') {
          error_ = "NUL byte";
          binary_ = true;
          skip_to_next_line();
          out.fields.resize(count);
          return true;
        }
        if (c == '\n') ++line_;
        field.push_back(c);
        ++pos_;
      }
      if (!closed) {
        error_ = "a quoted field is never closed (missing closing \")";
        pos_ = n;
        out.fields.resize(count);
        return true;
      }
      if (pos_ < n && data_[pos_] != ',' && data_[pos_] != '\n' && data_[pos_] != '\r') {
        error_ = "text after a closing quote (a quote inside a field must be doubled: \"\")";
        skip_to_next_line();
        out.fields.resize(count);
        return true;
      }
    } else {
      size_t start = pos_;
      while (pos_ < n && data_[pos_] != ',' && data_[pos_] != '\n' && data_[pos_] != '\r') {
        if (data_[pos_] == '"') {
          error_ = "a quote inside an unquoted field (quote the whole field and double the quote)";
          skip_to_next_line();
          out.fields.resize(count);
          return true;
        }
        if (data_[pos_] == '\0') {
          error_ = "NUL byte";
          binary_ = true;
          skip_to_next_line();
          out.fields.resize(count);
          return true;
        }
        ++pos_;
      }
      field.assign(data_.substr(start, pos_ - start));
    }
    ++count;
    if (pos_ >= n) {
      out.fields.resize(count);
      return true;
    }
    char c = data_[pos_];
    if (c == ',') {
      ++pos_;
      continue;
    }
    if (c == '\r') ++pos_;
    if (pos_ < n && data_[pos_] == '\n') ++pos_;
    ++line_;
    out.fields.resize(count);
    return true;
  }
}

namespace {

void append_quoted(std::string& out, std::string_view prefix, std::string_view f) {
  out.push_back('"');
  out.append(prefix);
  for (char c : f) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

template <class AppendCell>
void append_record(std::string& out, const std::vector<std::string_view>& cells, AppendCell append_cell) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out.push_back(',');
    append_cell(out, cells[i]);
  }
  out.push_back('\n');
}

}  // namespace

void csv_append_field(std::string& out, std::string_view f) {
  if (f.find_first_of(",\"\r\n") == std::string_view::npos) out.append(f);
  else append_quoted(out, "", f);
}

void csv_append_record(std::string& out, const std::vector<std::string_view>& fields) {
  append_record(out, fields, csv_append_field);
}

void csv_append_text_cell(std::string& out, std::string_view cell) {
  const bool formula = !cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos;
  if (formula) append_quoted(out, "'", cell);
  else csv_append_field(out, cell);
}

void csv_append_export_record(std::string& out, const std::vector<std::string_view>& cells) {
  append_record(out, cells, csv_append_text_cell);
}

}  // namespace ktpel
