#include "service/registry_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
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
    location_ = test::fresh_database(GetParam());
    store_ = open_store(location_);
    service_ = std::make_unique<RegistryService>(*store_, test::wilayah());
    actor_.name = "petugas01";
    actor_.now = "2025-06-01T08:00:00Z";
    actor_.today = {2025, 6, 1};
  }
  Resident newborn(const std::string& name = "BAYI") {
    Resident r = test::sample_resident();
    r.kk = "";
    r.name = name;
    r.sex = Sex::L;
    r.birth_date = {2025, 5, 20};
    r.marital_status = "BELUM KAWIN";
    r.occupation = "BELUM/TIDAK BEKERJA";
    return r;
  }
  // The sample resident as a newcomer: an adult without registered parents, a KK of her own.
  Resident adult() {
    Resident r = test::sample_resident();
    r.kk = "";
    return r;
  }
  // A registration: with `mother` the child joins her KK; without, the parents are "not
  // registered here" (ORANG_TUA_TIDAK_TERDAFTAR).
  Result<Resident> add(Resident r, const std::string& relationship = "", const std::string& mother = "",
                       const Actor* by = nullptr) {
    BirthRegistration b;
    b.resident = std::move(r);
    b.relationship = relationship;
    if (mother.empty()) b.parent_reason = "ORANG_TUA_TIDAK_TERDAFTAR";
    else b.mother_nik = mother;
    return service_->register_birth(b, by ? *by : actor_);
  }
  // The sample resident registered once (by another officer: the quota tests count their own).
  const std::string& mother() {
    if (mother_.empty()) {
      Actor registrar = actor_;
      registrar.name = "registrar";
      BirthRegistration b;
      b.resident = adult();
      b.parent_reason = "ORANG_TUA_TIDAK_TERDAFTAR";
      auto m = service_->register_birth(b, registrar);
      EXPECT_TRUE(m) << m.error().code;
      mother_ = m->nik;
    }
    return mother_;
  }
  std::string location_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<RegistryService> service_;
  Actor actor_;
  std::string mother_;
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
  auto r = add(newborn(), "", mother());
  ASSERT_TRUE(r) << r.error().code << " " << r.error().field;
  EXPECT_EQ(r->nik, "6571012005250001");  // kecamatan of the village + birth date + serial
  EXPECT_EQ(r->kk, store_->find_resident(mother())->kk);  // the mother's KK (issued today in the same kecamatan)
  EXPECT_EQ(r->kk.substr(0, 12), "657101010625");
  auto log = store_->changes(r->nik);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].event, "birth");
  EXPECT_EQ(log[0].actor, "petugas01");
  EXPECT_EQ(nlohmann::json::parse(log[0].after_json)["mother_nik"], mother());
  EXPECT_EQ(store_->family(r->kk).size(), 2u);
  // A bad birth rolls back: no NIK is consumed.
  Resident bad = newborn("BAYI DUA");
  bad.religion = "Jedi";
  EXPECT_EQ(add(bad, "ANAK", mother()).error().field, "religion");
  EXPECT_EQ(*service_->issue_nik("65.71.01", {2025, 5, 20}, Sex::L), "6571012005250002");
}

// [9] A flood of births by one account stops at the daily limit (the KK serials of the day stay
// for real births), per officer and per day; a refused birth uses nothing up.
TEST_P(RegistryServiceTest, BirthsPerOfficerAndDayAreLimited) {
  setenv("KTPEL_BIRTHS_PER_OFFICER_DAY", "3", 1);
  const std::string m = mother();
  // Triplets and a fourth (named apart: the same mother's babies of one day with one name are a
  // likely double).
  for (const char* name : {"BAYI ANDI", "BAYI BUDI", "BAYI CICI"}) ASSERT_TRUE(add(newborn(name), "", m)) << name;
  auto refused = add(newborn("BAYI DODI"), "", m);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "ISSUANCE_LIMIT");
  EXPECT_NE(refused.error().message_en.find("petugas01 has registered 3 births on 2025-06-01"), std::string::npos)
      << refused.error().message_en;
  EXPECT_EQ(*service_->issue_nik("65.71.01", {2025, 5, 20}, Sex::L), "6571012005250004");  // no NIK taken
  Actor other = actor_;
  other.name = "petugas02";
  EXPECT_TRUE(add(newborn("BAYI E"), "", m, &other));
  Actor tomorrow = actor_;
  tomorrow.today = {2025, 6, 2};
  EXPECT_TRUE(add(newborn("BAYI F"), "", m, &tomorrow));
  // A birth refused for its data does not count against the officer either.
  unsetenv("KTPEL_BIRTHS_PER_OFFICER_DAY");
  setenv("KTPEL_BIRTHS_PER_OFFICER_DAY", "2", 1);
  Resident bad = newborn("BAYI G");
  bad.religion = "Jedi";
  EXPECT_EQ(add(bad, "", m, &other).error().field, "religion");
  EXPECT_TRUE(add(newborn("BAYI H"), "", m, &other));
  EXPECT_EQ(add(newborn("BAYI I"), "", m, &other).error().code, "ISSUANCE_LIMIT");
  unsetenv("KTPEL_BIRTHS_PER_OFFICER_DAY");
}

