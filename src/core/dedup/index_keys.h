// The keys the incremental path stores for each resident (DedupStore): its blocking keys, salted
// by rule so two rules never share a key, and the hashes of its term-frequency fields, salted by
// field (a term's frequency is then the number of residents holding its key).
#pragma once
#include <cstdint>
#include <vector>

#include "core/dedup/dedup_engine.h"

namespace ktpel {

std::vector<uint64_t> blocking_index_keys(const PreparedRecord& r);  // zero keys left out
uint64_t term_index_key(const PreparedRecord& r, DedupField f);      // 0 when the field is missing
std::vector<uint64_t> all_index_keys(const PreparedRecord& r);       // both of the above

}  // namespace ktpel
