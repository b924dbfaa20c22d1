// Jenis kelamin as recorded in SIAK: L (laki-laki) or P (perempuan).
#pragma once
#include <optional>
#include <string_view>

namespace ktpel {

enum class Sex { L, P };

inline std::string_view to_string(Sex s) { return s == Sex::L ? "L" : "P"; }
inline std::optional<Sex> parse_sex(std::string_view v) {
  if (v == "L" || v == "l") return Sex::L;  // any case on input, stored as L / P
  if (v == "P" || v == "p") return Sex::P;
  return std::nullopt;
}

}  // namespace ktpel
