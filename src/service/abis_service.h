// The built-in ABIS: the in-memory 1:N gallery loaded from the store, identify and insert, and
// the dedup matcher the pipeline calls for every new enrolment. A hit at or above the threshold
// does not decide anything by itself: the record goes to DEDUP_REVIEW and an adjudication case
// waits for an officer (exact template copies, which cannot be two people, are flagged at once).
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/biometrics/finger_gallery.h"
#include "core/biometrics/score_statistics.h"
#include "service/dedup_stage.h"

namespace ktpel {

class Store;

struct AbisConfig {
  // Fused person score at or above which a pair goes to adjudication. Calibrated from impostor
  // scores (docs/afis.md): above every one of the 11,520 FVC2002 all-pairs impostor comparisons
  // (highest 0.1226; 99.9th percentile 0.1022, matcher of issue [12]), i.e. FMR < 1e-4 per
  // finger comparison.
  double threshold = 0.125;
  size_t shortlist = 40;
  unsigned threads = 0;
};

struct AbisCandidate {
  std::string nik;
  double score = 0;
  std::vector<FingerScore> fingers;
};

class AbisService {
 public:
  explicit AbisService(AbisConfig config = {}) : config_(config) {}
  // Reads every gallery row of the store into memory (replacing what was there).
  size_t load(Store& store);
  // Probe fingers as ISO 19794-2 / ANSI 378 records; bad templates name their index.
  Result<std::vector<AbisCandidate>> identify(const std::vector<FingerCapture>& probe, size_t top_k,
                                              const std::string& exclude_nik = {}) const;
  // The same with fingers already parsed (probe_fingers), so a caller that also inserts them
  // extracts their features once.
  std::vector<AbisCandidate> identify(const std::vector<ProbeFinger>& fingers, size_t top_k,
                                      const std::string& exclude_nik = {}) const;
  // Writes the fingers to the store (caller's transaction) and returns what to add to memory
  // once that transaction has committed.
  struct PendingInsert {
    std::string nik;
    std::vector<std::pair<int, CompactFinger>> fingers;
  };
  Result<PendingInsert> stage_insert(Store& store, const std::string& nik, const std::vector<FingerCapture>& fingers);
  PendingInsert stage_insert(Store& store, const std::string& nik, const std::vector<ProbeFinger>& parsed);
  void apply(const PendingInsert& p);
  size_t size() const;
  size_t people() const;
  const AbisConfig& config() const { return config_; }
  void set_threshold(double t) { config_.threshold = t; }  // before serving starts

 private:
  AbisConfig config_;
  mutable std::shared_mutex mutex_;
  FingerGallery gallery_;
  std::vector<std::string> nik_of_;
  std::unordered_map<std::string, uint32_t> person_of_;
};

// data/afis/calibration.json: thresholds per FMR calibrated from impostor scores (afis calibrate).
nlohmann::json to_json(const ThresholdTable& t, const std::string& source);
Result<ThresholdTable> threshold_table_from_json(const std::string& text);

// Parses each capture into matcher features; the error names fingers[i].iso_template.
Result<std::vector<ProbeFinger>> probe_fingers(const std::vector<FingerCapture>& fingers);

// The pipeline's matcher: exact template copies (certain) plus the ABIS search (for review).
// Records that clear are inserted into the gallery after their transaction commits.
class AbisMatcher final : public DedupMatcher {
 public:
  explicit AbisMatcher(AbisService& abis) : abis_(abis) {}
  std::string name() const override { return "abis"; }
  std::vector<DedupHit> find(Store& store, const DedupProbe& probe) override;
  void on_cleared(Store& store, const std::string& nik) override;
  void after_commit() override;
  void after_rollback() override { pending_.clear(); }

 private:
  AbisService& abis_;
  ExactTemplateMatcher exact_;
  std::vector<AbisService::PendingInsert> pending_;
  // The fingers find() read and parsed, kept for on_cleared() of the same record: one read and
  // one feature extraction, done before the write transaction rather than inside it.
  std::string last_nik_;
  std::vector<ProbeFinger> last_parsed_;
};

}  // namespace ktpel
