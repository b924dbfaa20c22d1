#include "store/stats_sql.h"


namespace ktpel {

int code_length(Level level) {
  switch (level) {
    case Level::Provinsi: return 2;
    case Level::Kabupaten: return 5;
    case Level::Kecamatan: return 8;
    case Level::Desa: return 13;
  }
  return 13;
}

std::string prefix_upper_bound(std::string_view prefix) {
  return std::string(prefix) + "~";  // '~' sorts after digits and '.'
}

std::string name_prefix_upper_bound(std::string_view prefix) { return std::string(prefix) + "\xf4\x8f\xbf\xbf"; }

std::string like_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}


}  // namespace ktpel
