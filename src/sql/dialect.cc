#include "sql/dialect.h"

#include <algorithm>
#include <stdexcept>

namespace ktpel::sql {
namespace {

struct TypeToken {
  std::string_view name, sqlite, postgres;
};

constexpr TypeToken kTokens[] = {
    {"code", "TEXT", "TEXT COLLATE \"C\""},  // prefix ranges compare bytewise whatever the locale
    {"bool", "INTEGER", "BOOLEAN"},
    {"true", "1", "TRUE"},
    {"false", "0", "FALSE"},
    {"blob", "BLOB", "BYTEA"},
    {"bigint", "INTEGER", "BIGINT"},
    {"date", "TEXT", "DATE"},
    {"timestamp", "TEXT", "TIMESTAMPTZ"},
    {"json", "TEXT", "JSONB"},
    {"char1", "TEXT", "CHAR(1)"},
    {"serial_id", "INTEGER PRIMARY KEY", "BIGSERIAL PRIMARY KEY"},
    {"autoinc_id", "INTEGER PRIMARY KEY AUTOINCREMENT", "BIGSERIAL PRIMARY KEY"},
    {"without_rowid", " WITHOUT ROWID", ""},
    {"for_update", "", " FOR UPDATE"},
    {"bytewise", "", " COLLATE \"C\""},
    {"instr", "instr", "strpos"},  // position of a substring (1-based; 0 when absent)
    {"now", "(strftime('%Y-%m-%dT%H:%M:%SZ','now'))", "now()"},
};

std::string render_token(std::string_view token, Dialect d) {
  const bool pg = d == Dialect::Postgres;
  const size_t colon = token.find(':');
  if (colon != std::string_view::npos) {
    const std::string_view name = token.substr(0, colon), arg = token.substr(colon + 1);
    if (name == "ts")
      return pg ? "to_char(" + std::string(arg) + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')" : std::string(arg);
    if (name == "text") return pg ? "(" + std::string(arg) + ")::text" : std::string(arg);
    if (name == "lock") return pg ? "pg_advisory_xact_lock(" + std::string(arg) + ")" : std::string(arg);
    if (name == "pg") return pg ? std::string(arg) : std::string();  // a PostgreSQL-only clause or statement
  } else {
    for (const auto& t : kTokens)
      if (t.name == token) return std::string(pg ? t.postgres : t.sqlite);
  }
  throw std::logic_error("unknown SQL dialect token {" + std::string(token) + "}");
}

}  // namespace

std::string render(std::string_view sql, Dialect d) {
  std::string out;
  out.reserve(sql.size() + 16);
  bool in_string = false;  // inside '...': nothing is a parameter or token there
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (!in_string && c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {  // a comment, copied as it is
      const size_t end = std::min(sql.find('\n', i), sql.size());
      out.append(sql.substr(i, end - i));
      i = end - 1;
      continue;
    }
    if (c == '\'') in_string = !in_string;
    if (!in_string && c == '?' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out += d == Dialect::Postgres ? '$' : '?';
      continue;
    }
    if (!in_string && c == '{') {
      const size_t end = sql.find('}', i);
      if (end == std::string_view::npos) throw std::logic_error("unclosed SQL dialect token in: " + std::string(sql));
      out += render_token(sql.substr(i + 1, end - i - 1), d);
      i = end;
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace ktpel::sql
