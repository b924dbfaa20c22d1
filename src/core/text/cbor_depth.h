// How deep a CBOR item nests (arrays, maps, tags), found in one iterative pass before it is
// decoded. nlohmann's CBOR reader recurses once per level: an enrolment of ~4 KB of nested
// one-element arrays (0x81 0x81 ...) overflowed the decoding thread's stack (libFuzzer, target
// `enrolment`, at 2.16 million inputs). Our own packets nest 3 levels at most.
#pragma once
#include <cstddef>
#include <string_view>

namespace ktpel {

inline constexpr size_t kMaxCborDepth = 32;

// True when containers in `data` nest more than `limit` levels deep. Malformed or truncated data
// is measured as far as it goes (the decoder refuses it later).
bool cbor_nests_deeper_than(std::string_view data, size_t limit);

}  // namespace ktpel
