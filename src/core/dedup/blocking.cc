#include "core/dedup/blocking.h"

#include <algorithm>
#include <functional>
#include <stdexcept>

#include "core/common/parallel_for.h"
#include "core/common/prefault.h"
#include "core/common/radix_sort.h"
#include "core/dedup/name_normaliser.h"

namespace ktpel {
namespace {

uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  h ^= h >> 31;
  h *= 0xbf58476d1ce4e5b9ull;
  return h ^ (h >> 29);
}

uint64_t text(std::string_view s, uint64_t salt) { return sound_hash(s, salt); }

uint64_t nonzero(uint64_t h) { return h ? h : 1; }


uint64_t dob_days(const PreparedRecord& r) { return static_cast<uint64_t>(r.dob->to_days() + 100000); }

uint64_t dob_first(const PreparedRecord& r) {
  if (!r.dob || r.name_token_count == 0) return 0;
  return nonzero(mix(r.first_sound, dob_days(r)));
}
uint64_t dob_last(const PreparedRecord& r) {
  if (!r.dob || r.name_token_count == 0) return 0;
  return nonzero(mix(r.last_sound, dob_days(r)));
}
uint64_t name_year(const PreparedRecord& r) {
  if (!r.dob || r.name_phonetic().empty()) return 0;
  return nonzero(mix(text(r.name_phonetic(), 3), static_cast<uint64_t>(r.dob->year)));
}
uint64_t name_day_month(const PreparedRecord& r) {
  if (!r.dob || r.name_phonetic().empty()) return 0;
  return nonzero(mix(text(r.name_phonetic(), 4), static_cast<uint64_t>(r.dob->month * 32 + r.dob->day)));
}
uint64_t parents(const PreparedRecord& r) {
  if (r.mother_phonetic().empty() || r.father_phonetic().empty()) return 0;
  return nonzero(mix(text(r.mother_phonetic(), 5), text(r.father_phonetic(), 6)));
}
// The class of a name's first sound, letters clerks and ears confuse taken together (b/p/f/v,
// d/t, c/k/q/g, j/y/z, s, vowels): a parent's block splits by it into a dozen, where a family's
// children and the strangers of a common parent's name would otherwise all meet.
uint64_t first_sound(const PreparedRecord& r) {
  if (r.name_key().empty()) return 0;
  switch (r.name_key().front()) {
    case 'a': case 'e': case 'i': case 'o': case 'u': return 1;
    case 'b': case 'p': case 'f': case 'v': return 2;
    case 'd': case 't': return 3;
    case 'c': case 'k': case 'q': case 'g': return 4;
    case 'j': case 'y': case 'z': return 5;
    default: return static_cast<uint64_t>(static_cast<unsigned char>(r.name_key().front()));
  }
}
uint64_t mother_year(const PreparedRecord& r) {
  if (r.mother_phonetic().empty() || !r.dob) return 0;
  return nonzero(mix(text(r.mother_phonetic(), 10), (static_cast<uint64_t>(r.dob->year) * 4 + r.sex) << 8 | first_sound(r)));
}
uint64_t father_year(const PreparedRecord& r) {
  if (r.father_phonetic().empty() || !r.dob) return 0;
  return nonzero(mix(text(r.father_phonetic(), 11), (static_cast<uint64_t>(r.dob->year) * 4 + r.sex) << 8 | first_sound(r)));
}

// The first three letters of the name written without spaces: survives a typo later in the name
// and a misplaced space ("Lukita Hutasoit" / "Lukit Ahutasoit").
uint64_t dob_prefix(const PreparedRecord& r) {
  if (!r.dob || r.name_key().empty()) return 0;
  std::string p;
  for (char c : r.name_key())
    if (c != ' ' && p.size() < 3) p += c;
  return nonzero(mix(text(p, 12), dob_days(r)));
}
uint64_t mother_day_month(const PreparedRecord& r) {
  if (r.mother_phonetic().empty() || !r.dob) return 0;
  return nonzero(mix(text(r.mother_phonetic(), 13), static_cast<uint64_t>(r.dob->month * 32 + r.dob->day) << 8 | first_sound(r)));
}

uint64_t father_day_month(const PreparedRecord& r) {
  if (r.father_phonetic().empty() || !r.dob) return 0;
  return nonzero(mix(text(r.father_phonetic(), 14), static_cast<uint64_t>(r.dob->month * 32 + r.dob->day) << 8 | first_sound(r)));
}

// Every same-day birth of one sex and birthplace: the names may both be misspelt at the front
// ("Hadijah" / "Hatijah", "Sabri" / "Sebri") where no name key survives.
uint64_t dob_sex_place(const PreparedRecord& r) {
  if (!r.dob || r.place().empty() || r.sex == 0) return 0;
  return nonzero(mix(text(r.place(), 15), dob_days(r) * 4 + r.sex));
}
// The birth date and the mother's first name: survives a mother written by her first name only
// on one record ("Widya" / "Widya Suryatmi") and a name misspelt anywhere.
uint64_t dob_mother_first(const PreparedRecord& r) {
  if (!r.dob || r.mother_key().empty()) return 0;
  return nonzero(mix(r.mother_first_sound, dob_days(r)));
}

// The name's letters without spaces, by sound, and the birth year: a space left out or put in
// ("Bambangsugeng" / "Bambang Sugeng") together with a date error.
uint64_t compact_year(const PreparedRecord& r) {
  if (!r.dob || r.name_compact().size() < 4) return 0;
  return nonzero(mix(r.compact_sound, static_cast<uint64_t>(r.dob->year)));
}

// Orders inside a capped block: alike records must end up next to each other, so the order is
// the text itself (its first eight letters, big-endian), not a hash of it.
uint64_t prefix_order(std::string_view s) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v = v << 8 | (i < s.size() ? static_cast<unsigned char>(s[i]) : 0);
  return v;
}
uint64_t by_name(const PreparedRecord& r) { return prefix_order(r.name_phonetic()); }
uint64_t by_date(const PreparedRecord& r) { return r.dob ? dob_days(r) : 0; }

}  // namespace

