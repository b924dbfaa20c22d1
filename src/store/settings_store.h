// SettingsStore: small named values an office configures (targets, print priorities, the day the
// coverage counters hold for).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace ktpel {

class SettingsStore {
 public:
  virtual ~SettingsStore() = default;
  virtual std::optional<std::string> setting(std::string_view key) = 0;
  virtual void put_setting(std::string_view key, std::string_view value) = 0;
};

}  // namespace ktpel
