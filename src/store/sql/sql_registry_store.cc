// SqlStore: residents, families, the change log, serial counters, population cells.
#include <optional>
#include <stdexcept>
#include <utility>

#include "core/registry/wajib_ktp.h"
#include "core/text/fold.h"
#include "store/migrations.h"
#include "store/sql/sql_store.h"
#include "store/stats_sql.h"

namespace ktpel {
namespace {

// Read in this order by read_resident(); dates and timestamps as ISO text on both backends.
constexpr const char* kResidentColumns =
    "nik, kk, name, sex, birth_place, {text:birth_date}, religion, marital_status, occupation, mother_name, "
    "father_name, village_code, rt, rw, address, blood_type, citizenship, alive, {text:death_date}, {ts:created_at}, "
    "{ts:updated_at}";
// Written in this order by bind_resident() (parameters 1..22, then change_seq as 23).
constexpr const char* kResidentWriteColumns =
    "nik, kk, name, sex, birth_place, birth_date, religion, marital_status, occupation, mother_name, "
    "father_name, village_code, rt, rw, address, blood_type, citizenship, alive, death_date, created_at, updated_at, "
    "name_key, change_seq";

Resident read_resident(const sql::Statement& s) {
  return {s.text(0), s.text(1), s.text(2), s.text(3) == "P" ? Sex::P : Sex::L, s.text(4),
          Date::parse_iso(s.text(5)).value_or(Date{}), s.text(6), s.text(7), s.text(8), s.text(9), s.text(10), s.text(11),
          s.text(12), s.text(13), s.text(14), s.text(15), s.text(16), s.integer(17) != 0,
          s.is_null(18) ? std::nullopt : Date::parse_iso(s.text(18)), s.text(19), s.text(20)};
}

// Binds the 21 resident columns in kResidentColumns order starting at parameter 1.
void bind_resident(sql::Lease& s, const Resident& r) {
  s.bind(1, r.nik).bind(2, r.kk).bind(3, r.name).bind(4, to_string(r.sex)).bind(5, r.birth_place);
  s.bind(6, r.birth_date.iso()).bind(7, r.religion).bind(8, r.marital_status).bind(9, r.occupation);
  s.bind(10, r.mother_name).bind(11, r.father_name).bind(12, r.village_code).bind(13, r.rt).bind(14, r.rw);
  s.bind(15, r.address).bind(16, r.blood_type).bind(17, r.citizenship).bind(18, int64_t{r.alive ? 1 : 0});
  if (r.death_date)
    s.bind(19, r.death_date->iso());
  else
    s.bind_null(19);
  s.bind(20, r.created_at).bind(21, r.updated_at).bind(22, fold_for_search(r.name));
}

// SELECT code, sex, band, adult, married, count over living residents between ?1 and ?2 (the
// prefix and its upper bound); callers check the prefix's shape with level_of_code first.
std::string population_cells_sql(Level level, Date as_of) {
  std::string band = "CASE";
  const auto cutoffs = age_band_cutoffs(as_of);
  for (size_t k = 0; k < cutoffs.size(); ++k)
    band += " WHEN birth_date > '" + cutoffs[k].iso() + "' THEN " + std::to_string(k);
  band += " ELSE " + std::to_string(cutoffs.size()) + " END";
  const std::string adult = "CASE WHEN birth_date <= '" + wajib_ktp_birth_cutoff(as_of).iso() + "' THEN 1 ELSE 0 END";
  const std::string married = "CASE WHEN marital_status <> 'BELUM KAWIN' THEN 1 ELSE 0 END";
  const std::string code = "substr(village_code, 1, " + std::to_string(code_length(level)) + ")";
  // Residents born after as_of are not counted (as_of in the past = the registry on that day).
  return "SELECT " + code + " AS code, sex, " + band + " AS band, " + adult + " AS adult, " + married +
         " AS married, COUNT(*) FROM residents WHERE alive = TRUE AND birth_date <= '" + as_of.iso() +
         "' AND village_code >= ?1 AND village_code < ?2 GROUP BY 1, 2, 3, 4, 5";
}

}  // namespace

SqlStore::SqlStore(std::unique_ptr<sql::Connection> connection, std::shared_ptr<KeyVault> vault)
    : db_(std::move(connection)), vault_(std::move(vault)) {
  migrate();
}

std::vector<int64_t> SqlStore::flush() {
  auto counts = db_->flush();
  for (size_t t : std::exchange(checks_, {}))
    if (t >= counts.size() || counts[t] != 1)
      throw StoreError("a record changed while this transaction ran (someone else moved it first); try again",
                       StoreErrorCode::Busy);
  return counts;
}

void SqlStore::do_commit() {
  if (!checks_.empty()) flush();
  db_->commit();
  forget_active_key(false);
}

int SqlStore::schema_version() {
  try {
    auto s = db_->cached("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    s.step();
    return static_cast<int>(s.integer(0));
  } catch (const StoreError& e) {
    if (e.transient() || db_->in_transaction()) throw;
    return 0;  // a new database: no schema_migrations table yet
  }
}

// The next value of the registry's change sequence (residents.change_seq), which the incremental
// dedup index follows. Writers of residents take it in turn until they commit (SQLite: the write
// lock; PostgreSQL: an advisory lock), so a committed row never gets a number below one the
// index has already passed.
void SqlStore::lock_registry_writes() {
  if (!db_->in_transaction()) throw std::logic_error("lock_registry_writes outside a transaction");
  auto lock = db_->cached("SELECT {lock:6501202402}");
  lock.step();
}

int64_t SqlStore::next_change_seq() {
  lock_registry_writes();
  auto s = db_->cached("SELECT COALESCE(MAX(change_seq), 0) + 1 FROM residents");
  s.step();
  return s.integer(0);
}

std::vector<bool> SqlStore::do_insert_residents(std::span<const Resident> rs) {
  std::vector<bool> inserted;
  if (rs.empty()) return inserted;
  int64_t seq = next_change_seq();
  auto s = db_->cached(std::string("INSERT INTO residents (") + kResidentWriteColumns +
                       ") VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23)"
                       " ON CONFLICT (nik) DO NOTHING");
  flush();
  for (const Resident& r : rs) {
    bind_resident(s, r);
    s.bind(23, seq++);
    s.queue();
  }
  for (int64_t n : flush()) inserted.push_back(n == 1);
  for (size_t i = 0; i < rs.size(); ++i)
    if (inserted[i]) add_name_tokens(rs[i]);
  return inserted;
}

// The words of the resident's folded name, in the writer's transaction (migration 22).
void SqlStore::add_name_tokens(const Resident& r) {
  auto t = db_->cached("INSERT INTO resident_name_tokens (token, nik) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
  for (const auto& word : name_tokens(fold_for_search(r.name))) {
    t.bind(1, word).bind(2, r.nik);
    t.queue();
  }
}

void SqlStore::drop_name_tokens(std::string_view nik) {
  auto d = db_->cached("DELETE FROM resident_name_tokens WHERE nik = ?1");
  d.bind(1, nik);
  d.queue();
}

void SqlStore::do_update_resident(const Resident& r) {
  const int64_t seq = next_change_seq();
  auto s = db_->cached(
      "UPDATE residents SET kk=?2, name=?3, sex=?4, birth_place=?5, birth_date=?6, religion=?7, marital_status=?8,"
      " occupation=?9, mother_name=?10, father_name=?11, village_code=?12, rt=?13, rw=?14, address=?15,"
      " blood_type=?16, citizenship=?17, alive=?18, death_date=?19, updated_at=?21, name_key=?22, change_seq=?23"
      " WHERE nik=?1");
  bind_resident(s, r);
  s.bind(23, seq);
  if (s.run() != 1) throw StoreError("update of unknown resident " + r.nik);
  drop_name_tokens(r.nik);  // a correction may change the name
  add_name_tokens(r);
}

std::optional<Resident> SqlStore::find_resident(std::string_view nik) {
  auto s = db_->cached(std::string("SELECT ") + kResidentColumns + " FROM residents WHERE nik = ?1");
  s.bind(1, nik);
  return sql::first(s, read_resident);
}

bool SqlStore::resident_exists(std::string_view nik) {
  auto s = db_->cached("SELECT 1 FROM residents WHERE nik = ?1");
  s.bind(1, nik);
  return s.step();
}

ResidentPage SqlStore::search_residents(const ResidentQuery& q) {
  const std::string key = fold_for_search(q.name);
  // "contains": a word of the name starts with the query's longest word (an index range of
  // resident_name_tokens), and the folded name holds the whole query.
  std::string word;
  for (const auto& w : name_tokens(key))
    if (w.size() > word.size()) word = w;
  const bool by_word = q.name_contains && !word.empty();
  const std::string name_filter =
      key.empty() ? ""
      : by_word   ? " AND nik IN (SELECT nik FROM resident_name_tokens WHERE token >= ?3 AND token < ?4)"
                    " AND name_key LIKE '%' || CAST(?9 AS TEXT) || '%' ESCAPE '\\'"
      : q.name_contains ? " AND name_key LIKE '%' || CAST(?9 AS TEXT) || '%' ESCAPE '\\'"  // spaces only
                        : " AND name_key >= ?3 AND name_key < ?4";
  const std::string where = " WHERE village_code >= ?1 AND village_code < ?2" + name_filter;
  auto bind = [&](sql::Lease& s) {
    s.bind(1, q.region_prefix).bind(2, prefix_upper_bound(q.region_prefix));
    if (key.empty()) return;
    if (q.name_contains) s.bind(9, like_escape(key));
    if (!q.name_contains || by_word) s.bind(3, by_word ? word : key).bind(4, name_prefix_upper_bound(by_word ? word : key));
  };
  ResidentPage page;
  auto count = db_->cached("SELECT COUNT(*) FROM residents" + where);
  bind(count);
  count.step();
  page.total = count.integer(0);
  const bool keyset = !q.after_nik.empty();
  auto s = db_->cached(std::string("SELECT ") + kResidentColumns + " FROM residents" + where +
                       (keyset ? " AND (name_key > ?7 OR (name_key = ?7 AND nik > ?8))" : "") +
                       " ORDER BY name_key, nik LIMIT ?5 OFFSET ?6");
  bind(s);
  s.bind(5, q.limit).bind(6, q.offset);
  if (keyset) s.bind(7, q.after_name_key).bind(8, q.after_nik);
  while (s.step()) page.items.push_back(read_resident(*s));
  return page;
}

void SqlStore::for_each_resident(std::string_view prefix, const std::function<void(const Resident&)>& f) {
  auto s = db_->cached(std::string("SELECT ") + kResidentColumns +
                       " FROM residents WHERE village_code >= ?1 AND village_code < ?2 ORDER BY village_code, kk, nik");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix));
  while (s.step()) f(read_resident(*s));
}

std::vector<Resident> SqlStore::residents_born_on(std::string_view prefix, Date day) {
  auto s = db_->cached(std::string("SELECT ") + kResidentColumns +
                       " FROM residents WHERE birth_date = ?1 AND village_code >= ?2 AND village_code < ?3"
                       " AND alive = TRUE ORDER BY nik");
  s.bind(1, day.iso()).bind(2, prefix).bind(3, prefix_upper_bound(prefix));
  std::vector<Resident> out;
  while (s.step()) out.push_back(read_resident(*s));
  return out;
}

std::vector<ChangedResident> SqlStore::residents_changed_after(int64_t seq, int64_t limit) {
  auto s = db_->cached(std::string("SELECT ") + kResidentColumns +
                       ", change_seq FROM residents WHERE change_seq > ?1 ORDER BY change_seq LIMIT ?2");
  s.bind(1, seq).bind(2, limit);
  std::vector<ChangedResident> out;
  while (s.step()) out.push_back({read_resident(*s), s.integer(21)});
  return out;
}

int64_t SqlStore::count_residents() {
  auto s = db_->cached("SELECT COUNT(*) FROM residents");
  s.step();
  return s.integer(0);
}

void SqlStore::upsert_family_members(std::span<const FamilyMember> ms) {
  auto s = db_->cached(
      "INSERT INTO family_members (nik, kk, relationship) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (nik) DO UPDATE SET kk = excluded.kk, relationship = excluded.relationship");
  for (const auto& m : ms) {
    s.bind(1, m.nik).bind(2, m.kk).bind(3, m.relationship);
    s.queue();
    s.reset();
  }
}

std::vector<FamilyMember> SqlStore::family(std::string_view kk) {
  auto s = db_->cached("SELECT kk, nik, relationship FROM family_members WHERE kk = ?1 ORDER BY nik");
  s.bind(1, kk);
  std::vector<FamilyMember> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2)});
  return out;
}

