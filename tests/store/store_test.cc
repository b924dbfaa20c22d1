// The same suite on every backend: SQLite and PostgreSQL (a real server, started by
// scripts/with_services.sh; no mocks).
#include "store/store.h"

#include <gtest/gtest.h>

#include "store/audit_scope.h"
#include "sql/connection.h"
#include "support/schema_by_hand.h"
#include "store/migrations.h"
#include "support/test_env.h"

namespace ktpel {

namespace {

using Strings = std::vector<std::string>;

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (test::skip_unavailable(GetParam())) GTEST_SKIP() << "PostgreSQL not available (run through make test)";
    location_ = test::fresh_database(GetParam());
    store_ = open_store(location_);
  }
  Resident person(const std::string& nik, const std::string& name, const std::string& village) {
    Resident r = test::sample_resident();
    r.nik = nik;
    r.name = name;
    r.village_code = village;
    r.created_at = r.updated_at = "2025-01-02T03:04:05Z";
    return r;
  }
  void insert(std::span<const Resident> rs) {
    StoreTransaction tx(*store_);
    store_->insert_residents(rs);
    tx.commit();
  }
  std::string location_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreTest, MigratesOnceAndReopens) {
  // One migration list for both backends, and a new database gets all of it.
  const int latest = migrations().back().version;
  EXPECT_EQ(store_->schema_version(), latest);
  store_.reset();
  store_ = open_store(location_);  // second open: migrations already applied, nothing re-run
  EXPECT_EQ(store_->schema_version(), latest);
  EXPECT_EQ(store_->count_residents(), 0);
}

TEST_P(StoreTest, InsertFindUpdateRoundTrip) {
  Resident r = person("6571014501900001", "SITI AMINAH", "65.71.01.1001");
  {
    StoreTransaction tx(*store_);
    auto inserted = store_->insert_residents(std::span<const Resident>(&r, 1));
    EXPECT_EQ(inserted, std::vector<bool>{true});
    tx.commit();
  }
  auto back = store_->find_resident(r.nik);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, r);
  r.name = "SITI AMINAH, S.PD";
  r.alive = false;
  r.death_date = Date{2025, 1, 1};
  r.updated_at = "2025-02-02T00:00:00Z";
  store_->update_resident(r);
  EXPECT_EQ(*store_->find_resident(r.nik), r);
  EXPECT_FALSE(store_->find_resident("6571014501900002"));
}

TEST_P(StoreTest, DuplicateNikIsReportedNotWritten) {
  Resident a = person("6571014501900001", "A", "65.71.01.1001");
  Resident b = person("6571014501900001", "B", "65.71.01.1001");
  StoreTransaction tx(*store_);
  EXPECT_EQ(store_->insert_residents(std::span<const Resident>(&a, 1)), std::vector<bool>{true});
  EXPECT_EQ(store_->insert_residents(std::span<const Resident>(&b, 1)), std::vector<bool>{false});
  tx.commit();
  EXPECT_EQ(store_->find_resident(a.nik)->name, "A");
}

TEST_P(StoreTest, RollbackLeavesNothing) {
  Resident a = person("6571014501900001", "A", "65.71.01.1001");
  {
    StoreTransaction tx(*store_);
    store_->insert_residents(std::span<const Resident>(&a, 1));
    store_->next_serial("nik", "657101450190");
  }  // no commit
  EXPECT_EQ(store_->count_residents(), 0);
  StoreTransaction tx(*store_);
  EXPECT_EQ(store_->next_serial("nik", "657101450190"), 1);
}

// Found by tests/e2e/api_fuzz.py on PostgreSQL: a write that failed inside a transaction (there
// the audit entry of a read whose query held "%FF") left the server's transaction block open and
// aborted, and every later statement on that pooled connection failed until a restart.
TEST_P(StoreTest, AFailedCommitLeavesTheConnectionUsable) {
  Resident r = person("6571014501900001", "SITI AMINAH", "65.71.01.1001");
  bool refused = false;
  {
    AuditScope scope({"2025-01-02T03:04:05Z", "tester", "operator", "GET /api/v1/residents", "", "x=\xff\xfe"});
    StoreTransaction tx(*store_);
    store_->insert_residents(std::span<const Resident>(&r, 1));
    try {
      tx.commit();  // PostgreSQL refuses the bytes; SQLite keeps them
    } catch (const StoreError&) {
      refused = true;
    }
  }
  EXPECT_EQ(store_->count_residents(), refused ? 0 : 1);
  Resident next = person("6571014501900002", "BUDI SANTOSO", "65.71.01.1001");
  {
    StoreTransaction tx(*store_);
    store_->insert_residents(std::span<const Resident>(&next, 1));
    tx.commit();
  }
  EXPECT_TRUE(store_->find_resident(next.nik));
}

