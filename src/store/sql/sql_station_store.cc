// SqlStore: centre keys, stations, uploads and the packet ledger (StationStore).
#include "crypto/envelope.h"
#include "store/sql/sql_store.h"

namespace ktpel {
namespace {

Station read_station(const sql::Statement& s) { return {s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)}; }
constexpr const char* kStationColumns = "id, kecamatan, name, status, created_at, upload_token_hash";
RefusedPacket read_refused(const sql::Statement& s) {
  return {s.text(0), s.text(1), s.text(2), s.integer(3), s.text(4), s.text(5), s.text(6), s.integer(7)};
}
StoredPacket read_packet(const sql::Statement& s) {
  return {s.text(0), s.text(1), s.integer(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7)};
}
constexpr const char* kPacketColumns = "packet_id, station_id, sequence, nik, status, reason, received_at, ack";

}  // namespace

std::optional<CentreKeys> SqlStore::centre_keys() {
  auto s = db_->cached(
      "SELECT box_public, box_secret, sign_public, sign_secret, data_key IS NOT NULL FROM centre_keys WHERE id = 1");
  if (!s.step()) return std::nullopt;
  const bool sealed = s.integer(4) != 0;
  return CentreKeys{from_hex(s.text(0)), from_hex(unseal_text("centre_keys.box_secret:1", s.text(1), sealed)),
                    from_hex(s.text(2)), from_hex(unseal_text("centre_keys.sign_secret:1", s.text(3), sealed))};
}

void SqlStore::put_centre_keys(const CentreKeys& k) {
  const int64_t key = active_data_key();
  auto s = db_->cached(
      "INSERT INTO centre_keys (id, box_public, box_secret, sign_public, sign_secret, data_key) VALUES (1, ?1, ?2, ?3, ?4, ?5)"
      " ON CONFLICT (id) DO NOTHING");
  s.bind(1, to_hex(k.box_public)).bind(2, seal_text(key, "centre_keys.box_secret:1", to_hex(k.box_secret)));
  s.bind(3, to_hex(k.sign_public)).bind(4, seal_text(key, "centre_keys.sign_secret:1", to_hex(k.sign_secret))).bind(5, key);
  s.queue();
}

void SqlStore::add_station_code(std::string_view code_hash, std::string_view kecamatan, std::string_view expires_at) {
  auto s = db_->cached("INSERT INTO station_codes (code_hash, kecamatan, expires_at) VALUES (?1, ?2, ?3)");
  s.bind(1, code_hash).bind(2, kecamatan).bind(3, expires_at);
  s.queue();
}

std::optional<std::string> SqlStore::take_station_code(std::string_view code_hash, std::string_view station_id,
                                                          std::string_view now) {
  auto s = db_->cached(
      "UPDATE station_codes SET used_by = ?2 WHERE code_hash = ?1 AND used_by IS NULL AND expires_at > ?3"
      " RETURNING kecamatan");
  s.bind(1, code_hash).bind(2, station_id).bind(3, now);
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

void SqlStore::add_station(const Station& st) {
  auto s = db_->cached(
      "INSERT INTO stations (id, kecamatan, name, status, created_at, upload_token_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  s.bind(1, st.id).bind(2, st.kecamatan).bind(3, st.name).bind(4, st.status).bind(5, st.created_at);
  s.bind(6, st.upload_token_hash);
  s.queue();
}

std::optional<Station> SqlStore::station(std::string_view id) {
  auto s = db_->cached(std::string("SELECT ") + kStationColumns + " FROM stations WHERE id = ?1");
  s.bind(1, id);
  return sql::first(s, read_station);
}

std::vector<Station> SqlStore::stations() {
  auto s = db_->cached(std::string("SELECT ") + kStationColumns + " FROM stations ORDER BY id");
  return sql::collect(s, read_station);
}

void SqlStore::set_station_status(std::string_view id, std::string_view status) {
  auto s = db_->cached("UPDATE stations SET status = ?2 WHERE id = ?1");
  s.bind(1, id).bind(2, status);
  s.queue();
}

void SqlStore::set_station_upload_token(std::string_view id, std::string_view token_hash) {
  auto s = db_->cached("UPDATE stations SET upload_token_hash = ?2 WHERE id = ?1");
  s.bind(1, id).bind(2, token_hash);
  s.queue();
}

int64_t SqlStore::count_stations(std::string_view kecamatan) {
  auto s = db_->cached("SELECT COUNT(*) FROM stations WHERE kecamatan = ?1");
  s.bind(1, kecamatan);
  s.step();
  return s.integer(0);
}

void SqlStore::add_station_key(const StationKey& k) {
  auto s = db_->cached(
      "INSERT INTO station_keys (station_id, public_key_hex, status, created_at) VALUES (?1, ?2, ?3, ?4)"
      " ON CONFLICT DO NOTHING");
  s.bind(1, k.station_id).bind(2, k.public_key_hex).bind(3, k.status).bind(4, k.created_at);
  s.queue();
}

void SqlStore::retire_station_keys(std::string_view station_id, std::string_view except, int64_t from_sequence) {
  auto s = db_->cached(
      "UPDATE station_keys SET status = 'retired', valid_before_seq = ?3"
      " WHERE station_id = ?1 AND public_key_hex <> ?2 AND status = 'active'");
  s.bind(1, station_id).bind(2, except).bind(3, from_sequence);
  s.queue();
}

std::vector<StationKey> SqlStore::station_keys(std::string_view station_id) {
  auto s = db_->cached(
      "SELECT station_id, public_key_hex, status, created_at, COALESCE(valid_before_seq, 0) FROM station_keys"
      " WHERE station_id = ?1 ORDER BY created_at");
  s.bind(1, station_id);
  std::vector<StationKey> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.integer(4)});
  return out;
}