// When every KK serial of a kecamatan and day is used, a birth needing a new KK says so clearly.
TEST_P(RegistryServiceTest, ExhaustedKkSerialsAreNamed) {
  {
    StoreTransaction tx(*store_);
    for (int i = 0; i < 9999; ++i) (void)store_->next_serial("kk", "657101010625");
    tx.commit();
  }
  auto r = add(adult());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "KK_SERIAL_EXHAUSTED");
  EXPECT_NE(r.error().message_en.find("65.71.01"), std::string::npos) << r.error().message_en;
}

TEST_P(RegistryServiceTest, EventsKeepBeforeAndAfter) {
  auto r = add(adult());
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
  auto head = add(adult());
  ASSERT_TRUE(head);
  Resident baby = newborn();
  baby.kk = head->kk;
  auto child = add(baby, "ANAK");
  ASSERT_TRUE(child) << child.error().code;
  Resident rina = adult();
  rina.name = "RINA";
  rina.birth_date = {1992, 3, 4};
  auto other = add(rina);  // a family of its own
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

  // A move to a new household gets a KK of its own there, and takes the membership along.
  auto moved = apply_event_request(*service_, *store_, head->nik,
                                   {{"type", "move"}, {"village_code", "65.04.01.2001"}, {"rt", "003"}, {"rw", "001"},
                                    {"address", "DUSUN 2"}},
                                   actor_);
  ASSERT_TRUE(moved) << moved.error().code;
  EXPECT_TRUE(members(a).empty());
  EXPECT_EQ(moved->kk.substr(0, 6), "650401");  // issued in the destination kecamatan
  EXPECT_EQ(members(moved->kk), (Rows{{head->nik, "KEPALA KELUARGA"}}));
}

TEST_P(RegistryServiceTest, StatsListEveryChildRegionAndSumToTheParent) {
  ASSERT_TRUE(add(newborn(), "", mother()));
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
  auto r = add(adult());
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
  auto r = add(adult());
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
  birth["mother_nik"] = r->nik;
  EXPECT_TRUE(apply_birth_request(*service_, birth, actor_));
}

