#include "core/dedup/dedup_engine.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <unordered_map>

#include "core/common/parallel_for.h"
#include "core/common/radix_sort.h"
#include "core/dedup/clustering.h"
#include "core/dedup/pair_pruning.h"
#include "core/synth/random.h"

namespace ktpel {
namespace {

// Levels of a pair packed in 32 bits: 3 bits per field, then "name contained", then the family
// verdict (so EM can leave families out without comparing again), then "same KK".
uint32_t pack(const PairLevels& p, FamilyVerdict v) {
  uint32_t x = 0;
  for (int f = 0; f < kDedupFieldCount; ++f) x |= static_cast<uint32_t>(p.level[f]) << (3 * f);
  if (p.name_contained) x |= 1u << 21;
  if (p.same_kk) x |= 1u << 25;
  return x | static_cast<uint32_t>(v) << 22;
}
PairLevels unpack(uint32_t x) {
  PairLevels p;
  for (int f = 0; f < kDedupFieldCount; ++f) p.level[f] = static_cast<uint8_t>((x >> (3 * f)) & 7);
  p.name_contained = (x >> 21) & 1;
  p.same_kk = (x >> 25) & 1;
  return p;
}
// The weighed levels only: the pattern EM and the prior see.
uint32_t levels_only(uint32_t x) {
  for (int f = 0; f < kDedupFieldCount; ++f)
    if (!kWeighed[f]) x &= ~(7u << (3 * f));
  return x & ((1u << 21) - 1);
}

std::vector<LevelPattern> to_patterns(const std::unordered_map<uint32_t, uint64_t>& counts) {
  // In key order, so EM sums in the same order on every run.
  std::vector<std::pair<uint32_t, uint64_t>> sorted(counts.begin(), counts.end());
  std::sort(sorted.begin(), sorted.end());
  std::vector<LevelPattern> out;
  out.reserve(sorted.size());
  for (const auto& [key, n] : sorted) {
    const PairLevels p = unpack(key);
    out.push_back({std::vector<uint8_t>(p.level.begin(), p.level.end()), n});
  }
  return out;
}

class Stopwatch {
 public:
  explicit Stopwatch(DedupRunStats& s) : stats_(s), last_(std::chrono::steady_clock::now()) {}
  void lap(std::string stage) {
    const auto now = std::chrono::steady_clock::now();
    stats_.times.push_back({std::move(stage), std::chrono::duration<double>(now - last_).count()});
    last_ = now;
  }

