// Coverage counters on both backends: kept in step by every write, rolled forward day by day,
// and always equal to a direct SQL count on the database (and to a rebuild from scratch).
#include "service/coverage_service.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <pqxx/pqxx>

#include "core/synth/population_generator.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

const Date kDay0{2026, 11, 20};

struct Collect : GeneratorSink {
  std::vector<Resident> residents;
  struct Ektp {
    std::string nik;
    EktpStatus status;
    Date since;
    bool ikd;
  };
  std::vector<Ektp> records;
  void resident(const Resident& r, const std::string&) override { residents.push_back(r); }
  void family_member(const FamilyMember&) override {}
  void ektp(const std::string& nik, EktpStatus s, Date, Date since, bool ikd) override { records.push_back({nik, s, since, ikd}); }
  std::vector<std::pair<std::string, std::string>> akta;
  void birth_certificate(const std::string& nik, const std::string& number, Date) override { akta.emplace_back(nik, number); }
};

using test::sql_counts;

class CoverageTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (test::skip_unavailable(GetParam())) GTEST_SKIP() << "PostgreSQL not available (run through make test)";
    location_ = test::fresh_database(GetParam());
    store_ = open_store(location_);
    GeneratorOptions o;
    o.seed = 5;
    o.as_of = kDay0;
    test::generate_tana_tidung(gen_, o);
    for (auto& r : gen_.residents) r.created_at = r.updated_at = "2026-11-20T08:00:00Z";
    StoreTransaction tx(*store_);
    store_->insert_residents(gen_.residents);
    for (const auto& e : gen_.records) store_->put_ektp_record(e.nik, e.status, e.since.iso() + "T09:00:00Z", e.ikd);
    for (size_t i = 0; i < gen_.akta.size(); i += 2) store_->put_birth_certificate(gen_.akta[i].first, gen_.akta[i].second, kDay0);
    tx.commit();
  }

  // Compares every counter that has a direct SQL equivalent, per kecamatan, as of `day`.
  void expect_equals_sql(Date day, const std::string& when) {
    CoverageService svc(*store_, test::wilayah());
    auto rep = svc.report(Level::Kecamatan, "65.04", day, day);  // the clock at `day`: rolled to it
    ASSERT_TRUE(rep) << rep.error().message_en;
    std::map<std::string, CoverageCounters> api;
    for (const auto& r : rep->rows) api[r.code] = r.counters;
    const bool pg = is_postgres_location(location_);
    const std::string alive = pg ? "r.alive" : "r.alive = 1";
    const std::string d = "'" + day.iso() + "'";
    const std::string base = "SELECT substr(r.village_code, 1, 8), COUNT(*) FROM residents r LEFT JOIN ektp_records e ON e.nik = r.nik WHERE " +
                             alive + " AND r.birth_date <= " + d + " AND r.village_code LIKE '65.04.%' AND ";
    const std::string wajib = "(r.birth_date <= '" + day.plus_years(-17).iso() + "' OR r.marital_status <> 'BELUM KAWIN')";
    const std::pair<int, std::string> checks[] = {
        {kPopulation, "1 = 1"},
        {kWajibKtp, wajib},
        {kRecordedWajib, wajib + " AND e.status IS NOT NULL AND e.status <> 'CANCELLED'"},
        {kPrr, "e.status = 'PRR'"},
        {kSuket, "e.status = 'SUKET'"},
        {kPrinted, "e.status = 'PRINTED'"},
        {kDelivered, "e.status = 'DELIVERED'"},
        {kDuplicate, "e.status = 'DUPLICATE_RECORD'"},
        {kStuck, "e.status NOT IN ('DELIVERED', 'CANCELLED') AND e.since < '" + day.plus_days(-kStuckAfterDays).iso() + "'"},
        {kIkdActivated, std::string("e.status <> 'CANCELLED' AND ") + (pg ? "e.ikd_activated" : "e.ikd_activated = 1")},
        {kChildren, "r.birth_date > '" + day.plus_years(-kChildAgeLimit).iso() + "'"},
        {kChildrenWithAkta, "r.birth_date > '" + day.plus_years(-kChildAgeLimit).iso() +
                                "' AND EXISTS (SELECT 1 FROM birth_certificates b WHERE b.nik = r.nik)"},
        {kFemale, "r.sex = 'P'"},
    };
    for (const auto& [index, where] : checks) {
      const auto expected = sql_counts(location_, base + where + " GROUP BY 1");
      std::set<std::string> codes;
      for (const auto& [c, n] : expected) codes.insert(c);
      for (const auto& [c, counters] : api) codes.insert(c);
      for (const auto& c : codes) {
        const int64_t want = expected.count(c) ? expected.at(c) : 0;
        const int64_t got = api.count(c) ? api.at(c)[index] : 0;
        EXPECT_EQ(got, want) << when << ": " << coverage_name(index) << " of " << c;
      }
    }
    // The regency's own stored row equals the sum of its kecamatan.
    auto regency = store_->coverage_rows("65.04", 5);
    ASSERT_EQ(regency.size(), 1u);
    EXPECT_EQ(regency.begin()->second, rep->total.counters) << when;
  }

  std::string location_;
  std::unique_ptr<Store> store_;
  Collect gen_;
};

