// Batch demographic dedup jobs run by the server: the registry (or one region of it) through the
// batch engine in a background thread, with progress; the likely same-person pairs are raised
// as adjudication cases (source "demographic") unless a case between the two already exists or an
// officer judged them different people, and the trained model of a whole-registry run is kept for
// the incremental path when it passes the sanity checks (core/dedup/model_check.h).
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/common/error.h"
#include "core/dedup/dedup_engine.h"
#include "core/wilayah/catalog.h"

namespace ktpel {

class Store;

struct DedupJobStatus {
  int64_t id = 0;
  std::string state = "queued";  // queued, running, done, failed, cancelled
  std::string stage;             // reading, normalising, comparing, writing...
  uint64_t done = 0, total = 0;  // progress within the stage
  std::string wilayah;
  uint64_t records = 0, candidate_pairs = 0, matches = 0, reviews = 0, raised = 0, clusters = 0;
  double seconds = 0;
  std::string started_at, finished_at, error;
  // Whether the run's model now serves the incremental path, else why not (a region's run, or a
  // model that failed the sanity checks: the one in force stays).
  bool model_saved = false;
  std::optional<Error> model_not_saved;
};

class DedupJobs {
 public:
  using WithStore = std::function<void(const std::function<void(Store&)>&)>;
  DedupJobs(const WilayahCatalog& wilayah, WithStore with_store) : wilayah_(wilayah), with_store_(std::move(with_store)) {}
  ~DedupJobs();
  // Starts a job over residents whose village code starts with `wilayah` ("" = all); nullopt when
  // one is already running.
  std::optional<int64_t> start(const std::string& wilayah, DedupOptions options, const std::string& now);
  std::optional<DedupJobStatus> status(int64_t id);
  // Asks a queued or running job to stop; it does at its next stage or write batch, keeping the
  // batches already committed (each is whole). False when the job is unknown or already over.
  bool cancel(int64_t id);

 private:
  void run(int64_t id, std::string wilayah, DedupOptions options);
  void update(int64_t id, const std::function<void(DedupJobStatus&)>& f);
  void finish(int64_t id, const std::function<void(DedupJobStatus&)>& f);  // and frees the slot
  const WilayahCatalog& wilayah_;
  WithStore with_store_;
  std::mutex mutex_;
  std::map<int64_t, DedupJobStatus> jobs_;
  int64_t next_id_ = 1;
  bool running_ = false;
  std::atomic<int64_t> cancel_id_{0};  // the job asked to stop
  std::thread worker_;
};

}  // namespace ktpel