 private:
  DedupRunStats& stats_;
  std::chrono::steady_clock::time_point last_;
};

uint64_t text_hash(std::string_view s, uint64_t salt) {
  if (s.empty()) return 0;
  uint64_t h = 1469598103934665603ull ^ (salt * 0x9e3779b97f4a7c15ull);
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h ? h : 1;
}

// The birth date and the sex: a duplicate keeps its sex (a slip once in five hundred records), so
// this halves the strangers of the sample and keeps nearly every match: EM sees as many matches in
// half the pairs. The sex's own m comes from the other session.
uint64_t date_sex_key(const PreparedRecord& r) {
  return r.dob && r.sex ? static_cast<uint64_t>(r.dob->to_days() + 1000000) * 4 + r.sex : 0;
}
uint64_t name_mother_key(const PreparedRecord& r) {
  if (r.name_key().empty() || r.mother_key().empty()) return 0;
  return text_hash(r.name_key(), 1) * 31 + text_hash(r.mother_key(), 2);
}

// Calls visit(a, b, counts) for `samples` pairs drawn uniformly from all pairs of records that
// share a key (all of them when there are fewer); returns how many such pairs exist.
template <class Visit>
uint64_t sample_pairs_sharing(const std::vector<PreparedRecord>& records, uint64_t (*key)(const PreparedRecord&),
                              uint64_t samples, uint64_t seed, unsigned threads, Visit visit,
                              std::unordered_map<uint32_t, uint64_t>& counts) {
  std::vector<std::pair<uint64_t, uint32_t>> order;
  order.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i)
    if (const uint64_t k = key(records[i])) order.emplace_back(k, static_cast<uint32_t>(i));
  radix_sort_by_key(order);
  std::vector<size_t> starts;          // group start in `order`
  std::vector<uint64_t> cumulative;    // pairs in groups up to and including this one
  uint64_t total = 0;
  for (size_t b = 0; b < order.size();) {
    size_t e = b + 1;
    while (e < order.size() && order[e].first == order[b].first) ++e;
    if (e - b >= 2) {
      total += static_cast<uint64_t>(e - b) * (e - b - 1) / 2;
      starts.push_back(b);
      cumulative.push_back(total);
    }
    b = e;
  }
  if (total == 0) return 0;
  auto group_end = [&](size_t g) {
    size_t e = starts[g] + 1;
    while (e < order.size() && order[e].first == order[starts[g]].first) ++e;
    return e;
  };
  std::mutex merge;
  if (total <= samples) {  // every pair
    parallel_for(starts.size(), threads, [&](size_t g) {
      std::unordered_map<uint32_t, uint64_t> local;
      const size_t b = starts[g], e = group_end(g);
      for (size_t x = b; x < e; ++x)
        for (size_t y = x + 1; y < e; ++y) visit(records[order[x].second], records[order[y].second], local);
      std::lock_guard lock(merge);
      for (const auto& [k, v] : local) counts[k] += v;
    }, 64);
    return total;
  }
  const size_t per_chunk = 20000;
  parallel_for((samples + per_chunk - 1) / per_chunk, threads, [&](size_t c) {
    Rng rng(seed * 104729 + c);
    std::unordered_map<uint32_t, uint64_t> local;
    for (size_t k = 0; k < per_chunk; ++k) {
      const uint64_t pick = rng.below(total);
      const size_t g = static_cast<size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), pick) - cumulative.begin());
      const size_t b = starts[g], size = group_end(g) - b;
      const size_t x = rng.below(size);
      size_t y = rng.below(size - 1);
      if (y >= x) ++y;
      visit(records[order[b + x].second], records[order[b + y].second], local);
    }
    std::lock_guard lock(merge);
    for (const auto& [k, v] : local) counts[k] += v;
  }, 1);
  return total;
}

constexpr double kMinTrainingMatches = 30;

// The least m of a field's "different" level. EM trained on pairs that agree on a blocking field
// sees mostly clean duplicates and can push m(different) to 1e-6, so that one misspelt mother
// (-19.9) or a sex slip outweighs everything else; clerks get any one field wrong about once in a
// hundred records (sex: once in five hundred). The other levels give up the difference in proportion.
FsModel with_disagreement_floor(FsModel m) {
  static constexpr std::array<double, kDedupFieldCount> kFloor = {0.005, 0.01, 0.002, 0.01, 0.01, 0.01, 0};
  for (int f = 0; f < kDedupFieldCount && f < static_cast<int>(m.m.size()); ++f) {
    auto& levels = m.m[f];
    if (levels.size() < 2 || levels[1] >= kFloor[f]) continue;
    double rest = 0;
    for (size_t l = 2; l < levels.size(); ++l) rest += levels[l];
    const double scale = rest > 0 ? (rest - (kFloor[f] - levels[1])) / rest : 1;
    for (size_t l = 2; l < levels.size(); ++l) levels[l] *= scale;
    levels[1] = kFloor[f];
  }
  return m;
}

}  // namespace

uint64_t term_hash(const PreparedRecord& r, DedupField f) {
  switch (f) {
    case kName: return text_hash(r.name_key(), 1);
    case kBirthDate: return r.dob ? static_cast<uint64_t>(r.dob->to_days() + 1000000) : 0;
    case kMother: return text_hash(r.mother_key(), 2);
    case kFather: return text_hash(r.father_key(), 3);
    default: return 0;
  }
}

