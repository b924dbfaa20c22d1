// How deep a JSON text nests, found in one pass over its brackets before it is parsed. Parsing
// itself keeps its own stack, but copying, comparing or printing a parsed value recurses once
// per level: a request body nested ~300,000 levels deep overflowed a server thread's stack.
#pragma once
#include <cstddef>
#include <string_view>

namespace ktpel {

// The deepest nesting the API accepts in a request body (its own bodies nest 3 levels at most).
inline constexpr size_t kMaxJsonDepth = 64;

// True when arrays and objects in `text` nest more than `limit` levels deep. Brackets inside
// strings do not count; malformed text is measured all the same (the parser refuses it later).
bool json_nests_deeper_than(std::string_view text, size_t limit);

}  // namespace ktpel
