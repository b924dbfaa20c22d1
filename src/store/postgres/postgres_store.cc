#include "store/postgres/postgres_store.h"
#include "store/postgres/postgres_store_impl.h"

#include <pqxx/pqxx>

#include "store/migrations.h"
#include "core/text/fold.h"
#include "store/stats_sql.h"

namespace ktpel {
namespace {

constexpr const char* kResidentSelect =
    "nik, kk, name, sex, birth_place, birth_date::text, religion, marital_status, occupation, mother_name, "
    "father_name, village_code, rt, rw, address, blood_type, citizenship, alive, death_date::text, "
    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

Resident read_resident(const pqxx::row& row) {
  auto t = [&](int i) { return row[i].is_null() ? std::string() : std::string(row[i].c_str()); };
  Resident r;
  r.nik = t(0);
  r.kk = t(1);
  r.name = t(2);
  r.sex = t(3) == "P" ? Sex::P : Sex::L;
  r.birth_place = t(4);
  r.birth_date = Date::parse_iso(t(5)).value_or(Date{});
  r.religion = t(6);
  r.marital_status = t(7);
  r.occupation = t(8);
  r.mother_name = t(9);
  r.father_name = t(10);
  r.village_code = t(11);
  r.rt = t(12);
  r.rw = t(13);
  r.address = t(14);
  r.blood_type = t(15);
  r.citizenship = t(16);
  r.alive = t(17) == "t";
  if (!row[18].is_null()) r.death_date = Date::parse_iso(t(18));
  r.created_at = t(19);
  r.updated_at = t(20);
  return r;
}

}  // namespace

PostgresStore::PostgresStore(const std::string& url) try : conn_(url) {
  migrate();
} catch (const pqxx::broken_connection& e) {
  throw StoreError("cannot connect to PostgreSQL: " + std::string(e.what()));
}

int PostgresStore::schema_version() {
  return run([&](pqxx::transaction_base& w) {
    return w.exec1("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")[0].as<int>();
  });
}

void PostgresStore::do_begin() {
  if (tx_) throw StoreError("nested transaction");
  tx_ = std::make_unique<pqxx::work>(conn_);
}

void PostgresStore::do_commit() {
  tx_->commit();
  tx_.reset();
}

void PostgresStore::do_rollback() {
  if (tx_) tx_->abort();
  tx_.reset();
}

std::vector<bool> PostgresStore::do_insert_residents(std::span<const Resident> rs) {
  // Batched multi-row INSERT: one round trip per 500 rows instead of one per row.
  std::vector<bool> inserted(rs.size(), false);
  return run([&](pqxx::transaction_base& w) {
    constexpr size_t kBatch = 500;
    for (size_t start = 0; start < rs.size(); start += kBatch) {
      const size_t end = std::min(rs.size(), start + kBatch);
      std::string sql =
          "INSERT INTO residents (nik, kk, name, sex, birth_place, birth_date, religion, marital_status, occupation,"
          " mother_name, father_name, village_code, rt, rw, address, blood_type, citizenship, alive, death_date,"
          " created_at, updated_at, name_key) VALUES ";
      for (size_t i = start; i < end; ++i) {
        const Resident& r = rs[i];
        if (i > start) sql += ',';
        sql += '(';
        for (const std::string* v : {&r.nik, &r.kk, &r.name}) sql += w.quote(*v) + ',';
        sql += w.quote(std::string(to_string(r.sex))) + ',' + w.quote(r.birth_place) + ',' +
               w.quote(r.birth_date.iso()) + ',';
        for (const std::string* v : {&r.religion, &r.marital_status, &r.occupation, &r.mother_name, &r.father_name,
                                     &r.village_code, &r.rt, &r.rw, &r.address, &r.blood_type, &r.citizenship})
          sql += w.quote(*v) + ',';
        sql += r.alive ? "TRUE," : "FALSE,";
        sql += r.death_date ? w.quote(r.death_date->iso()) : std::string("NULL");
        sql += ',' + w.quote(r.created_at) + ',' + w.quote(r.updated_at) + ',' + w.quote(fold_for_search(r.name)) + ')';
      }
      sql += " ON CONFLICT (nik) DO NOTHING RETURNING nik";
      auto result = w.exec(sql);
      std::unordered_map<std::string, size_t> position;
      for (size_t i = start; i < end; ++i) position.emplace(rs[i].nik, i);
      for (const auto& row : result) {
        auto it = position.find(row[0].c_str());
        if (it != position.end()) inserted[it->second] = true;
      }
    }
    return inserted;
  });
}

void PostgresStore::do_update_resident(const Resident& r) {
  run([&](pqxx::transaction_base& w) {
    auto res = w.exec_params(
        "UPDATE residents SET kk=$2, name=$3, sex=$4, birth_place=$5, birth_date=$6::date, religion=$7,"
        " marital_status=$8, occupation=$9, mother_name=$10, father_name=$11, village_code=$12, rt=$13, rw=$14,"
        " address=$15, blood_type=$16, citizenship=$17, alive=$18, death_date=NULLIF($19,'')::date,"
        " updated_at=$20::timestamptz, name_key=$21 WHERE nik=$1",
        r.nik, r.kk, r.name, std::string(to_string(r.sex)), r.birth_place, r.birth_date.iso(), r.religion,
        r.marital_status, r.occupation, r.mother_name, r.father_name, r.village_code, r.rt, r.rw, r.address,
        r.blood_type, r.citizenship, r.alive, r.death_date ? r.death_date->iso() : std::string(), r.updated_at,
        fold_for_search(r.name));
    if (res.affected_rows() != 1) throw StoreError("update of unknown resident " + r.nik);
    return 0;
  });
}

std::optional<Resident> PostgresStore::find_resident(std::string_view nik) {
  return run([&](pqxx::transaction_base& w) -> std::optional<Resident> {
    auto res = w.exec_params(std::string("SELECT ") + kResidentSelect + " FROM residents WHERE nik = $1",
                             std::string(nik));
    if (res.empty()) return std::nullopt;
    return read_resident(res[0]);
  });
}

bool PostgresStore::resident_exists(std::string_view nik) {
  return run([&](pqxx::transaction_base& w) {
    return !w.exec_params("SELECT 1 FROM residents WHERE nik = $1", std::string(nik)).empty();
  });
}

ResidentPage PostgresStore::search_residents(const ResidentQuery& q) {
  return run([&](pqxx::transaction_base& w) {
    const std::string key = fold_for_search(q.name);
    std::string where = " WHERE village_code >= " + w.quote(q.region_prefix) + " AND village_code < " +
                        w.quote(prefix_upper_bound(q.region_prefix));
    if (!key.empty())
      where += q.name_contains ? " AND name_key LIKE " + w.quote("%" + like_escape(key) + "%") + " ESCAPE '\\'"
                               : " AND name_key >= " + w.quote(key) + " AND name_key < " + w.quote(name_prefix_upper_bound(key));
    ResidentPage page;
    page.total = w.exec("SELECT COUNT(*) FROM residents" + where)[0][0].as<int64_t>();
    auto res = w.exec(std::string("SELECT ") + kResidentSelect + " FROM residents" + where +
                      " ORDER BY name_key, nik LIMIT " + std::to_string(q.limit) + " OFFSET " + std::to_string(q.offset));
    for (const auto& row : res) page.items.push_back(read_resident(row));
    return page;
  });
}

std::vector<Resident> PostgresStore::residents_changed_after(std::string_view at, std::string_view nik, int64_t limit) {
  return run([&](pqxx::transaction_base& w) {
    std::vector<Resident> out;
    for (const auto& row : w.exec_params(std::string("SELECT ") + kResidentSelect +
                                             " FROM residents WHERE (updated_at, nik) > ($1, $2)"
                                             " ORDER BY updated_at, nik LIMIT $3",
                                         std::string(at), std::string(nik), limit))
      out.push_back(read_resident(row));
    return out;
  });
}

void PostgresStore::for_each_resident(std::string_view prefix, const std::function<void(const Resident&)>& f) {
  run([&](pqxx::transaction_base& w) {
    // A server-side cursor keeps memory flat on a 10M-row export.
    const std::string p(prefix), upper = prefix_upper_bound(prefix);
    w.exec("DECLARE export_cursor NO SCROLL CURSOR FOR SELECT " + std::string(kResidentSelect) +
           " FROM residents WHERE village_code >= " + w.quote(p) + " AND village_code < " + w.quote(upper) +
           " ORDER BY village_code, kk, nik");
    while (true) {
      auto res = w.exec("FETCH 5000 FROM export_cursor");
      if (res.empty()) break;
      for (const auto& row : res) f(read_resident(row));
    }
    w.exec("CLOSE export_cursor");
    return 0;
  });
}

int64_t PostgresStore::count_residents() {
  return run([&](pqxx::transaction_base& w) { return w.exec1("SELECT COUNT(*) FROM residents")[0].as<int64_t>(); });
}

void PostgresStore::upsert_family_members(std::span<const FamilyMember> ms) {
  run([&](pqxx::transaction_base& w) {
    constexpr size_t kBatch = 1000;
    for (size_t start = 0; start < ms.size(); start += kBatch) {
      std::string sql = "INSERT INTO family_members (nik, kk, relationship) VALUES ";
      for (size_t i = start; i < std::min(ms.size(), start + kBatch); ++i) {
        if (i > start) sql += ',';
        sql += '(' + w.quote(ms[i].nik) + ',' + w.quote(ms[i].kk) + ',' + w.quote(ms[i].relationship) + ')';
      }
      sql += " ON CONFLICT (nik) DO UPDATE SET kk = excluded.kk, relationship = excluded.relationship";
      w.exec(sql);
    }
    return 0;
  });
}

std::vector<FamilyMember> PostgresStore::family(std::string_view kk) {
  return run([&](pqxx::transaction_base& w) {
    std::vector<FamilyMember> out;
    for (const auto& row : w.exec_params("SELECT kk, nik, relationship FROM family_members WHERE kk = $1 ORDER BY nik",
                                         std::string(kk)))
      out.push_back({row[0].c_str(), row[1].c_str(), row[2].c_str()});
    return out;
  });
}

void PostgresStore::record_change(const ResidentChange& c) {
  run([&](pqxx::transaction_base& w) {
    w.exec_params(
        "INSERT INTO resident_changes (nik, event, actor, at, before_json, after_json, reason)"
        " VALUES (NULLIF($1,''), $2, $3, $4::timestamptz, NULLIF($5,'')::jsonb, NULLIF($6,'')::jsonb, $7)",
        c.nik, c.event, c.actor, c.at, c.before_json, c.after_json, c.reason);
    return 0;
  });
}

std::vector<ResidentChange> PostgresStore::changes(std::string_view nik) {
  return run([&](pqxx::transaction_base& w) {
    std::vector<ResidentChange> out;
    auto res = w.exec_params(
        "SELECT id, COALESCE(nik,''), event, actor,"
        " to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
        " COALESCE(before_json::text,''), COALESCE(after_json::text,''), reason"
        " FROM resident_changes WHERE nik = $1 ORDER BY id",
        std::string(nik));
    for (const auto& row : res)
      out.push_back({row[0].as<int64_t>(), row[1].c_str(), row[2].c_str(), row[3].c_str(), row[4].c_str(),
                     row[5].c_str(), row[6].c_str(), row[7].c_str()});
    return out;
  });
}

int PostgresStore::next_serial(std::string_view kind, std::string_view prefix) {
  const std::string column = kind == "kk" ? "kk" : "nik";
  return run([&](pqxx::transaction_base& w) {
    const std::string k(kind), p(prefix);
    w.exec_params("INSERT INTO serial_counters (kind, prefix, last_serial) SELECT $1, $2,"
                  " COALESCE(MAX(substr(" + column + ", 13, 4)::int), 0) FROM residents"
                  " WHERE " + column + " >= $2::text || '0000' AND " + column + " <= $2::text || '9999'"
                  " ON CONFLICT (kind, prefix) DO NOTHING",
                  k, p);
    return w.exec_params("UPDATE serial_counters SET last_serial = last_serial + 1 WHERE kind = $1 AND prefix = $2"
                         " RETURNING last_serial",
                         k, p)[0][0]
        .as<int>();
  });
}

std::vector<StatsCell> PostgresStore::population_cells(Level level, std::string_view prefix, Date as_of) {
  return run([&](pqxx::transaction_base& w) {
    std::vector<StatsCell> out;
    auto res = w.exec_params(population_cells_sql(level, as_of, "$1", "$2", "TRUE"), std::string(prefix),
                             prefix_upper_bound(prefix));
    for (const auto& row : res)
      out.push_back({row[0].c_str(), std::string_view(row[1].c_str()) == "P" ? Sex::P : Sex::L, row[2].as<int>(),
                     row[3].as<int>() != 0, row[4].as<int>() != 0, row[5].as<int64_t>()});
    return out;
  });
}

void PostgresStore::migrate() {
  pqxx::work w(conn_);
  // Two processes starting at once: the advisory lock lets one migrate while the other waits.
  w.exec("SELECT pg_advisory_xact_lock(6501202401)");
  w.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
         " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
  for (const Migration& m : postgres_migrations()) {
    if (!w.exec_params("SELECT 1 FROM schema_migrations WHERE version = $1", m.version).empty()) continue;
    w.exec(m.sql);
    w.exec_params("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", m.version, std::string(m.name));
  }
  w.commit();
}

std::unique_ptr<Store> open_postgres_store(const std::string& url) { return std::make_unique<PostgresStore>(url); }

}  // namespace ktpel
