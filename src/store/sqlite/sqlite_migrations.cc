#include "store/migrations.h"

namespace ktpel {

static const Migration kSqlite[] = {
    {1, "registry", R"sql(
CREATE TABLE residents (
  nik            TEXT PRIMARY KEY,
  kk             TEXT NOT NULL,
  name           TEXT NOT NULL,
  name_key       TEXT NOT NULL,  -- folded name (lower case, no diacritics) for indexed search
  sex            TEXT NOT NULL CHECK (sex IN ('L','P')),
  birth_place    TEXT NOT NULL,
  birth_date     TEXT NOT NULL,
  religion       TEXT NOT NULL,
  marital_status TEXT NOT NULL,
  occupation     TEXT NOT NULL,
  mother_name    TEXT NOT NULL,
  father_name    TEXT NOT NULL,
  village_code   TEXT NOT NULL,
  rt             TEXT NOT NULL,
  rw             TEXT NOT NULL,
  address        TEXT NOT NULL,
  blood_type     TEXT NOT NULL,
  citizenship    TEXT NOT NULL,
  alive          INTEGER NOT NULL DEFAULT 1,
  death_date     TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX residents_kk ON residents (kk);
-- Covers the statistics scan (no table lookups) and every region filter.
CREATE INDEX residents_village ON residents (village_code, birth_date, sex, marital_status, alive);
CREATE INDEX residents_name_key ON residents (name_key);

CREATE TABLE family_members (
  nik          TEXT PRIMARY KEY,
  kk           TEXT NOT NULL,
  relationship TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX family_members_kk ON family_members (kk);

CREATE TABLE resident_changes (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  nik         TEXT,
  event       TEXT NOT NULL,
  actor       TEXT NOT NULL,
  at          TEXT NOT NULL,
  before_json TEXT,
  after_json  TEXT,
  reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX resident_changes_nik ON resident_changes (nik);

CREATE TABLE serial_counters (
  kind        TEXT NOT NULL,
  prefix      TEXT NOT NULL,
  last_serial INTEGER NOT NULL,
  PRIMARY KEY (kind, prefix)
) WITHOUT ROWID;
)sql"},
};

std::span<const Migration> sqlite_migrations() { return kSqlite; }

}  // namespace ktpel
