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

}  // namespace ktpel
