#include "service/registry_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/wilayah/catalog.h"
#include "service/event_request.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

class RegistryServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (test::skip_unavailable(GetParam())) GTEST_SKIP() << "PostgreSQL not available (run through make test)";
    store_ = open_store(test::fresh_database(GetParam()));
    service_ = std::make_unique<RegistryService>(*store_, test::wilayah());
    actor_.name = "petugas01";
    actor_.now = "2025-06-01T08:00:00Z";
    actor_.today = {2025, 6, 1};
  }
  Resident newborn() {
    Resident r = test::sample_resident();
    r.kk = "";
    r.name = "BAYI";
    r.sex = Sex::L;
    r.birth_date = {2025, 5, 20};
    r.marital_status = "BELUM KAWIN";
    r.occupation = "BELUM/TIDAK BEKERJA";
    return r;
  }
  std::unique_ptr<Store> store_;
  std::unique_ptr<RegistryService> service_;
  Actor actor_;
};

TEST_P(RegistryServiceTest, IssuesConsecutiveSerialsPerPrefix) {
  auto a = service_->issue_nik("65.71.01", {1990, 1, 5}, Sex::P);
  auto b = service_->issue_nik("65.71.01", {1990, 1, 5}, Sex::P);
  auto c = service_->issue_nik("65.71.01", {1990, 1, 5}, Sex::L);
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, "6571014501900001");
  EXPECT_EQ(*b, "6571014501900002");
  EXPECT_EQ(*c, "6571010501900001");
  EXPECT_EQ(service_->issue_nik("99.99.99", {1990, 1, 5}, Sex::P).error().code, "KECAMATAN_UNKNOWN");
}

TEST_P(RegistryServiceTest, BirthIssuesNikAndKkAndLogsIt) {
  auto r = service_->register_birth(newborn(), "KEPALA KELUARGA", actor_);
  ASSERT_TRUE(r) << r.error().code << " " << r.error().field;
  EXPECT_EQ(r->nik, "6571012005250001");  // kecamatan of the village + birth date + serial
  EXPECT_EQ(r->kk.substr(0, 12), "657101010625");  // KK issued today in the same kecamatan
  auto log = store_->changes(r->nik);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].event, "birth");
  EXPECT_EQ(log[0].actor, "petugas01");
  EXPECT_EQ(store_->family(r->kk).size(), 1u);
  // A bad birth rolls back: no NIK is consumed.
  Resident bad = newborn();
  bad.religion = "Jedi";
  EXPECT_EQ(service_->register_birth(bad, "ANAK", actor_).error().field, "religion");
  EXPECT_EQ(*service_->issue_nik("65.71.01", {2025, 5, 20}, Sex::L), "6571012005250002");
}

// [9] A flood of births by one account stops at the daily limit (the KK serials of the day stay
// for real births), per officer and per day; a refused birth uses nothing up.
TEST_P(RegistryServiceTest, BirthsPerOfficerAndDayAreLimited) {
  setenv("KTPEL_BIRTHS_PER_OFFICER_DAY", "3", 1);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(service_->register_birth(newborn(), "KEPALA KELUARGA", actor_));
  auto refused = service_->register_birth(newborn(), "KEPALA KELUARGA", actor_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "ISSUANCE_LIMIT");
  EXPECT_NE(refused.error().message_en.find("petugas01 has registered 3 births on 2025-06-01"), std::string::npos)
      << refused.error().message_en;
  EXPECT_EQ(*service_->issue_nik("65.71.01", {2025, 5, 20}, Sex::L), "6571012005250004");  // no NIK taken
  Actor other = actor_;
  other.name = "petugas02";
  EXPECT_TRUE(service_->register_birth(newborn(), "KEPALA KELUARGA", other));
  Actor tomorrow = actor_;
  tomorrow.today = {2025, 6, 2};
  EXPECT_TRUE(service_->register_birth(newborn(), "KEPALA KELUARGA", tomorrow));
  // A birth refused for its data does not count against the officer either.
  unsetenv("KTPEL_BIRTHS_PER_OFFICER_DAY");
  setenv("KTPEL_BIRTHS_PER_OFFICER_DAY", "2", 1);
  Resident bad = newborn();
  bad.religion = "Jedi";
  EXPECT_EQ(service_->register_birth(bad, "KEPALA KELUARGA", other).error().field, "religion");
  EXPECT_TRUE(service_->register_birth(newborn(), "KEPALA KELUARGA", other));
  EXPECT_EQ(service_->register_birth(newborn(), "KEPALA KELUARGA", other).error().code, "ISSUANCE_LIMIT");
  unsetenv("KTPEL_BIRTHS_PER_OFFICER_DAY");
}

