// Pair-level accuracy of a dedup run against the truth (which records are one person), and what
// the false matches were: twins, a parent and a child, look-alikes of one name and birth year.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/dedup/dedup_record.h"

namespace ktpel {

struct PredictedPair {
  std::string nik_a, nik_b;
  bool match = false;  // decision "match" (else "review")
};

struct DedupAccuracy {
  uint64_t true_pairs = 0;                 // pairs of records of one person
  uint64_t matched = 0, matched_true = 0;  // decision match
  uint64_t reported = 0, reported_true = 0;  // match or review
  double precision() const { return matched ? double(matched_true) / matched : 1.0; }
  double recall() const { return true_pairs ? double(matched_true) / true_pairs : 1.0; }
  double f1() const { const double p = precision(), r = recall(); return p + r > 0 ? 2 * p * r / (p + r) : 0; }
  double recall_with_review() const { return true_pairs ? double(reported_true) / true_pairs : 1.0; }
  // Hard non-duplicates in the data and how many were matched.
  uint64_t twin_pairs = 0, twins_matched = 0;                  // same KK, same birth date
  uint64_t parent_child_pairs = 0, parent_child_matched = 0;   // a son named after his father, one KK
  uint64_t lookalike_pairs = 0, lookalikes_matched = 0;        // same name and birth year, different people
};

// `person_of`: NIK -> person id. Records absent from the truth count as their own person.
DedupAccuracy evaluate_dedup(const std::vector<PredictedPair>& predicted,
                             const std::unordered_map<std::string, std::string>& person_of,
                             const std::vector<PreparedRecord>& records);

}  // namespace ktpel
