// Ranges the store's queries bind: a region code prefix and its upper bound, a folded-name prefix
// and its upper bound (index ranges, no LIKE), the LIKE escape for "contains", each level's code length.
#pragma once
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

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

// The words of a folded name (split at spaces, each once): the rows of resident_name_tokens, so a
// search finds "suryana" in "yusup suryana" through an index. Migration 22 splits the same way in SQL.
inline std::vector<std::string> name_tokens(std::string_view folded) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < folded.size()) {
    const size_t end = std::min(folded.find(' ', i), folded.size());
    if (end > i) {
      std::string word(folded.substr(i, end - i));
      bool seen = false;
      for (const auto& w : out) seen = seen || w == word;
      if (!seen) out.push_back(std::move(word));
    }
    i = end + 1;
  }
  return out;
}

}  // namespace ktpel
