// SqlStore: the incremental demographic dedup index and its state (DedupStore).
#include <bit>

#include "store/sql/sql_store.h"

namespace ktpel {

void SqlStore::put_dedup_keys(std::string_view nik, std::span<const uint64_t> keys) {
  auto del = db_->cached("DELETE FROM dedup_keys WHERE nik = ?1");
  del.bind(1, nik);
  del.queue();
  auto ins = db_->cached("INSERT INTO dedup_keys (key, nik) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
  for (uint64_t k : keys) {
    ins.bind(1, std::bit_cast<int64_t>(k)).bind(2, nik);
    ins.queue();
  }
}

std::vector<std::string> SqlStore::dedup_key_holders(std::span<const uint64_t> keys, std::string_view nik, int64_t per_key) {
  auto s = db_->cached("SELECT nik FROM dedup_keys WHERE key = ?1 AND nik <> ?2 LIMIT ?3");
  std::vector<std::string> out;
  for (uint64_t k : keys) {
    s.reset();
    s.bind(1, std::bit_cast<int64_t>(k)).bind(2, nik).bind(3, per_key);
    while (s.step()) out.push_back(s.text(0));
  }
  return out;
}

int64_t SqlStore::dedup_key_count(uint64_t key) {
  auto s = db_->cached("SELECT count(*) FROM dedup_keys WHERE key = ?1");
  s.bind(1, std::bit_cast<int64_t>(key));
  s.step();
  return s.integer(0);
}

std::string SqlStore::dedup_state(std::string_view name) {
  auto s = db_->cached("SELECT value FROM dedup_state WHERE name = ?1");
  s.bind(1, name);
  return s.step() ? s.text(0) : std::string();
}

void SqlStore::put_dedup_state(std::string_view name, std::string_view value) {
  auto s = db_->cached("INSERT INTO dedup_state (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO UPDATE SET value = excluded.value");
  s.bind(1, name).bind(2, value);
  s.queue();
}

bool SqlStore::swap_dedup_state(std::string_view name, std::string_view expected, std::string_view value) {
  if (expected.empty()) {
    auto s = db_->cached("INSERT INTO dedup_state (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING");
    s.bind(1, name).bind(2, value);
    return s.run() == 1;
  }
  auto s = db_->cached("UPDATE dedup_state SET value = ?3 WHERE name = ?1 AND value = ?2");
  s.bind(1, name).bind(2, expected).bind(3, value);
  return s.run() == 1;
}

void SqlStore::put_duplicate_link(const DuplicateLink& l) {
  auto s = db_->cached(
      "INSERT INTO duplicate_links (nik, other_nik, case_id, source, decided_by, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
      " ON CONFLICT (nik) DO UPDATE SET other_nik = excluded.other_nik, case_id = excluded.case_id, source = excluded.source,"
      " decided_by = excluded.decided_by, decided_at = excluded.decided_at");
  s.bind(1, l.nik).bind(2, l.other_nik).bind(3, l.case_id).bind(4, l.source).bind(5, l.decided_by).bind(6, l.decided_at);
  s.queue();
}

std::optional<DuplicateLink> SqlStore::duplicate_link(std::string_view nik) {
  auto s = db_->cached("SELECT nik, other_nik, case_id, source, decided_by, decided_at FROM duplicate_links WHERE nik = ?1");
  s.bind(1, nik);
  return sql::first(s, [](const sql::Statement& r) {
    return DuplicateLink{r.text(0), r.text(1), r.integer(2), r.text(3), r.text(4), r.text(5)};
  });
}

}  // namespace ktpel
