// Versioned schema migrations, one list for both backends. Pending ones are applied once, in one
// transaction, and recorded in schema_migrations; never edit a released one, append a new one.
#pragma once
#include <span>

namespace ktpel {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

// Written in the shared dialect (sql/dialect.h), rendered for the backend when applied.
std::span<const Migration> migrations();

}  // namespace ktpel