// When every KK serial of a kecamatan and day is used, a birth needing a new KK says so clearly.
TEST_P(RegistryServiceTest, ExhaustedKkSerialsAreNamed) {
  {
    StoreTransaction tx(*store_);
    for (int i = 0; i < 9999; ++i) (void)store_->next_serial("kk", "657101010625");
    tx.commit();
  }
  auto r = service_->register_birth(newborn(), "KEPALA KELUARGA", actor_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "KK_SERIAL_EXHAUSTED");
  EXPECT_NE(r.error().message_en.find("65.71.01"), std::string::npos) << r.error().message_en;
}

TEST_P(RegistryServiceTest, EventsKeepBeforeAndAfter) {
  auto r = service_->register_birth(test::sample_resident(), "KEPALA KELUARGA", actor_);
  ASSERT_TRUE(r);
  auto moved = apply_event_request(*service_, *store_, r->nik,
                                   {{"type", "move"}, {"village_code", "65.04.01.2001"}, {"rt", "003"}, {"rw", "001"},
                                    {"address", "DUSUN 2"}, {"reason", "pindah datang"}},
                                   actor_);
  ASSERT_TRUE(moved) << moved.error().code;
  EXPECT_EQ(moved->nik, r->nik);
  EXPECT_EQ(moved->village_code, "65.04.01.2001");
  auto bad_move = apply_event_request(*service_, *store_, r->nik,
                                      {{"type", "move"}, {"village_code", "65.01.01.9999"}, {"rt", "003"}, {"rw", "001"},
                                       {"address", "X"}},
                                      actor_);
  EXPECT_EQ(bad_move.error().code, "VILLAGE_UNKNOWN");
  auto fixed = apply_event_request(*service_, *store_, r->nik, {{"type", "correction"}, {"changes", {{"name", "SITI AMINAH BINTI AHMAD"}}}}, actor_);
  ASSERT_TRUE(fixed);
  EXPECT_EQ(fixed->name, "SITI AMINAH BINTI AHMAD");
  EXPECT_EQ(apply_event_request(*service_, *store_, r->nik, {{"type", "correction"}, {"changes", {{"nik", "1"}}}}, actor_).error().code,
            "NIK_IMMUTABLE");
  ASSERT_TRUE(apply_event_request(*service_, *store_, r->nik, {{"type", "death"}, {"date", "2025-05-31"}}, actor_));
  EXPECT_EQ(apply_event_request(*service_, *store_, r->nik, {{"type", "marital_change"}, {"marital_status", "CERAI MATI"}}, actor_)
                .error().code,
            "RESIDENT_DEAD");
  auto log = store_->changes(r->nik);
  ASSERT_EQ(log.size(), 4u);  // birth, move, correction, death
  EXPECT_EQ(log[1].event, "move");
  EXPECT_EQ(nlohmann::json::parse(log[1].before_json)["village_code"], "65.71.01.1001");
  EXPECT_EQ(nlohmann::json::parse(log[1].after_json)["village_code"], "65.04.01.2001");
  EXPECT_EQ(log[1].reason, "pindah datang");
  EXPECT_EQ(apply_event_request(*service_, *store_, "6571019999999999", {{"type", "death"}, {"date", "2025-01-01"}}, actor_)
                .error().code,
            "RESIDENT_NOT_FOUND");
}

// Issue [9]: a correction (PATCH) of a resident's KK left the family table at the old KK. The
// membership moves with the record, in the same transaction, for a correction and for a move.
TEST_P(RegistryServiceTest, ANewKkMovesTheFamilyMembershipWithTheRecord) {
  auto head = service_->register_birth(test::sample_resident(), "KEPALA KELUARGA", actor_);
  ASSERT_TRUE(head);
  Resident baby = newborn();
  baby.kk = head->kk;
  auto child = service_->register_birth(baby, "ANAK", actor_);
  ASSERT_TRUE(child);
  auto other = service_->register_birth(newborn(), "KEPALA KELUARGA", actor_);  // a family of its own
  ASSERT_TRUE(other);
  const std::string a = head->kk, b = other->kk;
  ASSERT_NE(a, b);
  auto members = [&](const std::string& kk) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& m : store_->family(kk)) out.emplace_back(m.nik, m.relationship);
    std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.second > y.second; });  // KEPALA KELUARGA before ANAK
    return out;
  };
  using Rows = std::vector<std::pair<std::string, std::string>>;
  auto fixed = apply_event_request(*service_, *store_, child->nik, {{"type", "correction"}, {"changes", {{"kk", b}}}}, actor_);
  ASSERT_TRUE(fixed) << fixed.error().code;
  EXPECT_EQ(fixed->kk, b);
  EXPECT_EQ(members(a), (Rows{{head->nik, "KEPALA KELUARGA"}}));
  EXPECT_EQ(members(b), (Rows{{other->nik, "KEPALA KELUARGA"}, {child->nik, "ANAK"}}));

  // A head of family does not become a second head of another KK: refused, nothing changed.
  auto refused = apply_event_request(*service_, *store_, head->nik, {{"type", "correction"}, {"changes", {{"kk", b}}}}, actor_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "KK_HEAD_TAKEN");
  EXPECT_EQ(refused.error().field, "kk");
  EXPECT_EQ(store_->find_resident(head->nik)->kk, a);
  EXPECT_EQ(members(a), (Rows{{head->nik, "KEPALA KELUARGA"}}));
  EXPECT_EQ(store_->changes(head->nik).size(), 1u);  // the birth only

  // A move to a new household with a KK of its own takes the membership along too.
  auto kk = service_->issue_kk("65.04.01", actor_.today);
  ASSERT_TRUE(kk);
  auto moved = apply_event_request(*service_, *store_, head->nik,
                                   {{"type", "move"}, {"village_code", "65.04.01.2001"}, {"rt", "003"}, {"rw", "001"},
                                    {"address", "DUSUN 2"}, {"kk", *kk}},
                                   actor_);
  ASSERT_TRUE(moved) << moved.error().code;
  EXPECT_TRUE(members(a).empty());
  EXPECT_EQ(members(*kk), (Rows{{head->nik, "KEPALA KELUARGA"}}));
}

