#include "core/text/cbor_depth.h"

#include <cstdint>
#include <vector>

namespace ktpel {

bool cbor_nests_deeper_than(std::string_view data, size_t limit) {
  // Each open container: the items it still expects (-1: indefinite, until a break byte).
  std::vector<int64_t> open;
  size_t pos = 0;
  auto argument = [&](unsigned info, uint64_t& value) {
    if (info < 24) return value = info, true;
    const size_t n = info == 24 ? 1 : info == 25 ? 2 : info == 26 ? 4 : info == 27 ? 8 : 0;
    if (n == 0 || pos + n > data.size()) return false;
    value = 0;
    for (size_t i = 0; i < n; ++i) value = value << 8 | static_cast<unsigned char>(data[pos++]);
    return true;
  };
  // One item finished: count it against the innermost definite container(s).
  auto item_done = [&] {
    while (!open.empty() && open.back() > 0 && --open.back() == 0) open.pop_back();
  };
  while (pos < data.size()) {
    const auto byte = static_cast<unsigned char>(data[pos++]);
    const unsigned major = byte >> 5, info = byte & 31;
    if (byte == 0xff) {  // break: closes the innermost indefinite container
      if (open.empty() || open.back() != -1) return false;
      open.pop_back();
      item_done();
      continue;
    }
    uint64_t value = 0;
    const bool indefinite = info == 31 && (major == 2 || major == 3 || major == 4 || major == 5);
    if (!indefinite && major != 7 && !argument(info, value)) return false;
    switch (major) {
      case 0:
      case 1: item_done(); break;
      case 2:
      case 3:
        if (indefinite) {
          open.push_back(-1);  // chunks until a break; strings inside do not nest further
        } else {
          if (value > data.size() - pos) return false;
          pos += value;
          item_done();
        }
        break;
      case 4:
      case 5:
      case 6: {
        const int64_t items = indefinite ? -1 : major == 5 ? static_cast<int64_t>(value > (1ull << 60) ? (1ull << 61) : 2 * value)
                                                          : major == 6 ? 1 : static_cast<int64_t>(value > (1ull << 61) ? (1ull << 61) : value);
        if (items == 0) {
          item_done();
          break;
        }
        open.push_back(items);
        if (open.size() > limit) return true;
        break;
      }
      default:  // 7: simple values and floats
        pos += info == 24 ? 1 : info == 25 ? 2 : info == 26 ? 4 : info == 27 ? 8 : 0;
        item_done();
        break;
    }
  }
  return false;
}

}  // namespace ktpel
