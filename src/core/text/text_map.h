// A hash map keyed by text that is looked up by std::string_view: no std::string is built for a
// lookup (per-thread caches of normalised names are probed millions of times).
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ktpel {

struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

template <class V>
using TextMap = std::unordered_map<std::string, V, TextHash, std::equal_to<>>;

}  // namespace ktpel