TEST_P(CoverageTest, CountersFollowEveryWriteAndEveryDayAndEqualDirectSql) {
  ASSERT_GT(gen_.residents.size(), 1000u);
  ASSERT_GT(gen_.akta.size(), 500u);
  CoverageService svc(*store_, test::wilayah());
  EXPECT_EQ(svc.rebuild(kDay0), static_cast<int64_t>(gen_.residents.size()));
  expect_equals_sql(kDay0, "after the rebuild");

  // Writes after the build: a death, a move to another kecamatan, a marriage at 16, e-KTP
  // transitions, IKD activation, and a baby born in ten days' time.
  {
    StoreTransaction tx(*store_);
    Resident dead = gen_.residents[10];
    dead.alive = false;
    dead.death_date = kDay0;
    store_->update_resident(dead);
    Resident moved = gen_.residents[20];
    moved.village_code = gen_.residents[20].village_code.substr(0, 5) == "65.04" && gen_.residents[20].village_code.substr(0, 8) != "65.04.01"
                             ? "65.04.01.2001" : "65.04.02.2001";
    store_->update_resident(moved);
    int changed = 0;
    for (const auto& e : gen_.records) {
      if (changed >= 30) break;
      if (e.status == EktpStatus::PRR) store_->put_ektp_record(e.nik, EktpStatus::PRINTED, "2026-11-20T10:00:00Z", changed % 3 == 0);
      else if (e.status == EktpStatus::SFE) store_->put_ektp_record(e.nik, EktpStatus::DUPLICATE_RECORD, "2026-11-20T10:00:00Z", false);
      else continue;
      ++changed;
    }
    for (size_t i = 1; i < gen_.akta.size(); i += 2) store_->put_birth_certificate(gen_.akta[i].first, gen_.akta[i].second, kDay0);
    Resident baby = gen_.residents[5];
    baby.nik = "6504015112260001";
    baby.birth_date = kDay0.plus_days(10);
    baby.marital_status = "BELUM KAWIN";
    ASSERT_TRUE(store_->insert_residents(std::span<const Resident>(&baby, 1))[0]);
    tx.commit();
  }
  // A write outside any transaction keeps the counters too (the store opens one).
  store_->put_ektp_record(gen_.records[0].nik, EktpStatus::CANCELLED, "2026-11-20T11:00:00Z", false);
  expect_equals_sql(kDay0, "after the writes");

  // Forty-five days later, one day at a time: birthdays cross 17 and 18, records become stuck,
  // the baby is born; each day leaves a snapshot.
  const Date later = kDay0.plus_days(45);
  auto roll = svc.roll_to(later);
  EXPECT_FALSE(roll.rebuilt);
  EXPECT_EQ(roll.days, 45);
  EXPECT_GT(roll.residents_checked, 0);
  expect_equals_sql(later, "after 45 day rolls");
  auto series = svc.series("65.04", kDay0);
  ASSERT_TRUE(series);
  EXPECT_EQ(series->size(), 45u);
  EXPECT_EQ(series->front().first, kDay0);

  // A rebuild from scratch gives exactly what the rolls kept.
  const auto rolled = store_->coverage_rows("", 0);
  svc.rebuild(later);
  const auto rebuilt = store_->coverage_rows("", 0);
  ASSERT_EQ(rolled.size(), rebuilt.size());
  for (const auto& [code, c] : rebuilt) EXPECT_EQ(rolled.at(code), c) << code;
}

