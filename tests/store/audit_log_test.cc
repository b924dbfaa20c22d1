// The audit log in the database, on both backends: entries ride in the transaction of the action
// (and vanish with its rollback), appenders never fork the chain, and an edit, deletion,
// insertion, reordering or rewrite done directly in SQL is reported at the first entry it breaks.
#include <gtest/gtest.h>

#include <thread>

#include "crypto/envelope.h"
#include "service/audit_service.h"
#include "sql/connection.h"
#include "store/audit_scope.h"
#include "support/test_env.h"

namespace ktpel {
namespace {

class AuditLogTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (test::skip_unavailable(GetParam())) GTEST_SKIP() << "PostgreSQL not available (run through make test)";
    location_ = test::fresh_database(GetParam());
    store_ = open_store(location_);
  }
  // One audited action: a setting written under an audit scope.
  void act(Store& store, const std::string& who, int i) {
    AuditScope scope({"2025-01-01T00:00:00Z", who, "operator", "POST /api/v1/test", "6571014501900001", std::to_string(i)});
    StoreTransaction tx(store);
    store.put_setting("test." + std::to_string(i), who);
    tx.commit();
  }
  void raw(const std::string& sql) { sql::connect(location_)->exec(sql); }
  std::optional<ChainBreak> broken() { return verify_audit_log(*store_).broken; }

  std::string location_;
  std::unique_ptr<Store> store_;
};

TEST_P(AuditLogTest, TheEntryLandsWithItsActionOrNotAtAll) {
  act(*store_, "budi", 1);
  EXPECT_EQ(store_->audit_head().first, 1);
  {
    AuditScope scope({"2025-01-01T00:00:00Z", "budi", "operator", "POST /api/v1/test", "", "rolled back"});
    StoreTransaction tx(*store_);
    store_->put_setting("test.x", "y");
  }  // rolled back
  EXPECT_EQ(store_->audit_head().first, 1);
  EXPECT_FALSE(store_->setting("test.x"));
  {
    // Two transactions in one action: one entry, in the first.
    AuditScope scope({"2025-01-01T00:00:00Z", "sari", "supervisor", "POST /api/v1/test", "", "two"});
    for (int i = 0; i < 2; ++i) {
      StoreTransaction tx(*store_);
      store_->put_setting("test.two" + std::to_string(i), "1");
      tx.commit();
    }
  }
  EXPECT_EQ(store_->audit_head().first, 2);
  auto entries = store_->audit_entries({"sari", "", "", "", 0, 10});
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].detail, "two");
  EXPECT_FALSE(broken());
}

// Searches go through a lookup table brought up to date when searching (migration 14), not on
// each append: every entry appended before a search must be found by user, record and day, in
// order, page after page, whatever was appended between two searches.
// Found by tests/e2e/api_fuzz.py on PostgreSQL: a login name holding a NUL was stored cut at it
// (libpq sends text up to its first NUL) under a hash taken over the whole name, and the chain
// read as tampered. Such text is now stored whole (SQLite) or refused (PostgreSQL), never cut.
TEST_P(AuditLogTest, TextWithANulIsStoredWholeOrRefusedNeverCut) {
  act(*store_, "budi", 1);
  try {
    AuditScope scope({"2025-01-01T00:00:00Z", std::string("tidak\0ada", 9), "", "login", "x", "refused"});
    StoreTransaction tx(*store_);
    tx.commit();
  } catch (const StoreError&) {
  }
  act(*store_, "siti", 2);
  EXPECT_FALSE(broken()) << broken()->reason;
  EXPECT_EQ(verify_audit_log(*store_).entries, store_->audit_head().first);
}