TEST_P(StoreTest, SearchByNameAndRegionWithPaging) {
  std::vector<Resident> rs = {person("6571014501900001", "SITI AMINAH", "65.71.01.1001"),
                              person("6571014501900002", "SITI NURHALIZA", "65.71.01.1001"),
                              person("6501014501900001", "SITI ZUBAIDAH", "65.01.01.2001"),
                              person("6501014501900002", "BUDI", "65.01.01.2001")};
  {
    StoreTransaction tx(*store_);
    store_->insert_residents(rs);
    tx.commit();
  }
  auto all_siti = store_->search_residents({"siti", false, "", 10, 0});
  EXPECT_EQ(all_siti.total, 3);
  EXPECT_EQ(store_->search_residents({"aminah", false, "", 10, 0}).total, 0);  // prefix of the name
  EXPECT_EQ(store_->search_residents({"aminah", true, "", 10, 0}).total, 1);   // anywhere
  EXPECT_EQ(store_->search_residents({"Sití Nur", false, "", 10, 0}).total, 1);  // accents folded
  EXPECT_EQ(store_->search_residents({"100%", true, "", 10, 0}).total, 0);     // wildcards are literal
  auto tarakan = store_->search_residents({"SITI", false, "65.71", 1, 1});
  EXPECT_EQ(tarakan.total, 2);
  ASSERT_EQ(tarakan.items.size(), 1u);
  EXPECT_EQ(tarakan.items[0].name, "SITI NURHALIZA");
  EXPECT_EQ(store_->search_residents({"", false, "65.01.01.2001", 10, 0}).total, 2);
  int n = 0;
  store_->for_each_resident("65.01", [&](const Resident& r) {
    EXPECT_EQ(r.regency_code(), "65.01");
    ++n;
  });
  EXPECT_EQ(n, 2);
}

TEST_P(StoreTest, SerialCountersStartAfterImportedNiks) {
  Resident a = person("6571014501900007", "A", "65.71.01.1001");
  StoreTransaction tx(*store_);
  store_->insert_residents(std::span<const Resident>(&a, 1));
  EXPECT_EQ(store_->next_serial("nik", "657101450190"), 8);
  EXPECT_EQ(store_->next_serial("nik", "657101450190"), 9);
  EXPECT_EQ(store_->next_serial("nik", "657101450191"), 1);
  EXPECT_EQ(store_->next_serial("kk", "657101040513"), 2);  // sample KK serial 0001 is taken
  tx.commit();
}

TEST_P(StoreTest, FamiliesAndChangeLog) {
  std::vector<FamilyMember> fam = {{"6571010405130001", "6571014501900001", "KEPALA KELUARGA"},
                                   {"6571010405130001", "6571014501900002", "ANAK"}};
  store_->upsert_family_members(fam);
  EXPECT_EQ(store_->family("6571010405130001"), fam);
  ResidentChange c{0, "6571014501900001", "move", "operator1", "2025-01-02T03:04:05Z", R"({"a": 1})", R"({"a": 2})", "pindah"};
  store_->record_change(c);
  auto log = store_->changes("6571014501900001");
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].actor, "operator1");
  EXPECT_EQ(log[0].at, "2025-01-02T03:04:05Z");
  EXPECT_EQ(log[0].reason, "pindah");
  EXPECT_NE(log[0].after_json.find('2'), std::string::npos);
}

TEST_P(StoreTest, PopulationCellsGroupByLevel) {
  std::vector<Resident> rs = {person("6571014501900001", "A", "65.71.01.1001"),
                              person("6571014501900002", "B", "65.71.01.1001"),
                              person("6501014501900001", "C", "65.01.01.2001")};
  rs[1].birth_date = {2015, 1, 5};
  rs[1].nik = "6571014501150001";
  rs[1].marital_status = "BELUM KAWIN";
  {
    StoreTransaction tx(*store_);
    store_->insert_residents(rs);
    tx.commit();
  }
  auto cells = store_->population_cells(Level::Kabupaten, "65", {2025, 6, 1});
  int64_t total = 0, adults = 0;
  for (const auto& c : cells) {
    EXPECT_TRUE(c.code == "65.71" || c.code == "65.01") << c.code;
    total += c.count;
    if (c.adult) adults += c.count;
  }
  EXPECT_EQ(total, 3);
  EXPECT_EQ(adults, 2);
  EXPECT_TRUE(store_->population_cells(Level::Kecamatan, "11", {2025, 6, 1}).empty());
}

