// The pipeline's dedup stage: every record that reached SFE is checked against everyone
// enrolled before it moves to PRR or DUPLICATE_RECORD. Matchers plug in behind DedupMatcher;
// the first one finds exact template copies under another NIK (the demographic and fingerprint
// matchers of later issues implement the same interface).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/biometrics/enrolment.h"

namespace ktpel {

class Store;

struct DedupProbe {
  std::string nik;
  std::vector<std::string> template_hashes;  // SHA-256 hex per captured finger
};

struct DedupHit {
  std::string other_nik;
  double score = 1.0;
  std::string evidence;
  bool certain = true;  // false: a possible match an officer must adjudicate (DEDUP_REVIEW)
  std::string fingers_json = "[]";  // per-finger scores of a possible match
  std::string source;               // the matcher that found it ("" = the stage's matcher)
};

class DedupMatcher {
 public:
  virtual ~DedupMatcher() = default;
  virtual std::string name() const = 0;
  virtual std::vector<DedupHit> find(Store& store, const DedupProbe& probe) = 0;
  // Hooks around each record's transaction: cleared to PRR (inside it), then committed or not.
  virtual void on_cleared(Store&, const std::string&) {}
  virtual void after_commit() {}
  virtual void after_rollback() {}
};

// Same template bytes (SHA-256) enrolled under a different NIK.
class ExactTemplateMatcher final : public DedupMatcher {
 public:
  std::string name() const override { return "exact-template"; }
  std::vector<DedupHit> find(Store& store, const DedupProbe& probe) override;
};

struct DedupRunSummary {
  int checked = 0, cleared = 0, duplicates = 0, referred = 0;
};

// Moves up to `limit` SFE records through DEDUP to PRR, DUPLICATE_RECORD (certain hits) or
// DEDUP_REVIEW with an adjudication case per possible match, one transaction each.
DedupRunSummary run_dedup_stage(Store& store, DedupMatcher& matcher, const std::string& now, int limit);

}  // namespace ktpel
