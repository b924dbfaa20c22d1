// PostgresStore: e-KTP records, history, enrolments (EktpStore).
#include <nlohmann/json.hpp>

#include "core/biometrics/enrolment_codec.h"
#include "crypto/envelope.h"
#include "store/postgres/postgres_store_impl.h"
#include "store/stats_sql.h"

namespace ktpel {
namespace {

std::string text(const pqxx::field& f) { return f.is_null() ? std::string() : std::string(f.c_str()); }
EktpRecord read_record(const pqxx::row& r) {
  return {text(r[0]), parse_ektp_status(text(r[1])).value_or(EktpStatus::BC), text(r[2]), text(r[3]), text(r[4]) == "t"};
}

}  // namespace

std::optional<EktpRecord> PostgresStore::ektp_record(std::string_view nik) {
  return run([&](pqxx::transaction_base& w) -> std::optional<EktpRecord> {
    auto res = w.exec_params(
        "SELECT e.nik, e.status, e.since, COALESCE(r.village_code, ''), e.ikd_activated FROM ektp_records e"
        " LEFT JOIN residents r ON r.nik = e.nik WHERE e.nik = $1",
        std::string(nik));
    if (res.empty()) return std::nullopt;
    return read_record(res[0]);
  });
}

void PostgresStore::do_put_ektp_record(std::string_view nik, EktpStatus status, std::string_view since, bool ikd) {
  run([&](pqxx::transaction_base& w) {
    w.exec_params(
        "INSERT INTO ektp_records (nik, status, since, ikd_activated) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT (nik) DO UPDATE SET status = excluded.status, since = excluded.since,"
        " ikd_activated = excluded.ikd_activated",
        std::string(nik), std::string(to_string(status)), std::string(since), ikd);
    return 0;
  });
}

void PostgresStore::add_ektp_transitions(std::span<const EktpTransition> ts) {
  if (ts.empty()) return;
  run([&](pqxx::transaction_base& w) {
    constexpr size_t kBatch = 1000;
    for (size_t start = 0; start < ts.size(); start += kBatch) {
      std::string sql =
          "INSERT INTO ektp_transitions (nik, from_status, to_status, event, at, operator_id, station_id, reason) VALUES ";
      for (size_t i = start; i < std::min(ts.size(), start + kBatch); ++i) {
        const auto& t = ts[i];
        if (i > start) sql += ',';
        sql += "(" + w.quote(t.nik) + "," + (t.from ? w.quote(std::string(to_string(*t.from))) : std::string("NULL")) + "," +
               w.quote(std::string(to_string(t.to))) + "," + w.quote(t.event) + "," + w.quote(t.at) + "," +
               w.quote(t.operator_id) + "," + w.quote(t.station_id) + "," + w.quote(t.reason) + ")";
      }
      w.exec(sql);
    }
    return 0;
  });
}

std::vector<EktpTransition> PostgresStore::ektp_history(std::string_view nik) {
  return run([&](pqxx::transaction_base& w) {
    std::vector<EktpTransition> out;
    for (const auto& r : w.exec_params("SELECT nik, from_status, to_status, event, at, operator_id, station_id, reason"
                                       " FROM ektp_transitions WHERE nik = $1 ORDER BY id",
                                       std::string(nik))) {
      EktpTransition t;
      t.nik = text(r[0]);
      if (!r[1].is_null()) t.from = parse_ektp_status(text(r[1]));
      t.to = parse_ektp_status(text(r[2])).value_or(EktpStatus::BC);
      t.event = text(r[3]);
      t.at = text(r[4]);
      t.operator_id = text(r[5]);
      t.station_id = text(r[6]);
      t.reason = text(r[7]);
      out.push_back(std::move(t));
    }
    return out;
  });
}

std::vector<std::string> PostgresStore::niks_in_status(EktpStatus status, int64_t limit) {
  return run([&](pqxx::transaction_base& w) {
    std::vector<std::string> out;
    for (const auto& r : w.exec_params("SELECT nik FROM ektp_records WHERE status = $1 ORDER BY since, nik LIMIT $2",
                                       std::string(to_string(status)), limit))
      out.push_back(text(r[0]));
    return out;
  });
}

std::vector<QueueCell> PostgresStore::ektp_queue_cells(Level level, std::string_view prefix) {
  return run([&](pqxx::transaction_base& w) {
    std::vector<QueueCell> out;
    for (const auto& r : w.exec_params("SELECT substr(r.village_code, 1, " + std::to_string(code_length(level)) +
                                           "), e.status, COUNT(*) FROM ektp_records e JOIN residents r ON r.nik = e.nik"
                                           " WHERE r.village_code >= $1 AND r.village_code < $2 GROUP BY 1, 2",
                                       std::string(prefix), prefix_upper_bound(prefix)))
      out.push_back({text(r[0]), parse_ektp_status(text(r[1])).value_or(EktpStatus::BC), r[2].as<int64_t>()});
    return out;
  });
}

std::vector<EktpRecord> PostgresStore::ektp_stuck(std::string_view prefix, std::string_view cutoff, int64_t limit) {
  return run([&](pqxx::transaction_base& w) {
    std::vector<EktpRecord> out;
    for (const auto& r : w.exec_params(
             "SELECT e.nik, e.status, e.since, r.village_code, e.ikd_activated FROM ektp_records e"
             " JOIN residents r ON r.nik = e.nik WHERE e.status NOT IN ('DELIVERED', 'CANCELLED') AND e.since <= $3"
             " AND r.village_code >= $1 AND r.village_code < $2 ORDER BY e.since, e.nik LIMIT $4",
             std::string(prefix), prefix_upper_bound(prefix), std::string(cutoff), limit))
      out.push_back(read_record(r));
    return out;
  });
}

void PostgresStore::put_enrolment(std::string_view packet_id, const Enrolment& e, std::span<const std::string> hashes,
                                  std::string_view received_at) {
  run([&](pqxx::transaction_base& w) {
    nlohmann::json exceptions = nlohmann::json::array();
    for (const auto& x : e.finger_exceptions) exceptions.push_back({{"position", x.position}, {"reason", x.reason}});
    const std::string id(packet_id);
    w.exec_params(
        "INSERT INTO enrolments (packet_id, nik, station_id, operator_id, captured_at, received_at, photo, signature,"
        " iris_right, iris_left, photo_quality, finger_exceptions, fingers) VALUES ($1,$2,$3,$4,$5,$6,decode($7,'hex'),"
        " decode($8,'hex'),decode($9,'hex'),decode($10,'hex'),$11,$12,decode($13,'hex'))",
        id, e.nik, e.station_id, e.operator_id, e.captured_at, std::string(received_at), to_hex(e.photo_jpeg),
        to_hex(e.signature_png), to_hex(e.iris_right), to_hex(e.iris_left), e.photo_quality, exceptions.dump(),
        to_hex(encode_fingers(e.fingers)));
    if (e.fingers.empty()) return 0;
    std::string hash_rows = "INSERT INTO template_hashes (hash, nik) VALUES ";
    for (size_t i = 0; i < e.fingers.size(); ++i)
      hash_rows += (i ? "," : "") + std::string("(") + w.quote(hashes[i]) + "," + w.quote(e.nik) + ")";
    w.exec(hash_rows + " ON CONFLICT DO NOTHING");
    return 0;
  });
}

std::vector<std::string> PostgresStore::template_hashes_of(std::string_view nik) {
  return run([&](pqxx::transaction_base& w) {
    std::vector<std::string> out;
    for (const auto& r : w.exec_params("SELECT hash FROM template_hashes WHERE nik = $1 ORDER BY hash", std::string(nik)))
      out.push_back(text(r[0]));
    return out;
  });
}

std::vector<TemplateHit> PostgresStore::template_hash_hits(std::span<const std::string> hashes, std::string_view exclude) {
  return run([&](pqxx::transaction_base& w) {
    std::vector<TemplateHit> out;
    if (hashes.empty()) return out;
    std::string in;
    for (const auto& h : hashes) in += (in.empty() ? "" : ",") + w.quote(h);
    for (const auto& r : w.exec("SELECT nik, hash FROM template_hashes WHERE hash IN (" + in + ") AND nik <> " +
                                w.quote(std::string(exclude))))
      out.push_back({text(r[0]), text(r[1])});
    return out;
  });
}

}  // namespace ktpel
