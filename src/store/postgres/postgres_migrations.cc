#include "store/migrations.h"

namespace ktpel {

// Codes use COLLATE "C" so prefix ranges compare bytewise whatever the cluster's locale.
static const Migration kPostgres[] = {
    {1, "registry", R"sql(
CREATE TABLE residents (
  nik            TEXT COLLATE "C" PRIMARY KEY,
  kk             TEXT COLLATE "C" NOT NULL,
  name           TEXT NOT NULL,
  name_key       TEXT COLLATE "C" NOT NULL,  -- folded name (lower case, no diacritics) for indexed search
  sex            CHAR(1) NOT NULL CHECK (sex IN ('L','P')),
  birth_place    TEXT NOT NULL,
  birth_date     DATE NOT NULL,
  religion       TEXT NOT NULL,
  marital_status TEXT NOT NULL,
  occupation     TEXT NOT NULL,
  mother_name    TEXT NOT NULL,
  father_name    TEXT NOT NULL,
  village_code   TEXT COLLATE "C" NOT NULL,
  rt             TEXT NOT NULL,
  rw             TEXT NOT NULL,
  address        TEXT NOT NULL,
  blood_type     TEXT NOT NULL,
  citizenship    TEXT NOT NULL,
  alive          BOOLEAN NOT NULL DEFAULT TRUE,
  death_date     DATE,
  created_at     TIMESTAMPTZ NOT NULL,
  updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX residents_kk ON residents (kk);
-- Covers the statistics scan (no table lookups) and every region filter.
CREATE INDEX residents_village ON residents (village_code, birth_date, sex, marital_status, alive);
CREATE INDEX residents_name_key ON residents (name_key);

CREATE TABLE family_members (
  nik          TEXT COLLATE "C" PRIMARY KEY,
  kk           TEXT COLLATE "C" NOT NULL,
  relationship TEXT NOT NULL
);
CREATE INDEX family_members_kk ON family_members (kk);

CREATE TABLE resident_changes (
  id          BIGSERIAL PRIMARY KEY,
  nik         TEXT COLLATE "C",
  event       TEXT NOT NULL,
  actor       TEXT NOT NULL,
  at          TIMESTAMPTZ NOT NULL,
  before_json JSONB,
  after_json  JSONB,
  reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX resident_changes_nik ON resident_changes (nik);

CREATE TABLE serial_counters (
  kind        TEXT NOT NULL,
  prefix      TEXT COLLATE "C" NOT NULL,
  last_serial INTEGER NOT NULL,
  PRIMARY KEY (kind, prefix)
);
)sql"},
};

std::span<const Migration> postgres_migrations() { return kPostgres; }

}  // namespace ktpel
