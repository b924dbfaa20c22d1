// Races on both backends: N workers, each with its own connection, start together on one piece of
// shared state; afterwards an invariant is checked. On SQLite the writers take turns on the file
// lock; on PostgreSQL they really interleave, and only conditional writes and row locks keep the
// rules (store/sql/*.cc).
#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <map>
#include <thread>

#include "service/coverage_service.h"
#include "service/dedup_stage.h"
#include "service/demographic_matcher.h"
#include "service/ektp_service.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

constexpr int kWorkers = 4;

class ConcurrencyTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (test::skip_unavailable(GetParam())) GTEST_SKIP() << "PostgreSQL not available (run through make test)";
    location_ = test::fresh_database(GetParam());
    store_ = open_store(location_);
  }
  Resident add_resident(const std::string& nik, Date born, const std::string& at = "2025-01-02T03:04:05Z") {
    Resident r = test::sample_resident();
    r.nik = nik;
    r.birth_date = born;
    r.created_at = r.updated_at = at;
    StoreTransaction tx(*store_);
    EXPECT_EQ(store_->insert_residents(std::span<const Resident>(&r, 1)), std::vector<bool>{true});
    tx.commit();
    return r;
  }
  // Runs f(worker, its own store) on kWorkers threads released together.
  template <class F>
  void race(F f) {
    std::barrier start(kWorkers);
    std::vector<std::thread> threads;
    for (int w = 0; w < kWorkers; ++w)
      threads.emplace_back([&, w] {
        auto mine = open_store(location_);
        start.arrive_and_wait();
        f(w, *mine);
      });
    for (auto& t : threads) t.join();
  }
  std::string location_;
  std::unique_ptr<Store> store_;
};

TEST_P(ConcurrencyTest, OfficersMovingOneRecordAtOnceExactlyOneWins) {
  add_resident("6571014501900001", Date{1990, 1, 5});
  store_->put_ektp_record("6571014501900001", EktpStatus::PRR, "2025-01-02T03:04:05Z", false);
  std::atomic<int> won{0}, refused{0};
  race([&](int w, Store& s) {
    EktpService service(s, test::wilayah());
    const EktpActor actor{"officer" + std::to_string(w), "desk", "2025-01-03T00:00:00Z"};
    auto r = service.transition("6571014501900001", EktpEvent::Print, actor, "kartu " + std::to_string(w));
    if (r) {
      ++won;
    } else {
      // Told it lost, with a 409 code (EKTP_MOVED when both read PRR, EKTP_TRANSITION after).
      EXPECT_TRUE(r.error().code == "EKTP_MOVED" || r.error().code == "EKTP_TRANSITION") << r.error().code;
      ++refused;
    }
  });
  EXPECT_EQ(won, 1);
  EXPECT_EQ(refused, kWorkers - 1);
  int prints = 0;
  for (const auto& t : store_->ektp_history("6571014501900001")) prints += t.event == "print";
  EXPECT_EQ(prints, 1);
  EXPECT_EQ(store_->ektp_record("6571014501900001")->status, EktpStatus::PRINTED);
}

struct FindsNothing final : DedupMatcher {
  std::string name() const override { return "none"; }
  std::vector<DedupHit> find(Store&, const DedupProbe&) override { return {}; }
};

TEST_P(ConcurrencyTest, DedupStagesRacingForOneSfeRecordTakeItOnce) {
  add_resident("6571014501900001", Date{1990, 1, 5});
  store_->put_ektp_record("6571014501900001", EktpStatus::SFE, "2025-01-02T03:04:05Z", false);
  std::atomic<int> checked{0};
  race([&](int, Store& s) {
    FindsNothing matcher;
    checked += run_dedup_stage(s, matcher, "2025-01-03T00:00:00Z", 10).checked;
  });
  EXPECT_EQ(checked, 1);
  int starts = 0;
  for (const auto& t : store_->ektp_history("6571014501900001")) starts += t.event == "start_dedup";
  EXPECT_EQ(starts, 1);
  EXPECT_EQ(store_->ektp_record("6571014501900001")->status, EktpStatus::PRR);
}

TEST_P(ConcurrencyTest, RollsRunningAtOnceApplyEachDayOnceAndEqualARebuild) {
  const Date day0{2025, 3, 1};
  // Residents turning 17 (wajib KTP) on each of the next days, and some with stuck records.
  for (int k = 1; k <= 12; ++k) {
    const Date born = Date{2008, 3, 1}.plus_days(k % 6 + 1);
    char nik[17];
    std::snprintf(nik, sizeof nik, "65710145019%05d", k);
    add_resident(nik, born);
    if (k % 3 == 0) store_->put_ektp_record(nik, EktpStatus::SFE, "2025-02-27T00:00:00Z", false);
  }
  CoverageService(*store_, test::wilayah()).rebuild(day0);
  const Date target = day0.plus_days(6);
  std::atomic<int> days{0};
  race([&](int, Store& s) { days += CoverageService(s, test::wilayah()).roll_to(target).days; });
  EXPECT_EQ(days, 6);  // each day applied by exactly one of the workers
  EXPECT_EQ(store_->coverage_as_of(), target);
  const auto rolled = store_->coverage_rows("", 0);
  CoverageService(*store_, test::wilayah()).rebuild(target);
  const auto rebuilt = store_->coverage_rows("", 0);
  ASSERT_EQ(rolled.size(), rebuilt.size());
  for (const auto& [code, c] : rebuilt) EXPECT_EQ(encode_counters(rolled.at(code)), encode_counters(c)) << code;
}

