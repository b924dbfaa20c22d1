// SqlStore: sealing secrets and biometrics at rest, the data keys and their rotation (KeyStore).
#include <cstdlib>
#include <filesystem>

#include "crypto/envelope.h"
#include "store/sql/sql_store.h"

namespace ktpel {
namespace {

// The tables whose protected columns are sealed, in the order a rotation visits them.
struct SealedTable {
  std::string_view name;
  std::vector<std::pair<std::string_view, bool>> keys;  // primary key columns (true: integer)
  std::vector<std::string_view> columns;               // sealed columns
  bool text;                                           // TEXT columns: the hex of the sealed text
};

const std::vector<SealedTable>& sealed_tables() {
  static const std::vector<SealedTable> tables = {
      {"enrolments", {{"packet_id", false}}, {"photo", "signature", "iris_right", "iris_left", "fingers"}, false},
      {"abis_gallery", {{"nik", false}, {"finger", true}}, {"compact"}, false},
      {"centre_keys", {{"id", true}}, {"box_secret", "sign_secret"}, true},
      {"office_keys", {{"office", false}}, {"sign_secret"}, true},
      {"users", {{"username", false}}, {"totp_secret"}, true},
  };
  return tables;
}

std::string join(const std::vector<std::string_view>& parts, std::string_view sep, std::string_view suffix = "") {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : std::string(sep)) + std::string(p) + std::string(suffix);
  return out;
}

std::vector<std::string_view> key_names(const SealedTable& t) {
  std::vector<std::string_view> out;
  for (const auto& k : t.keys) out.push_back(k.first);
  return out;
}

// A primary key value read as text, bound as its column's type.
void bind_key(sql::Lease& s, int at, const SealedTable& t, size_t i, const std::string& value) {
  if (t.keys[i].second) s.bind(at, int64_t{std::stoll(value)});
  else s.bind(at, value);
}

template <class F>
auto key_errors_as_store_errors(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const KeyError& e) {
    throw StoreError(e.what());
  }
}

}  // namespace

std::string master_key_file_for(const std::string& location) {
  if (!is_postgres_location(location)) return (std::filesystem::path(location).parent_path() / "master.key").string();
  const char* home = std::getenv("HOME");
  if (!home || !*home)
    throw StoreError("no master key for " + location + ": set KTPEL_MASTER_KEY or KTPEL_MASTER_KEY_FILE (or HOME)");
  return std::string(home) + "/.ktpel/master.key";
}

std::unique_ptr<Store> open_store(const std::string& location, std::function<MasterKey()> master) {
  return std::make_unique<SqlStore>(sql::connect(location), std::make_shared<KeyVault>(std::move(master)));
}

std::unique_ptr<Store> open_store(const std::string& location) {
  return open_store(location, [location] { return load_master_key(master_key_file_for(location)); });
}

void SqlStore::forget_active_key(bool rolled_back) {
  active_key_.reset();
  if (rolled_back)
    for (int64_t id : keys_made_) vault_->forget(id);
  keys_made_.clear();
}

const std::string& SqlStore::data_key(int64_t id) {
  if (const std::string* k = vault_->cached(id)) return *k;
  auto s = db_->cached("SELECT wrapped, master_key_id FROM data_keys WHERE id = ?1");
  s.bind(1, id);
  if (!s.step())
    throw StoreError("data key " + std::to_string(id) + " is not in data_keys: the database was restored without it");
  const std::string wrapped = s.blob(0), by = s.text(1);
  s.reset();
  return key_errors_as_store_errors([&]() -> const std::string& { return vault_->open_data_key(id, wrapped, by); });
}

void SqlStore::open_all_data_keys() {
  auto s = db_->cached("SELECT id FROM data_keys ORDER BY id");
  const auto ids = sql::collect(s, [](const sql::Statement& r) { return r.integer(0); });
  s.reset();
  for (int64_t id : ids) data_key(id);
}