void SqlStore::record_change(const ResidentChange& c) {
  auto s = db_->cached(
      "INSERT INTO resident_changes (nik, event, actor, at, before_json, after_json, reason)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  s.bind_or_null(1, c.nik).bind(2, c.event).bind(3, c.actor).bind(4, c.at);
  s.bind_or_null(5, c.before_json).bind_or_null(6, c.after_json).bind(7, c.reason);
  s.queue();
}

std::vector<ResidentChange> SqlStore::changes(std::string_view nik) {
  auto s = db_->cached(
      "SELECT id, COALESCE(nik,''), event, actor, {ts:at}, COALESCE({text:before_json},''), COALESCE({text:after_json},''),"
      " reason"
      " FROM resident_changes WHERE nik = ?1 ORDER BY id");
  s.bind(1, nik);
  std::vector<ResidentChange> out;
  while (s.step())
    out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7)});
  return out;
}

int SqlStore::next_serial(std::string_view kind, std::string_view prefix) {
  const std::string column = kind == "kk" ? "kk" : "nik";
  auto seed = db_->cached(
      "INSERT INTO serial_counters (kind, prefix, last_serial) VALUES (?1, ?2,"
      " (SELECT COALESCE(MAX(CAST(substr(" + column + ", 13, 4) AS INTEGER)), 0) FROM residents"
      "  WHERE " + column + " >= CAST(?2 AS TEXT) || '0000' AND " + column + " <= CAST(?2 AS TEXT) || '9999'))"
      " ON CONFLICT (kind, prefix) DO NOTHING");
  seed.bind(1, kind).bind(2, prefix);
  seed.queue();
  auto bump = db_->cached(
      "UPDATE serial_counters SET last_serial = last_serial + 1 WHERE kind = ?1 AND prefix = ?2 RETURNING last_serial");
  bump.bind(1, kind).bind(2, prefix);
  bump.step();
  return static_cast<int>(bump.integer(0));
}