// [11] "SURYANA" finds "YUSUP SURYANA": a word anywhere in the name, through resident_name_tokens,
// kept with every insert, correction and deletion.
TEST_P(StoreTest, NameSearchFindsAWordAnywhereInTheName) {
  std::vector<Resident> rs = {person("6571014501900001", "YUSUP SURYANA", "65.71.01.1001"),
                              person("6571014501900002", "SURYANA", "65.71.01.1001"),
                              person("6571014501900003", "ASEP SURYANAH", "65.01.01.2001"),
                              person("6571014501900004", "SITI AMINAH", "65.01.01.2001"),
                              person("6571014501900005", "SURYANI SITI", "65.01.01.2001")};
  insert(rs);
  auto names = [&](const std::string& q, bool contains, const std::string& region = "") {
    Strings out;
    for (const auto& r : store_->search_residents({q, contains, region, 50, 0}).items) out.push_back(r.name);
    return out;
  };
  EXPECT_EQ(names("SURYANA", false), (Strings{"SURYANA"}));  // prefix: the start of the name only
  EXPECT_EQ(names("SURYANA", true), (Strings{"ASEP SURYANAH", "SURYANA", "YUSUP SURYANA"}));
  EXPECT_EQ(names("suryan", true), (Strings{"ASEP SURYANAH", "SURYANA", "SURYANI SITI", "YUSUP SURYANA"}));
  EXPECT_EQ(names("Súryana", true, "65.71"), (Strings{"SURYANA", "YUSUP SURYANA"}));  // accents, region
  EXPECT_EQ(names("yusup sury", true), (Strings{"YUSUP SURYANA"}));  // several words: the whole query
  EXPECT_EQ(names("siti", true), (Strings{"SITI AMINAH", "SURYANI SITI"}));
  EXPECT_EQ(store_->search_residents({"suryana", true, "", 1, 1}).total, 3);
  // A correction of the name moves it in the index; a deletion takes it out.
  Resident renamed = rs[0];
  renamed.name = "YUSUF SUPRIADI";
  {
    StoreTransaction tx(*store_);
    store_->update_resident(renamed);
    tx.commit();
  }
  EXPECT_EQ(names("SURYANA", true), (Strings{"ASEP SURYANAH", "SURYANA"}));
  EXPECT_EQ(names("supriadi", true), (Strings{"YUSUF SUPRIADI"}));
  {
    StoreTransaction tx(*store_);
    ASSERT_TRUE(store_->delete_resident(rs[1].nik));
    tx.commit();
  }
  EXPECT_EQ(names("SURYANA", true), (Strings{"ASEP SURYANAH"}));
}

// A database at the schema before 22 with residents already in it: the migration fills the
// name words, and the search finds them.
TEST_P(StoreTest, Migration22FillsTheNameWordsOfExistingResidents) {
  const std::string location = test::fresh_database(GetParam());
  {
    auto db = test::schema_before(location, 22);
    int serial = 0;
    for (const char* name : {"yusup suryana", "suryana", "siti  aminah binti suryana", "budi"}) {
      auto ins = db->cached(
          "INSERT INTO residents (nik, kk, name, name_key, sex, birth_place, birth_date, religion, marital_status, occupation,"
          " mother_name, father_name, village_code, rt, rw, address, blood_type, citizenship, created_at, updated_at, change_seq)"
          " VALUES (?1, '6571010101900001', upper(?2), ?2, 'L', 'TARAKAN', '1990-01-05', 'Islam', 'KAWIN', 'PETANI', 'IBU', 'AYAH',"
          " '65.71.01.1001', '001', '002', 'JL. A', 'O', 'WNI', '2025-01-02T03:04:05Z', '2025-01-02T03:04:05Z', ?3)");
      ++serial;
      ins.bind(1, "657101450190" + std::to_string(1000 + serial)).bind(2, name).bind(3, int64_t{serial});
      ins.run();
    }
    db->commit();
  }
  auto store = open_store(location);
  EXPECT_EQ(store->schema_version(), migrations().back().version);
  Strings found;
  for (const auto& r : store->search_residents({"suryana", true, "", 10, 0}).items) found.push_back(r.name);
  EXPECT_EQ(found, (Strings{"SITI  AMINAH BINTI SURYANA", "SURYANA", "YUSUP SURYANA"}));
  EXPECT_EQ(store->search_residents({"binti", true, "", 10, 0}).total, 1);
  EXPECT_EQ(store->search_residents({"budi", true, "", 10, 0}).total, 1);
  // The words are those the store writes for a new resident (each once, no empty word).
  auto db = sql::connect(location);
  auto n = db->cached("SELECT COUNT(*) FROM resident_name_tokens");
  n.step();
  EXPECT_EQ(n.integer(0), 2 + 1 + 4 + 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(test::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ktpel
