// SqlStore: e-KTP records, history, enrolments (EktpStore).
#include <nlohmann/json.hpp>

#include "core/biometrics/enrolment_codec.h"
#include "store/sql/sql_store.h"
#include "store/stats_sql.h"

namespace ktpel {
namespace {

// Records with their resident's address, read by read_record().
constexpr const char* kRecordSelect =
    "SELECT e.nik, e.status, e.since, r.village_code, e.ikd_activated FROM ektp_records e JOIN residents r ON r.nik = e.nik"
    " WHERE ";

EktpRecord read_record(const sql::Statement& s) {
  return {s.text(0), parse_ektp_status(s.text(1)).value_or(EktpStatus::BC), s.text(2), s.text(3), s.integer(4) != 0};
}

}  // namespace

std::optional<EktpRecord> SqlStore::ektp_record(std::string_view nik) {
  auto s = db_->cached(
      "SELECT e.nik, e.status, e.since, COALESCE(r.village_code, ''), e.ikd_activated FROM ektp_records e"
      " LEFT JOIN residents r ON r.nik = e.nik WHERE e.nik = ?1");
  s.bind(1, nik);
  return sql::first(s, read_record);
}

EktpStore::RecordingState SqlStore::recording_state(std::string_view nik) {
  auto s = db_->cached(
      "SELECT e.nik, e.status, e.since, r.village_code, e.ikd_activated, r.alive FROM residents r"
      " LEFT JOIN ektp_records e ON e.nik = r.nik WHERE r.nik = ?1");
  s.bind(1, nik);
  RecordingState out;
  if (!s.step()) return out;
  out.resident = true;
  out.alive = s.integer(5) != 0;
  if (!s.is_null(0)) out.record = read_record(*s);
  return out;
}

void SqlStore::do_put_ektp_record(std::string_view nik, EktpStatus status, std::string_view since, bool ikd) {
  auto s = db_->cached(
      "INSERT INTO ektp_records (nik, status, since, ikd_activated) VALUES (?1, ?2, ?3, ?4)"
      " ON CONFLICT (nik) DO UPDATE SET status = excluded.status, since = excluded.since,"
      " ikd_activated = excluded.ikd_activated");
  s.bind(1, nik).bind(2, to_string(status)).bind(3, since).bind_bool(4, ikd);
  s.queue();
}

bool SqlStore::do_move_ektp_record(std::string_view nik, std::optional<EktpStatus> expected, EktpStatus status,
                                   std::string_view since, bool ikd, bool at_commit) {
  auto s = db_->cached(expected ? "UPDATE ektp_records SET status = ?2, since = ?3, ikd_activated = ?4 WHERE nik = ?1 AND status = ?5"
                                : "INSERT INTO ektp_records (nik, status, since, ikd_activated) VALUES (?1, ?2, ?3, ?4)"
                                  " ON CONFLICT (nik) DO NOTHING");
  s.bind(1, nik).bind(2, to_string(status)).bind(3, since).bind_bool(4, ikd);
  if (expected) s.bind(5, to_string(*expected));
  if (!at_commit) return s.run() == 1;
  checks_.push_back(s.queue());
  return true;
}

void SqlStore::add_ektp_transitions(std::span<const EktpTransition> ts) {
  auto s = db_->cached(
      "INSERT INTO ektp_transitions (nik, from_status, to_status, event, at, operator_id, station_id, reason)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  for (const auto& t : ts) {
    s.bind(1, t.nik).bind_or_null(2, t.from ? to_string(*t.from) : std::string_view());
    s.bind(3, to_string(t.to)).bind(4, t.event).bind(5, t.at).bind(6, t.operator_id).bind(7, t.station_id).bind(8, t.reason);
    s.queue();
  }
}

std::vector<EktpTransition> SqlStore::ektp_history(std::string_view nik) {
  auto s = db_->cached(
      "SELECT nik, from_status, to_status, event, at, operator_id, station_id, reason FROM ektp_transitions"
      " WHERE nik = ?1 ORDER BY id");
  s.bind(1, nik);
  return sql::collect(s, [](const sql::Statement& s) {
    return EktpTransition{s.text(0), s.is_null(1) ? std::nullopt : parse_ektp_status(s.text(1)),
                          parse_ektp_status(s.text(2)).value_or(EktpStatus::BC), s.text(3), s.text(4), s.text(5), s.text(6),
                          s.text(7)};
  });
}

std::vector<std::string> SqlStore::niks_in_status(EktpStatus status, int64_t limit) {
  auto s = db_->cached("SELECT nik FROM ektp_records WHERE status = ?1 ORDER BY since, nik LIMIT ?2");
  s.bind(1, to_string(status)).bind(2, limit);
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

std::vector<QueueCell> SqlStore::ektp_queue_cells(Level level, std::string_view prefix) {
  auto s = db_->cached("SELECT substr(r.village_code, 1, " + std::to_string(code_length(level)) +
                       "), e.status, COUNT(*) FROM ektp_records e JOIN residents r ON r.nik = e.nik"
                       " WHERE r.village_code >= ?1 AND r.village_code < ?2 GROUP BY 1, 2");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix));
  std::vector<QueueCell> out;
  while (s.step()) out.push_back({s.text(0), parse_ektp_status(s.text(1)).value_or(EktpStatus::BC), s.integer(2)});
  return out;
}

