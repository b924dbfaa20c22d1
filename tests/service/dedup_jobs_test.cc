// A dedup job asked to stop ends as "cancelled" at its next stage, and writes nothing more; a job
// over a registry without duplicates keeps the model in force.
#include "service/dedup_jobs.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "service/demographic_matcher.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

TEST(DedupJobs, ACancelledJobStopsAtItsNextStageAndWritesNothing) {
  const std::string db = test::temp_dir() + "/jobs.db";
  auto store = open_store(db);
  Resident a = test::sample_resident(), b = test::sample_resident();
  b.nik = "6571014501900002";  // the same person twice: a job that ran would raise a case
  std::vector<Resident> both{a, b};
  store->insert_residents(both);
  std::promise<void> reading, release;
  auto released = release.get_future().share();
  int calls = 0;
  DedupJobs jobs(test::wilayah(), [&](const std::function<void(Store&)>& f) {
    if (calls++ == 0) {  // the job is reading the registry: hold it there until cancelled
      reading.set_value();
      released.wait();
    }
    f(*store);
  });
  const auto id = jobs.start("65", DedupOptions{}, "2025-01-02T00:00:00Z");
  ASSERT_TRUE(id);
  reading.get_future().wait();
  EXPECT_EQ(jobs.status(*id)->state, "running");
  EXPECT_TRUE(jobs.cancel(*id));
  release.set_value();
  for (int i = 0; i < 200 && jobs.status(*id)->state == "running"; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(jobs.status(*id)->state, "cancelled");
  EXPECT_FALSE(jobs.cancel(*id));  // over
  EXPECT_EQ(calls, 1);             // never came back to write
  EXPECT_TRUE(store->adjudications("", 10).empty());
  EXPECT_FALSE(jobs.cancel(12345));
}

// A generated regency (about 1,500 residents), adults recorded a second time at `duplicate_rate`.
std::vector<Resident> registry(double duplicate_rate) {
  struct Collect : GeneratorSink {
    std::vector<Resident> residents;
    void resident(const Resident& r, const std::string&) override { residents.push_back(r); }
    void family_member(const FamilyMember&) override {}
  } out;
  GeneratorOptions o;
  o.seed = 9;
  o.duplicate_rate = duplicate_rate;
  o.ektp_states = false;
  test::generate_tana_tidung(out, o);
  for (auto& r : out.residents) r.created_at = r.updated_at = "2025-01-02T00:00:00Z";
  return out.residents;
}

DedupJobStatus run_to_end(DedupJobs& jobs, const std::string& wilayah) {
  DedupOptions opt;
  opt.threads = 2;
  const auto id = jobs.start(wilayah, opt, "2025-01-02T00:00:00Z");
  EXPECT_TRUE(id);
  auto over = [&] { return jobs.status(*id)->state != "queued" && jobs.status(*id)->state != "running"; };
  for (int i = 0; i < 6000 && id && !over(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return id ? *jobs.status(*id) : DedupJobStatus{};
}

// Issue [9]: a job over a registry without duplicates learnt a degenerate model (EM lambda -> 1,
// m(exact birth date) ~ 0, prior 1e-15) and saved it; the incremental path then let exact double
// registrations through. The model in force stays, the job says why, and the double is found.
TEST(DedupJobs, ARegistryWithoutDuplicatesKeepsTheModelInForce) {
  const std::string db = test::temp_dir() + "/clean.db";
  auto store = open_store(db);
  const std::vector<Resident> residents = registry(0.0);
  ASSERT_GT(residents.size(), 1000u);
  store->insert_residents(residents);
  FsModel good = default_dedup_model();
  good.lambda = 0.01 / static_cast<double>(residents.size());
  const std::string in_force = dedup_model_json(good, residents.size());
  store->put_dedup_state("model", in_force);
  DedupJobs jobs(test::wilayah(), [&](const std::function<void(Store&)>& f) { f(*store); });

  DedupJobStatus s = run_to_end(jobs, "");
  ASSERT_EQ(s.state, "done") << s.error;
  EXPECT_FALSE(s.model_saved);
  ASSERT_TRUE(s.model_not_saved);
  EXPECT_EQ(s.model_not_saved->code.rfind("DEDUP_MODEL_", 0), 0u) << s.model_not_saved->code;
  EXPECT_EQ(store->dedup_state("model"), in_force);
  // A run over one region never replaces the registry's model, and says so.
  s = run_to_end(jobs, "65.04");
  ASSERT_EQ(s.state, "done") << s.error;
  EXPECT_FALSE(s.model_saved);
  ASSERT_TRUE(s.model_not_saved);
  EXPECT_EQ(s.model_not_saved->code, "DEDUP_MODEL_REGION");
  EXPECT_EQ(store->dedup_state("model"), in_force);

  // An exact double registration under a new NIK is still found by the incremental path.
  Resident twice = residents[0];
  for (const auto& r : residents)
    if (r.marital_status != "BELUM KAWIN") twice = r;
  twice.nik = twice.nik.substr(0, 12) + "9999";
  twice.kk = "6504019999990001";
  ASSERT_TRUE(store->insert_residents(std::span<const Resident>(&twice, 1))[0]);
  DemographicMatcher matcher(&test::wilayah());
  matcher.catch_up(*store);
  bool found = false;
  for (const auto& c : matcher.search(*store, twice.nik)) found = found || c.score.decision == PairDecision::Match;
  EXPECT_TRUE(found);
}

// The same regency with re-recorded adults: the job's model passes the checks and is kept.
TEST(DedupJobs, ARegistryWithDuplicatesSavesItsModel) {
  const std::string db = test::temp_dir() + "/dirty.db";
  auto store = open_store(db);
  store->insert_residents(registry(0.05));
  DedupJobs jobs(test::wilayah(), [&](const std::function<void(Store&)>& f) { f(*store); });
  const DedupJobStatus s = run_to_end(jobs, "");
  ASSERT_EQ(s.state, "done") << s.error;
  EXPECT_GT(s.raised, 0u);
  EXPECT_TRUE(s.model_saved) << (s.model_not_saved ? s.model_not_saved->message_en : "");
  EXPECT_FALSE(store->dedup_state("model").empty());
}

}  // namespace
}  // namespace ktpel
