#include "core/dedup/dedup_evaluation.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_set>

namespace ktpel {
namespace {

using NikPair = std::pair<std::string, std::string>;
NikPair ordered(const std::string& a, const std::string& b) { return a < b ? NikPair{a, b} : NikPair{b, a}; }

// Groups are found by 64-bit hashes of their keys (sorted runs), not maps of strings: at ten million
// records the evaluation must not need more memory than the run it evaluates.
uint64_t hash_text(std::string_view s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}
uint64_t hash_with(std::string_view s, int64_t v, uint64_t salt) {
  uint64_t h = hash_text(s, 1469598103934665603ull ^ salt);
  h = (h ^ 0xff) * 1099511628211ull;  // separator: ("ab", 1) and ("a", ...) differ
  h ^= static_cast<uint64_t>(v) + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  return h ? h : 1;
}
uint64_t pair_key(uint32_t i, uint32_t j) {
  if (i > j) std::swap(i, j);
  return static_cast<uint64_t>(i) << 32 | j;
}

// Runs of equal hashes: calls visit(begin, end) over `sorted` (hash, record) pairs.
template <class Visit>
void for_each_group(const std::vector<std::pair<uint64_t, uint32_t>>& sorted, Visit visit) {
  for (size_t b = 0; b < sorted.size();) {
    size_t e = b + 1;
    while (e < sorted.size() && sorted[e].first == sorted[b].first) ++e;
    visit(b, e);
    b = e;
  }
}

}  // namespace

DedupAccuracy evaluate_dedup(const std::vector<PredictedPair>& predicted,
                             const std::unordered_map<std::string, std::string>& person_of,
                             const std::vector<PreparedRecord>& records) {
  DedupAccuracy acc;
  const size_t n = records.size();
  // Each record's person (records absent from the truth are their own person), as a hash.
  std::vector<uint64_t> person(n);
  for (size_t i = 0; i < n; ++i) {
    auto it = person_of.find(std::string(records[i].nik()));
    person[i] = it == person_of.end() ? hash_text(records[i].nik(), 7) : hash_text(it->second, 11);
  }
  // True pairs: n(n-1)/2 per person with n records (only among the records given).
  {
    std::vector<uint64_t> sorted = person;
    std::sort(sorted.begin(), sorted.end());
    for (size_t b = 0; b < sorted.size();) {
      size_t e = b + 1;
      while (e < sorted.size() && sorted[e] == sorted[b]) ++e;
      acc.true_pairs += static_cast<uint64_t>(e - b) * (e - b - 1) / 2;
      b = e;
    }
  }
  auto grouped = [&](auto key) {  // (hash, record) sorted, records without the key left out
    std::vector<std::pair<uint64_t, uint32_t>> out;
    for (size_t i = 0; i < n; ++i)
      if (const uint64_t k = key(records[i])) out.emplace_back(k, static_cast<uint32_t>(i));
    std::sort(out.begin(), out.end());
    return out;
  };

  // Twins: one KK, one birth date, different people.
  std::unordered_set<uint64_t> twins, parent_child;
  {
    const auto by_kk_dob = grouped([](const PreparedRecord& r) {
      return !r.kk().empty() && r.dob ? hash_with(r.kk(), r.dob->to_days(), 1) : 0;
    });
    for_each_group(by_kk_dob, [&](size_t b, size_t e) {
      for (size_t x = b; x < e; ++x)
        for (size_t y = x + 1; y < e; ++y)
          if (person[by_kk_dob[x].second] != person[by_kk_dob[y].second])
            twins.insert(pair_key(by_kk_dob[x].second, by_kk_dob[y].second));
    });
  }
  // Look-alikes: one normalised name and birth year, different people (groups of up to 200 —
  // "Siti Aminah born 1980" is not one look-alike group but a crowd). Counted, not listed.
  std::vector<uint64_t> name_year(n, 0);
  std::vector<uint32_t> lookalike_group(n, 0);  // size of the record's group, 0 = none or a crowd
  {
    const auto by_name_year = grouped([](const PreparedRecord& r) {
      return !r.name_key().empty() && r.dob ? hash_with(r.name_key(), r.dob->year, 2) : 0;
    });
    std::vector<uint64_t> persons;
    for_each_group(by_name_year, [&](size_t b, size_t e) {
      const size_t size = e - b;
      for (size_t x = b; x < e; ++x) name_year[by_name_year[x].second] = by_name_year[x].first;
      if (size < 2 || size > 200) return;
      persons.clear();
      for (size_t x = b; x < e; ++x) {
        persons.push_back(person[by_name_year[x].second]);
        lookalike_group[by_name_year[x].second] = static_cast<uint32_t>(size);
      }
      std::sort(persons.begin(), persons.end());
      uint64_t same = 0;
      for (size_t p = 0; p < persons.size();) {
        size_t q = p + 1;
        while (q < persons.size() && persons[q] == persons[p]) ++q;
        same += static_cast<uint64_t>(q - p) * (q - p - 1) / 2;
        p = q;
      }
      acc.lookalike_pairs += static_cast<uint64_t>(size) * (size - 1) / 2 - same;
    });
  }
  // A son named after his father, in the father's KK (the father older by a generation).
  {
    const auto by_kk_name = grouped([](const PreparedRecord& r) {
      return !r.kk().empty() && !r.name_key().empty() ? hash_with(std::string(r.kk()) + '|' + std::string(r.name_key()), 0, 3) : 0;
    });
    for (size_t i = 0; i < n; ++i) {
      const auto& r = records[i];
      if (r.father_key().empty() || r.father_key() != r.name_key() || r.kk().empty() || !r.dob) continue;
      const uint64_t k = hash_with(std::string(r.kk()) + '|' + std::string(r.name_key()), 0, 3);
      for (auto it = std::lower_bound(by_kk_name.begin(), by_kk_name.end(), std::pair<uint64_t, uint32_t>{k, 0});
           it != by_kk_name.end() && it->first == k; ++it) {
        const auto& other = records[it->second];
        if (other.nik() != r.nik() && other.dob && other.dob->year + 12 <= r.dob->year && person[it->second] != person[i])
          parent_child.insert(pair_key(static_cast<uint32_t>(i), it->second));
      }
    }
  }
  acc.twin_pairs = twins.size();
  acc.parent_child_pairs = parent_child.size();

  std::unordered_map<std::string_view, uint32_t> index_of;
  index_of.reserve(n);
  for (size_t i = 0; i < n; ++i) index_of.emplace(records[i].nik(), static_cast<uint32_t>(i));
  std::set<NikPair> seen;
  for (const auto& p : predicted) {
    const NikPair key = ordered(p.nik_a, p.nik_b);
    if (!seen.insert(key).second) continue;
    auto ia = index_of.find(p.nik_a), ib = index_of.find(p.nik_b);
    const bool known = ia != index_of.end() && ib != index_of.end();
    // A NIK not among the records is its own person (as in the truth).
    const bool same = known ? person[ia->second] == person[ib->second]
                            : person_of.count(p.nik_a) && person_of.count(p.nik_b) &&
                                  person_of.at(p.nik_a) == person_of.at(p.nik_b);
    ++acc.reported;
    acc.reported_true += same;
    if (!p.match) continue;
    ++acc.matched;
    acc.matched_true += same;
    if (!known) continue;
    const uint32_t a = ia->second, b = ib->second;
    acc.twins_matched += twins.count(pair_key(a, b));
    acc.parent_child_matched += parent_child.count(pair_key(a, b));
    acc.lookalikes_matched += !same && lookalike_group[a] != 0 && name_year[a] == name_year[b];
  }
  return acc;
}

}  // namespace ktpel
