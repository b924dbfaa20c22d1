#include "http/access_log.h"

#include <spdlog/logger.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/text/mask.h"

namespace ktpel::http {

std::string loggable_path(const std::string& raw) {
  static constexpr size_t kLongest = 40;
  const std::string path = mask_person_data(raw);  // first: a shortened segment keeps no NIK digits
  std::string out;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    const std::string segment = path.substr(pos, end - pos);
    out += segment.size() > kLongest ? segment.substr(0, 8) + "..." : segment;
    if (end < path.size()) out += '/';
    pos = end + 1;
  }
  return out;
}

std::string access_line(const AccessRecord& r) {
  nlohmann::ordered_json j;
  j["time"] = r.time;
  j["id"] = r.id;
  j["user"] = r.user;
  j["method"] = r.method;
  j["route"] = r.route;
  j["path"] = r.path;
  j["status"] = r.status;
  j["ms"] = std::round(r.ms * 1000) / 1000;  // microseconds are enough
  j["bytes"] = r.bytes;
  j["remote"] = r.remote;
  // A path is whatever bytes a client sent: invalid UTF-8 is replaced, never a throw.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

AccessLog::AccessLog(const std::string& target) {
  spdlog::sink_ptr sink;
  try {
    if (target == "-") sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
    else sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(target, /*truncate=*/false);
  } catch (const spdlog::spdlog_ex& e) {
    throw std::runtime_error("cannot open the access log " + target + ": " + e.what());
  }
  // Not registered in spdlog's registry: two servers (tests) may each have their own.
  logger_ = std::make_shared<spdlog::logger>("access", std::move(sink));
  logger_->set_pattern("%v");
  // Each line reaches the file at once: `tail -f` and a crash lose nothing.
  logger_->flush_on(spdlog::level::info);
}

AccessLog::~AccessLog() = default;

void AccessLog::write(const AccessRecord& r) {
  const std::string line = access_line(r);
  logger_->log(spdlog::level::info, spdlog::string_view_t(line));
}

}  // namespace ktpel::http