std::optional<Upload> SqlStore::upload(std::string_view packet_id) {
  auto s = db_->cached("SELECT packet_id, station_id, total FROM uploads WHERE packet_id = ?1");
  s.bind(1, packet_id);
  if (!s.step()) return std::nullopt;
  Upload u{s.text(0), s.text(1), s.integer(2), {}};
  auto c = db_->cached("SELECT data FROM upload_chunks WHERE packet_id = ?1 ORDER BY \"offset\"");
  c.bind(1, packet_id);
  while (c.step()) u.data += c.blob(0);
  return u;
}

int64_t SqlStore::expire_uploads(std::string_view before) {
  auto chunks = db_->cached(
      "DELETE FROM upload_chunks WHERE packet_id IN (SELECT packet_id FROM uploads WHERE updated_at < ?1)");
  chunks.bind(1, before);
  chunks.queue();
  auto s = db_->cached("DELETE FROM uploads WHERE updated_at < ?1 RETURNING packet_id");
  s.bind(1, before);
  int64_t n = 0;
  while (s.step()) ++n;
  return n;
}

bool SqlStore::open_upload(std::string_view packet_id, std::string_view station_id, int64_t total,
                           std::string_view now, const UploadQuota& quota) {
  auto lock = db_->cached("SELECT id FROM stations WHERE id = ?1{for_update}");
  lock.bind(1, station_id);
  lock.step();
  auto held = db_->cached("SELECT 1 FROM uploads WHERE packet_id = ?1");
  held.bind(1, packet_id);
  if (held.step()) return true;
  if (!quota.expire_before.empty()) expire_uploads(quota.expire_before);
  auto use = db_->cached("SELECT COUNT(*), COALESCE(SUM(total), 0) FROM uploads WHERE station_id = ?1");
  use.bind(1, station_id);
  use.step();
  if (use.integer(0) + 1 > quota.max_open || use.integer(1) + total > quota.max_bytes) return false;
  auto ins = db_->cached(
      "INSERT INTO uploads (packet_id, station_id, total, received, updated_at) VALUES (?1, ?2, ?3, 0, ?4)");
  ins.bind(1, packet_id).bind(2, station_id).bind(3, total).bind(4, now);
  ins.queue();
  return true;
}

int64_t SqlStore::append_upload(std::string_view packet_id, int64_t offset, std::string_view chunk,
                                std::string_view now) {
  auto cur = db_->cached("SELECT received FROM uploads WHERE packet_id = ?1{for_update}");
  cur.bind(1, packet_id);
  if (!cur.step()) return 0;  // expired meanwhile: the client starts again from byte 0
  const int64_t received = cur.integer(0);
  if (received != offset || chunk.empty()) return received;  // out of order: the client resumes from `received`
  auto c = db_->cached("INSERT INTO upload_chunks (packet_id, \"offset\", data) VALUES (?1, ?2, ?3)");
  c.bind(1, packet_id).bind(2, offset).bind_blob(3, chunk);
  c.queue();
  auto up = db_->cached("UPDATE uploads SET received = ?2, updated_at = ?3 WHERE packet_id = ?1");
  up.bind(1, packet_id).bind(2, offset + static_cast<int64_t>(chunk.size())).bind(3, now);
  up.queue();
  return offset + static_cast<int64_t>(chunk.size());
}

