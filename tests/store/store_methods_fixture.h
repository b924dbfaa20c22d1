// The fixture and helpers of the store-method suites (store_methods_test.cc,
// store_print_methods_test.cc): a fresh database per test on each backend, records as rows.
#pragma once
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <tuple>

#include "core/print/stock_ledger.h"
#include "sql/connection.h"
#include "store/migrations.h"
#include "store/store.h"
#include "support/schema_by_hand.h"
#include "support/test_env.h"

namespace ktpel::store_methods {


inline const std::string kTarakanBarat = "65.71.01.1001", kTarakanTimur = "65.71.02.1002", kMalinau = "65.01.01.2001";

inline std::string nik(int k) {  // 65710145019 + a 5-digit serial
  const std::string s = std::to_string(k);
  return "65710145019" + std::string(5 - s.size(), '0') + s;
}
inline std::string bytes(std::initializer_list<int> v) {  // binary values, NUL and high bytes included
  std::string out;
  for (int b : v) out += static_cast<char>(b);
  return out;
}

// Records as comparable (and printable) rows.
inline auto row(const EktpRecord& r) {
  return std::tuple(r.nik, std::string(to_string(r.status)), r.since, r.village_code, r.ikd_activated);
}
inline auto row(const EktpTransition& t) {
  return std::tuple(t.nik, t.from ? std::string(to_string(*t.from)) : "-", std::string(to_string(t.to)), t.event, t.at,
                    t.operator_id, t.station_id, t.reason);
}
inline auto row(const Station& s) { return std::tuple(s.id, s.kecamatan, s.name, s.status, s.created_at, s.upload_token_hash); }
inline auto row(const StationKey& k) { return std::tuple(k.station_id, k.public_key_hex, k.status, k.created_at, k.valid_before_seq); }
inline auto row(const StoredPacket& p) {
  return std::tuple(p.packet_id, p.station_id, p.sequence, p.nik, p.status, p.reason, p.received_at, p.ack);
}
inline auto row(const Printer& p) {
  return std::tuple(p.serial, p.office, p.model, p.cards_per_day, std::string(to_string(p.status)), p.lent_to,
                    p.lent_until ? p.lent_until->iso() : "", p.note);
}
inline auto row(const StoredMovement& s) {
  const StockMovement& m = s.movement;
  return std::tuple(std::string(to_string(m.kind)), std::string(to_string(m.item)), m.debit, m.credit, m.quantity, m.on.iso(),
                    m.reference, m.reason, s.actor, s.at);
}
inline auto row(const PrintJob& j) {
  return std::tuple(j.office, j.nik, j.card_serial, j.printer_serial, j.outcome, j.reason, j.on.iso(), j.at, j.operator_id);
}
inline auto row(const QueueCandidate& c) {
  return std::tuple(c.nik, c.village_code, std::string(to_string(c.status)), c.since, c.reprint_reason, c.printed_before);
}
inline auto row(const SuketRecord& s) {
  return std::tuple(s.number, s.nik, s.office, s.issued.iso(), s.expires.iso(), s.token, s.status, s.closed_at, s.card_serial,
                    s.operator_id);
}
inline auto row(const ExpectedTranche& t) { return std::tuple(t.office, t.expected_on.iso(), t.quantity, t.reference); }
inline auto row(const AdjudicationCase& c) {
  return std::tuple(c.nik, c.other_nik, c.score, c.fingers_json, c.source, c.created_at, c.status, c.decided_by, c.decided_at,
                    c.note, c.evidence);
}
template <class T>
auto rows(const std::vector<T>& v) {
  std::vector<decltype(row(v.front()))> out;
  for (const auto& x : v) out.push_back(row(x));
  return out;
}
// One field of each element (a member pointer or a function), in order.
template <class T, class F>
auto pluck(const std::vector<T>& v, F f) {
  std::vector<std::decay_t<std::invoke_result_t<F, const T&>>> out;
  for (const auto& x : v) out.push_back(std::invoke(f, x));
  return out;
}
template <class T>
std::vector<T> sorted(std::vector<T> v) {
  std::sort(v.begin(), v.end());
  return v;
}
using Strings = std::vector<std::string>;
using Ids = std::vector<int64_t>;

class StoreMethodsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (test::skip_unavailable(GetParam())) GTEST_SKIP() << "PostgreSQL not available (run through make test)";
    location_ = test::fresh_database(GetParam());
    store_ = open_store(location_);
  }
  static Resident person(const std::string& nik, const std::string& village, const std::string& name = "SITI AMINAH",
                         Date born = {1990, 1, 5}) {
    Resident r = test::sample_resident();
    r.nik = nik;
    r.village_code = village;
    r.name = name;
    r.birth_date = born;
    r.created_at = r.updated_at = "2025-01-02T03:04:05Z";
    return r;
  }
  void add(const std::vector<Resident>& rs) {
    StoreTransaction tx(*store_);
    EXPECT_EQ(store_->insert_residents(rs), std::vector<bool>(rs.size(), true));
    tx.commit();
  }
  // Counters computed from scratch from the facts: what the maintained counters must equal.
  std::map<std::string, CoverageCounters> rebuilt(Date day) {
    std::map<std::string, CoverageCounters> out;
    store_->scan_coverage_facts("", [&](const CoverageFacts& f) {
      for (size_t len : {2, 5, 8, 13}) add_into(out[f.village_code.substr(0, len)], coverage_contribution(f, day));
    });
    return out;
  }
  static AdjudicationCase kase(const std::string& a, const std::string& b, double score, const std::string& source,
                               const std::string& created_at, const std::string& evidence = "") {
    AdjudicationCase c;
    c.nik = a, c.other_nik = b, c.score = score, c.source = source, c.created_at = created_at, c.evidence = evidence;
    c.fingers_json = R"([{"finger":2,"score":0.41}])";
    return c;
  }
  void put_records(const std::vector<std::tuple<std::string, EktpStatus, std::string>>& records) {
    for (const auto& [n, status, since] : records) store_->put_ektp_record(n, status, since, false);
  }
  std::string location_;
  std::unique_ptr<Store> store_;
};

// A database at the schema before `version` (every migration below it applied), for a migration
// test to fill with old rows through the connection `fill` gets, inside one transaction.
inline void migrate_below(const std::string& location, int version, const std::function<void(sql::Connection&)>& fill) {
  auto db = test::schema_before(location, version);
  fill(*db);
  db->commit();
}

}  // namespace ktpel::store_methods
