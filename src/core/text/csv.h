// RFC 4180 CSV: a strict reader that reports the physical line of each record and every quote
// error, and a writer that quotes only when needed. Works on an in-memory buffer (the shell maps
// the file), so the core stays free of I/O.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ktpel {

struct CsvRecord {
  std::vector<std::string> fields;
  uint64_t line = 0;  // 1-based physical line where the record starts
};

class CsvReader {
 public:
  // `at_file_start`: data begins the file, so a UTF-8 BOM there is skipped; false for a reader
  // started inside a file (a slice, one record), whose text is taken as it is.
  explicit CsvReader(std::string_view data, bool at_file_start = true);

  // Reads the next record into `out`. Returns false at end of input. When a record is malformed
  // (bad quoting, NUL byte), returns true with error() set; the reader resyncs at the next line.
  bool next(CsvRecord& out);
  const std::string& error() const { return error_; }
  bool binary() const { return binary_; }           // the last error was a NUL byte
  size_t offset() const { return pos_; }            // bytes consumed, for progress
  size_t size() const { return data_.size(); }

 private:
  void skip_to_next_line();
  std::string_view data_;
  size_t pos_ = 0;
  uint64_t line_ = 1;
  std::string error_;
  bool binary_ = false;
};

// Appends one field to `out`, quoting it when it holds a comma, quote, CR or LF.
void csv_append_field(std::string& out, std::string_view field);
// Appends a whole record terminated by "\n".
void csv_append_record(std::string& out, const std::vector<std::string_view>& fields);

// Exports opened in spreadsheet programs (CSV injection, OWASP): a text cell that begins with
// = + - @ TAB or CR would be read as a formula, so it is written as '=... and always quoted.
// Only a writer that knows a value is a genuine number writes it with csv_append_field.
void csv_append_text_cell(std::string& out, std::string_view cell);
// A record of text cells, each as csv_append_text_cell writes it.
void csv_append_export_record(std::string& out, const std::vector<std::string_view>& cells);

}  // namespace ktpel