TEST_P(CoverageTest, ReportHasTargetsGapsAndRanks) {
  CoverageService svc(*store_, test::wilayah());
  auto rep = svc.report(Level::Kecamatan, "65.04", kDay0, kDay0);
  ASSERT_TRUE(rep);
  ASSERT_GE(rep->rows.size(), 3u);
  EXPECT_EQ(rep->targets.akta, 77.5);
  std::vector<int> ranks;
  for (const auto& r : rep->rows) {
    ranks.push_back(r.recording_rank);
    EXPECT_NEAR(r.recording_gap, rep->targets.recording - r.recording_pct, 1e-9);
  }
  std::sort(ranks.begin(), ranks.end());
  for (size_t i = 0; i < ranks.size(); ++i) EXPECT_EQ(ranks[i], static_cast<int>(i + 1));
  ASSERT_TRUE(svc.set_target("recording", 95));
  EXPECT_EQ(svc.targets().recording, 95);
  EXPECT_FALSE(svc.set_target("recording", 120));
  // A kecamatan target of its own; other levels keep the general one.
  ASSERT_TRUE(svc.set_target("recording", 90, Level::Kecamatan));
  EXPECT_EQ(svc.report(Level::Kecamatan, "65.04", kDay0, kDay0)->targets.recording, 90);
  EXPECT_EQ(svc.report(Level::Kabupaten, "65", kDay0, kDay0)->targets.recording, 95);
  EXPECT_FALSE(svc.set_target("nope", 1));
  EXPECT_EQ(svc.report(Level::Kabupaten, "65.04", kDay0, kDay0).error().code, "WILAYAH_LEVEL");
  EXPECT_EQ(svc.report(Level::Kabupaten, "99", kDay0, kDay0).error().code, "WILAYAH_NOT_FOUND");
}

// Issue [9]: a read with as_of=2040-01-01 rolled the shared counters to 2040. Only the clock
// (`today`) moves them; another day is computed in memory, and equals what a rebuild or the day
// rolls would have stored for it.
TEST_P(CoverageTest, AnotherDayIsComputedWithoutMovingTheCounters) {
  CoverageService svc(*store_, test::wilayah());
  svc.rebuild(kDay0);
  const auto stored = store_->coverage_rows("", 0);
  const Date before = kDay0.plus_days(-30), after = kDay0.plus_days(45);
  auto earlier = svc.report(Level::Kecamatan, "65.04", before, kDay0);
  ASSERT_TRUE(earlier) << earlier.error().message_en;
  auto later = svc.report(Level::Kecamatan, "65.04", after, kDay0);
  ASSERT_TRUE(later) << later.error().message_en;
  EXPECT_EQ(later->as_of, after);
  auto trend = svc.trend("65.04", before, kDay0, 30);
  ASSERT_TRUE(trend);
  EXPECT_EQ(trend->today.counters, earlier->total.counters);
  auto far = svc.report(Level::Kecamatan, "65.04", Date{2040, 1, 1}, kDay0);
  ASSERT_FALSE(far);
  EXPECT_EQ(far.error().code, "COVERAGE_DAY_RANGE");
  EXPECT_EQ(far.error().field, "as_of");
  EXPECT_EQ(store_->coverage_as_of(), kDay0);
  EXPECT_EQ(store_->coverage_rows("", 0), stored);  // nothing written
  EXPECT_TRUE(svc.series("65.04", kDay0.plus_days(-100))->empty());  // no snapshot either

  auto rows = [&](const CoverageReport& rep) {
    std::map<std::string, CoverageCounters> out;
    for (const auto& r : rep.rows) out[r.code] = r.counters;
    return out;
  };
  auto kecamatan = [&] {
    std::map<std::string, CoverageCounters> out = store_->coverage_rows("65.04", 8);
    std::erase_if(out, [](const auto& r) { return r.second == CoverageCounters{}; });
    return out;
  };
  auto nonzero = [](std::map<std::string, CoverageCounters> m) {
    std::erase_if(m, [](const auto& r) { return r.second == CoverageCounters{}; });
    return m;
  };
  svc.rebuild(before);
  EXPECT_EQ(nonzero(rows(*earlier)), kecamatan()) << "30 days back";
  svc.roll_to(after);
  EXPECT_EQ(nonzero(rows(*later)), kecamatan()) << "45 days ahead";
}

TEST(CoveragePace, DaysToTargetAtTheCurrentPace) {
  const std::vector<std::pair<Date, double>> rising = {{{2026, 10, 1}, 90.0}, {{2026, 10, 31}, 93.0}};
  auto p = recording_pace(rising, 93.0, 99.0);
  EXPECT_NEAR(p.recording_pct_per_day, 0.1, 1e-12);
  EXPECT_EQ(p.days_to_target, 60);
  EXPECT_FALSE(recording_pace({{{2026, 10, 1}, 93.0}, {{2026, 10, 31}, 92.0}}, 92.0, 99.0).days_to_target);  // falling
  EXPECT_EQ(recording_pace({}, 99.5, 99.0).days_to_target, 0);  // met
  EXPECT_FALSE(recording_pace({{{2026, 10, 1}, 93.0}}, 93.0, 99.0).days_to_target);  // one day: no pace yet
}

INSTANTIATE_TEST_SUITE_P(Backends, CoverageTest, ::testing::ValuesIn(test::backends()));

}  // namespace
}  // namespace ktpel
