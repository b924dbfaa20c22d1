#include "sql/connection.h"

namespace ktpel::sql {

std::unique_ptr<Connection> connect_sqlite(const std::string& path);
std::unique_ptr<Connection> connect_postgres(const std::string& url);

Lease Connection::cached(std::string_view shared_sql) {
  auto it = cache_.find(shared_sql);
  if (it == cache_.end()) it = cache_.emplace(std::string(shared_sql), prepare(render(shared_sql, dialect()))).first;
  it->second->reset();
  return Lease(*it->second);
}

bool is_postgres_location(std::string_view loc) {
  return loc.starts_with("postgresql://") || loc.starts_with("postgres://") ||
         (loc.find("dbname=") != std::string_view::npos && loc.find('=') != std::string_view::npos);
}

std::unique_ptr<Connection> connect(const std::string& location) {
  if (location.empty()) throw StoreError("no database given: pass --db FILE.db or --db postgresql://...");
  return is_postgres_location(location) ? connect_postgres(location) : connect_sqlite(location);
}

}  // namespace ktpel::sql
