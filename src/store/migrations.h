// Versioned schema migrations, one list per backend. A migration is applied once, in its own
// transaction, and recorded in schema_migrations; never edit a released one, append a new one.
#pragma once
#include <span>

namespace ktpel {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

std::span<const Migration> sqlite_migrations();
std::span<const Migration> postgres_migrations();

}  // namespace ktpel
