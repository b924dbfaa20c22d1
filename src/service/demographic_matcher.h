// The incremental demographic dedup: the pipeline's dedup stage checks each new or changed record
// against the registry through the blocking keys kept in the store (DedupStore), scores the
// candidates with the model of the last batch run (or the default one), and raises the likely
// same-person pairs as adjudication cases, in the same queue as the fingerprint matcher's. A pair
// an officer judged "different people" is never raised again.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/dedup/dedup_engine.h"
#include "core/registry/resident.h"
#include "core/wilayah/catalog.h"
#include "service/dedup_stage.h"

namespace ktpel {

class Store;

// The model as JSON (m, u, lambda, population) for dedup_state "model".
std::string dedup_model_json(const FsModel& m, uint64_t population);
// The stored model, rescaled to the registry's size now; nullopt when none, malformed or unfit
// (model_problem: one saved before the check existed), so the default is used instead.
std::optional<FsModel> dedup_model_from_json(const std::string& text, uint64_t population_now);
// Keeps the model of a whole-registry run (`records` records) for the incremental path, unless it
// fails model_problem(): then the model in force stays, and the reason is returned.
std::optional<Error> keep_dedup_model(Store& store, const DedupResult& result, uint64_t records);

struct DemographicCandidate {
  std::string nik;
  PairScore score;
  std::string explanation;
};

class DemographicMatcher final : public DedupMatcher {
 public:
  explicit DemographicMatcher(const WilayahCatalog* wilayah, DedupThresholds thresholds = {})
      : wilayah_(wilayah), thresholds_(thresholds) {}
  std::string name() const override { return "demographic"; }

  // Indexes residents changed since the watermark, `batch` per transaction, at most `max`
  // residents per call (0 = all). Returns how many were indexed.
  size_t catch_up(Store& store, size_t batch = 2000, size_t max = 0);
  // Candidates of one registry record, scored; those below review and family pairs left out.
  std::vector<DemographicCandidate> search(Store& store, const std::string& nik);

  std::vector<DedupHit> find(Store& store, const DedupProbe& probe) override;

 private:
  PreparedRecord prepared(const Resident& r) const;
  // The scorer for the registry as it is: rebuilt only when the stored model changed or residents
  // were indexed since (counting residents is a scan: not once per record on the hot path).
  const DedupScorer& scorer(Store& store);
  const WilayahCatalog* wilayah_;
  DedupThresholds thresholds_;
  std::optional<DedupScorer> scorer_;
  std::string scorer_model_;
  bool registry_changed_ = true;
};

// Several matchers as one: hits of all (one per other NIK, the strongest kept), hooks to each.
class MatcherChain final : public DedupMatcher {
 public:
  explicit MatcherChain(std::vector<DedupMatcher*> matchers) : matchers_(std::move(matchers)) {}
  std::string name() const override;
  std::vector<DedupHit> find(Store& store, const DedupProbe& probe) override;
  void on_cleared(Store& store, const std::string& nik) override;
  void after_commit() override;
  void after_rollback() override;

 private:
  std::vector<DedupMatcher*> matchers_;
};

}  // namespace ktpel
