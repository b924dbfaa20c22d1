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
    {2, "recording", R"sql(
CREATE TABLE ektp_records (
  nik           TEXT COLLATE "C" PRIMARY KEY,
  status        TEXT NOT NULL,
  since         TEXT NOT NULL,  -- ISO 8601 UTC of the last transition (text sorts in time order)
  ikd_activated BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX ektp_records_status ON ektp_records (status, since);

CREATE TABLE ektp_transitions (
  id          BIGSERIAL PRIMARY KEY,
  nik         TEXT COLLATE "C" NOT NULL,
  from_status TEXT,
  to_status   TEXT NOT NULL,
  event       TEXT NOT NULL,
  at          TEXT NOT NULL,
  operator_id TEXT NOT NULL,
  station_id  TEXT NOT NULL,
  reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ektp_transitions_nik ON ektp_transitions (nik, id);

CREATE TABLE enrolments (
  packet_id         TEXT COLLATE "C" PRIMARY KEY,
  nik               TEXT COLLATE "C" NOT NULL,
  station_id        TEXT NOT NULL,
  operator_id       TEXT NOT NULL,
  captured_at       TEXT NOT NULL,
  received_at       TEXT NOT NULL,
  photo             BYTEA NOT NULL,
  signature         BYTEA NOT NULL,
  iris_right        BYTEA NOT NULL,
  iris_left         BYTEA NOT NULL,
  photo_quality     INTEGER NOT NULL,
  finger_exceptions TEXT NOT NULL,
  fingers           BYTEA NOT NULL  -- CBOR [{p: position, q: quality, t: ISO 19794-2 template}]
);
CREATE INDEX enrolments_nik ON enrolments (nik);

CREATE TABLE template_hashes (
  hash TEXT COLLATE "C" NOT NULL,
  nik  TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (hash, nik)
);
CREATE INDEX template_hashes_nik ON template_hashes (nik);

CREATE TABLE centre_keys (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  box_public  TEXT NOT NULL,  -- hex
  box_secret  TEXT NOT NULL,
  sign_public TEXT NOT NULL,
  sign_secret TEXT NOT NULL
);

CREATE TABLE station_codes (
  code_hash  TEXT COLLATE "C" PRIMARY KEY,
  kecamatan  TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_by    TEXT
);

CREATE TABLE stations (
  id         TEXT COLLATE "C" PRIMARY KEY,
  kecamatan  TEXT NOT NULL,
  name       TEXT NOT NULL,
  status     TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE station_keys (
  station_id     TEXT COLLATE "C" NOT NULL,
  public_key_hex TEXT COLLATE "C" NOT NULL,
  status         TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  PRIMARY KEY (station_id, public_key_hex)
);

CREATE TABLE uploads (
  packet_id  TEXT COLLATE "C" PRIMARY KEY,
  station_id TEXT NOT NULL,
  total      BIGINT NOT NULL,
  received   BIGINT NOT NULL
);
CREATE TABLE upload_chunks (
  packet_id TEXT COLLATE "C" NOT NULL,
  "offset"  BIGINT NOT NULL,
  data      BYTEA NOT NULL,
  PRIMARY KEY (packet_id, "offset")
);

-- The exactly-once ledger: one row per packet id ever committed (accepted or rejected).
CREATE TABLE packets (
  packet_id   TEXT COLLATE "C" PRIMARY KEY,
  station_id  TEXT NOT NULL,
  sequence    BIGINT NOT NULL,
  nik         TEXT NOT NULL,
  status      TEXT NOT NULL,
  reason      TEXT NOT NULL DEFAULT '',
  received_at TEXT NOT NULL,
  ack         TEXT NOT NULL
);
CREATE INDEX packets_status ON packets (status, received_at);
)sql"},
};

std::span<const Migration> postgres_migrations() { return kPostgres; }

}  // namespace ktpel
