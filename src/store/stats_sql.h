// Ranges the store's queries bind: a region code prefix and its upper bound, a folded-name prefix
// and its upper bound (index ranges, no LIKE), the LIKE escape for "contains", each level's code length.
#pragma once
#include <string>
#include <string_view>

#include "core/wilayah/region.h"

namespace ktpel {

// Upper bound of a code-prefix range: every code under `prefix` sorts before it ('~' sorts after
// digits and '.').
inline std::string prefix_upper_bound(std::string_view prefix) { return std::string(prefix) + "~"; }
inline int code_length(Level level) {
  return level == Level::Provinsi ? 2 : level == Level::Kabupaten ? 5 : level == Level::Kecamatan ? 8 : 13;
}
// Upper bound of a folded-name prefix range (sorts after every UTF-8 string starting with it).
inline std::string name_prefix_upper_bound(std::string_view folded) { return std::string(folded) + "\xf4\x8f\xbf\xbf"; }
// The folded query with LIKE wildcards (% _ \) escaped, for "ESCAPE '\'".
inline std::string like_escape(std::string_view folded) {
  std::string out;
  for (char c : folded) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace ktpel
