#include "core/wilayah/region.h"

namespace ktpel {

std::optional<Level> level_of_code(std::string_view code) {
  // Shapes: 2 | 2.2 | 2.2.2 | 2.2.2.4 digits.
  static const size_t lengths[] = {2, 5, 8, 13};
  for (int i = 0; i < 4; ++i) {
    if (code.size() != lengths[i]) continue;
    for (size_t k = 0; k < code.size(); ++k) {
      const bool dot = (k == 2 || k == 5 || k == 8);
      if (dot ? code[k] != '.' : (code[k] < '0' || code[k] > '9')) return std::nullopt;
    }
    return static_cast<Level>(i + 1);
  }
  return std::nullopt;
}

std::string_view level_name(Level level) {
  switch (level) {
    case Level::Provinsi: return "provinsi";
    case Level::Kabupaten: return "kabupaten";
    case Level::Kecamatan: return "kecamatan";
    case Level::Desa: return "desa";
  }
  return "?";
}

std::optional<Level> parse_level(std::string_view n) {
  if (n == "provinsi" || n == "province") return Level::Provinsi;
  if (n == "kabupaten" || n == "kota" || n == "regency" || n == "kabupaten_kota") return Level::Kabupaten;
  if (n == "kecamatan" || n == "district") return Level::Kecamatan;
  if (n == "desa" || n == "kelurahan" || n == "village") return Level::Desa;
  return std::nullopt;
}

}  // namespace ktpel
