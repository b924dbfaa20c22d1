// Blocking: which pairs of records are compared at all. Several keys in union (a pair sharing any
// key is a candidate) so that one corrupted field does not hide a duplicate; each pair is compared
// once (a pair an earlier rule already compared is skipped).
// Common names (Siti, Sri, Nur, Muhammad...) make huge blocks: a block larger than the cap is not
// expanded into all its pairs but sorted by a second key and each record is compared with its next
// `window` neighbours only (sorted neighbourhood), so pairs and memory stay linear in its size.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dedup/dedup_record.h"

namespace ktpel {

struct BlockingRule {
  std::string_view name;
  uint64_t (*key)(const PreparedRecord&);    // 0 = the record has no key for this rule
  uint64_t (*order)(const PreparedRecord&);  // order inside a capped block
};

// The default rules (docs/dedup.md): birth date + first or last name sound; name sound + birth
// year; name sound + day and month; both parents; mother + birth year; father + birth year; name
// sound + birth place.
const std::vector<BlockingRule>& default_blocking_rules();

struct BlockingOptions {
  size_t max_block = 32;   // larger blocks are capped
  size_t window = 12;      // neighbours compared in a capped block
  unsigned threads = 0;    // 0 = every core
};

struct BlockingRuleStats {
  std::string name;
  uint64_t blocks = 0, pairs = 0, capped_blocks = 0, largest_block = 0;
};

// Candidate pairs (i, j), i < j, each once, tagged with the first rule that found it; packed as
// i << 36 | j << 4 | rule (so at most 2^28 records and 16 rules), rule after rule, block by block.
std::vector<uint64_t> candidate_pairs(const std::vector<PreparedRecord>& records, const std::vector<BlockingRule>& rules,
                                      const BlockingOptions& options, std::vector<BlockingRuleStats>* stats = nullptr,
                                      const std::function<void(uint64_t, uint64_t)>& progress = {});


inline constexpr size_t kMaxDedupRecords = size_t{1} << 28;
inline uint32_t pair_first(uint64_t p) { return static_cast<uint32_t>(p >> 36); }
inline uint32_t pair_second(uint64_t p) { return static_cast<uint32_t>(p >> 4) & ((1u << 28) - 1); }
inline uint32_t pair_rule(uint64_t p) { return static_cast<uint32_t>(p & 15); }

}  // namespace ktpel
