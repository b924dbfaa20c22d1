// File helpers for the shells: whole-file reads (the core parses buffers) and atomic writes.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace ktpel {

// Throws std::runtime_error naming the path and the OS reason.
std::string read_file(const std::string& path);
// A whole file mapped read-only (the page cache's own pages: nothing is copied or zeroed), for
// parsing large inputs; what cannot be mapped (a pipe, /dev/stdin) is read into memory instead.
// Throws std::runtime_error like read_file.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view text() const { return mapped_ ? std::string_view(mapped_, size_) : std::string_view(read_); }

 private:
  const char* mapped_ = nullptr;
  size_t size_ = 0;
  std::string read_;  // the fallback
};

// Writes to path.tmp then renames, so readers never see half a file.
void write_file_atomic(const std::string& path, std::string_view content);
bool file_exists(const std::string& path);

// Where data/ (wilayah, names, facts) lives: --data-dir, else $KTPEL_DATA_DIR, else the
// source tree's data/ compiled in.
std::string resolve_data_dir(const std::string& override_dir = {});

// Current UTC time as "YYYY-MM-DDTHH:MM:SSZ" and today's date (shell-side clock).
std::string utc_now_iso();
std::string today_iso();
// Millisecond UTC time "YYYY-MM-DDTHH:MM:SS.mmmZ", now or `ms` from now (station timings).
std::string utc_now_iso_ms(int64_t ms_from_now = 0);

}  // namespace ktpel
