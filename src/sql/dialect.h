// The shared SQL dialect of the store and its rendering per backend. Statements are written once
// with ?1..?N parameters and these tokens where SQLite and PostgreSQL spell things differently:
//   {ts:EXPR}      an ISO 8601 UTC text of a timestamp column ("2026-01-05T10:00:00Z")
//   {text:EXPR}    a DATE or JSON column as text
//   {for_update}   a row lock (PostgreSQL); SQLite's write transaction already holds the file lock
//   {lock:N}       serialises writers of one kind until commit (PostgreSQL advisory lock N)
//   {pg:TEXT}      TEXT on PostgreSQL only (storage settings SQLite has no word for)
// and, in migrations, column types: {code} (text compared bytewise), {bool}, {true}, {false},
// {blob}, {bigint}, {date}, {timestamp}, {json}, {char1}, {serial_id}, {autoinc_id},
// {without_rowid}, {now}.
#pragma once
#include <string>
#include <string_view>

namespace ktpel::sql {

enum class Dialect { Sqlite, Postgres };

std::string render(std::string_view shared_sql, Dialect dialect);

}  // namespace ktpel::sql
