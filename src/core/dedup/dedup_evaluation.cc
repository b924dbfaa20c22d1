#include "core/dedup/dedup_evaluation.h"

#include <algorithm>
#include <map>
#include <set>

namespace ktpel {
namespace {

using NikPair = std::pair<std::string, std::string>;
NikPair ordered(const std::string& a, const std::string& b) { return a < b ? NikPair{a, b} : NikPair{b, a}; }

std::string person(const std::unordered_map<std::string, std::string>& person_of, const std::string& nik) {
  auto it = person_of.find(nik);
  return it == person_of.end() ? "nik:" + nik : it->second;
}

}  // namespace

DedupAccuracy evaluate_dedup(const std::vector<PredictedPair>& predicted,
                             const std::unordered_map<std::string, std::string>& person_of,
                             const std::vector<PreparedRecord>& records) {
  DedupAccuracy acc;
  // True pairs: n(n-1)/2 per person with n records (only among the records given).
  std::unordered_map<std::string, uint64_t> per_person;
  for (const auto& r : records) ++per_person[person(person_of, r.nik)];
  for (const auto& [p, n] : per_person) acc.true_pairs += n * (n - 1) / 2;

  // Hard pairs of different people.
  std::set<NikPair> twins, parent_child, lookalikes;
  std::map<std::pair<std::string, long>, std::vector<size_t>> by_kk_dob, by_name_year;
  std::unordered_map<std::string, std::vector<size_t>> by_name;
  for (size_t i = 0; i < records.size(); ++i) {
    const auto& r = records[i];
    if (!r.kk.empty() && r.dob) by_kk_dob[{r.kk, r.dob->to_days()}].push_back(i);
    if (!r.name_key.empty() && r.dob) by_name_year[{r.name_key, r.dob->year}].push_back(i);
    if (!r.name_key.empty()) by_name[r.name_key].push_back(i);
  }
  auto differ = [&](size_t i, size_t j) { return person(person_of, records[i].nik) != person(person_of, records[j].nik); };
  for (const auto& [k, v] : by_kk_dob)
    for (size_t x = 0; x < v.size(); ++x)
      for (size_t y = x + 1; y < v.size(); ++y)
        if (differ(v[x], v[y])) twins.insert(ordered(records[v[x]].nik, records[v[y]].nik));
  for (const auto& [k, v] : by_name_year)
    if (v.size() <= 200)
      for (size_t x = 0; x < v.size(); ++x)
        for (size_t y = x + 1; y < v.size(); ++y)
          if (differ(v[x], v[y])) lookalikes.insert(ordered(records[v[x]].nik, records[v[y]].nik));
  // A son named after his father, in the father's KK (the father older by a generation).
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> by_kk_name;
  for (size_t i = 0; i < records.size(); ++i)
    if (!records[i].kk.empty() && !records[i].name_key.empty()) by_kk_name[{records[i].kk, records[i].name_key}].push_back(i);
  for (const auto& r : records) {
    if (r.father_key.empty() || r.father_key != r.name_key || r.kk.empty() || !r.dob) continue;
    auto it = by_kk_name.find({r.kk, r.name_key});
    if (it == by_kk_name.end()) continue;
    for (size_t j : it->second)
      if (records[j].nik != r.nik && records[j].dob && records[j].dob->year + 12 <= r.dob->year &&
          person(person_of, records[j].nik) != person(person_of, r.nik))
        parent_child.insert(ordered(r.nik, records[j].nik));
  }
  acc.twin_pairs = twins.size();
  acc.parent_child_pairs = parent_child.size();
  acc.lookalike_pairs = lookalikes.size();

  std::set<NikPair> seen;
  for (const auto& p : predicted) {
    const NikPair key = ordered(p.nik_a, p.nik_b);
    if (!seen.insert(key).second) continue;
    const bool same = person(person_of, p.nik_a) == person(person_of, p.nik_b);
    ++acc.reported;
    acc.reported_true += same;
    if (!p.match) continue;
    ++acc.matched;
    acc.matched_true += same;
    acc.twins_matched += twins.count(key);
    acc.parent_child_matched += parent_child.count(key);
    acc.lookalikes_matched += lookalikes.count(key);
  }
  return acc;
}

}  // namespace ktpel