std::vector<EktpRecord> SqlStore::ektp_stuck(std::string_view prefix, std::string_view cutoff, int64_t limit) {
  auto s = db_->cached(std::string(kRecordSelect) +
                       "e.status NOT IN ('DELIVERED', 'CANCELLED') AND e.since <= ?3 AND r.village_code >= ?1"
                       " AND r.village_code < ?2 ORDER BY e.since, e.nik LIMIT ?4");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix)).bind(3, cutoff).bind(4, limit);
  return sql::collect(s, read_record);
}

std::vector<QueueCell> SqlStore::ektp_stuck_cells(std::string_view prefix, std::string_view cutoff) {
  auto s = db_->cached("SELECT e.status, COUNT(*) FROM ektp_records e JOIN residents r ON r.nik = e.nik"
                       " WHERE e.status NOT IN ('DELIVERED', 'CANCELLED') AND e.since <= ?3 AND r.village_code >= ?1"
                       " AND r.village_code < ?2 GROUP BY e.status");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix)).bind(3, cutoff);
  std::vector<QueueCell> out;
  while (s.step()) out.push_back({std::string(prefix), parse_ektp_status(s.text(0)).value_or(EktpStatus::BC), s.integer(1)});
  return out;
}

std::vector<TransitionMonthCell> SqlStore::ektp_transition_months(std::string_view prefix, std::string_view from) {
  auto s = db_->cached("SELECT substr(t.at, 1, 7), t.to_status, CASE WHEN t.from_status IS NULL THEN 1 ELSE 0 END, COUNT(*)"
                       " FROM ektp_transitions t JOIN residents r ON r.nik = t.nik"
                       " WHERE r.village_code >= ?1 AND r.village_code < ?2 AND t.at >= ?3 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix)).bind(3, from);
  std::vector<TransitionMonthCell> out;
  while (s.step())
    out.push_back({s.text(0), parse_ektp_status(s.text(1)).value_or(EktpStatus::BC), s.integer(2) == 1, s.integer(3)});
  return out;
}

std::vector<EktpRecord> SqlStore::ektp_records_in_status(std::string_view prefix, EktpStatus status, int64_t limit) {
  auto s = db_->cached(std::string(kRecordSelect) +
                       "e.status = ?1 AND r.village_code >= ?2 AND r.village_code < ?3 ORDER BY e.since, e.nik LIMIT ?4");
  s.bind(1, to_string(status)).bind(2, prefix).bind(3, prefix_upper_bound(prefix)).bind(4, limit);
  return sql::collect(s, read_record);
}

void SqlStore::put_enrolment(std::string_view packet_id, const Enrolment& e, std::span<const std::string> hashes,
                                std::string_view received_at) {
  nlohmann::json exceptions = nlohmann::json::array();
  for (const auto& x : e.finger_exceptions) exceptions.push_back({{"position", x.position}, {"reason", x.reason}});
  const int64_t key = active_data_key();
  const std::string id(packet_id);
  auto s = db_->cached(
      "INSERT INTO enrolments (packet_id, nik, station_id, operator_id, captured_at, received_at, photo, signature,"
      " iris_right, iris_left, photo_quality, finger_exceptions, fingers, data_key)"
      " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)");
  s.bind(1, packet_id).bind(2, e.nik).bind(3, e.station_id).bind(4, e.operator_id).bind(5, e.captured_at).bind(6, received_at);
  s.bind_blob(7, seal(key, "enrolments.photo:" + id, e.photo_jpeg));
  s.bind_blob(8, seal(key, "enrolments.signature:" + id, e.signature_png));
  s.bind_blob(9, seal(key, "enrolments.iris_right:" + id, e.iris_right));
  s.bind_blob(10, seal(key, "enrolments.iris_left:" + id, e.iris_left));
  s.bind(11, int64_t{e.photo_quality}).bind(12, exceptions.dump());
  s.bind_blob(13, seal(key, "enrolments.fingers:" + id, encode_fingers(e.fingers))).bind(14, key);
  s.queue();
  auto h = db_->cached("INSERT INTO template_hashes (hash, nik) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
  for (size_t i = 0; i < e.fingers.size(); ++i) {
    h.bind(1, hashes[i]).bind(2, e.nik);
    h.queue();
    h.reset();
  }
}

std::vector<std::string> SqlStore::template_hashes_of(std::string_view nik) {
  auto s = db_->cached("SELECT hash FROM template_hashes WHERE nik = ?1 ORDER BY hash");
  s.bind(1, nik);
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

std::vector<TemplateHit> SqlStore::template_hash_hits(std::span<const std::string> hashes, std::string_view exclude) {
  auto s = db_->cached("SELECT nik, hash FROM template_hashes WHERE hash = ?1 AND nik <> ?2");
  std::vector<TemplateHit> out;
  for (const auto& hash : hashes) {
    s.bind(1, hash).bind(2, exclude);
    while (s.step()) out.push_back({s.text(0), s.text(1)});
    s.reset();
  }
  return out;
}

}  // namespace ktpel