bool SqlStore::take_daily_quota(std::string_view key, std::string_view day, int limit) {
  // serial_counters holds every "how many issued" counter: serials per prefix, and these.
  auto seed = db_->cached("INSERT INTO serial_counters (kind, prefix, last_serial) VALUES (?1, ?2, 0) ON CONFLICT (kind, prefix) DO NOTHING");
  const std::string kind = "quota:" + std::string(key);
  seed.bind(1, kind).bind(2, day);
  seed.queue();
  auto take = db_->cached(
      "UPDATE serial_counters SET last_serial = last_serial + 1 WHERE kind = ?1 AND prefix = ?2 AND last_serial < ?3"
      " RETURNING last_serial");
  take.bind(1, kind).bind(2, day).bind(3, int64_t{limit});
  const bool taken = take.step();
  take.reset();
  return taken;
}

std::vector<StatsCell> SqlStore::population_cells(Level level, std::string_view prefix, Date as_of) {
  auto s = db_->cached(population_cells_sql(level, as_of));
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix));
  std::vector<StatsCell> out;
  while (s.step())
    out.push_back({s.text(0), s.text(1) == "P" ? Sex::P : Sex::L, static_cast<int>(s.integer(2)),
                   s.integer(3) != 0, s.integer(4) != 0, s.integer(5)});
  return out;
}

