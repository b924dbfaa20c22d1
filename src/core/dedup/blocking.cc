#include "core/dedup/blocking.h"

#include <algorithm>
#include <functional>
#include <stdexcept>

#include "core/common/parallel_for.h"
#include "core/dedup/name_normaliser.h"

namespace ktpel {
namespace {

uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  h ^= h >> 31;
  h *= 0xbf58476d1ce4e5b9ull;
  return h ^ (h >> 29);
}

uint64_t text(std::string_view s, uint64_t salt) {
  uint64_t h = 1469598103934665603ull ^ salt;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

uint64_t nonzero(uint64_t h) { return h ? h : 1; }

uint64_t dob_days(const PreparedRecord& r) { return static_cast<uint64_t>(r.dob->to_days() + 100000); }

uint64_t dob_first(const PreparedRecord& r) {
  if (!r.dob || r.name_tokens.empty()) return 0;
  return nonzero(mix(text(indonesian_phonetic(r.name_tokens.front()), 1), dob_days(r)));
}
uint64_t dob_last(const PreparedRecord& r) {
  if (!r.dob || r.name_tokens.empty()) return 0;
  return nonzero(mix(text(indonesian_phonetic(r.name_tokens.back()), 2), dob_days(r)));
}
uint64_t name_year(const PreparedRecord& r) {
  if (!r.dob || r.name_phonetic.empty()) return 0;
  return nonzero(mix(text(r.name_phonetic, 3), static_cast<uint64_t>(r.dob->year)));
}
uint64_t name_day_month(const PreparedRecord& r) {
  if (!r.dob || r.name_phonetic.empty()) return 0;
  return nonzero(mix(text(r.name_phonetic, 4), static_cast<uint64_t>(r.dob->month * 32 + r.dob->day)));
}
uint64_t parents(const PreparedRecord& r) {
  if (r.mother_phonetic.empty() || r.father_phonetic.empty()) return 0;
  return nonzero(mix(text(r.mother_phonetic, 5), text(r.father_phonetic, 6)));
}
uint64_t mother_year(const PreparedRecord& r) {
  if (r.mother_phonetic.empty() || !r.dob) return 0;
  return nonzero(mix(text(r.mother_phonetic, 10), static_cast<uint64_t>(r.dob->year) * 4 + r.sex));
}
uint64_t father_year(const PreparedRecord& r) {
  if (r.father_phonetic.empty() || !r.dob) return 0;
  return nonzero(mix(text(r.father_phonetic, 11), static_cast<uint64_t>(r.dob->year) * 4 + r.sex));
}

// The first three letters of the name written without spaces: survives a typo later in the name
// and a misplaced space ("Lukita Hutasoit" / "Lukit Ahutasoit").
uint64_t dob_prefix(const PreparedRecord& r) {
  if (!r.dob || r.name_key.empty()) return 0;
  std::string p;
  for (char c : r.name_key)
    if (c != ' ' && p.size() < 3) p += c;
  return nonzero(mix(text(p, 12), dob_days(r)));
}
uint64_t mother_day_month(const PreparedRecord& r) {
  if (r.mother_phonetic.empty() || !r.dob) return 0;
  return nonzero(mix(text(r.mother_phonetic, 13), static_cast<uint64_t>(r.dob->month * 32 + r.dob->day)));
}

uint64_t father_day_month(const PreparedRecord& r) {
  if (r.father_phonetic.empty() || !r.dob) return 0;
  return nonzero(mix(text(r.father_phonetic, 14), static_cast<uint64_t>(r.dob->month * 32 + r.dob->day)));
}

// Orders inside a capped block: alike records must end up next to each other, so the order is
// the text itself (its first eight letters, big-endian), not a hash of it.
uint64_t prefix_order(std::string_view s) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v = v << 8 | (i < s.size() ? static_cast<unsigned char>(s[i]) : 0);
  return v;
}
uint64_t by_name(const PreparedRecord& r) { return prefix_order(r.name_phonetic); }
uint64_t by_date(const PreparedRecord& r) { return r.dob ? dob_days(r) : 0; }

}  // namespace

const std::vector<BlockingRule>& default_blocking_rules() {
  static const std::vector<BlockingRule> rules = {
      {"birth_date+first_name_sound", dob_first, by_name},
      {"birth_date+last_name_sound", dob_last, by_name},
      {"name_sound+birth_year", name_year, by_date},
      {"name_sound+birth_day_month", name_day_month, by_date},
      {"mother+father", parents, by_name},
      {"mother+birth_year+sex", mother_year, by_name},
      {"father+birth_year+sex", father_year, by_name},
      {"birth_date+name_prefix", dob_prefix, by_name},
      {"mother+birth_day_month", mother_day_month, by_name},
      {"father+birth_day_month", father_day_month, by_name},
  };
  return rules;
}