int64_t SqlStore::insert_data_key(bool replace_active) {
  const MasterKey& master = key_errors_as_store_errors([&]() -> const MasterKey& { return vault_->master(); });
  if (replace_active) db_->cached("UPDATE data_keys SET active = {false} WHERE active").run();
  auto next = db_->cached("SELECT COALESCE(MAX(id), 0) + 1 FROM data_keys");
  next.step();
  const int64_t id = next.integer(0);
  next.reset();
  std::string key = make_data_key();
  auto s = db_->cached(
      "INSERT INTO data_keys (id, wrapped, master_key_id, active) VALUES (?1, ?2, ?3, {true}) ON CONFLICT DO NOTHING");
  s.bind(1, id).bind_blob(2, wrap_data_key(master, id, key)).bind(3, master.id);
  if (s.run() != 1) return 0;  // another process made the first key meanwhile
  vault_->remember(id, std::move(key));
  if (db_->in_transaction()) keys_made_.push_back(id);
  return id;
}

int64_t SqlStore::active_data_key() {
  if (active_key_) return *active_key_;
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto s = db_->cached("SELECT id FROM data_keys WHERE active");
    if (s.step()) {
      const int64_t id = s.integer(0);
      s.reset();
      data_key(id);  // fails now, clearly, if the master key does not open it
      if (db_->in_transaction()) active_key_ = id;
      return id;
    }
    s.reset();
    if (int64_t id = insert_data_key(false)) {
      if (db_->in_transaction()) active_key_ = id;
      return id;
    }
  }
  throw StoreError("no active data key could be made or read");
}

std::string SqlStore::seal(int64_t key, std::string_view place, std::string_view plain) {
  return seal_value(static_cast<uint32_t>(key), data_key(key), place, plain);
}

std::string SqlStore::unseal(std::string_view place, std::string stored, bool sealed) {
  if (!sealed) return stored;
  const auto id = sealed_key_id(stored);
  if (!id) throw StoreError(std::string(place) + " is not a sealed value (damaged, or of an unknown version)");
  auto plain = open_value(data_key(*id), place, stored);
  if (!plain)
    throw StoreError(std::string(place) + " does not authenticate under data key " + std::to_string(*id) +
                     ": the stored value was altered or moved from another row");
  return std::move(*plain);
}

std::string SqlStore::seal_text(int64_t key, std::string_view place, std::string_view text) {
  return to_hex(seal(key, place, text));
}

std::string SqlStore::unseal_text(std::string_view place, std::string stored, bool sealed) {
  return sealed ? unseal(place, from_hex(stored), true) : stored;
}

std::string SqlStore::master_key_id() {
  return key_errors_as_store_errors([&] { return vault_->master().id; });
}

std::vector<DataKeyInfo> SqlStore::data_keys() {
  std::map<int64_t, int64_t> values;
  for (const auto& t : sealed_tables()) {
    auto s = db_->cached("SELECT COALESCE(data_key, 0), count(*) FROM " + std::string(t.name) + " GROUP BY data_key");
    while (s.step()) values[s.integer(0)] += s.integer(1) * static_cast<int64_t>(t.columns.size());
  }
  auto s = db_->cached("SELECT id, master_key_id, {ts:created_at}, active FROM data_keys ORDER BY id");
  std::vector<DataKeyInfo> out = sql::collect(s, [&](const sql::Statement& r) {
    return DataKeyInfo{r.integer(0), r.text(1), r.text(2), r.integer(3) != 0, values[r.integer(0)]};
  });
  if (values[0] > 0) out.push_back({0, "", "", false, values[0]});
  return out;
}

int64_t SqlStore::add_data_key() {
  const int64_t id = insert_data_key(true);
  if (id == 0) throw StoreError("a new data key could not be added (another rotation at the same time?)", StoreErrorCode::Busy);
  active_key_ = id;
  return id;
}

int64_t SqlStore::rows_to_reseal() {
  const int64_t active = active_data_key();
  int64_t n = 0;
  for (const auto& t : sealed_tables()) {
    auto s = db_->cached("SELECT count(*) FROM " + std::string(t.name) + " WHERE data_key IS NULL OR data_key <> ?1");
    s.bind(1, active);
    s.step();
    n += s.integer(0);
  }
  return n;
}