// [11] A birth without mother and father was accepted. It needs the mother's NIK (a registered
// woman, born before the child) or a stated reason; every problem is named at once.
TEST_P(RegistryServiceTest, ABirthNeedsTheParentsOrAStatedReason) {
  const std::string m = mother();
  BirthRegistration b;
  b.resident = newborn();
  Refusal refusal;
  auto orphan = service_->register_birth(b, actor_, &refusal);
  ASSERT_FALSE(orphan);
  std::vector<std::string> fields;
  for (const auto& e : refusal.errors) fields.push_back(e.field + ":" + e.code);
  EXPECT_EQ(fields, (std::vector<std::string>{"mother_nik:PARENT_REQUIRED", "kk:KK_REQUIRED"}));
  b.mother_nik = "6571019999999999";
  b.father_nik = m;  // a woman given as the father
  auto wrong = service_->register_birth(b, actor_, &refusal);
  ASSERT_FALSE(wrong);
  fields.clear();
  for (const auto& e : refusal.errors) fields.push_back(e.field + ":" + e.code);
  EXPECT_EQ(fields, (std::vector<std::string>{"mother_nik:PARENT_NOT_FOUND", "father_nik:PARENT_SEX"}));
  b.mother_nik.clear();
  b.father_nik.clear();
  b.parent_reason = "LUPA";
  EXPECT_EQ(service_->register_birth(b, actor_).error().field, "parent_reason");
  // A stated reason (any case) and a KK to join: accepted, the reason kept in the change log.
  b.parent_reason = "orang_tua_tidak_diketahui";
  b.resident.kk = store_->find_resident(m)->kk;
  auto found = service_->register_birth(b, actor_);
  ASSERT_TRUE(found) << found.error().code;
  EXPECT_EQ(store_->changes(found->nik)[0].reason, "orang tua: ORANG_TUA_TIDAK_DIKETAHUI");
  // With the mother: her name comes from the registry, the child joins her KK as ANAK.
  BirthRegistration with_mother;
  with_mother.resident = newborn("PUTRA");
  with_mother.resident.mother_name = "";
  with_mother.mother_nik = m;
  auto born = service_->register_birth(with_mother, actor_);
  ASSERT_TRUE(born) << born.error().code;
  EXPECT_EQ(born->mother_name, "SITI AMINAH");
  EXPECT_EQ(store_->count_residents(), 3);
}

// The same baby brought to four desks at the same instant: one NIK, the others refused as a likely
// double (the check and the write are one step under the registry's lock; before, PostgreSQL let
// every desk pass the check and issued four NIKs).
TEST_P(RegistryServiceTest, DesksAtOnceRegisterTheSameBabyOnce) {
  const std::string m = mother();
  constexpr int kDesks = 4;
  std::atomic<int> registered{0}, doubles{0}, other{0};
  test::at_once(kDesks, [&](int d) {
    auto store = open_store(location_);  // its own connection, as another desk's process would have
    Actor desk = actor_;
    desk.name = "desk" + std::to_string(d);
    BirthRegistration b;
    b.resident = newborn("MUHAMMAD RIZKI");
    b.mother_nik = m;
    auto r = RegistryService(*store, test::wilayah()).register_birth(b, desk);
    if (r) ++registered;
    else if (r.error().code == "LIKELY_DOUBLE") ++doubles;
    else ++other;
  });
  EXPECT_EQ(registered.load(), 1);
  EXPECT_EQ(doubles.load(), kDesks - 1);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(store_->count_residents(), 2);  // the mother and one baby
}

// [11] The same baby twice got two NIKs and no warning. The registry is checked for a likely
// double before a NIK is issued; an officer may override it, with a reason that is kept.
TEST_P(RegistryServiceTest, TheSameBabyTwiceIsALikelyDouble) {
  const std::string m = mother();
  auto first = add(newborn("MUHAMMAD RIZKI"), "", m);
  ASSERT_TRUE(first);
  Refusal refusal;
  BirthRegistration again;
  again.resident = newborn("Moch. Rizki");  // another desk's spelling of the same name
  again.mother_nik = m;
  auto twice = service_->register_birth(again, actor_, &refusal);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, "LIKELY_DOUBLE");
  EXPECT_EQ(refusal.candidates, (std::vector<std::string>{first->nik}));
  EXPECT_NE(twice.error().message_en.find(first->nik), std::string::npos);
  EXPECT_EQ(*service_->issue_nik("65.71.01", {2025, 5, 20}, Sex::L), "6571012005250002");  // no NIK was used up
  // The same mother's baby of that day written shorter by another desk: an initial, a dropped
  // name, two names written as one (seen in the walkthrough: M. ALFATIH / MUHAMMAD AL FATIH).
  for (const char* shorter : {"M. RIZKI", "RIZKI", "MUHAMMADRIZKI"}) {
    BirthRegistration b;
    b.resident = newborn(shorter);
    b.mother_nik = m;
    Refusal rf;
    auto r = service_->register_birth(b, actor_, &rf);
    ASSERT_FALSE(r) << shorter;
    EXPECT_EQ(r.error().code, "LIKELY_DOUBLE") << shorter;
    EXPECT_EQ(rf.candidates, (std::vector<std::string>{first->nik})) << shorter;
  }
  // A twin has another name: no warning.
  ASSERT_TRUE(add(newborn("MUHAMMAD RAFA"), "", m));
  // The override needs a reason; with one, the birth goes through and says why.
  again.confirm_not_double = true;
  EXPECT_EQ(service_->register_birth(again, actor_).error().field, "not_double_reason");
  again.not_double_reason = "kembar, nama sama menurut akta rumah sakit";
  auto confirmed = service_->register_birth(again, actor_);
  ASSERT_TRUE(confirmed) << confirmed.error().code;
  EXPECT_NE(store_->changes(confirmed->nik)[0].reason.find("bukan data ganda dari " + first->nik + ": kembar"), std::string::npos)
      << store_->changes(confirmed->nik)[0].reason;
}

