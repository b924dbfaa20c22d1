#include "service/dedup_jobs.h"

#include <algorithm>
#include <chrono>

#include "core/common/messages.h"
#include "io/dedup_io.h"
#include "io/files.h"
#include "service/demographic_matcher.h"
#include "store/store.h"

namespace ktpel {

DedupJobs::~DedupJobs() {
  if (worker_.joinable()) worker_.join();
}

std::optional<int64_t> DedupJobs::start(const std::string& wilayah, DedupOptions options, const std::string& now) {
  std::lock_guard lock(mutex_);
  if (running_) return std::nullopt;
  if (worker_.joinable()) worker_.join();
  const int64_t id = next_id_++;
  DedupJobStatus s;
  s.id = id;
  s.wilayah = wilayah;
  s.started_at = now;
  jobs_[id] = s;
  running_ = true;
  worker_ = std::thread([this, id, wilayah, options] { run(id, wilayah, options); });
  return id;
}

std::optional<DedupJobStatus> DedupJobs::status(int64_t id) {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  return it->second;
}

bool DedupJobs::cancel(int64_t id) {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || (it->second.state != "queued" && it->second.state != "running")) return false;
  cancel_id_ = id;
  return true;
}

void DedupJobs::update(int64_t id, const std::function<void(DedupJobStatus&)>& f) {
  std::lock_guard lock(mutex_);
  f(jobs_[id]);
}

namespace {
struct Cancelled {};
constexpr size_t kPairsPerTransaction = 500;  // the write lock is held for one batch, not the whole job
}  // namespace

void DedupJobs::run(int64_t id, std::string wilayah, DedupOptions options) {
  const auto t0 = std::chrono::steady_clock::now();
  auto stop_if_asked = [&] {
    if (cancel_id_ == id) throw Cancelled{};
  };
  try {
    update(id, [](DedupJobStatus& s) { s.state = "running", s.stage = "reading"; });
    std::vector<DedupInput> inputs;
    with_store_([&](Store& store) {
      store.for_each_resident(wilayah, [&](const Resident& r) {
        if (r.alive) inputs.push_back(dedup_input_of(r));
      });
    });
    stop_if_asked();
    locate(inputs, wilayah_);
    update(id, [&](DedupJobStatus& s) { s.stage = "normalising", s.records = inputs.size(); });
    const std::vector<PreparedRecord> records = prepare_all(inputs, options.threads);
    std::vector<DedupInput>().swap(inputs);
    stop_if_asked();
    const DedupResult result = deduplicate(records, options, [&](std::string_view stage, uint64_t done, uint64_t total) {
      update(id, [&](DedupJobStatus& s) { s.stage = std::string(stage), s.done = done, s.total = total; });
    });
    update(id, [&](DedupJobStatus& s) {
      s.stage = "writing", s.done = 0, s.total = result.pairs.size();
      s.candidate_pairs = result.stats.candidate_pairs, s.matches = result.stats.matches, s.reviews = result.stats.reviews;
      s.clusters = result.clusters.size();
    });
    stop_if_asked();
    uint64_t raised = 0;
    const std::string now = utc_now_iso();
    with_store_([&](Store& store) {
      for (size_t from = 0; from < result.pairs.size(); from += kPairsPerTransaction) {
        stop_if_asked();
        StoreTransaction tx(store);
        for (size_t i = from; i < std::min(result.pairs.size(), from + kPairsPerTransaction); ++i) {
          const auto& p = result.pairs[i];
          // The later NIK is the "new record" of the case; the pair is raised once only.
          const std::string a(records[p.a].nik());
          const std::string b(records[p.b].nik());
          if (!store.adjudications_between(a, b).empty()) continue;
          AdjudicationCase c;
          c.nik = std::max(a, b), c.other_nik = std::min(a, b);
          c.score = p.score.probability, c.fingers_json = "[]", c.source = "demographic", c.created_at = now;
          c.evidence = std::string(to_string(p.score.decision)) + ": " + p.explanation;
          store.insert_adjudication(c);
          ++raised;
        }
        tx.commit();
        update(id, [&](DedupJobStatus& s) { s.done = std::min(result.pairs.size(), from + kPairsPerTransaction), s.raised = raised; });
      }
    });
    std::optional<Error> not_saved = make_error("DEDUP_MODEL_REGION", "wilayah", {wilayah});
    if (wilayah.empty()) with_store_([&](Store& store) { not_saved = keep_dedup_model(store, result, records.size()); });
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    finish(id, [&](DedupJobStatus& s) {
      s.state = "done", s.stage = "", s.raised = raised, s.seconds = secs, s.finished_at = utc_now_iso();
      s.model_saved = !not_saved, s.model_not_saved = not_saved;
    });
  } catch (const Cancelled&) {
    finish(id, [&](DedupJobStatus& s) { s.state = "cancelled", s.finished_at = utc_now_iso(); });
  } catch (const std::exception& e) {
    finish(id, [&](DedupJobStatus& s) { s.state = "failed", s.error = e.what(), s.finished_at = utc_now_iso(); });
  }
}

void DedupJobs::finish(int64_t id, const std::function<void(DedupJobStatus&)>& f) {
  // The final state and the free slot in one step: a caller who saw "done" and started the next
  // job at once was refused while running_ was still set (a flaky test, and a confusing 409).
  std::lock_guard lock(mutex_);
  f(jobs_[id]);
  running_ = false;
}

}  // namespace ktpel
