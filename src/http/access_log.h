// The access log: one JSON object per line and request, through spdlog, to stdout or to a file
// (appended; a rotation should copy and truncate, the file is never reopened). A line holds
// no personal data: the route is the OpenAPI template, the raw path has NIKs masked and opaque
// tokens shortened, and the query string (names searched for) is left out.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

namespace spdlog {
class logger;
}

namespace ktpel::http {

struct AccessRecord {
  std::string time;    // UTC, when the request began ("YYYY-MM-DDTHH:MM:SS.mmmZ")
  std::string id;      // the X-Request-Id answered
  std::string user;    // the caller's username, "station" on station routes, "-" when unknown
  std::string method;
  std::string route;   // OpenAPI template, "(static)" for the dashboard's files, "(unmatched)"
  std::string path;    // the raw path, already made safe by loggable_path()
  int status = 0;
  double ms = 0;       // from the request's headers to its last byte sent
  uint64_t bytes = 0;  // response body bytes sent
  std::string remote;  // the peer's address
};

// The raw path as it may be logged: NIKs and KK numbers masked (mask_person_data), and a segment
// longer than 40 characters shortened (a suket QR token carries its person's data in base64).
std::string loggable_path(const std::string& path);
// The record's line (without the newline): keys in the order above.
std::string access_line(const AccessRecord& r);

class AccessLog {
 public:
  // "-" = stdout; else the file, created or appended to. Throws std::runtime_error when the file
  // cannot be opened.
  explicit AccessLog(const std::string& target);
  ~AccessLog();
  void write(const AccessRecord& r);

 private:
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace ktpel::http