DedupResult deduplicate(const std::vector<PreparedRecord>& records, const DedupOptions& options,
                        const DedupProgress& progress) {
  DedupResult result;
  DedupRunStats& stats = result.stats;
  Stopwatch watch(stats);
  const size_t n = records.size();
  stats.records = n;
  const unsigned threads = worker_count(options.threads);
  auto report = [&](std::string_view stage, uint64_t done, uint64_t total) {
    if (progress) progress(stage, done, total);
  };

  report("term frequencies", 0, 1);
  // Term frequencies: how many records hold each record's name, birth date, mother, father.
  std::array<std::vector<uint32_t>, kTermFrequencyFields.size()> tf;
  parallel_for(kTermFrequencyFields.size(), threads, [&](size_t slot) {
    // Sorted (hash, record) pairs: each run of one hash is one value's holders.
    std::vector<std::pair<uint64_t, uint32_t>> held;
    held.reserve(n);
    for (size_t i = 0; i < n; ++i)
      if (const uint64_t h = term_hash(records[i], kTermFrequencyFields[slot])) held.emplace_back(h, static_cast<uint32_t>(i));
    radix_sort_by_key(held);
    tf[slot].assign(n, 0);
    for (size_t b = 0; b < held.size();) {
      size_t e = b + 1;
      while (e < held.size() && held[e].first == held[b].first) ++e;
      for (size_t k = b; k < e; ++k) tf[slot][held[k].second] = static_cast<uint32_t>(e - b);
      b = e;
    }
  }, 1);
  auto term_counts = [&](uint32_t a, const PairLevels& p) {
    TermCounts t;
    for (size_t s = 0; s < kTermFrequencyFields.size(); ++s)
      if (p.level[kTermFrequencyFields[s]] == kExactLevel[kTermFrequencyFields[s]]) t.count[s] = tf[s][a];
    return t;
  };
  watch.lap("term frequencies");

  report("blocking", 0, 1);
  // Blocking, first pass: every rule's blocks (pairs are visited while comparing, below).
  const auto& rules = default_blocking_rules();
  BlockingOptions blocking = options.blocking;
  blocking.threads = threads;
  CandidateBlocks blocks(records, rules, blocking);
  stats.blocking = blocks.stats();
  watch.lap("blocking");

  report("training (u and EM)", 0, 1);
  // u from random pairs (nearly all different people).
  std::mutex merge;
  using Counts = std::unordered_map<uint32_t, uint64_t>;
  Counts random_counts;
  if (n >= 2) {
    const size_t per_chunk = 20000;
    // Half as many pairs as records, within [150,000, random_pairs]: u of a level seen in one
    // random pair in a thousand is then known to within a tenth, and a small file is not slowed
    // by a fixed cost.
    const uint64_t wanted = std::min<uint64_t>(options.random_pairs, std::max<uint64_t>(150'000, n / 2));
    const size_t rchunks = (wanted + per_chunk - 1) / per_chunk;
    parallel_for(rchunks, threads, [&](size_t c) {
      Rng rng(options.seed * 7919 + c);
      Counts local;
      // Random records are far apart in memory: draw a few pairs ahead and ask for their records
      // early, so the loads overlap (the same draws in the same order as without).
      constexpr size_t kAhead = 8;
      std::array<std::pair<size_t, size_t>, kAhead> ahead;
      auto draw = [&](size_t slot) {
        const size_t i = rng.below(n), j = rng.below(n);
        ahead[slot] = {i, j};
        for (const size_t r : {i, j})
          for (size_t line = 0; line < sizeof(PreparedRecord); line += 64)
            __builtin_prefetch(reinterpret_cast<const char*>(&records[r]) + line);
      };
      for (size_t slot = 0; slot < kAhead; ++slot) draw(slot);
      for (size_t k = 0; k < per_chunk; ++k) {
        const auto [i, j] = ahead[k % kAhead];
        draw(k % kAhead);
        if (i == j || same_kk(records[i], records[j])) continue;
        ++local[levels_only(pack(compare_records(records[i], records[j]), FamilyVerdict::None))];
      }
      std::lock_guard lock(merge);
      for (const auto& [k, v] : local) random_counts[k] += v;
    }, 1);
  }
  const FsModel start = initial_dedup_model(to_patterns(random_counts));
  watch.lap("u from random pairs");

  // m by EM, as Splink trains: on pairs sharing the birth date and sex (random on everything
  // else) for every field but those two, and on pairs sharing the normalised name and the mother's
  // name for the birth date and the sex (pairs sharing only a name are mostly namesakes a
  // generation apart, whose agreement on sex and place EM would take for a class of its own).
  // The pairs are a uniform sample of all such pairs (not the blocked candidates, whose other
  // fields the blocking keys bias), the shared field left out, families set aside.
  FsModel model = start;
  {
    // `share` of: half as many pairs as records, within [150,000, training_pairs].
    auto train = [&](std::string name, uint64_t (*key)(const PreparedRecord&), uint32_t shared, uint64_t salt, double share) {
      Counts counts;
      const uint64_t wanted = static_cast<uint64_t>(
          share * static_cast<double>(std::min<uint64_t>(options.training_pairs, std::max<uint64_t>(150'000, n / 2))));
      const uint64_t total = sample_pairs_sharing(records, key, wanted, options.seed ^ salt, threads,
                                                  [&](const PreparedRecord& a, const PreparedRecord& b, Counts& local) {
                                                    if (same_kk(a, b)) return;  // one family
                                                    PairLevels p = compare_records(a, b);
                                                    // Relatives apart (siblings of one name, twins)
                                                    // would teach EM that a match's birth date may
                                                    // be anything.
                                                    if (family_verdict(a, b, p) != FamilyVerdict::None) return;
                                                    for (int f = 0; f < kDedupFieldCount; ++f)
                                                      if (shared >> f & 1) p.level[f] = 0;
                                                    ++local[levels_only(pack(p, FamilyVerdict::None))];
                                                  }, counts);
      FsModel s = start;
      s.lambda = 0.01;
      EmResult em = estimate_m(to_patterns(counts), s, options.em_iterations);
      stats.em_iterations = std::max(stats.em_iterations, em.iterations);
      stats.em_converged = (stats.sessions.empty() || stats.em_converged) && em.converged;  // every session
      uint64_t used = 0;
      for (const auto& [k, c] : counts) used += c;
      // Too few matches in the sample to learn from (a small file): keep the default m.
      const bool learnt = em.model.lambda * static_cast<double>(used) >= kMinTrainingMatches;
      stats.sessions.push_back({std::move(name), used, em.model.lambda, em.iterations, total, em.converged, learnt});
      return learnt ? with_disagreement_floor(em.model) : start;
    };
    const FsModel by_date = train("same birth date+sex", date_sex_key, 1u << kBirthDate | 1u << kSex, 0xA, 1.0);
    // Half as many: a twentieth or more of these pairs are matches (a thousandth of the first).
    const FsModel by_name = train("same name+mother", name_mother_key, 1u << kName | 1u << kMother, 0xB, 0.5);
    for (int f = 0; f < kDedupFieldCount; ++f)
      model.m[f] = f == kBirthDate || f == kSex ? by_name.m[f] : by_date.m[f];
  }
  watch.lap("EM");

  // Visit every candidate pair once, rule by rule and block by block, and compare it (the levels
  // of all candidates give the prior below). A pair whose weight cannot reach the reporting
  // threshold, even with the largest prior the run can end with, is left after the cheap fields
  // (PairPruner): neither reported nor counted. No list of all candidate pairs is ever held.
  const double all_pairs = static_cast<double>(n) * static_cast<double>(n - (n > 0)) / 2;
  // The prior below is expected matches / all pairs, the matches among the candidates: never more
  // than every candidate.
  const double largest_prior =
      all_pairs > 0 ? std::clamp(std::max(1.0, static_cast<double>(blocks.pairs_at_most())) / all_pairs, 1e-15, 0.5) : 0.5;
  const DedupScorer bound_scorer(model, n, options.thresholds);
  const PairPruner pruner(bound_scorer, largest_prior);
  auto holders_of = [&](uint32_t a) {
    TermCounts t;
    for (size_t s = 0; s < kTermFrequencyFields.size(); ++s) t.count[s] = tf[s][a];
    return t;
  };
  struct Compared {
    uint64_t pair;    // pack_pair(a, b, rule)
    uint32_t levels;  // pack(levels, family verdict)
  };
  std::vector<Compared> compared;
  Counts all_counts;
  std::atomic<uint64_t> progressed{0};
  const uint64_t expected_pairs = blocks.pairs_at_most();
  // Largest rules first, so that the threads finish together.
  std::vector<size_t> by_size(rules.size());
  for (size_t r = 0; r < by_size.size(); ++r) by_size[r] = r;
  std::stable_sort(by_size.begin(), by_size.end(),
                   [&](size_t x, size_t y) { return blocks.pairs_at_most(x) > blocks.pairs_at_most(y); });
  parallel_for(rules.size(), threads, [&](size_t slot) {
    const size_t r = by_size[slot];
    Counts local_all;
    std::vector<Compared> local;
    std::vector<uint64_t> seen;  // the rule's pairs, for inspect_candidates
    uint64_t local_pruned = 0, local_family = 0, since_report = 0;
    const uint64_t visited = blocks.for_each_pair(r, [&](uint32_t ia, uint32_t ib) {
      if (++since_report == (1u << 20)) {
        report("comparing", progressed.fetch_add(since_report) + since_report, expected_pairs);
        since_report = 0;
      }
      if (options.inspect_candidates) seen.push_back(pack_pair(ia, ib, r));
      const auto& a = records[ia];
      const auto& b = records[ib];
      // The birth date first (no text): it sets siblings aside and bounds the pair.
      PairLevels p;
      p.level[kBirthDate] = birth_date_level(a.dob, b.dob);
      if (plainly_siblings(a, b, p.level[kBirthDate])) {
        ++local_family;
        return;
      }
      constexpr uint32_t kDate = 1u << kBirthDate, kParents = 1u << kMother | 1u << kFather;
      if (options.prune && pruner.hopeless(a, b, holders_of(ia), &p, kDate)) {
        ++local_pruned;
        return;
      }
      // Then the parents (an id compare when equal, one Jaro-Winkler each when not), bounding
      // again with what is now known. Then the name, the costliest field: most pairs still in
      // reach need it "very close" (the parents and date being what they are), which a few measures
      // decide; the full comparison runs only where a lower level could keep the pair. (The
      // pruning is the same in any order of fields: a pair is left out exactly when its bound with
      // every field known falls short.)
      compare_parents(a, b, p);
      if (options.prune) {
        const TermCounts holders = holders_of(ia);
        if (pruner.hopeless(a, b, holders, &p, kDate | kParents)) {
          ++local_pruned;
          return;
        }
        if (a.name_id != 0 && b.name_id != 0) {
          const int need = pruner.least_name_level(a, b, holders, &p, kDate | kParents);
          const bool exact = same_text(a.name_key(), a.name_id, b.name_key(), b.name_id);
          if (need > kExactLevel[kName] || (need == kExactLevel[kName] && !exact) ||
              (need == kExactLevel[kName] - 1 && !exact && !names_very_close(a, b))) {
            ++local_pruned;
            return;
          }
        }
      }
      compare_names(a, b, p);
      if (options.prune && pruner.hopeless(a, b, holders_of(ia), &p, kDate | 1u << kName | kParents)) {
        ++local_pruned;
        return;
      }
      compare_rest(a, b, p);
      const FamilyVerdict v = family_verdict(a, b, p);
      // Relatives are never reported, and the prior leaves them out (they agree on everything but
      // the name, and would count as expected matches).
      if (v != FamilyVerdict::None) {
        ++local_family;
        return;
      }
      const uint32_t levels = pack(p, v);
      local.push_back({pack_pair(ia, ib, r), levels});
      ++local_all[levels_only(levels)];
    });
    blocks.release(r);
    progressed += since_report;
    std::lock_guard lock(merge);
    stats.blocking[r].pairs = visited;
    stats.candidate_pairs += visited;
    stats.pruned += local_pruned;
    stats.family_rejected += local_family;
    for (const auto& [k, v] : local_all) all_counts[k] += v;
    compared.insert(compared.end(), local.begin(), local.end());
    if (options.inspect_candidates) options.inspect_candidates(seen);
  }, 1);
  report("comparing", expected_pairs, expected_pairs);
  watch.lap("pairing and comparing");

  // The prior: the share of all record pairs that match, by fixed point over the compared pairs.
  {
    const auto all = to_patterns(all_counts);
    double prior = all_pairs > 0 ? std::min(0.5, 1.0 / all_pairs) : 0.5;
    for (int it = 0; it < 50 && all_pairs > 0; ++it) {
      model.lambda = prior;
      double expected = 0;
      for (const auto& p : all) expected += static_cast<double>(p.count) * match_probability(match_weight(model, p.levels));
      const double next = std::clamp(expected / all_pairs, 1e-15, 0.5);
      if (std::abs(next - prior) <= 1e-6 * prior) break;
      prior = next;
    }
    model.lambda = prior;
  }
  result.scorer = DedupScorer(model, n, options.thresholds);
  const DedupScorer& scorer = result.scorer;
  watch.lap("prior");

  // Score, keep match and review pairs.
  std::vector<DedupPair> kept;
  std::atomic<uint64_t> family{0};
  const size_t chunk = 4096;
  parallel_for((compared.size() + chunk - 1) / chunk, threads, [&](size_t c) {
    std::vector<DedupPair> local;
    uint64_t fam = 0;
    const size_t end = std::min(compared.size(), (c + 1) * chunk);
    for (size_t k = c * chunk; k < end; ++k) {
      const uint32_t a = pair_first(compared[k].pair), b = pair_second(compared[k].pair);
      const PairLevels p = unpack(compared[k].levels);
      const PairScore s = scorer.score(static_cast<FamilyVerdict>(compared[k].levels >> 22 & 7), p, term_counts(a, p));
      if (s.family != FamilyVerdict::None) ++fam;
      if (s.decision != PairDecision::None) local.push_back({a, b, s, {}});
    }
    family += fam;
    std::lock_guard lock(merge);
    kept.insert(kept.end(), local.begin(), local.end());
  }, 1);
  stats.family_rejected += family;
  std::vector<Compared>().swap(compared);
  watch.lap("scoring");

  // Clusters of matches, guarded against chaining.
  std::vector<ClusterEdge> edges;
  std::unordered_map<uint64_t, size_t> index_of;
  for (size_t k = 0; k < kept.size(); ++k)
    if (kept[k].score.decision == PairDecision::Match) {
      edges.push_back({kept[k].a, kept[k].b, kept[k].score.probability, false});
      index_of[static_cast<uint64_t>(kept[k].a) << 32 | kept[k].b] = k;
    }
  auto compatible = [&](uint32_t x, uint32_t y) {
    const PairLevels p = compare_records(records[x], records[y]);
    return scorer.score(records[x], records[y], p, term_counts(x, p)).decision != PairDecision::None;
  };
  Clustering clustering = guarded_clusters(edges, compatible);
  for (const auto& e : edges)
    if (e.refused) kept[index_of[static_cast<uint64_t>(e.a) << 32 | e.b]].score.decision = PairDecision::Review;
  stats.chain_refused = clustering.refused;
  result.clusters = std::move(clustering.clusters);
  watch.lap("clustering");

  // Explanations for the pairs reported.
  parallel_for(kept.size(), threads, [&](size_t k) {
    auto& pr = kept[k];
    const PairLevels p = compare_records(records[pr.a], records[pr.b]);
    pr.explanation = scorer.explain(p, term_counts(pr.a, p), pr.score);
    if (pr.score.decision == PairDecision::Review && pr.score.probability >= scorer.thresholds().match)
      pr.explanation += p.level[kName] < 3 ? "; held for review: names differ" : "; held for review: would chain unlike records";
  });
  std::sort(kept.begin(), kept.end(), [&](const DedupPair& x, const DedupPair& y) {
    if (x.score.weight != y.score.weight) return x.score.weight > y.score.weight;
    return std::pair(records[x.a].nik(), records[x.b].nik()) < std::pair(records[y.a].nik(), records[y.b].nik());
  });
  for (const auto& p : kept) (p.score.decision == PairDecision::Match ? stats.matches : stats.reviews)++;
  result.pairs = std::move(kept);
  watch.lap("explanations");
  return result;
}

}  // namespace ktpel
