// The schema, once for both backends: types that differ are dialect tokens (sql/dialect.h).
#include "store/migrations.h"
#include "store/print_queue_sql.h"

#include <string>

namespace ktpel {

// Version 5 creates the print queue and fills it from the records already there.
static const std::string kPrintQueueMigration = std::string(R"sql(
-- The print queue's rows (PRR and SUKET records with their class), kept by the store with every
-- e-KTP write (store/store.cc): an office's queue is an index range per class, oldest first.
-- The class here mirrors core/print/print_queue.cc classify() (tests compare the two).
CREATE TABLE print_queue (
  nik            {code} PRIMARY KEY,
  village_code   {code} NOT NULL,
  regency        {code} NOT NULL,
  status         TEXT NOT NULL,
  since          {code} NOT NULL,
  reprint_reason TEXT NOT NULL,
  printed_before {bool} NOT NULL,
  print_class    TEXT NOT NULL
);
CREATE INDEX print_queue_village ON print_queue (village_code);
CREATE INDEX print_queue_order ON print_queue (regency, print_class, since, nik);
)sql") +
    "INSERT INTO print_queue (" + kPrintQueueColumns + ") " + print_queue_select("e.status IN ('PRR', 'SUKET')") + ";";

static const Migration kMigrations[] = {
    {1, "registry", R"sql(
CREATE TABLE residents (
  nik            {code} PRIMARY KEY,
  kk             {code} NOT NULL,
  name           TEXT NOT NULL,
  name_key       {code} NOT NULL,  -- folded name (lower case, no diacritics) for indexed search
  sex            {char1} NOT NULL CHECK (sex IN ('L','P')),
  birth_place    TEXT NOT NULL,
  birth_date     {date} NOT NULL,
  religion       TEXT NOT NULL,
  marital_status TEXT NOT NULL,
  occupation     TEXT NOT NULL,
  mother_name    TEXT NOT NULL,
  father_name    TEXT NOT NULL,
  village_code   {code} NOT NULL,
  rt             TEXT NOT NULL,
  rw             TEXT NOT NULL,
  address        TEXT NOT NULL,
  blood_type     TEXT NOT NULL,
  citizenship    TEXT NOT NULL,
  alive          {bool} NOT NULL DEFAULT {true},
  death_date     {date},
  created_at     {timestamp} NOT NULL,
  updated_at     {timestamp} NOT NULL
){without_rowid};
CREATE INDEX residents_kk ON residents (kk);
-- Covers the statistics scan (no table lookups) and every region filter.
CREATE INDEX residents_village ON residents (village_code, birth_date, sex, marital_status, alive);
CREATE INDEX residents_name_key ON residents (name_key);

CREATE TABLE family_members (
  nik          {code} PRIMARY KEY,
  kk           {code} NOT NULL,
  relationship TEXT NOT NULL
){without_rowid};
CREATE INDEX family_members_kk ON family_members (kk);

CREATE TABLE resident_changes (
  id          {autoinc_id},
  nik         {code},
  event       TEXT NOT NULL,
  actor       TEXT NOT NULL,
  at          {timestamp} NOT NULL,
  before_json {json},
  after_json  {json},
  reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX resident_changes_nik ON resident_changes (nik);

CREATE TABLE serial_counters (
  kind        TEXT NOT NULL,
  prefix      {code} NOT NULL,
  last_serial INTEGER NOT NULL,
  PRIMARY KEY (kind, prefix)
){without_rowid};
)sql"},
    {2, "recording", R"sql(
CREATE TABLE ektp_records (
  nik           {code} PRIMARY KEY,
  status        TEXT NOT NULL,
  since         TEXT NOT NULL,  -- ISO 8601 UTC of the last transition (text sorts in time order)
  ikd_activated {bool} NOT NULL DEFAULT {false}
){without_rowid};
CREATE INDEX ektp_records_status ON ektp_records (status, since);

CREATE TABLE ektp_transitions (
  id          {serial_id},
  nik         {code} NOT NULL,
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
  packet_id         {code} PRIMARY KEY,
  nik               {code} NOT NULL,
  station_id        TEXT NOT NULL,
  operator_id       TEXT NOT NULL,
  captured_at       TEXT NOT NULL,
  received_at       TEXT NOT NULL,
  photo             {blob} NOT NULL,
  signature         {blob} NOT NULL,
  iris_right        {blob} NOT NULL,
  iris_left         {blob} NOT NULL,
  photo_quality     INTEGER NOT NULL,
  finger_exceptions TEXT NOT NULL,
  fingers           {blob} NOT NULL  -- CBOR [{p: position, q: quality, t: ISO 19794-2 template}]
);
CREATE INDEX enrolments_nik ON enrolments (nik);

CREATE TABLE template_hashes (
  hash {code} NOT NULL,
  nik  {code} NOT NULL,
  PRIMARY KEY (hash, nik)
){without_rowid};
CREATE INDEX template_hashes_nik ON template_hashes (nik);

CREATE TABLE centre_keys (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  box_public  TEXT NOT NULL,  -- hex
  box_secret  TEXT NOT NULL,
  sign_public TEXT NOT NULL,
  sign_secret TEXT NOT NULL
);

CREATE TABLE station_codes (
  code_hash  {code} PRIMARY KEY,
  kecamatan  TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_by    TEXT
);

CREATE TABLE stations (
  id         {code} PRIMARY KEY,
  kecamatan  TEXT NOT NULL,
  name       TEXT NOT NULL,
  status     TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE station_keys (
  station_id     {code} NOT NULL,
  public_key_hex {code} NOT NULL,
  status         TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  PRIMARY KEY (station_id, public_key_hex)
);

CREATE TABLE uploads (
  packet_id  {code} PRIMARY KEY,
  station_id TEXT NOT NULL,
  total      BIGINT NOT NULL,
  received   BIGINT NOT NULL
);
CREATE TABLE upload_chunks (
  packet_id {code} NOT NULL,
  "offset"  BIGINT NOT NULL,
  data      {blob} NOT NULL,
  PRIMARY KEY (packet_id, "offset")
);

-- The exactly-once ledger: one row per packet id ever committed (accepted or rejected).
CREATE TABLE packets (
  packet_id   {code} PRIMARY KEY,
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
    {3, "printing", R"sql(
CREATE TABLE printers (
  serial        {code} PRIMARY KEY,
  office        {code} NOT NULL,
  model         TEXT NOT NULL,
  cards_per_day {bigint} NOT NULL CHECK (cards_per_day > 0),
  status        TEXT NOT NULL,
  lent_to       {code} NOT NULL DEFAULT '',
  lent_until    TEXT NOT NULL DEFAULT '',
  note          TEXT NOT NULL DEFAULT '',
  updated_at    TEXT NOT NULL
);
CREATE INDEX printers_office ON printers (office);
CREATE INDEX printers_lent_to ON printers (lent_to);

-- The stock ledger: append-only double entry. stock_balances is derived, written in the same
-- transaction, and checked against the movements by the audit.
CREATE TABLE stock_movements (
  id        {serial_id},
  kind      TEXT NOT NULL,
  item      TEXT NOT NULL,
  debit     {code} NOT NULL,
  credit    {code} NOT NULL,
  quantity  {bigint} NOT NULL CHECK (quantity > 0),
  on_date   TEXT NOT NULL,
  reference {code} NOT NULL,
  reason    TEXT NOT NULL,
  actor     TEXT NOT NULL,
  at        TEXT NOT NULL
);
CREATE INDEX stock_movements_debit ON stock_movements (debit, id);
CREATE INDEX stock_movements_credit ON stock_movements (credit, id);
-- A blank is used once; a transfer is sent once and received once.
CREATE UNIQUE INDEX stock_movements_blank ON stock_movements (reference)
  WHERE item = 'blangko' AND kind IN ('printed', 'spoiled');
CREATE UNIQUE INDEX stock_movements_transfer ON stock_movements (kind, reference)
  WHERE kind IN ('transfer_out', 'transfer_in');

CREATE TABLE stock_balances (
  account {code} NOT NULL,
  item    TEXT NOT NULL,
  balance {bigint} NOT NULL,
  PRIMARY KEY (account, item)
){without_rowid};

CREATE TABLE print_jobs (
  id             {serial_id},
  office         {code} NOT NULL,
  nik            {code} NOT NULL,
  card_serial    {code} NOT NULL UNIQUE,
  printer_serial TEXT NOT NULL,
  outcome        TEXT NOT NULL,
  reason         TEXT NOT NULL,
  on_date        TEXT NOT NULL,
  at             TEXT NOT NULL,
  operator_id    TEXT NOT NULL
);
CREATE INDEX print_jobs_office ON print_jobs (office, on_date);
CREATE INDEX print_jobs_nik ON print_jobs (nik);

CREATE TABLE sukets (
  number      {code} PRIMARY KEY,
  nik         {code} NOT NULL,
  office      {code} NOT NULL,
  issued_on   TEXT NOT NULL,
  expires_on  TEXT NOT NULL,
  token       TEXT NOT NULL,
  status      TEXT NOT NULL,
  closed_at   TEXT NOT NULL DEFAULT '',
  card_serial TEXT NOT NULL DEFAULT '',
  operator_id TEXT NOT NULL
);
CREATE INDEX sukets_nik ON sukets (nik, status);
CREATE INDEX sukets_office ON sukets (office, status);

CREATE TABLE office_keys (
  office      {code} PRIMARY KEY,
  sign_public TEXT NOT NULL,  -- hex
  sign_secret TEXT NOT NULL
);

CREATE TABLE expected_tranches (
  reference   {code} PRIMARY KEY,
  office      {code} NOT NULL,
  expected_on TEXT NOT NULL,
  quantity    {bigint} NOT NULL CHECK (quantity > 0)
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql"},
    {4, "coverage", R"sql(
-- Birth certificates (akta kelahiran) registered by Catatan Sipil: one per resident.
CREATE TABLE birth_certificates (
  nik       {code} PRIMARY KEY,
  number    TEXT NOT NULL,
  issued_on TEXT NOT NULL
);
-- Day rolls of the coverage counters find the residents whose birthday crosses an age threshold.
CREATE INDEX residents_birth ON residents (birth_date);

-- Coverage counters per region code (every level), kept in step with the records in the same
-- transaction (store/store.cc); the day they hold for is settings 'coverage.as_of'.
CREATE TABLE coverage (
  code     {code} PRIMARY KEY,
  counters TEXT NOT NULL
);
CREATE TABLE coverage_snapshots (
  code     {code} NOT NULL,
  day      TEXT NOT NULL,
  counters TEXT NOT NULL,
  PRIMARY KEY (code, day)
);
)sql"},
    {5, "print_queue", kPrintQueueMigration.c_str()},
    {6, "abis", R"sql(
-- The fingerprint gallery: one compact finger (core/biometrics/compact_finger.h, 250 bytes) per
-- NIK and finger position, loaded into the in-memory 1:N gallery when the server starts.
CREATE TABLE abis_gallery (
  nik     TEXT NOT NULL,
  finger  INTEGER NOT NULL,
  compact {blob} NOT NULL,
  PRIMARY KEY (nik, finger)
);
-- Possible duplicates waiting for an officer (the new record sits in DEDUP_REVIEW meanwhile).
CREATE TABLE adjudications (
  id         {autoinc_id},
  nik        TEXT NOT NULL,
  other_nik  TEXT NOT NULL,
  score_ppm  {bigint} NOT NULL,  -- fused score x 1,000,000
  fingers    TEXT NOT NULL,
  source     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('OPEN', 'SAME_PERSON', 'DIFFERENT_PEOPLE', 'CLOSED')),
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at TEXT NOT NULL DEFAULT '',
  note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX adjudications_status ON adjudications (status, id);
CREATE INDEX adjudications_nik ON adjudications (nik);
)sql"},
    {7, "demographic_dedup", R"sql(
-- Incremental demographic dedup: each resident's blocking keys and term hashes (a key is a 64-bit
-- hash salted by its rule or field), so a new record's candidates are the holders of its keys.
CREATE TABLE dedup_keys (
  key {bigint} NOT NULL,
  nik TEXT NOT NULL,
  PRIMARY KEY (key, nik)
){without_rowid};
CREATE INDEX dedup_keys_nik ON dedup_keys (nik);
-- Named values: the residents.updated_at the index has caught up to, the last batch run's model.
CREATE TABLE dedup_state (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE INDEX residents_updated_at ON residents (updated_at);
-- Why the matcher raised a case (the demographic explanation; empty for fingerprints).
ALTER TABLE adjudications ADD COLUMN evidence TEXT NOT NULL DEFAULT '';
CREATE INDEX adjudications_other ON adjudications (other_nik);
)sql"},
    {8, "dedup_watermark_index", R"sql(
-- The incremental dedup index catches up behind an (updated_at, nik) watermark. An import stamps
-- a whole file with one updated_at, so an index on updated_at alone made every catch-up batch read
-- all residents of that instant to find the NIKs after the watermark (0.9 s per batch at 1M).
DROP INDEX residents_updated_at;
CREATE INDEX residents_updated_nik ON residents (updated_at, nik);
)sql"},
    {9, "change_sequence", R"sql(
-- The incremental dedup index follows residents by a change sequence given in commit order
-- (store/sql/sql_registry_store.cc next_change_seq), not by updated_at: a clock of one-second
-- steps let a resident written in the same second as the watermark, with a smaller NIK, be skipped.
ALTER TABLE residents ADD COLUMN change_seq {bigint} NOT NULL DEFAULT 0;
UPDATE residents SET change_seq = t.n
  FROM (SELECT nik, row_number() OVER (ORDER BY updated_at, nik) AS n FROM residents) AS t
  WHERE t.nik = residents.nik;
CREATE INDEX residents_change_seq ON residents (change_seq);
DROP INDEX residents_updated_nik;
-- A watermark "updated_at|nik" becomes the sequence of the last resident it had passed.
UPDATE dedup_state SET value = (
  SELECT CAST(COALESCE(MAX(r.change_seq), 0) AS TEXT) FROM residents r
  WHERE ({ts:r.updated_at}, r.nik) <= (substr(dedup_state.value, 1, 20){bytewise}, substr(dedup_state.value, 22){bytewise}))
  WHERE name = 'watermark' AND value LIKE '%|%';
)sql"},
    {10, "blob_storage", R"sql(
-- Photos, signatures, iris and finger templates, gallery fingers and uploaded envelopes are
-- already compressed or encrypted: PostgreSQL stores them out of line without trying to compress
-- them again (about 7 % more packet commits a second). SQLite has no such setting.
{pg:ALTER TABLE enrolments ALTER COLUMN photo SET STORAGE EXTERNAL, ALTER COLUMN signature SET STORAGE EXTERNAL,
  ALTER COLUMN iris_right SET STORAGE EXTERNAL, ALTER COLUMN iris_left SET STORAGE EXTERNAL,
  ALTER COLUMN fingers SET STORAGE EXTERNAL;
ALTER TABLE upload_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
ALTER TABLE abis_gallery ALTER COLUMN compact SET STORAGE EXTERNAL;}
)sql"},
    {11, "identity", R"sql(
-- Officers' accounts (issue [8]): Argon2id password hashes; the TOTP secret hex-encoded.
CREATE TABLE users (
  username            {code} PRIMARY KEY,
  role                TEXT NOT NULL,
  wilayah             TEXT NOT NULL,
  password_hash       TEXT NOT NULL,
  totp_secret         TEXT NOT NULL DEFAULT '',
  totp_last_step      {bigint} NOT NULL DEFAULT 0,
  disabled            {bool} NOT NULL DEFAULT {false},
  failed_logins       INTEGER NOT NULL DEFAULT 0,
  locked_until        TEXT NOT NULL DEFAULT '',
  created_at          TEXT NOT NULL,
  created_by          TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
);
-- Sessions by the SHA-256 of their token: a copy of this table opens no session.
CREATE TABLE sessions (
  token_hash {code} PRIMARY KEY,
  username   {code} NOT NULL,
  csrf       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (username);
-- The append-only audit log: each entry carries the hash of the one before (crypto/audit_chain.h).
CREATE TABLE audit_log (
  seq       {bigint} PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  role      TEXT NOT NULL,
  action    TEXT NOT NULL,
  target    TEXT NOT NULL,
  detail    TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_target ON audit_log (target, seq);
CREATE INDEX audit_log_at ON audit_log (at);
-- The last entry's seq and hash: appenders lock this row, so the chain never forks.
CREATE TABLE audit_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  {bigint} NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
CREATE TABLE audit_checkpoints (
  seq        {bigint} PRIMARY KEY,
  hash       TEXT NOT NULL,
  signature  TEXT NOT NULL,
  public_key TEXT NOT NULL,
  at         TEXT NOT NULL
);
-- Four-eyes proposals: corrections of name / birth date / sex, and duplicate deletions.
CREATE TABLE proposals (
  id            {autoinc_id},
  kind          TEXT NOT NULL,
  nik           {code} NOT NULL,
  region        TEXT NOT NULL,
  payload       TEXT NOT NULL,
  status        TEXT NOT NULL,
  proposed_by   TEXT NOT NULL,
  proposed_at   TEXT NOT NULL,
  decided_by    TEXT NOT NULL DEFAULT '',
  decided_at    TEXT NOT NULL DEFAULT '',
  decision_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX proposals_status ON proposals (status, kind, region);
CREATE INDEX proposals_nik ON proposals (nik);
-- NIKs deleted as duplicates (NIK ganda): never issued again; the deleted record kept as JSON.
CREATE TABLE retired_niks (
  nik         {code} PRIMARY KEY,
  kept_nik    TEXT NOT NULL,
  record      TEXT NOT NULL,
  retired_at  TEXT NOT NULL,
  retired_by  TEXT NOT NULL,
  proposal_id {bigint} NOT NULL
);
)sql"},
    {12, "data_keys", R"sql(
-- Secrets and biometrics at rest (crypto/key_vault.h): data keys wrapped by the master key, which
-- is never stored here. At most one is active (new values are sealed under it); older ones stay
-- for reading until `ktpel keys rotate` has re-sealed their values.
CREATE TABLE data_keys (
  id            INTEGER PRIMARY KEY,
  wrapped       {blob} NOT NULL,  -- nonce | XChaCha20-Poly1305(data key), associated data "data_keys:<id>"
  master_key_id TEXT NOT NULL,    -- 8 hex of BLAKE2b(master key): names the key that wraps it
  created_at    {timestamp} NOT NULL DEFAULT {now},
  active        {bool} NOT NULL
);
CREATE UNIQUE INDEX data_keys_one_active ON data_keys (active) WHERE active;
-- The data key that sealed a row's protected columns; NULL: written in clear before this version
-- (still read as it is, sealed by `ktpel keys rotate`).
ALTER TABLE enrolments ADD COLUMN data_key INTEGER;
ALTER TABLE abis_gallery ADD COLUMN data_key INTEGER;
ALTER TABLE centre_keys ADD COLUMN data_key INTEGER;
ALTER TABLE office_keys ADD COLUMN data_key INTEGER;
)sql"},
    {13, "sealed_totp", R"sql(
-- Officers' TOTP secrets are sealed like the private keys (users.totp_secret holds the hex of
-- the sealed secret; data_key names its key).
ALTER TABLE users ADD COLUMN data_key INTEGER;
)sql"},
    {14, "audit_lookup", R"sql(
-- Searching the audit log by user, record and day goes through this table, brought up to date
-- when the log is searched rather than on every append: an audited write then touches the log
-- and its head only, not three more indexes (one page each in every commit's WAL; about 7 % of
-- the packet rate, docs/benchmarks.md).
DROP INDEX audit_log_actor;
DROP INDEX audit_log_target;
DROP INDEX audit_log_at;
CREATE TABLE audit_lookup (
  term {code} NOT NULL,  -- 'a:' actor | 't:' target | 'd:' day of at | '~' (indexed up to seq)
  seq  {bigint} NOT NULL,
  PRIMARY KEY (term, seq)
);
INSERT INTO audit_lookup (term, seq) SELECT 'a:' || actor, seq FROM audit_log;
INSERT INTO audit_lookup (term, seq) SELECT 't:' || target, seq FROM audit_log WHERE target <> '';
INSERT INTO audit_lookup (term, seq) SELECT 'd:' || substr(at, 1, 10), seq FROM audit_log;
INSERT INTO audit_lookup (term, seq) SELECT '~', seq FROM audit_head;
)sql"},
    {15, "station_key_bounds", R"sql(
-- A retired station key verifies only packets numbered before its retirement: a key that leaked
-- cannot sign new packets. NULL: retired before this version, bound unknown (still verifies).
ALTER TABLE station_keys ADD COLUMN valid_before_seq {bigint};
)sql"},
    {16, "station_uploads", R"sql(
-- [9] Only a registered station uploads: the hash of its upload token (empty: registered before
-- this version; it gets one with its next key rotation). Open uploads carry the time of their
-- last chunk so abandoned ones expire, and are counted per station for its quota.
ALTER TABLE stations ADD COLUMN upload_token_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE uploads ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
CREATE INDEX uploads_by_station ON uploads (station_id);
CREATE INDEX uploads_by_age ON uploads (updated_at);
-- Packets that failed authentication (not decryptable, wrong signature, unknown station): kept as
-- evidence, one row per distinct content, but never in the exactly-once ledger, so a forgery
-- cannot take the number of the station's genuine packet.
CREATE TABLE refused_packets (
  packet_id  {code} NOT NULL,
  sha256     TEXT NOT NULL,
  station_id TEXT NOT NULL,
  sequence   BIGINT NOT NULL,
  reason     TEXT NOT NULL,
  first_at   TEXT NOT NULL,
  last_at    TEXT NOT NULL,
  attempts   BIGINT NOT NULL,
  PRIMARY KEY (packet_id, sha256)
);
CREATE INDEX refused_packets_by_time ON refused_packets (last_at);
)sql"},
    {17, "equipment", R"sql(
-- [10] The equipment inventory. Card printers become items of type CARD_PRINTER (one table for
-- the inventory and the print desk): a lent printer is an active one with lent_to set.
CREATE TABLE equipment_items (
  serial            {code} PRIMARY KEY,
  office            {code} NOT NULL,
  item_type         TEXT NOT NULL,
  vendor            TEXT NOT NULL DEFAULT '',
  model             TEXT NOT NULL DEFAULT '',
  installed_on      TEXT NOT NULL DEFAULT '',
  os                TEXT NOT NULL DEFAULT '',
  os_end_of_support TEXT NOT NULL DEFAULT '',
  warranty_end      TEXT NOT NULL DEFAULT '',
  status            TEXT NOT NULL,
  cards_per_day     {bigint} NOT NULL DEFAULT 0,
  lent_to           {code} NOT NULL DEFAULT '',
  lent_until        TEXT NOT NULL DEFAULT '',
  note              TEXT NOT NULL DEFAULT '',
  updated_at        TEXT NOT NULL,
  CHECK (item_type <> 'CARD_PRINTER' OR cards_per_day > 0)
);
CREATE INDEX equipment_items_office ON equipment_items (office, serial);
CREATE INDEX equipment_items_lent_to ON equipment_items (lent_to);
INSERT INTO equipment_items (serial, office, item_type, model, status, cards_per_day, lent_to, lent_until, note, updated_at)
  SELECT serial, office, 'CARD_PRINTER', model, CASE WHEN status = 'lent' THEN 'active' ELSE status END, cards_per_day,
         CASE WHEN status = 'lent' THEN lent_to ELSE '' END, CASE WHEN status = 'lent' THEN lent_until ELSE '' END,
         note, updated_at
  FROM printers;
DROP TABLE printers;
-- Each item's dated status history (append-only).
CREATE TABLE equipment_events (
  id      {serial_id},
  serial  {code} NOT NULL,
  on_date TEXT NOT NULL,
  status  TEXT NOT NULL,
  note    TEXT NOT NULL DEFAULT '',
  actor   TEXT NOT NULL,
  at      TEXT NOT NULL
);
CREATE INDEX equipment_events_serial ON equipment_events (serial, on_date, id);
INSERT INTO equipment_events (serial, on_date, status, note, actor, at)
  SELECT serial, substr(updated_at, 1, 10), status, 'printer before the inventory', 'migration', updated_at FROM equipment_items;
-- Repair tickets: a fault report opens one, the repair (or replacement) closes it.
CREATE TABLE repair_tickets (
  id          {serial_id},
  serial      {code} NOT NULL,
  office      {code} NOT NULL,
  item_type   TEXT NOT NULL,
  model       TEXT NOT NULL DEFAULT '',
  reported_on TEXT NOT NULL,
  symptom     TEXT NOT NULL,
  cause       TEXT NOT NULL,
  reporter    TEXT NOT NULL,
  closed_on   TEXT NOT NULL DEFAULT '',
  site        TEXT NOT NULL DEFAULT '',
  cost_rupiah {bigint} NOT NULL DEFAULT 0,
  parts       TEXT NOT NULL DEFAULT '',
  closer      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX repair_tickets_office ON repair_tickets (office, id);
-- At most one open ticket per item: two officers reporting the same fault at once cannot both open one.
CREATE UNIQUE INDEX repair_tickets_open ON repair_tickets (serial) WHERE closed_on = '';
)sql"},
    {18, "deceased_ektp_closed", R"sql(
-- [11] A death closes the e-KTP record since this release (decease -> CANCELLED, the open suket
-- closed: service/registry_service.cc). Residents who died before it, or came dead in an import,
-- kept an open record: first in the print queue, a suket that verified VALID. They are closed
-- here as the decease event would, dated the death (or the record's last transition, if later).
-- The dead count nowhere in the coverage counters, so no counter moves.
CREATE TABLE deceased_open_records AS
  SELECT e.nik AS nik, e.status AS status,
         CASE WHEN e.since > {text:r.death_date} || 'T00:00:00Z' THEN e.since ELSE {text:r.death_date} || 'T00:00:00Z' END AS at,
         {text:r.death_date} AS died
  FROM ektp_records e JOIN residents r ON r.nik = e.nik
  WHERE r.alive = {false} AND r.death_date IS NOT NULL AND e.status NOT IN ('DELIVERED', 'CANCELLED');
INSERT INTO ektp_transitions (nik, from_status, to_status, event, at, operator_id, station_id, reason)
  SELECT nik, status, 'CANCELLED', 'decease', at, 'migration', 'centre', 'meninggal dunia ' || died FROM deceased_open_records;
UPDATE ektp_records SET status = 'CANCELLED',
  since = (SELECT d.at FROM deceased_open_records d WHERE d.nik = ektp_records.nik)
  WHERE nik IN (SELECT nik FROM deceased_open_records);
DELETE FROM print_queue WHERE nik IN (SELECT nik FROM residents WHERE alive = {false});
UPDATE sukets SET status = 'closed',
  closed_at = (SELECT {text:r.death_date} || 'T00:00:00Z' FROM residents r WHERE r.nik = sukets.nik)
  WHERE status = 'open' AND nik IN (SELECT nik FROM residents WHERE alive = {false} AND death_date IS NOT NULL);
DROP TABLE deceased_open_records;
)sql"},
    {19, "card_delivery", R"sql(
-- [11] Who handed a card over and who collected it (the resident or a named representative with
-- their NIK), at which office and on which day.
CREATE TABLE card_deliveries (
  id                  {serial_id},
  nik                 {code} NOT NULL,
  card_serial         TEXT NOT NULL,
  office              {code} NOT NULL,
  officer             TEXT NOT NULL,
  collector           TEXT NOT NULL CHECK (collector IN ('SELF', 'REPRESENTATIVE')),
  representative_name TEXT NOT NULL DEFAULT '',
  representative_nik  TEXT NOT NULL DEFAULT '',
  delivered_on        TEXT NOT NULL,
  at                  TEXT NOT NULL,
  CHECK (collector = 'SELF' OR (representative_name <> '' AND representative_nik <> ''))
);
CREATE INDEX card_deliveries_nik ON card_deliveries (nik, id);
-- A card printed by another office (the capacity plan's sharing) travels home: printed at A,
-- shipped on a day, received at B; it is handed over at B only once received.
CREATE TABLE card_shipments (
  card_serial {code} PRIMARY KEY,
  nik         {code} NOT NULL,
  printed_by  {code} NOT NULL,
  home_office {code} NOT NULL,
  printed_on  TEXT NOT NULL,
  shipped_on  TEXT NOT NULL DEFAULT '',
  shipped_by  TEXT NOT NULL DEFAULT '',
  received_on TEXT NOT NULL DEFAULT '',
  received_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX card_shipments_nik ON card_shipments (nik, printed_on);
CREATE INDEX card_shipments_route ON card_shipments (printed_by, home_office, shipped_on, received_on);
-- [11] A DUPLICATE_RECORD names the NIK it duplicates and the case that decided it (case_id 0: the
-- matcher was certain, no officer case). Cases already decided SAME_PERSON are carried over.
CREATE TABLE duplicate_links (
  nik        {code} PRIMARY KEY,
  other_nik  {code} NOT NULL,
  case_id    {bigint} NOT NULL,
  source     TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL
);
INSERT INTO duplicate_links (nik, other_nik, case_id, source, decided_by, decided_at)
  SELECT nik, other_nik, id, source, decided_by, decided_at FROM adjudications a
  WHERE status = 'SAME_PERSON' AND id = (SELECT max(id) FROM adjudications b WHERE b.nik = a.nik AND b.status = 'SAME_PERSON');
)sql"},
    {20, "suket_renewal", R"sql(
-- [11] A suket replaced by a renewal names its successor (status 'renewed'); expiry is read per
-- office, so the open ones are indexed by their last day.
ALTER TABLE sukets ADD COLUMN renewed_to TEXT NOT NULL DEFAULT '';
CREATE INDEX sukets_expiry ON sukets (status, office, expires_on);
-- Records migrated or imported in SUKET carried no paper: each gets a number in its office's
-- series (the day it entered SUKET, after the numbers already given that day), valid the
-- configured months from then (the last day of a shorter month when the day does not exist).
-- The token is signed when its PDF is first printed (a migration holds no key).
INSERT INTO sukets (number, nik, office, issued_on, expires_on, token, status, operator_id)
SELECT 'SKT-' || replace(c.office, '.', '') || '-' || replace(c.issued, '-', '') || '-' ||
         substr('000000' || CAST(c.seq AS TEXT), length(CAST(c.seq AS TEXT)) + 1),
       c.nik, c.office, c.issued,
       CAST(c.ny AS TEXT) || '-' || substr('0' || CAST(c.nm AS TEXT), length(CAST(c.nm AS TEXT))) || '-' ||
         substr('0' || CAST(CASE WHEN c.d < c.last_day THEN c.d ELSE c.last_day END AS TEXT),
                length(CAST(CASE WHEN c.d < c.last_day THEN c.d ELSE c.last_day END AS TEXT))),
       '', 'open', 'migration'
FROM (SELECT b.*, CASE WHEN b.nm IN (4, 6, 9, 11) THEN 30
                       WHEN b.nm = 2 THEN CASE WHEN (b.ny % 4 = 0 AND b.ny % 100 <> 0) OR b.ny % 400 = 0 THEN 29 ELSE 28 END
                       ELSE 31 END AS last_day
      FROM (SELECT a.*, (a.y * 12 + a.mo - 1 + a.months) / 12 AS ny, (a.y * 12 + a.mo - 1 + a.months) % 12 + 1 AS nm
            FROM (SELECT e.nik, substr(r.village_code, 1, 5) AS office, substr(e.since, 1, 10) AS issued,
                         CAST(substr(e.since, 1, 4) AS INTEGER) AS y, CAST(substr(e.since, 6, 2) AS INTEGER) AS mo,
                         CAST(substr(e.since, 9, 2) AS INTEGER) AS d,
                         COALESCE((SELECT CAST(st.value AS INTEGER) FROM settings st WHERE st.key = 'suket.validity_months'), 6) AS months,
                         ROW_NUMBER() OVER (PARTITION BY substr(r.village_code, 1, 5), substr(e.since, 1, 10) ORDER BY e.nik) +
                           COALESCE((SELECT sc.last_serial FROM serial_counters sc WHERE sc.kind = 'suket'
                                     AND sc.prefix = 'SKT' || replace(substr(r.village_code, 1, 5), '.', '') || substr(e.since, 1, 10)), 0) AS seq
                  FROM ektp_records e JOIN residents r ON r.nik = e.nik
                  WHERE e.status = 'SUKET' AND NOT EXISTS (SELECT 1 FROM sukets s WHERE s.nik = e.nik AND s.status = 'open')) a) b) c;
-- The series goes on after them: the next suket of that office and day takes the next number.
INSERT INTO serial_counters (kind, prefix, last_serial)
SELECT 'suket', 'SKT' || replace(office, '.', '') || issued_on, COUNT(*) FROM sukets
WHERE operator_id = 'migration' AND token = '' GROUP BY office, issued_on
ON CONFLICT (kind, prefix) DO UPDATE SET last_serial = serial_counters.last_serial + excluded.last_serial;
-- An akta kelahiran issued at a regency office (not imported) names the office and the officer.
ALTER TABLE birth_certificates ADD COLUMN office TEXT NOT NULL DEFAULT '';
ALTER TABLE birth_certificates ADD COLUMN officer TEXT NOT NULL DEFAULT '';
ALTER TABLE birth_certificates ADD COLUMN issued_at TEXT NOT NULL DEFAULT '';
)sql"},
    // [11] A name found anywhere in the name, through an index: each word of a resident's folded
    // name (residents.name_key split at spaces) is a row, kept by the store with every resident
    // write; a search takes a word prefix range here. Filled here from the residents already there.
    {22, "resident_name_tokens", R"sql(
CREATE TABLE resident_name_tokens (
  token {code} NOT NULL,
  nik   {code} NOT NULL,
  PRIMARY KEY (token, nik)
){without_rowid};
CREATE INDEX resident_name_tokens_nik ON resident_name_tokens (nik);
WITH RECURSIVE split (nik, word, rest) AS (
  SELECT nik, CAST('' AS TEXT){bytewise}, CAST(name_key || ' ' AS TEXT){bytewise} FROM residents
  UNION ALL
  SELECT nik, substr(rest, 1, {instr}(rest, ' ') - 1){bytewise}, substr(rest, {instr}(rest, ' ') + 1){bytewise} FROM split
  WHERE rest <> ''
)
INSERT INTO resident_name_tokens (token, nik) SELECT DISTINCT word, nik FROM split WHERE word <> '';
)sql"},
};

std::span<const Migration> migrations() { return kMigrations; }

}  // namespace ktpel