TEST_P(AuditLogTest, SearchesByUserRecordAndDayFindEveryEntryAppended) {
  auto append = [&](const std::string& at, const std::string& who, const std::string& nik) {
    AuditScope scope({at, who, "operator", "GET /api/v1/residents/{nik}", nik, ""});
    StoreTransaction tx(*store_);
    store_->put_setting("t." + at + who + nik, "1");
    tx.commit();
  };
  const std::vector<std::string> days = {"2025-01-01", "2025-01-02", "2025-01-03"};
  const std::vector<std::string> users = {"budi", "sari"}, niks = {"6571014501900001", "6571014501900002", ""};
  int n = 0;
  for (const auto& d : days)
    for (int h = 0; h < 4; ++h)
      for (const auto& u : users) append(d + "T0" + std::to_string(h) + ":00:00Z", u, niks[n++ % 3]);
  auto seqs = [](const std::vector<AuditEntry>& es) {
    std::vector<int64_t> out;
    for (const auto& e : es) out.push_back(e.seq);
    return out;
  };
  auto expected = [&](auto keep) {
    std::vector<int64_t> out;
    for (const auto& e : store_->audit_entries({"", "", "", "", 0, 1000}))
      if (keep(e)) out.push_back(e.seq);
    return out;
  };
  EXPECT_EQ(store_->audit_entries({"", "", "", "", 0, 1000}).size(), 24u);
  const auto by_sari = expected([](const AuditEntry& e) { return e.actor == "sari"; });
  EXPECT_EQ(by_sari.size(), 12u);
  EXPECT_EQ(seqs(store_->audit_entries({"sari", "", "", "", 0, 1000})), by_sari);
  const auto of_nik = expected([&](const AuditEntry& e) { return e.target == niks[1]; });
  EXPECT_EQ(of_nik.size(), 8u);
  EXPECT_EQ(seqs(store_->audit_entries({"", niks[1], "", "", 0, 1000})), of_nik);
  EXPECT_EQ(seqs(store_->audit_entries({"budi", niks[1], "", "", 0, 1000})),
            expected([&](const AuditEntry& e) { return e.actor == "budi" && e.target == niks[1]; }));
  // Times: exact bounds within a day, whole days, open ends, a range with no entries.
  EXPECT_EQ(seqs(store_->audit_entries({"", "", "2025-01-02T01:00:00Z", "2025-01-02T02:00:00Z", 0, 1000})),
            expected([](const AuditEntry& e) { return e.at >= "2025-01-02T01:00:00Z" && e.at <= "2025-01-02T02:00:00Z"; }));
  EXPECT_EQ(seqs(store_->audit_entries({"", "", "2025-01-02", "", 0, 1000})),
            expected([](const AuditEntry& e) { return e.at >= "2025-01-02"; }));
  EXPECT_EQ(seqs(store_->audit_entries({"", "", "", "2025-01-01T02:00:00Z", 0, 1000})),
            expected([](const AuditEntry& e) { return e.at <= "2025-01-01T02:00:00Z"; }));
  EXPECT_TRUE(store_->audit_entries({"", "", "2025-02-01", "2025-02-28", 0, 1000}).empty());
  EXPECT_EQ(seqs(store_->audit_entries({"sari", "", "2025-01-03", "", 0, 1000})),
            expected([](const AuditEntry& e) { return e.actor == "sari" && e.at >= "2025-01-03"; }));
  // Paging by `after`, and entries appended after a search are found by the next one.
  auto page1 = store_->audit_entries({"sari", "", "", "", 0, 5});
  ASSERT_EQ(page1.size(), 5u);
  append("2025-01-04T00:00:00Z", "sari", niks[0]);
  auto rest = store_->audit_entries({"sari", "", "", "", page1.back().seq, 1000});
  EXPECT_EQ(rest.size(), 12u - 5u + 1u);
  EXPECT_EQ(rest.back().at, "2025-01-04T00:00:00Z");
  EXPECT_EQ(store_->audit_entries({"", niks[0], "2025-01-04", "", 0, 10}).size(), 1u);
  // Searches from another connection see the same, and two catch-ups never double an entry.
  auto other = open_store(location_);
  EXPECT_EQ(other->audit_entries({"sari", "", "", "", 0, 1000}).size(), 13u);
  EXPECT_EQ(store_->audit_entries({"sari", "", "", "", 0, 1000}).size(), 13u);
  EXPECT_FALSE(broken());
}

TEST_P(AuditLogTest, ConcurrentAppendersNeverForkTheChain) {
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w)
    workers.emplace_back([&, w] {
      auto store = open_store(location_);
      for (int i = 0; i < 25; ++i) {
        for (int attempt = 0;; ++attempt) {
          try {
            act(*store, "w" + std::to_string(w), w * 100 + i);
            break;
          } catch (const StoreError& e) {
            if (!e.transient() || attempt > 20) throw;
          }
        }
      }
    });
  for (auto& t : workers) t.join();
  const AuditReport r = verify_audit_log(*store_);
  EXPECT_TRUE(r.ok) << (r.broken ? r.broken->reason : "");
  EXPECT_EQ(r.entries, 100);
}

