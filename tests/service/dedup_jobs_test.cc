// A dedup job asked to stop ends as "cancelled" at its next stage, and writes nothing more.
#include "service/dedup_jobs.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

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

}  // namespace
}  // namespace ktpel