// [11] A baby without a KK was made head of a new KK. A child joins the mother's KK (else the
// father's), as ANAK or CUCU; another KK needs the officer's reason; never head of a family.
TEST_P(RegistryServiceTest, AChildJoinsAParentsKkAndNeverHeadsOne) {
  const std::string m = mother();
  const std::string family = store_->find_resident(m)->kk;
  Resident girl = newborn("PUTRI");
  girl.sex = Sex::P;
  girl.birth_date = {2008, 2, 3};  // a daughter of 17, who will be a mother
  auto daughter = add(girl, "", m);
  ASSERT_TRUE(daughter) << daughter.error().code;
  EXPECT_EQ(daughter->kk, family);
  BirthRegistration grandchild;
  grandchild.resident = newborn("CUCU PERTAMA");
  grandchild.mother_nik = daughter->nik;
  auto cucu = service_->register_birth(grandchild, actor_);
  ASSERT_TRUE(cucu) << cucu.error().code;
  std::map<std::string, std::string> rel;
  for (const auto& row : store_->family(family)) rel[row.nik] = row.relationship;
  EXPECT_EQ(rel[m], "KEPALA KELUARGA");
  EXPECT_EQ(rel[daughter->nik], "ANAK");
  EXPECT_EQ(rel[cucu->nik], "CUCU");
  // Never head: not of a new KK, not of the parents' one.
  BirthRegistration head;
  head.resident = newborn("KEPALA KECIL");
  head.mother_nik = m;
  head.new_kk = true;
  Refusal refusal;
  ASSERT_FALSE(service_->register_birth(head, actor_, &refusal));
  std::vector<std::string> codes;
  for (const auto& e : refusal.errors) codes.push_back(e.field + ":" + e.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"kk_reason:KK_REASON_REQUIRED", "new_kk:KK_HEAD_MINOR"}));
  head.new_kk = false;
  head.relationship = "kepala keluarga";
  EXPECT_EQ(service_->register_birth(head, actor_).error().code, "KK_HEAD_MINOR");
  // Another family's KK: only with the officer's reason.
  Resident rina = adult();
  rina.name = "RINA";
  rina.birth_date = {1970, 3, 4};
  auto grandma = add(rina);
  ASSERT_TRUE(grandma);
  head.relationship = "CUCU";
  head.resident.kk = grandma->kk;
  EXPECT_EQ(service_->register_birth(head, actor_).error().field, "kk_reason");
  head.kk_reason = "diasuh nenek";
  auto raised = service_->register_birth(head, actor_);
  ASSERT_TRUE(raised) << raised.error().code;
  EXPECT_EQ(raised->kk, grandma->kk);
}

// [11] A 4-day-old set to KAWIN became wajib KTP. Ever-married under the legal marriage age is
// refused for births and for marital changes, naming the field and the rule.
TEST_P(RegistryServiceTest, MaritalStatusFollowsTheLegalAge) {
  const std::string m = mother();
  Resident baby = newborn();
  baby.marital_status = "KAWIN";
  auto married_baby = add(baby, "", m);
  ASSERT_FALSE(married_baby);
  EXPECT_EQ(married_baby.error().code, "MARITAL_UNDER_AGE");
  EXPECT_EQ(married_baby.error().field, "marital_status");
  EXPECT_NE(married_baby.error().message_en.find("UU 16/2019"), std::string::npos);
  Resident teen = newborn("REMAJA");
  teen.birth_date = {2007, 1, 1};  // 18
  auto t = add(teen, "", m);
  ASSERT_TRUE(t) << t.error().code;
  auto wed = apply_event_request(*service_, *store_, t->nik, {{"type", "marital_change"}, {"marital_status", "kawin"}}, actor_);
  ASSERT_FALSE(wed);
  EXPECT_EQ(wed.error().code, "MARITAL_UNDER_AGE");
  Actor next_year = actor_;
  next_year.today = {2026, 1, 1};  // 19
  auto later = apply_event_request(*service_, *store_, t->nik, {{"type", "marital_change"}, {"marital_status", "kawin"}}, next_year);
  ASSERT_TRUE(later) << later.error().code;
  EXPECT_EQ(later->marital_status, "KAWIN");  // stored in its canonical spelling
}