void SqlStore::delete_upload(std::string_view packet_id) {
  auto a = db_->cached("DELETE FROM upload_chunks WHERE packet_id = ?1");
  a.bind(1, packet_id);
  a.queue();
  auto b = db_->cached("DELETE FROM uploads WHERE packet_id = ?1");
  b.bind(1, packet_id);
  b.queue();
}

std::optional<StoredPacket> SqlStore::stored_packet(std::string_view packet_id) {
  auto s = db_->cached(std::string("SELECT ") + kPacketColumns + " FROM packets WHERE packet_id = ?1");
  s.bind(1, packet_id);
  return sql::first(s, read_packet);
}

std::vector<StoredPacket> SqlStore::stored_packets(std::span<const std::string> ids) {
  constexpr size_t kPerQuery = 128;  // one statement shape: unused places stay NULL, which matches nothing
  static const std::string sql = [] {
    std::string q = std::string("SELECT ") + kPacketColumns + " FROM packets WHERE packet_id IN (";
    for (size_t i = 1; i <= kPerQuery; ++i) q += (i > 1 ? ",?" : "?") + std::to_string(i);
    return q + ")";
  }();
  std::vector<StoredPacket> out;
  for (size_t from = 0; from < ids.size(); from += kPerQuery) {
    auto s = db_->cached(sql);
    for (size_t i = 0; i < kPerQuery; ++i) {
      if (from + i < ids.size()) s.bind(static_cast<int>(i + 1), ids[from + i]);
      else s.bind_null(static_cast<int>(i + 1));
    }
    while (s.step()) out.push_back(read_packet(*s));
  }
  return out;
}

void SqlStore::put_packet(const StoredPacket& p) {
  auto s = db_->cached(std::string("INSERT INTO packets (") + kPacketColumns + ") VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
  s.bind(1, p.packet_id).bind(2, p.station_id).bind(3, p.sequence).bind(4, p.nik).bind(5, p.status).bind(6, p.reason);
  s.bind(7, p.received_at).bind(8, p.ack);
  s.queue();
}

std::vector<StoredPacket> SqlStore::packets(std::string_view status, int64_t limit) {
  auto s = db_->cached(std::string("SELECT ") + kPacketColumns +
                       " FROM packets WHERE status = ?1 ORDER BY received_at DESC, packet_id LIMIT ?2");
  s.bind(1, status).bind(2, limit);
  return sql::collect(s, read_packet);
}

int64_t SqlStore::count_packets(std::string_view status) {
  auto s = db_->cached("SELECT COUNT(*) FROM packets WHERE status = ?1");
  s.bind(1, status);
  s.step();
  return s.integer(0);
}

void SqlStore::put_refused_packet(const RefusedPacket& p) {
  auto s = db_->cached(
      "INSERT INTO refused_packets (packet_id, sha256, station_id, sequence, reason, first_at, last_at, attempts)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, 1) ON CONFLICT (packet_id, sha256)"
      " DO UPDATE SET last_at = excluded.last_at, attempts = refused_packets.attempts + 1");
  s.bind(1, p.packet_id).bind(2, p.sha256).bind(3, p.station_id).bind(4, p.sequence).bind(5, p.reason).bind(6, p.last_at);
  s.queue();
}

std::vector<RefusedPacket> SqlStore::refused_packets(int64_t limit) {
  auto s = db_->cached(
      "SELECT packet_id, sha256, station_id, sequence, reason, first_at, last_at, attempts FROM refused_packets"
      " ORDER BY last_at DESC, packet_id LIMIT ?1");
  s.bind(1, limit);
  return sql::collect(s, read_refused);
}

int64_t SqlStore::count_refused_packets() {
  auto s = db_->cached("SELECT COUNT(*) FROM refused_packets");
  s.step();
  return s.integer(0);
}

}  // namespace ktpel