std::vector<uint64_t> candidate_pairs(const std::vector<PreparedRecord>& records, const std::vector<BlockingRule>& rules,
                                      const BlockingOptions& options, std::vector<BlockingRuleStats>* stats,
                                      const std::function<void(uint64_t, uint64_t)>& progress) {
  const size_t n = records.size();
  if (n > kMaxDedupRecords) throw std::invalid_argument("dedup takes at most 268,435,456 records at once");
  if (rules.size() > 16) throw std::invalid_argument("at most 16 blocking rules");
  const unsigned threads = worker_count(options.threads);
  // A record in a capped block of rule r gets its key's top bit set, so later rules do not assume
  // rule r compared it with every record of that key.
  constexpr uint64_t kCapped = 1ull << 63;
  // A record's keys side by side (one or two cache lines), so the earlier-rule check of a pair
  // reads two records' keys, not two per rule.
  const size_t R = rules.size();
  std::vector<uint64_t> keys(n * R);
  auto key = [&](size_t r, size_t i) -> uint64_t& { return keys[i * R + r]; };
  parallel_for(n, threads, [&](size_t i) {
    for (size_t r = 0; r < R; ++r) key(r, i) = rules[r].key(records[i]) & ~kCapped;
  }, 1024);
  // Each rule's blocks: records sorted by key. A capped block is sorted by the rule's second key
  // and its records marked with their rank in that order, so that a later rule can tell whether
  // this one compared a pair (neighbours within the window) without a list of pairs to look in.
  std::vector<uint32_t> rank(n * R, 0);
  std::vector<std::vector<std::pair<uint64_t, uint32_t>>> order(rules.size());
  std::vector<BlockingRuleStats> st(rules.size());
  parallel_for(rules.size(), threads, [&](size_t r) {
    auto& o = order[r];
    for (size_t i = 0; i < n; ++i)
      if (key(r, i)) o.emplace_back(key(r, i), static_cast<uint32_t>(i));
    std::sort(o.begin(), o.end());
    st[r].name = std::string(rules[r].name);
    std::vector<std::pair<uint64_t, uint32_t>> members;
    for (size_t begin = 0; begin < o.size();) {
      size_t end = begin + 1;
      while (end < o.size() && o[end].first == o[begin].first) ++end;
      const size_t size = end - begin;
      if (size >= 2) {
        ++st[r].blocks;
        st[r].largest_block = std::max<uint64_t>(st[r].largest_block, size);
        if (size > options.max_block) {
          ++st[r].capped_blocks;
          members.clear();
          for (size_t x = begin; x < end; ++x) members.emplace_back(rules[r].order(records[o[x].second]), o[x].second);
          std::sort(members.begin(), members.end());
          for (size_t x = 0; x < size; ++x) {
            o[begin + x].second = members[x].second;
            key(r, members[x].second) |= kCapped;
            rank[members[x].second * R + r] = static_cast<uint32_t>(x);
          }
        }
      }
      begin = end;
    }
  }, 1);
  // Pairs of each rule, skipping those an earlier rule compared: the same key in an uncapped block,
  // or neighbours in the same capped block. Every pair is thus emitted once, by the first rule that
  // finds it, with no sorting of the pair lists.
  const size_t window = options.window;
  std::vector<std::vector<uint64_t>> found(rules.size());
  parallel_for(rules.size(), threads, [&](size_t r) {
    auto& pairs = found[r];
    const auto& o = order[r];
    auto emit = [&](uint32_t i, uint32_t j) {
      if (i > j) std::swap(i, j);
      const uint64_t* ki = &keys[i * R];
      const uint64_t* kj = &keys[j * R];
      for (size_t q = 0; q < r; ++q) {
        if (ki[q] != kj[q] || ki[q] == 0) continue;
        if (!(ki[q] & kCapped)) return;
        const uint32_t ri = rank[i * R + q], rj = rank[j * R + q];
        if ((ri > rj ? ri - rj : rj - ri) <= window) return;
      }
      pairs.push_back(static_cast<uint64_t>(i) << 36 | static_cast<uint64_t>(j) << 4 | r);
    };
    for (size_t begin = 0; begin < o.size();) {
      size_t end = begin + 1;
      while (end < o.size() && o[end].first == o[begin].first) ++end;
      const size_t size = end - begin;
      if (size >= 2 && size <= options.max_block) {
        for (size_t x = begin; x < end; ++x)
          for (size_t y = x + 1; y < end; ++y) emit(o[x].second, o[y].second);
      } else if (size > options.max_block) {  // sorted neighbourhood (o is in the second key's order)
        for (size_t x = begin; x < end; ++x)
          for (size_t y = x + 1; y < std::min(end, x + 1 + window); ++y) emit(o[x].second, o[y].second);
      }
      begin = end;
    }
    st[r].pairs = pairs.size();
    std::vector<std::pair<uint64_t, uint32_t>>().swap(order[r]);
  }, 1);
  if (progress) progress(rules.size(), rules.size());
  // One list, rule after rule (each rule's list freed as it is copied).
  size_t total = 0;
  for (const auto& f : found) total += f.size();
  std::vector<uint64_t> pairs;
  pairs.reserve(total);
  for (auto& f : found) {
    pairs.insert(pairs.end(), f.begin(), f.end());
    std::vector<uint64_t>().swap(f);
  }
  if (stats) *stats = std::move(st);
  return pairs;
}

}  // namespace ktpel