// [11] Vocabularies in any case: stored canonically.
TEST_P(RegistryServiceTest, VocabulariesAcceptAnyCase) {
  nlohmann::json birth = {{"name", "BAYI"}, {"sex", "l"}, {"birth_place", "TARAKAN"}, {"birth_date", "2025-05-20"},
                          {"religion", "ISLAM"}, {"marital_status", "belum kawin"}, {"blood_type", "o"},
                          {"citizenship", "wni"}, {"village_code", "65.71.01.1001"}, {"rt", "001"}, {"rw", "002"},
                          {"address", "JL. SUDIRMAN NO. 5"}, {"mother_nik", mother()}, {"relationship", "anak"}};
  auto r = apply_birth_request(*service_, birth, actor_);
  ASSERT_TRUE(r) << r.error().code << " " << r.error().field;
  auto stored = store_->find_resident(r->nik);
  EXPECT_EQ(stored->religion, "Islam");
  EXPECT_EQ(stored->marital_status, "BELUM KAWIN");
  EXPECT_EQ(stored->blood_type, "O");
  EXPECT_EQ(stored->citizenship, "WNI");
  EXPECT_EQ(stored->sex, Sex::L);
  for (const auto& row : store_->family(stored->kk))
    if (row.nik == r->nik) {
      EXPECT_EQ(row.relationship, "ANAK");
    }
}

// [11] Every problem of a birth request at once, each naming its field.
TEST_P(RegistryServiceTest, ABirthRequestNamesEveryProblem) {
  nlohmann::json birth = {{"sex", "L"}, {"birth_place", "TARAKAN"}, {"birth_date", "2025-05-20"}, {"religion", "Jedi"},
                          {"marital_status", "KAWIN"}, {"village_code", "65.71.01.1001"}, {"rt", "1234"}, {"rw", "002"},
                          {"address", "JL. SUDIRMAN NO. 5"}, {"new_kk", "ya"}};
  Refusal refusal;
  auto r = apply_birth_request(*service_, birth, actor_, &refusal);
  ASSERT_FALSE(r);
  std::set<std::string> fields;
  for (const auto& e : refusal.errors) {
    fields.insert(e.field);
    EXPECT_FALSE(e.message_id.empty() || e.message_en.empty()) << e.code;
  }
  for (const char* f : {"name", "religion", "marital_status", "rt", "new_kk", "mother_nik"})
    EXPECT_TRUE(fields.count(f)) << f << " not named";
  EXPECT_EQ(r.error().field, refusal.errors.front().field);
  EXPECT_EQ(store_->count_residents(), 0);
}

