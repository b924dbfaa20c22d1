// The longest prefix of a text within a byte limit that does not end inside a UTF-8 character:
// a cut in the middle of one reached PostgreSQL as invalid text (a 503), or left a broken
// character at the end of a message or a stored name.
#pragma once
#include <cstddef>
#include <string_view>

namespace ktpel {

inline std::string_view utf8_prefix(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t cut = max_bytes;  // the first byte dropped: back up while it continues a kept character
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

}  // namespace ktpel