TEST_P(AuditLogTest, TamperingInTheDatabaseIsReportedAtTheFirstBrokenEntry) {
  for (int i = 1; i <= 8; ++i) act(*store_, "budi", i);
  ASSERT_FALSE(broken());
  // Edit.
  raw("UPDATE audit_log SET detail = 'diubah' WHERE seq = 3");
  ASSERT_TRUE(broken());
  EXPECT_EQ(broken()->seq, 3);
  EXPECT_NE(broken()->reason.find("changed"), std::string::npos);
  raw("UPDATE audit_log SET detail = '3' WHERE seq = 3");
  ASSERT_FALSE(broken());
  // Reordering: two entries' contents swapped.
  raw("UPDATE audit_log SET detail = CASE seq WHEN 4 THEN '5' ELSE '4' END WHERE seq IN (4, 5)");
  EXPECT_EQ(broken()->seq, 4);
  raw("UPDATE audit_log SET detail = CASE seq WHEN 4 THEN '4' ELSE '5' END WHERE seq IN (4, 5)");
  ASSERT_FALSE(broken());
  // Insertion: the later entries renumbered to make room for a well-formed forgery.
  auto entries = store_->audit_entries({"", "", "", "", 0, 100});
  raw("UPDATE audit_log SET seq = seq + 100 WHERE seq >= 6");
  raw("UPDATE audit_log SET seq = seq - 99 WHERE seq >= 106");
  AuditEntry forged{6, "2025-01-01T00:00:00Z", "mallory", "centre", "POST /api/v1/test", "", "forged", entries[4].hash, ""};
  forged.hash = audit_hash(forged);
  raw("INSERT INTO audit_log (seq, at, actor, role, action, target, detail, prev_hash, hash) VALUES (6, '" + forged.at +
      "', 'mallory', 'centre', 'POST /api/v1/test', '', 'forged', '" + forged.prev_hash + "', '" + forged.hash + "')");
  ASSERT_TRUE(broken());
  EXPECT_EQ(broken()->seq, 7);  // the forgery fits; the entry after it no longer does
  raw("DELETE FROM audit_log WHERE seq = 6");
  raw("UPDATE audit_log SET seq = seq + 100 WHERE seq >= 7");
  raw("UPDATE audit_log SET seq = seq - 101 WHERE seq >= 107");
  ASSERT_FALSE(broken()) << broken()->reason;
  // Deletion.
  raw("DELETE FROM audit_log WHERE seq = 2");
  ASSERT_TRUE(broken());
  EXPECT_EQ(broken()->seq, 2);
  EXPECT_NE(broken()->reason.find("missing"), std::string::npos);
}

TEST_P(AuditLogTest, ACheckpointCatchesAFullRewriteAndACutTail) {
  crypto_init();
  const auto k = make_sign_key_pair();
  const auto b = make_box_key_pair();
  store_->put_centre_keys({b.public_key, b.secret_key, k.public_key, k.secret_key});
  for (int i = 1; i <= 6; ++i) act(*store_, "budi", i);
  ASSERT_TRUE(sign_audit_checkpoint(*store_, "2025-01-01T00:00:00Z"));
  act(*store_, "budi", 7);
  EXPECT_EQ(verify_audit_log(*store_).checkpoints, 1);
  // Whoever rewrites entry 2 and recomputes every hash after it still differs from the signature.
  auto entries = store_->audit_entries({"", "", "", "", 0, 100});
  std::string prev = entries[0].hash;
  for (size_t i = 1; i < entries.size(); ++i) {
    AuditEntry e = entries[i];
    if (i == 1) e.detail = "rewritten";
    e.prev_hash = prev;
    e.hash = audit_hash(e);
    prev = e.hash;
    raw("UPDATE audit_log SET detail = '" + e.detail + "', prev_hash = '" + e.prev_hash + "', hash = '" + e.hash +
        "' WHERE seq = " + std::to_string(e.seq));
  }
  raw("UPDATE audit_head SET hash = '" + prev + "'");
  ASSERT_TRUE(broken());
  EXPECT_EQ(broken()->seq, 6);
  EXPECT_NE(broken()->reason.find("signed checkpoint"), std::string::npos);
  // A tail cut below the checkpoint, head adjusted to match.
  auto fresh = test::fresh_database(GetParam());
  location_ = fresh;
  store_ = open_store(location_);
  store_->put_centre_keys({b.public_key, b.secret_key, k.public_key, k.secret_key});
  for (int i = 1; i <= 6; ++i) act(*store_, "budi", i);
  ASSERT_TRUE(sign_audit_checkpoint(*store_, "2025-01-01T00:00:00Z"));
  auto all = store_->audit_entries({"", "", "", "", 0, 100});
  raw("DELETE FROM audit_log WHERE seq > 4");
  raw("UPDATE audit_head SET seq = 4, hash = '" + all[3].hash + "'");
  ASSERT_TRUE(broken());
  EXPECT_EQ(broken()->seq, 5);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditLogTest, ::testing::ValuesIn(test::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ktpel
