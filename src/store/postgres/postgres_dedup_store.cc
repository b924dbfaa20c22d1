// PostgresStore: the incremental demographic dedup index and its state (DedupStore).
#include <bit>

#include "store/postgres/postgres_store_impl.h"

namespace ktpel {
namespace {
using W = pqxx::transaction_base;
}

void PostgresStore::put_dedup_keys(std::string_view nik, std::span<const uint64_t> keys) {
  run([&](W& w) {
    w.exec_params("DELETE FROM dedup_keys WHERE nik = $1", std::string(nik));
    for (uint64_t k : keys)
      w.exec_params("INSERT INTO dedup_keys (key, nik) VALUES ($1, $2) ON CONFLICT DO NOTHING", std::bit_cast<int64_t>(k),
                    std::string(nik));
    return 0;
  });
}

std::vector<std::string> PostgresStore::dedup_key_holders(std::span<const uint64_t> keys, std::string_view nik, int64_t per_key) {
  return run([&](W& w) {
    std::vector<std::string> out;
    for (uint64_t k : keys)
      for (const auto& r : w.exec_params("SELECT nik FROM dedup_keys WHERE key = $1 AND nik <> $2 LIMIT $3",
                                         std::bit_cast<int64_t>(k), std::string(nik), per_key))
        out.push_back(r[0].c_str());
    return out;
  });
}

int64_t PostgresStore::dedup_key_count(uint64_t key) {
  return run([&](W& w) {
    return w.exec_params("SELECT count(*) FROM dedup_keys WHERE key = $1", std::bit_cast<int64_t>(key))[0][0].as<int64_t>();
  });
}

std::string PostgresStore::dedup_state(std::string_view name) {
  return run([&](W& w) {
    auto res = w.exec_params("SELECT value FROM dedup_state WHERE name = $1", std::string(name));
    return res.empty() ? std::string() : std::string(res[0][0].c_str());
  });
}

void PostgresStore::put_dedup_state(std::string_view name, std::string_view value) {
  run([&](W& w) {
    w.exec_params("INSERT INTO dedup_state (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                  std::string(name), std::string(value));
    return 0;
  });
}

}  // namespace ktpel
