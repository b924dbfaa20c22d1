// PostgresStore: centre keys, stations, uploads and the packet ledger (StationStore).
#include "crypto/envelope.h"
#include "store/postgres/postgres_store_impl.h"

namespace ktpel {
namespace {

std::string text(const pqxx::field& f) { return f.is_null() ? std::string() : std::string(f.c_str()); }
Station read_station(const pqxx::row& r) { return {text(r[0]), text(r[1]), text(r[2]), text(r[3]), text(r[4])}; }
StoredPacket read_packet(const pqxx::row& r) {
  return {text(r[0]), text(r[1]), r[2].as<int64_t>(), text(r[3]), text(r[4]), text(r[5]), text(r[6]), text(r[7])};
}
constexpr const char* kPacketColumns = "packet_id, station_id, sequence, nik, status, reason, received_at, ack";

}  // namespace

std::optional<CentreKeys> PostgresStore::centre_keys() {
  return run([&](pqxx::transaction_base& w) -> std::optional<CentreKeys> {
    auto res = w.exec("SELECT box_public, box_secret, sign_public, sign_secret FROM centre_keys WHERE id = 1");
    if (res.empty()) return std::nullopt;
    return CentreKeys{from_hex(text(res[0][0])), from_hex(text(res[0][1])), from_hex(text(res[0][2])), from_hex(text(res[0][3]))};
  });
}

void PostgresStore::put_centre_keys(const CentreKeys& k) {
  run([&](pqxx::transaction_base& w) {
    w.exec_params("INSERT INTO centre_keys (id, box_public, box_secret, sign_public, sign_secret) VALUES (1, $1, $2, $3, $4)"
                  " ON CONFLICT (id) DO NOTHING",
                  to_hex(k.box_public), to_hex(k.box_secret), to_hex(k.sign_public), to_hex(k.sign_secret));
    return 0;
  });
}

void PostgresStore::add_station_code(std::string_view code_hash, std::string_view kecamatan, std::string_view expires_at) {
  run([&](pqxx::transaction_base& w) {
    w.exec_params("INSERT INTO station_codes (code_hash, kecamatan, expires_at) VALUES ($1, $2, $3)", std::string(code_hash),
                  std::string(kecamatan), std::string(expires_at));
    return 0;
  });
}

std::optional<std::string> PostgresStore::take_station_code(std::string_view code_hash, std::string_view station_id,
                                                            std::string_view now) {
  return run([&](pqxx::transaction_base& w) -> std::optional<std::string> {
    auto res = w.exec_params(
        "UPDATE station_codes SET used_by = $2 WHERE code_hash = $1 AND used_by IS NULL AND expires_at > $3"
        " RETURNING kecamatan",
        std::string(code_hash), std::string(station_id), std::string(now));
    if (res.empty()) return std::nullopt;
    return text(res[0][0]);
  });
}

void PostgresStore::add_station(const Station& s) {
  run([&](pqxx::transaction_base& w) {
    w.exec_params("INSERT INTO stations (id, kecamatan, name, status, created_at) VALUES ($1, $2, $3, $4, $5)", s.id,
                  s.kecamatan, s.name, s.status, s.created_at);
    return 0;
  });
}

std::optional<Station> PostgresStore::station(std::string_view id) {
  return run([&](pqxx::transaction_base& w) -> std::optional<Station> {
    auto res = w.exec_params("SELECT id, kecamatan, name, status, created_at FROM stations WHERE id = $1", std::string(id));
    if (res.empty()) return std::nullopt;
    return read_station(res[0]);
  });
}

std::vector<Station> PostgresStore::stations() {
  return run([&](pqxx::transaction_base& w) {
    std::vector<Station> out;
    for (const auto& r : w.exec("SELECT id, kecamatan, name, status, created_at FROM stations ORDER BY id"))
      out.push_back(read_station(r));
    return out;
  });
}

void PostgresStore::set_station_status(std::string_view id, std::string_view status) {
  run([&](pqxx::transaction_base& w) {
    w.exec_params("UPDATE stations SET status = $2 WHERE id = $1", std::string(id), std::string(status));
    return 0;
  });
}

int64_t PostgresStore::count_stations(std::string_view kecamatan) {
  return run([&](pqxx::transaction_base& w) {
    return w.exec_params("SELECT COUNT(*) FROM stations WHERE kecamatan = $1", std::string(kecamatan))[0][0].as<int64_t>();
  });
}

void PostgresStore::add_station_key(const StationKey& k) {
  run([&](pqxx::transaction_base& w) {
    w.exec_params("INSERT INTO station_keys (station_id, public_key_hex, status, created_at) VALUES ($1, $2, $3, $4)"
                  " ON CONFLICT DO NOTHING",
                  k.station_id, k.public_key_hex, k.status, k.created_at);
    return 0;
  });
}

void PostgresStore::retire_station_keys(std::string_view station_id, std::string_view except) {
  run([&](pqxx::transaction_base& w) {
    w.exec_params("UPDATE station_keys SET status = 'retired' WHERE station_id = $1 AND public_key_hex <> $2",
                  std::string(station_id), std::string(except));
    return 0;
  });
}

std::vector<StationKey> PostgresStore::station_keys(std::string_view station_id) {
  return run([&](pqxx::transaction_base& w) {
    std::vector<StationKey> out;
    for (const auto& r : w.exec_params("SELECT station_id, public_key_hex, status, created_at FROM station_keys"
                                       " WHERE station_id = $1 ORDER BY created_at",
                                       std::string(station_id)))
      out.push_back({text(r[0]), text(r[1]), text(r[2]), text(r[3])});
    return out;
  });
}

std::optional<Upload> PostgresStore::upload(std::string_view packet_id) {
  return run([&](pqxx::transaction_base& w) -> std::optional<Upload> {
    const std::string id(packet_id);
    auto res = w.exec_params("SELECT packet_id, station_id, total FROM uploads WHERE packet_id = $1", id);
    if (res.empty()) return std::nullopt;
    Upload u{text(res[0][0]), text(res[0][1]), res[0][2].as<int64_t>(), {}};
    for (const auto& r : w.exec_params("SELECT encode(data, 'hex') FROM upload_chunks WHERE packet_id = $1 ORDER BY \"offset\"", id))
      u.data += from_hex(text(r[0]));
    return u;
  });
}

int64_t PostgresStore::append_upload(std::string_view packet_id, std::string_view station_id, int64_t total,
                                     int64_t offset, std::string_view chunk) {
  return run([&](pqxx::transaction_base& w) -> int64_t {
    const std::string id(packet_id);
    w.exec_params("INSERT INTO uploads (packet_id, station_id, total, received) VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING",
                  id, std::string(station_id), total);
    // The row lock orders concurrent appends of the same packet.
    const int64_t received =
        w.exec_params("SELECT received FROM uploads WHERE packet_id = $1 FOR UPDATE", id)[0][0].as<int64_t>();
    if (received != offset || chunk.empty()) return received;
    w.exec_params("INSERT INTO upload_chunks (packet_id, \"offset\", data) VALUES ($1, $2, decode($3, 'hex'))", id, offset,
                  to_hex(chunk));
    const int64_t now_held = offset + static_cast<int64_t>(chunk.size());
    w.exec_params("UPDATE uploads SET received = $2 WHERE packet_id = $1", id, now_held);
    return now_held;
  });
}

void PostgresStore::delete_upload(std::string_view packet_id) {
  run([&](pqxx::transaction_base& w) {
    w.exec_params("DELETE FROM upload_chunks WHERE packet_id = $1", std::string(packet_id));
    w.exec_params("DELETE FROM uploads WHERE packet_id = $1", std::string(packet_id));
    return 0;
  });
}

std::optional<StoredPacket> PostgresStore::stored_packet(std::string_view packet_id) {
  return run([&](pqxx::transaction_base& w) -> std::optional<StoredPacket> {
    auto res = w.exec_params(std::string("SELECT ") + kPacketColumns + " FROM packets WHERE packet_id = $1", std::string(packet_id));
    if (res.empty()) return std::nullopt;
    return read_packet(res[0]);
  });
}

void PostgresStore::put_packet(const StoredPacket& p) {
  run([&](pqxx::transaction_base& w) {
    w.exec_params(std::string("INSERT INTO packets (") + kPacketColumns + ") VALUES ($1,$2,$3,$4,$5,$6,$7,$8)", p.packet_id,
                  p.station_id, p.sequence, p.nik, p.status, p.reason, p.received_at, p.ack);
    return 0;
  });
}

std::vector<StoredPacket> PostgresStore::packets(std::string_view status, int64_t limit) {
  return run([&](pqxx::transaction_base& w) {
    std::vector<StoredPacket> out;
    for (const auto& r : w.exec_params(std::string("SELECT ") + kPacketColumns +
                                           " FROM packets WHERE status = $1 ORDER BY received_at DESC, packet_id LIMIT $2",
                                       std::string(status), limit))
      out.push_back(read_packet(r));
    return out;
  });
}

int64_t PostgresStore::count_packets(std::string_view status) {
  return run([&](pqxx::transaction_base& w) {
    return w.exec_params("SELECT COUNT(*) FROM packets WHERE status = $1", std::string(status))[0][0].as<int64_t>();
  });
}

}  // namespace ktpel