TEST_P(ConcurrencyTest, ARebuildWhileOthersWriteEndsEqualToTheRecords) {
  const Date day{2025, 3, 1};
  const char* villages[] = {"65.71.01.1001", "65.71.02.1002", "65.01.01.2001", "65.04.01.2001"};
  std::vector<Resident> people;
  for (int k = 1; k <= 40; ++k) {
    char nik[17];
    std::snprintf(nik, sizeof nik, "65710145019%05d", k);
    Resident r = add_resident(nik, Date{1990, 1, 5}.plus_days(k * 97));
    people.push_back(r);
  }
  // The rebuild runs while three officers move residents between kecamatan, record deaths and
  // move e-KTP records; every write keeps the counters as it commits.
  race([&](int w, Store& s) {
    if (w == 0) {
      CoverageService(s, test::wilayah()).rebuild(day);
      return;
    }
    for (int i = 0; i < 20; ++i) {
      Resident r = people[static_cast<size_t>((w * 13 + i * 7) % 40)];
      if (auto now = s.find_resident(r.nik)) r = *now;
      r.village_code = villages[(w + i) % 4];
      if (i % 9 == 0) r.alive = false;
      r.updated_at = "2025-03-01T00:00:0" + std::to_string(w) + "Z";
      StoreTransaction tx(s);
      s.update_resident(r);
      s.put_ektp_record(r.nik, i % 2 ? EktpStatus::PRR : EktpStatus::SFE, "2025-02-27T00:00:00Z", false);
      tx.commit();
    }
  });
  std::map<std::string, CoverageCounters> expected;  // counted here from the records themselves
  store_->scan_coverage_facts("", [&](const CoverageFacts& f) {
    for (size_t len : {2, 5, 8, 13}) add_into(expected[f.village_code.substr(0, len)], coverage_contribution(f, day));
  });
  auto stored = store_->coverage_rows("", 0);
  std::erase_if(stored, [](const auto& row) { return row.second == CoverageCounters{}; });  // emptied rows
  ASSERT_EQ(stored.size(), expected.size());
  for (const auto& [code, c] : expected) EXPECT_EQ(encode_counters(stored.at(code)), encode_counters(c)) << code;
}

TEST_P(ConcurrencyTest, ARebuildCutShortKeepsThePublishedDayAndTheNextRollFinishesIt) {
  for (int k = 1; k <= 12; ++k) {
    char nik[17];
    std::snprintf(nik, sizeof nik, "65710145019%05d", k);
    add_resident(nik, Date{1990, 1, 5}.plus_days(k * 401));
  }
  CoverageService service(*store_, test::wilayah());
  const Date day0{2025, 3, 1}, day1{2025, 3, 4};
  service.rebuild(day0);
  struct Interrupted {};
  EXPECT_THROW(service.rebuild(day1, [](size_t done, size_t) {
    if (done == 3) throw Interrupted{};  // the officer pressed Ctrl-C
  }),
               Interrupted);
  EXPECT_EQ(store_->coverage_as_of(), day0);  // what readers see is still the last whole rebuild's day
  EXPECT_EQ(store_->coverage_rebuilding(), day1);
  EXPECT_TRUE(service.roll_to(day1).rebuilt);
  EXPECT_FALSE(store_->coverage_rebuilding());
  EXPECT_EQ(store_->coverage_as_of(), day1);
  std::map<std::string, CoverageCounters> expected;
  store_->scan_coverage_facts("", [&](const CoverageFacts& f) {
    for (size_t len : {2, 5, 8, 13}) add_into(expected[f.village_code.substr(0, len)], coverage_contribution(f, day1));
  });
  auto stored = store_->coverage_rows("", 0);
  std::erase_if(stored, [](const auto& row) { return row.second == CoverageCounters{}; });
  EXPECT_EQ(stored, expected);
}

TEST_P(ConcurrencyTest, ConcurrentBirthRegistrationsEachGetTheirOwnSerial) {
  std::mutex m;
  std::set<int> serials;
  race([&](int, Store& s) {
    for (int i = 0; i < 10; ++i) {
      StoreTransaction tx(s);
      const int n = s.next_serial("nik", "657101450190");
      tx.commit();
      std::lock_guard lock(m);
      EXPECT_TRUE(serials.insert(n).second) << n;
    }
  });
  EXPECT_EQ(serials.size(), static_cast<size_t>(kWorkers * 10));
}

TEST_P(ConcurrencyTest, AResidentWrittenInTheSameSecondWithASmallerNikIsIndexed) {
  DemographicMatcher matcher(&test::wilayah());
  add_resident("6571014501900009", Date{1990, 1, 5}, "2025-01-02T03:04:05Z");
  EXPECT_EQ(matcher.catch_up(*store_), 1u);
  // Same updated_at as the watermark's resident, and a smaller NIK: a clock watermark skipped it.
  add_resident("6571014501900001", Date{1990, 1, 5}, "2025-01-02T03:04:05Z");
  EXPECT_EQ(matcher.catch_up(*store_), 1u);
  EXPECT_FALSE(store_->dedup_state("watermark").empty());
  EXPECT_TRUE(store_->residents_changed_after(std::stoll(store_->dedup_state("watermark")), 10).empty());
}

TEST_P(ConcurrencyTest, CatchUpsRacingIndexEveryResidentOnce) {
  for (int k = 0; k < 40; ++k) {
    char nik[17];
    std::snprintf(nik, sizeof nik, "65710145019%05d", k + 1);
    add_resident(nik, Date{1990, 1, 5}.plus_days(k));
  }
  race([&](int, Store& s) {
    DemographicMatcher matcher(&test::wilayah());
    matcher.catch_up(s, 7);
  });
  EXPECT_TRUE(store_->residents_changed_after(std::stoll(store_->dedup_state("watermark")), 10).empty());
  EXPECT_EQ(std::stoll(store_->dedup_state("watermark")), 40);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConcurrencyTest, ::testing::ValuesIn(test::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ktpel