const std::vector<BlockingRule>& default_blocking_rules() {
  static const std::vector<BlockingRule> rules = {
      {"birth_date+first_name_sound", dob_first, by_name},
      {"birth_date+last_name_sound", dob_last, by_name},
      {"name_sound+birth_year", name_year, by_date},
      {"name_sound+birth_day_month", name_day_month, by_date},
      {"mother+father", parents, by_name},
      {"mother+birth_year+sex+first_sound", mother_year, by_name},
      {"father+birth_year+sex+first_sound", father_year, by_name},
      {"birth_date+name_prefix", dob_prefix, by_name},
      {"mother+birth_day_month+first_sound", mother_day_month, by_name},
      {"father+birth_day_month+first_sound", father_day_month, by_name},
      {"birth_date+sex+birth_place", dob_sex_place, by_name},
      {"birth_date+mother_first_name", dob_mother_first, by_name},
      {"compact_name_sound+birth_year", compact_year, by_date},
  };
  return rules;
}

CandidateBlocks::CandidateBlocks(const std::vector<PreparedRecord>& records, const std::vector<BlockingRule>& rules,
                                 const BlockingOptions& options)
    : records_(&records), rules_(rules.size()), max_block_(options.max_block), window_(options.window) {
  const size_t n = records.size();
  if (n > kMaxDedupRecords) throw std::invalid_argument("dedup takes at most 268,435,456 records at once");
  if (rules.size() > 16) throw std::invalid_argument("at most 16 blocking rules");
  const unsigned threads = worker_count(options.threads);
  const size_t R = rules_;
  // A record's keys side by side (one or two cache lines), so the earlier-rule check of a pair
  // reads two records' keys, not two per rule.
  resize_prefaulted(keys_, n * R, threads);
  resize_prefaulted(rank_, n * R, threads);
  parallel_for(n, threads, [&](size_t i) {
    for (size_t r = 0; r < R; ++r) keys_[i * R + r] = rules[r].key(records[i]) & ~kCapped;
  }, 1024);
  order_.resize(R);
  stats_.resize(R);
  pairs_at_most_.assign(R, 0);
  auto& most = pairs_at_most_;
  parallel_for(R, threads, [&](size_t r) {
    std::vector<std::pair<uint64_t, uint32_t>> sorted;
    sorted.reserve(n);
    for (size_t i = 0; i < n; ++i)
      if (const uint64_t k = keys_[i * R + r]) sorted.emplace_back(k, static_cast<uint32_t>(i));
    radix_sort_by_key(sorted);
    // Only blocks of two or more: a record alone under its key has no pair in this rule.
    auto& o = order_[r];
    BlockingRuleStats& st = stats_[r];
    st.name = std::string(rules[r].name);
    std::vector<std::pair<uint64_t, uint32_t>> members;
    for (size_t begin = 0; begin < sorted.size();) {
      size_t end = begin + 1;
      while (end < sorted.size() && sorted[end].first == sorted[begin].first) ++end;
      const size_t size = end - begin;
      if (size >= 2) {
        ++st.blocks;
        st.largest_block = std::max<uint64_t>(st.largest_block, size);
        const size_t start = o.size();
        if (size > max_block_) {
          ++st.capped_blocks;
          members.clear();
          for (size_t x = begin; x < end; ++x)
            members.emplace_back(rules[r].order(records[sorted[x].second]), sorted[x].second);
          std::sort(members.begin(), members.end());
          for (size_t x = 0; x < size; ++x) {
            o.push_back(members[x].second);
            keys_[members[x].second * R + r] |= kCapped;
            rank_[members[x].second * R + r] = static_cast<uint32_t>(x);
          }
          most[r] += size * std::min(size - 1, window_);
        } else {
          for (size_t x = begin; x < end; ++x) o.push_back(sorted[x].second);
          most[r] += size * (size - 1) / 2;
        }
        o[start] |= kBlockStart;
      }
      begin = end;
    }
    o.shrink_to_fit();
  }, 1);
}

uint64_t CandidateBlocks::pairs_at_most() const {
  uint64_t total = 0;
  for (uint64_t m : pairs_at_most_) total += m;
  return total;
}

std::vector<uint64_t> candidate_pairs(const std::vector<PreparedRecord>& records, const std::vector<BlockingRule>& rules,
                                      const BlockingOptions& options, std::vector<BlockingRuleStats>* stats,
                                      const std::function<void(uint64_t, uint64_t)>& progress) {
  CandidateBlocks blocks(records, rules, options);
  std::vector<BlockingRuleStats> st = blocks.stats();
  std::vector<std::vector<uint64_t>> found(rules.size());
  parallel_for(rules.size(), worker_count(options.threads), [&](size_t r) {
    st[r].pairs = blocks.for_each_pair(r, [&](uint32_t i, uint32_t j) { found[r].push_back(pack_pair(i, j, r)); });
  }, 1);
  if (progress) progress(rules.size(), rules.size());
  std::vector<uint64_t> pairs;
  for (auto& f : found) pairs.insert(pairs.end(), f.begin(), f.end());
  if (stats) *stats = std::move(st);
  return pairs;
}

}  // namespace ktpel
