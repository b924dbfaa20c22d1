// The batch demographic dedup engine: blocking, comparison, u from random pairs, m by EM,
// term-frequency-adjusted scores, family rules, guarded clusters and explanations, over a set of
// prepared records held in memory. Pure: the caller reads and writes the records and pairs.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dedup/blocking.h"
#include "core/dedup/dedup_scorer.h"

namespace ktpel {

struct DedupOptions {
  unsigned threads = 0;  // 0 = every core
  DedupThresholds thresholds;
  BlockingOptions blocking;
  uint64_t random_pairs = 300'000;    // for u: at most (half as many as records, at least 150,000)
  uint64_t training_pairs = 500'000;  // per EM session: at most (half as many as records, at least 150,000)
  uint64_t seed = 42;
  int em_iterations = 200;
  bool prune = true;  // skip candidates that cannot reach the thresholds (PairPruner); off: compare all
  // Called with each blocking rule's candidate pairs, one rule at a time (analysis tools: which
  // rule found what); the pairs are kept for it only when it is set.
  std::function<void(const std::vector<uint64_t>&)> inspect_candidates;
};

struct DedupPair {
  uint32_t a = 0, b = 0;  // record indexes, a < b
  PairScore score;
  std::string explanation;
};

struct DedupStageTime {
  std::string stage;
  double seconds = 0;
};

struct EmSession {  // EM over a sample of the pairs sharing one field
  std::string rule;
  uint64_t pairs = 0;  // sampled pairs used (families set aside)
  double lambda = 0;
  int iterations = 0;
  uint64_t population = 0;  // all pairs sharing that field
  bool converged = false;
  bool learnt = false;  // its m is in the model (else too few matches in the sample: the default m)
};

struct DedupRunStats {
  uint64_t records = 0, candidate_pairs = 0, family_rejected = 0, matches = 0, reviews = 0, chain_refused = 0;
  uint64_t pruned = 0;  // candidates left after the cheap fields: could not reach the thresholds
  std::vector<BlockingRuleStats> blocking;
  std::vector<EmSession> sessions;
  int em_iterations = 0;
  bool em_converged = false;
  std::vector<DedupStageTime> times;
};

struct DedupResult {
  std::vector<DedupPair> pairs;                 // match and review pairs, strongest first
  std::vector<std::vector<uint32_t>> clusters;  // records judged one person (matches only)
  DedupScorer scorer;                           // the trained model, for the incremental path
  DedupRunStats stats;
};

using DedupProgress = std::function<void(std::string_view stage, uint64_t done, uint64_t total)>;

DedupResult deduplicate(const std::vector<PreparedRecord>& records, const DedupOptions& options,
                        const DedupProgress& progress = {});

// Hash of a record's value for a term-frequency field (0 when missing); the batch engine counts
// records per hash, the incremental path keeps the same hashes in the store.
uint64_t term_hash(const PreparedRecord& r, DedupField f);

}  // namespace ktpel