TEST_P(RegistryServiceTest, StatsListEveryChildRegionAndSumToTheParent) {
  ASSERT_TRUE(service_->register_birth(test::sample_resident(), "KEPALA KELUARGA", actor_));
  ASSERT_TRUE(service_->register_birth(newborn(), "", actor_));
  auto stats = service_->population_stats(Level::Kabupaten, "65", {2025, 6, 1});
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->rows.size(), 5u);  // all five kabupaten/kota, empty ones with zeros
  int64_t sum = 0, wajib = 0;
  for (const auto& r : stats->rows) {
    sum += r.population;
    wajib += r.wajib_ktp;
  }
  EXPECT_EQ(sum, 2);
  EXPECT_EQ(stats->total.population, 2);
  EXPECT_EQ(wajib, 1);  // the newborn is not wajib KTP
  EXPECT_EQ(stats->total.name, "Kalimantan Utara");
  EXPECT_EQ(service_->population_stats(Level::Kabupaten, "65.71.01", {2025, 6, 1}).error().code, "WILAYAH_LEVEL");
  EXPECT_EQ(service_->population_stats(Level::Kabupaten, "66", {2025, 6, 1}).error().code, "WILAYAH_NOT_FOUND");
}

TEST_P(RegistryServiceTest, CheckNikAgainstTheRegistry) {
  auto r = service_->register_birth(test::sample_resident(), "KEPALA KELUARGA", actor_);
  ASSERT_TRUE(r);
  EXPECT_TRUE(service_->check_nik(r->nik, {2025, 6, 1}).empty());
  auto claimed = service_->check_nik(r->nik, {2025, 6, 1}, Date{1990, 1, 5}, Sex::L);
  bool duplicate = false;
  for (auto& e : claimed) duplicate |= e.code == "NIK_DUPLICATE";
  EXPECT_TRUE(duplicate);
}

// Issue [9]: a field the request does not know was ignored (200, nothing changed); now it is
// refused, every unknown one named, whichever path the body takes (event, correction, birth).
TEST_P(RegistryServiceTest, UnknownFieldsAreNamedNotIgnored) {
  auto r = service_->register_birth(test::sample_resident(), "KEPALA KELUARGA", actor_);
  ASSERT_TRUE(r);
  auto typo = apply_event_request(*service_, *store_, r->nik,
                                  {{"type", "correction"}, {"changes", {{"occupation", "DOSEN"}, {"ocupation", "x"}, {"zodiac", "x"}}}},
                                  actor_);
  ASSERT_FALSE(typo);
  EXPECT_EQ(typo.error().code, "FIELD_UNKNOWN");
  EXPECT_EQ(typo.error().field, "ocupation");
  EXPECT_NE(typo.error().message_en.find("ocupation, zodiac"), std::string::npos) << typo.error().message_en;
  EXPECT_EQ(store_->find_resident(r->nik)->occupation, test::sample_resident().occupation);
  auto death = apply_event_request(*service_, *store_, r->nik, {{"type", "death"}, {"date", "2025-05-31"}, {"place", "x"}}, actor_);
  ASSERT_FALSE(death);
  EXPECT_EQ(death.error().field, "place");
  nlohmann::json birth = {{"name", "BAYI"}, {"sex", "L"}, {"birth_place", "TARAKAN"}, {"birth_date", "2025-05-20"},
                          {"religion", "Islam"}, {"village_code", "65.71.01.1001"}, {"rt", "001"}, {"rw", "002"},
                          {"address", "JL. SUDIRMAN NO. 5"}, {"weight_kg", 3}};
  auto heavy = apply_birth_request(*service_, birth, actor_);
  ASSERT_FALSE(heavy);
  EXPECT_EQ(heavy.error().field, "weight_kg");
  birth.erase("weight_kg");
  EXPECT_TRUE(apply_birth_request(*service_, birth, actor_));
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryServiceTest, ::testing::ValuesIn(test::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ktpel