bool SqlStore::do_delete_resident(std::string_view nik) {
  // The NIK's other traces go with it, so no queue, gallery or index still points at a record that
  // is gone; resident_changes and ektp_transitions stay: auditors read the history.
  for (const char* table : {"family_members", "ektp_records", "print_queue", "abis_gallery", "dedup_keys", "template_hashes"}) {
    auto s = db_->cached(std::string("DELETE FROM ") + table + " WHERE nik = ?1");
    s.bind(1, nik);
    s.queue();
  }
  drop_name_tokens(nik);
  auto s = db_->cached("DELETE FROM residents WHERE nik = ?1");
  s.bind(1, nik);
  return s.run() == 1;
}

void SqlStore::migrate() {
  // The usual open: no write lock taken. Every version is counted, not only the highest, as
  // versions may be appended out of order (a branch took 12 while another had 11).
  if (schema_version() >= migrations().back().version) {
    auto n = db_->cached("SELECT count(*) FROM schema_migrations");
    n.step();
    if (n.integer(0) >= static_cast<int64_t>(migrations().size())) return;
  }
  db_->begin();
  try {
    // Two processes opening a new database at once: one migrates while the other waits.
    auto lock = db_->cached("SELECT {lock:6501202401}");
    lock.step();
    lock.reset();
    db_->exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
              " applied_at {timestamp} NOT NULL DEFAULT {now})");
    for (const Migration& m : migrations()) {
      auto has = db_->cached("SELECT 1 FROM schema_migrations WHERE version = ?1");
      has.bind(1, int64_t{m.version});
      if (has.step()) continue;
      has.reset();
      db_->exec(m.sql);
      auto rec = db_->cached("INSERT INTO schema_migrations (version, name) VALUES (?1, ?2)");
      rec.bind(1, int64_t{m.version}).bind(2, m.name);
      rec.run();
    }
    db_->commit();
  } catch (...) {
    db_->rollback();
    throw;
  }
}

bool is_postgres_location(std::string_view location) { return sql::is_postgres_location(location); }

}  // namespace ktpel
