// The dashboard's trend and stuck figures from the dated e-KTP history (issue [11]): monthly counts
// of first recordings and of records reaching each status, and stuck records per status, on both
// backends, limited to the region asked and to the months of the window.
#include <gtest/gtest.h>

#include "service/ektp_service.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

using S = EktpStatus;

class EktpActivityTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (test::skip_unavailable(GetParam())) GTEST_SKIP() << "PostgreSQL not available (run through make test)";
    store_ = open_store(test::fresh_database(GetParam()));
    std::vector<Resident> people;
    for (const auto& [nik, village] : std::vector<std::pair<std::string, std::string>>{
             {"6571014501900001", "65.71.01.1001"}, {"6571014501900002", "65.71.01.1001"},
             {"6571014501900003", "65.71.01.1001"}, {"6504014501900004", "65.04.01.2001"}}) {
      Resident r = test::sample_resident();
      r.nik = nik;
      r.village_code = village;
      r.created_at = r.updated_at = "2024-01-01T08:00:00Z";
      people.push_back(r);
    }
    StoreTransaction tx(*store_);
    store_->insert_residents(people);
    const std::string a = people[0].nik, b = people[1].nik, d = people[2].nik, c = people[3].nik;
    std::vector<EktpTransition> ts = {
        {a, std::nullopt, S::BC, "capture", "2026-09-10T08:00:00Z", "op", "st", ""},
        {a, S::BC, S::SFE, "receive", "2026-09-10T09:00:00Z", "centre", "st", ""},
        {a, S::SFE, S::PRR, "dedup_clear", "2026-10-02T09:00:00Z", "centre", "st", ""},
        {a, S::PRR, S::PRINTED, "print", "2026-11-05T09:00:00Z", "op", "st", ""},
        {b, std::nullopt, S::BC, "capture", "2026-10-20T08:00:00Z", "op", "st", ""},
        {b, S::BC, S::BC, "rerecord", "2026-11-01T08:00:00Z", "op", "st", ""},  // not a first recording
        {c, std::nullopt, S::BC, "capture", "2026-10-03T08:00:00Z", "op", "st", ""},  // another regency
        {d, std::nullopt, S::BC, "capture", "2025-01-01T08:00:00Z", "op", "st", ""},  // before the window
        {d, S::PRINTED, S::DELIVERED, "deliver", "2025-03-01T08:00:00Z", "op", "st", ""},
    };
    store_->add_ektp_transitions(ts);
    store_->put_ektp_record(a, S::PRINTED, "2026-11-05T09:00:00Z", false);
    store_->put_ektp_record(b, S::BC, "2026-11-01T08:00:00Z", false);
    store_->put_ektp_record(c, S::BC, "2026-12-01T08:00:00Z", false);  // 5 days: not stuck
    store_->put_ektp_record(d, S::DELIVERED, "2025-03-01T08:00:00Z", false);  // final: never stuck
    tx.commit();
  }
  std::unique_ptr<Store> store_;
};

TEST_P(EktpActivityTest, MonthlyCountsFirstRecordingsAndStatusesReachedInTheRegion) {
  EktpService svc(*store_, test::wilayah());
  auto months = svc.monthly("65.71", Date{2026, 12, 6}, 4);
  ASSERT_TRUE(months) << months.error().message_en;
  ASSERT_EQ(months->size(), 4u);
  std::vector<std::string> names;
  for (const auto& m : *months) names.push_back(m.month);
  EXPECT_EQ(names, (std::vector<std::string>{"2026-09", "2026-10", "2026-11", "2026-12"}));
  const auto& sep = (*months)[0];
  const auto& oct = (*months)[1];
  const auto& nov = (*months)[2];
  EXPECT_EQ(sep.recorded, 1);
  EXPECT_EQ(sep.reached, (std::map<S, int64_t>{{S::BC, 1}, {S::SFE, 1}}));
  EXPECT_EQ(oct.recorded, 1);  // b; c lives in Tana Tidung
  EXPECT_EQ(oct.reached, (std::map<S, int64_t>{{S::BC, 1}, {S::PRR, 1}}));
  EXPECT_EQ(nov.recorded, 0);  // b's re-recording is no new recording
  EXPECT_EQ(nov.reached, (std::map<S, int64_t>{{S::BC, 1}, {S::PRINTED, 1}}));
  EXPECT_TRUE((*months)[3].reached.empty());

  auto province = svc.monthly("65", Date{2026, 12, 6}, 4);
  ASSERT_TRUE(province);
  EXPECT_EQ((*province)[1].recorded, 2);
  // A year back and a month across the new year: the window's first month is counted from its 1st.
  auto long_window = svc.monthly("65.71", Date{2026, 12, 6}, 24);
  ASSERT_TRUE(long_window);
  EXPECT_EQ(long_window->front().month, "2025-01");
  EXPECT_EQ(long_window->front().recorded, 1);
  EXPECT_EQ((*long_window)[2].reached, (std::map<S, int64_t>{{S::DELIVERED, 1}}));
  auto none = svc.monthly("65.71", Date{2026, 12, 6}, 0);  // the stuck counts only: no history read
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_P(EktpActivityTest, StuckCountsPerStatusWithoutNaming) {
  EktpService svc(*store_, test::wilayah());
  auto stuck = svc.stuck_counts("65.71", Date{2026, 12, 6}, 14);
  ASSERT_TRUE(stuck) << stuck.error().message_en;
  EXPECT_EQ(*stuck, (std::map<S, int64_t>{{S::BC, 1}, {S::PRINTED, 1}}));
  auto later = svc.stuck_counts("65", Date{2026, 12, 31}, 14);
  ASSERT_TRUE(later);
  EXPECT_EQ(*later, (std::map<S, int64_t>{{S::BC, 2}, {S::PRINTED, 1}}));
  auto none = svc.stuck_counts("65.71", Date{2026, 11, 6}, 14);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_P(EktpActivityTest, UnknownRegionIsRefused) {
  EktpService svc(*store_, test::wilayah());
  auto months = svc.monthly("99.99", Date{2026, 12, 6}, 4);
  ASSERT_FALSE(months);
  EXPECT_EQ(months.error().code, "WILAYAH_NOT_FOUND");
  EXPECT_FALSE(svc.stuck_counts("99.99", Date{2026, 12, 6}, 14));
}

INSTANTIATE_TEST_SUITE_P(Backends, EktpActivityTest, ::testing::ValuesIn(test::backends()));

}  // namespace
}  // namespace ktpel
