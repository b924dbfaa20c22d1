#include "core/text/fold.h"

#include <utf8proc.h>

#include <cstdlib>

namespace ktpel {

bool is_valid_utf8(std::string_view text) {
  // Fast path for ASCII, which is almost every registry field.
  size_t i = 0;
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  if (i == text.size()) return true;
  auto p = reinterpret_cast<const utf8proc_uint8_t*>(text.data()) + i;
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size() - i);
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) return false;
    p += n;
    left -= n;
  }
  return true;
}

std::string fold_for_search(std::string_view text) {
  std::string out;
  fold_for_search(text, out);
  return out;
}

void fold_for_search(std::string_view text, std::string& out) {
  bool ascii = true;
  for (char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii || !is_valid_utf8(text)) {  // ASCII: NFKC and stripping marks change nothing
    out.assign(text);
    for (auto& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return;
  }
  utf8proc_uint8_t* folded = nullptr;
  auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                                UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                    static_cast<utf8proc_ssize_t>(text.size()), &folded, options);
  if (n < 0) {
    out.assign(text);
    return;
  }
  out.assign(reinterpret_cast<char*>(folded), static_cast<size_t>(n));
  std::free(folded);
}

}  // namespace ktpel
