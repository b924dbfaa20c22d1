#include "core/text/mask.h"

#include <cctype>

namespace ktpel {

std::string mask_person_data(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    if (j - i == 16) {
      out.append(text.substr(i, 6));
      out.append(10, '*');
      i = j;
      continue;
    }
    if (j > i) {
      out.append(text.substr(i, j - i));
      i = j;
      continue;
    }
    // "name":"SITI AMINAH" -> "name":"S***"
    static constexpr std::string_view kName = "\"name\":\"";
    if (text.substr(i, kName.size()) == kName) {
      const size_t start = i + kName.size(), end = text.find('"', start);
      if (end != std::string_view::npos && end > start) {
        out.append(kName);
        out += text[start];
        out.append("***\"");
        i = end + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

}  // namespace ktpel