// [11] A move to another regency left the mover on the old regency's KK. A move is the family
// change of SIAK's moving letter: the mover leaves the old KK (a head names the member who heads
// it now, or takes the family along) and joins a KK of the destination or heads a new one there.
TEST_P(RegistryServiceTest, AMoveChangesTheFamilyAsTheMovingLetterDoes) {
  const std::string m = mother();
  const std::string old_kk = store_->find_resident(m)->kk;
  Resident ahmad = adult();
  ahmad.name = "AHMAD";
  ahmad.sex = Sex::L;
  ahmad.birth_date = {1988, 7, 7};
  BirthRegistration husband = test::newcomer(ahmad);
  husband.resident.kk = old_kk;
  husband.relationship = "SUAMI";
  auto h = service_->register_birth(husband, actor_);
  ASSERT_TRUE(h) << h.error().code;
  auto child = add(newborn(), "", m);
  ASSERT_TRUE(child);
  auto members = [&](const std::string& kk) {
    std::map<std::string, std::string> out;
    for (const auto& row : store_->family(kk)) out[row.nik] = row.relationship;
    return out;
  };
  nlohmann::json move = {{"type", "move"}, {"village_code", "65.04.01.2001"}, {"rt", "003"}, {"rw", "001"}, {"address", "DUSUN 2"}};
  // The head moving alone must say who heads the family she leaves; a baby cannot.
  auto alone = apply_event_request(*service_, *store_, m, move, actor_);
  ASSERT_FALSE(alone);
  EXPECT_EQ(alone.error().code, "MOVE_NEW_HEAD_REQUIRED");
  EXPECT_NE(alone.error().message_en.find(h->nik), std::string::npos);
  move["new_head"] = child->nik;
  EXPECT_EQ(apply_event_request(*service_, *store_, m, move, actor_).error().code, "MOVE_NEW_HEAD_INVALID");
  EXPECT_EQ(store_->find_resident(m)->village_code, "65.71.01.1001");  // nothing changed
  // A child does not head a new KK of their own.
  move.erase("new_head");
  EXPECT_EQ(apply_event_request(*service_, *store_, child->nik, move, actor_).error().code, "KK_HEAD_MINOR");
  // She moves to Malinau with a new KK there; her husband heads the Tarakan KK now.
  move["new_head"] = h->nik;
  auto moved = apply_event_request(*service_, *store_, m, move, actor_);
  ASSERT_TRUE(moved) << moved.error().code;
  EXPECT_EQ(moved->kk.substr(0, 6), "650401");
  EXPECT_EQ(members(old_kk), (std::map<std::string, std::string>{{h->nik, "KEPALA KELUARGA"}, {child->nik, "ANAK"}}));
  EXPECT_EQ(members(moved->kk), (std::map<std::string, std::string>{{m, "KEPALA KELUARGA"}}));
  // The child follows her into her KK (it is at the destination); a KK elsewhere is refused.
  nlohmann::json join = move;
  join.erase("new_head");
  join["kk"] = old_kk;
  join["relationship"] = "ANAK";
  join["village_code"] = "65.04.01.2001";
  EXPECT_EQ(apply_event_request(*service_, *store_, child->nik, join, actor_).error().code, "KK_NOT_IN_DESTINATION");
  join["kk"] = moved->kk;
  join.erase("relationship");
  EXPECT_EQ(apply_event_request(*service_, *store_, child->nik, join, actor_).error().field, "relationship");
  join["relationship"] = "anak";
  auto followed = apply_event_request(*service_, *store_, child->nik, join, actor_);
  ASSERT_TRUE(followed) << followed.error().code;
  EXPECT_EQ(followed->kk, moved->kk);
  EXPECT_EQ(members(moved->kk), (std::map<std::string, std::string>{{m, "KEPALA KELUARGA"}, {child->nik, "ANAK"}}));
  EXPECT_EQ(members(old_kk), (std::map<std::string, std::string>{{h->nik, "KEPALA KELUARGA"}}));
  // The whole family moves: every member to one new KK at the new address, one transaction.
  nlohmann::json together = {{"type", "move"}, {"village_code", "65.71.02.1001"}, {"rt", "004"}, {"rw", "002"},
                              {"address", "JL. BARU 1"}, {"with_family", true}};
  EXPECT_EQ(apply_event_request(*service_, *store_, child->nik, together, actor_).error().code, "MOVE_FAMILY_NOT_HEAD");
  auto all = apply_event_request(*service_, *store_, m, together, actor_);
  ASSERT_TRUE(all) << all.error().code;
  EXPECT_TRUE(members(moved->kk).empty());
  EXPECT_EQ(members(all->kk), (std::map<std::string, std::string>{{m, "KEPALA KELUARGA"}, {child->nik, "ANAK"}}));
  EXPECT_EQ(store_->find_resident(child->nik)->village_code, "65.71.02.1001");
  EXPECT_EQ(store_->find_resident(child->nik)->kk, all->kk);
  EXPECT_EQ(store_->changes(child->nik).back().reason, "ikut pindah bersama kepala keluarga " + m);
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryServiceTest, ::testing::ValuesIn(test::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ktpel
