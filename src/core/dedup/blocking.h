// Blocking: which pairs of records are compared at all. Several keys in union (a pair sharing any
// key is a candidate) so that one corrupted field does not hide a duplicate; each pair is compared
// once (a pair an earlier rule already compared is skipped).
// Common names (Siti, Sri, Nur, Muhammad...) make huge blocks: a block larger than the cap is not
// expanded into all its pairs but sorted by a second key and each record is compared with its next
// `window` neighbours only (sorted neighbourhood), so pairs and memory stay linear in its size.
#pragma once
#include <algorithm>
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

// The default rules (docs/dedup.md), in order: birth date + first-name sound; birth date +
// last-name sound; name sound + birth year; name sound + day and month; mother + father; mother +
// birth year + sex; father + birth year + sex; birth date + first three letters; mother + day and
// month; father + day and month.
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

// The blocks of every rule over a set of records: each record's keys, every rule's records sorted
// by key, and in a capped block the records in the rule's second order with their ranks. A rule's
// pairs are then visited one block at a time, each pair by the first rule that finds it: a later
// rule skips a pair that shares an earlier rule's uncapped key, or that an earlier capped block
// held within its window (told by the two ranks), so no list of pairs is ever built or sorted.
class CandidateBlocks {
 public:
  CandidateBlocks(const std::vector<PreparedRecord>& records, const std::vector<BlockingRule>& rules,
                  const BlockingOptions& options);

  size_t rule_count() const { return order_.size(); }
  // Pairs in all blocks before the first-rule filter: at least the number of candidates.
  uint64_t pairs_at_most() const;
  uint64_t pairs_at_most(size_t r) const { return pairs_at_most_[r]; }
  // Blocks, capped blocks and largest block per rule (pairs are counted by whoever visits them).
  const std::vector<BlockingRuleStats>& stats() const { return stats_; }

  // Calls visit(i, j), i < j, for every pair rule r is the first to find; returns how many. Rules
  // may be visited from different threads at once.
  template <class Visit>
  uint64_t for_each_pair(size_t r, Visit&& visit) const;
  // Frees rule r's order once it has been visited.
  void release(size_t r) { std::vector<uint32_t>().swap(order_[r]); }

 private:
  static constexpr uint64_t kCapped = 1ull << 63;  // on a record's key: its block of that rule is capped
  static constexpr uint32_t kBlockStart = 1u << 31;  // on an order entry: the first record of a block
  static constexpr uint32_t kRecordMask = kBlockStart - 1;
  bool earlier_rule_has(size_t r, uint32_t i, uint32_t j) const;
  uint64_t key(size_t r, uint32_t i) const { return keys_[static_cast<size_t>(i) * rules_ + r]; }

  const std::vector<PreparedRecord>* records_;
  size_t rules_ = 0, max_block_ = 0, window_ = 0;
  std::vector<uint64_t> keys_;   // [record * rules + rule], kCapped set in capped blocks
  std::vector<uint32_t> rank_;   // [record * rules + rule]: place in its capped block's order
  std::vector<std::vector<uint32_t>> order_;  // per rule: records by key (capped blocks in rank order), block starts marked
  std::vector<BlockingRuleStats> stats_;
  std::vector<uint64_t> pairs_at_most_;  // per rule
};

// Candidate pairs (i, j), i < j, each once, tagged with the first rule that found it; packed as
// i << 36 | j << 4 | rule (so at most 2^28 records and 16 rules), rule after rule, block by block.
// (The engine visits CandidateBlocks directly; this list is for tests and analysis.)
std::vector<uint64_t> candidate_pairs(const std::vector<PreparedRecord>& records, const std::vector<BlockingRule>& rules,
                                      const BlockingOptions& options, std::vector<BlockingRuleStats>* stats = nullptr,
                                      const std::function<void(uint64_t, uint64_t)>& progress = {});


inline constexpr size_t kMaxDedupRecords = size_t{1} << 28;
inline uint64_t pack_pair(uint32_t i, uint32_t j, size_t rule) {
  return static_cast<uint64_t>(i) << 36 | static_cast<uint64_t>(j) << 4 | rule;
}
inline uint32_t pair_first(uint64_t p) { return static_cast<uint32_t>(p >> 36); }
inline uint32_t pair_second(uint64_t p) { return static_cast<uint32_t>(p >> 4) & ((1u << 28) - 1); }
inline uint32_t pair_rule(uint64_t p) { return static_cast<uint32_t>(p & 15); }

inline bool CandidateBlocks::earlier_rule_has(size_t r, uint32_t i, uint32_t j) const {
  const uint64_t* ki = &keys_[static_cast<size_t>(i) * rules_];
  const uint64_t* kj = &keys_[static_cast<size_t>(j) * rules_];
  for (size_t q = 0; q < r; ++q) {
    if (ki[q] != kj[q] || ki[q] == 0) continue;
    if (!(ki[q] & kCapped)) return true;
    const uint32_t ri = rank_[static_cast<size_t>(i) * rules_ + q], rj = rank_[static_cast<size_t>(j) * rules_ + q];
    if ((ri > rj ? ri - rj : rj - ri) <= window_) return true;
  }
  return false;
}

template <class Visit>
uint64_t CandidateBlocks::for_each_pair(size_t r, Visit&& visit) const {
  const auto& o = order_[r];
  const auto& records = *records_;
  uint64_t visited = 0;
  auto emit = [&](uint32_t i, uint32_t j) {
    if (i > j) std::swap(i, j);
    if (earlier_rule_has(r, i, j)) return;
    ++visited;
    visit(i, j);
  };
  // Records of a block are anywhere in memory: ask for the record and its keys a few places ahead
  // in the rule's order (pairs are visited in that order), so that the loads overlap.
  constexpr size_t kAhead = 16;
  auto prefetch = [&](size_t at) {
    if (at >= o.size()) return;
    const uint32_t i = o[at] & kRecordMask;
    const char* p = reinterpret_cast<const char*>(&records[i]);
    for (size_t line = 0; line < kPreparedRecordHotBytes + 64; line += 64) __builtin_prefetch(p + line);
    __builtin_prefetch(&keys_[static_cast<size_t>(i) * rules_]);
  };
  for (size_t at = 0; at < kAhead; ++at) prefetch(at);
  for (size_t begin = 0; begin < o.size();) {
    size_t end = begin + 1;
    while (end < o.size() && !(o[end] & kBlockStart)) ++end;
    const size_t size = end - begin;
    const size_t reach = size > max_block_ ? window_ : size;  // sorted neighbourhood in a capped block
    for (size_t x = begin; x < end; ++x) {
      prefetch(x + kAhead);
      const uint32_t i = o[x] & kRecordMask;
      for (size_t y = x + 1; y < std::min(end, x + 1 + reach); ++y) emit(i, o[y] & kRecordMask);
    }
    begin = end;
  }
  return visited;
}

}  // namespace ktpel
