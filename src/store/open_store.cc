#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace ktpel {

bool is_postgres_location(std::string_view loc) {
  return loc.starts_with("postgresql://") || loc.starts_with("postgres://") ||
         (loc.find("dbname=") != std::string_view::npos && loc.find('=') != std::string_view::npos);
}

std::unique_ptr<Store> open_store(const std::string& location) {
  if (location.empty()) throw StoreError("no database given: pass --db FILE.db or --db postgresql://...");
  if (is_postgres_location(location)) return open_postgres_store(location);
  return open_sqlite_store(location);
}

}  // namespace ktpel
