// Whole numbers with their digits grouped by three for people to read: "103.068" in the
// Indonesian explanations, "4,210" in the English ones. One helper so the planners agree.
#pragma once
#include <cstdint>
#include <string>

namespace ktpel {

inline std::string group_thousands(int64_t v, char separator) {
  // Via uint64 so INT64_MIN does not overflow on negation.
  const uint64_t magnitude = v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  const std::string digits = std::to_string(magnitude);
  std::string out = v < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
    out += digits[i];
  }
  return out;
}

}  // namespace ktpel
