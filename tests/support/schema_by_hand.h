// A database built to an older schema by hand (the migrations below a version, applied as the
// store applies them), so a migration test can put rows in the old shape before the store opens it.
#pragma once
#include <memory>
#include <string>

#include "sql/connection.h"
#include "store/migrations.h"

namespace ktpel::test {

// A connection to `location` inside an open transaction, the schema at every version below `below`.
inline std::unique_ptr<sql::Connection> schema_before(const std::string& location, int below) {
  auto db = sql::connect(location);
  db->begin();
  db->exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
           " applied_at {timestamp} NOT NULL DEFAULT {now})");
  for (const Migration& m : migrations()) {
    if (m.version >= below) continue;
    db->exec(m.sql);
    auto rec = db->cached("INSERT INTO schema_migrations (version, name) VALUES (?1, ?2)");
    rec.bind(1, int64_t{m.version}).bind(2, m.name);
    rec.run();
  }
  return db;
}

}  // namespace ktpel::test