int64_t SqlStore::reseal_rows(ResealCursor& cursor, int64_t limit) {
  const int64_t active = active_data_key();
  open_all_data_keys();
  int64_t resealed = 0;
  while (!cursor.done && resealed < limit) {
    const SealedTable& t = sealed_tables()[cursor.table];
    const std::vector<std::string_view> keys = key_names(t);
    const size_t nk = keys.size();
    std::string after = "(" + join(keys, ", ") + ") > (";
    for (size_t i = 0; i < nk; ++i) after += (i ? ", ?" : "?") + std::to_string(i + 1);
    after += ") AND ";
    auto s = db_->cached("SELECT " + join(keys, ", ") + ", data_key, " + join(t.columns, ", ") + " FROM " +
                         std::string(t.name) + " WHERE " + (cursor.after.empty() ? "" : after) +
                         "(data_key IS NULL OR data_key <> ?" + std::to_string(nk + 1) + ") ORDER BY " + join(keys, ", ") +
                         " LIMIT ?" + std::to_string(nk + 2) + "{for_update}");
    for (size_t i = 0; i < cursor.after.size(); ++i) bind_key(s, static_cast<int>(i + 1), t, i, cursor.after[i]);
    const int64_t want = limit - resealed;
    s.bind(static_cast<int>(nk + 1), active).bind(static_cast<int>(nk + 2), want);
    struct Row {
      std::vector<std::string> key;
      bool sealed;
      std::vector<std::string> values;
    };
    std::vector<Row> rows = sql::collect(s, [&](const sql::Statement& r) {
      Row row{{}, !r.is_null(static_cast<int>(nk)), {}};
      for (size_t i = 0; i < nk; ++i) row.key.push_back(r.text(static_cast<int>(i)));
      for (size_t c = 0; c < t.columns.size(); ++c)
        row.values.push_back(t.text ? r.text(static_cast<int>(nk + 1 + c)) : r.blob(static_cast<int>(nk + 1 + c)));
      return row;
    });
    s.reset();
    std::string set;
    for (size_t c = 0; c < t.columns.size(); ++c) set += std::string(t.columns[c]) + " = ?" + std::to_string(c + 1) + ", ";
    std::string where;
    for (size_t i = 0; i < nk; ++i)
      where += (i ? " AND " : "") + std::string(keys[i]) + " = ?" + std::to_string(t.columns.size() + 2 + i);
    auto u = db_->cached("UPDATE " + std::string(t.name) + " SET " + set + "data_key = ?" +
                         std::to_string(t.columns.size() + 1) + " WHERE " + where);
    for (const Row& row : rows) {
      std::vector<std::string_view> key_parts(row.key.begin(), row.key.end());
      const std::string key = join(key_parts, "/");
      for (size_t c = 0; c < t.columns.size(); ++c) {
        const std::string place = std::string(t.name) + "." + std::string(t.columns[c]) + ":" + key;
        if (t.text)
          u.bind(static_cast<int>(c + 1), seal_text(active, place, unseal_text(place, row.values[c], row.sealed)));
        else
          u.bind_blob(static_cast<int>(c + 1), seal(active, place, unseal(place, row.values[c], row.sealed)));
      }
      u.bind(static_cast<int>(t.columns.size() + 1), active);
      for (size_t i = 0; i < nk; ++i) bind_key(u, static_cast<int>(t.columns.size() + 2 + i), t, i, row.key[i]);
      u.queue();
      u.reset();
    }
    if (static_cast<int64_t>(rows.size()) < want) {  // the table is done: the next one from its first row
      cursor.after.clear();
      if (++cursor.table == sealed_tables().size()) cursor.done = true;
    } else {
      cursor.after = rows.back().key;
    }
    resealed += static_cast<int64_t>(rows.size());
  }
  return resealed;
}

int64_t SqlStore::rewrap_data_keys(const MasterKey& next) {
  auto s = db_->cached("SELECT id FROM data_keys ORDER BY id{for_update}");
  const auto ids = sql::collect(s, [](const sql::Statement& r) { return r.integer(0); });
  s.reset();
  auto u = db_->cached("UPDATE data_keys SET wrapped = ?2, master_key_id = ?3 WHERE id = ?1");
  for (int64_t id : ids) {
    u.bind(1, id).bind_blob(2, wrap_data_key(next, id, data_key(id))).bind(3, next.id);
    u.queue();
    u.reset();
  }
  return static_cast<int64_t>(ids.size());
}

}  // namespace ktpel
