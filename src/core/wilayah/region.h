// A Kemendagri region (wilayah) at one of four levels, identified by its dotted code.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ktpel {

enum class Level { Provinsi = 1, Kabupaten = 2, Kecamatan = 3, Desa = 4 };

// The level implied by a dotted code's shape: "65", "65.01", "65.01.01", "65.01.01.2001".
std::optional<Level> level_of_code(std::string_view code);
// Level names as used in the API and CLI ("provinsi", "kabupaten", "kecamatan", "desa").
std::string_view level_name(Level level);
std::optional<Level> parse_level(std::string_view name);  // also accepts English synonyms

struct Region {
  std::string code;         // dotted Kemendagri code
  std::string parent_code;  // "" for provinces
  std::string name;
  Level level = Level::Provinsi;
  std::optional<double> lat, lon;   // centroid (province points are approximate)
  std::optional<int64_t> population, male, female;  // 2024 Dukcapil, regencies (and sums above)
};

}  // namespace ktpel
