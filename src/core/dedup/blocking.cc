#include "core/dedup/blocking.h"

#include <algorithm>
#include <stdexcept>

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

constexpr uint32_t bits(DedupField a, DedupField b) { return 1u << a | 1u << b; }

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

uint64_t by_name(const PreparedRecord& r) { return text(r.name_sorted, 9); }
uint64_t by_date(const PreparedRecord& r) { return r.dob ? dob_days(r) : 0; }

}  // namespace

const std::vector<BlockingRule>& default_blocking_rules() {
  static const std::vector<BlockingRule> rules = {
      {"birth_date+first_name_sound", dob_first, by_name, bits(kName, kBirthDate)},
      {"birth_date+last_name_sound", dob_last, by_name, bits(kName, kBirthDate)},
      {"name_sound+birth_year", name_year, by_date, bits(kName, kBirthDate)},
      {"name_sound+birth_day_month", name_day_month, by_date, bits(kName, kBirthDate)},
      {"mother+father", parents, by_name, bits(kMother, kFather)},
      {"mother+birth_year+sex", mother_year, by_name, bits(kMother, kBirthDate)},
      {"father+birth_year+sex", father_year, by_name, bits(kFather, kBirthDate)},
      {"birth_date+name_prefix", dob_prefix, by_name, bits(kName, kBirthDate)},
      {"mother+birth_day_month", mother_day_month, by_name, bits(kMother, kBirthDate)},
  };
  return rules;
}

std::vector<uint64_t> blocking_keys(const PreparedRecord& r, const std::vector<BlockingRule>& rules) {
  std::vector<uint64_t> keys;
  keys.reserve(rules.size());
  for (const auto& rule : rules) keys.push_back(rule.key(r));
  return keys;
}

std::vector<uint64_t> candidate_pairs(const std::vector<PreparedRecord>& records, const std::vector<BlockingRule>& rules,
                                      const BlockingOptions& options, std::vector<BlockingRuleStats>* stats,
                                      const std::function<void(uint64_t, uint64_t)>& progress) {
  const size_t n = records.size();
  if (n > kMaxDedupRecords) throw std::invalid_argument("dedup takes at most 268,435,456 records at once");
  if (rules.size() > 16) throw std::invalid_argument("at most 16 blocking rules");
  // keys[r][i]; a record in a capped block of rule r gets its key's top bit set, so later rules do
  // not assume rule r compared it with every record of that key.
  std::vector<std::vector<uint64_t>> keys(rules.size());
  constexpr uint64_t kCapped = 1ull << 63;
  std::vector<uint64_t> pairs;
  std::vector<std::pair<uint64_t, uint32_t>> order;
  if (stats) stats->assign(rules.size(), {});
  for (size_t r = 0; r < rules.size(); ++r) {
    auto& key = keys[r];
    key.resize(n);
    order.clear();
    for (size_t i = 0; i < n; ++i) {
      key[i] = rules[r].key(records[i]) & ~kCapped;
      if (key[i]) order.emplace_back(key[i], static_cast<uint32_t>(i));
    }
    std::sort(order.begin(), order.end());
    BlockingRuleStats s;
    s.name = std::string(rules[r].name);
    auto seen_earlier = [&](uint32_t i, uint32_t j) {
      for (size_t q = 0; q < r; ++q)
        if (keys[q][i] == keys[q][j] && keys[q][i] != 0 && !(keys[q][i] & kCapped)) return true;
      return false;
    };
    auto emit = [&](uint32_t i, uint32_t j) {
      if (i > j) std::swap(i, j);
      if (seen_earlier(i, j)) return;
      pairs.push_back(static_cast<uint64_t>(i) << 36 | static_cast<uint64_t>(j) << 4 | r);
      ++s.pairs;
    };
    std::vector<std::pair<uint64_t, uint32_t>> members;
    for (size_t begin = 0; begin < order.size();) {
      size_t end = begin + 1;
      while (end < order.size() && order[end].first == order[begin].first) ++end;
      const size_t size = end - begin;
      if (size >= 2) {
        ++s.blocks;
        s.largest_block = std::max<uint64_t>(s.largest_block, size);
        if (size <= options.max_block) {
          for (size_t x = begin; x < end; ++x)
            for (size_t y = x + 1; y < end; ++y) emit(order[x].second, order[y].second);
        } else {
          ++s.capped_blocks;
          members.clear();
          for (size_t x = begin; x < end; ++x) members.emplace_back(rules[r].order(records[order[x].second]), order[x].second);
          std::sort(members.begin(), members.end());
          for (size_t x = 0; x < size; ++x)
            for (size_t y = x + 1; y < std::min(size, x + 1 + options.window); ++y) emit(members[x].second, members[y].second);
          for (size_t x = begin; x < end; ++x) key[order[x].second] |= kCapped;
        }
      }
      begin = end;
    }
    if (stats) (*stats)[r] = s;
    if (progress) progress(r + 1, rules.size());
  }
  std::sort(pairs.begin(), pairs.end());
  // The same pair from two rules: keep the first rule's (sorted first).
  pairs.erase(std::unique(pairs.begin(), pairs.end(), [](uint64_t a, uint64_t b) { return a >> 4 == b >> 4; }), pairs.end());
  return pairs;
}

}  // namespace ktpel
