// SqlStore: fingerprint gallery rows and the adjudication queue (AbisStore).
#include <cmath>
#include <future>

#include "core/biometrics/enrolment_codec.h"
#include "core/common/parallel_for.h"
#include "store/sql/sql_store.h"
#include "store/stats_sql.h"

namespace ktpel {
namespace {

constexpr const char* kCaseColumns =
    "id, nik, other_nik, score_ppm, fingers, source, created_at, status, decided_by, decided_at, note, evidence";

AdjudicationCase read_case(const sql::Statement& s) {
  AdjudicationCase c;
  c.id = s.integer(0);
  c.nik = s.text(1), c.other_nik = s.text(2);
  c.score = static_cast<double>(s.integer(3)) / 1e6;
  c.fingers_json = s.text(4), c.source = s.text(5), c.created_at = s.text(6), c.status = s.text(7);
  c.decided_by = s.text(8), c.decided_at = s.text(9), c.note = s.text(10), c.evidence = s.text(11);
  return c;
}

std::string gallery_place(std::string_view nik, int finger) {
  return "abis_gallery.compact:" + std::string(nik) + "/" + std::to_string(finger);
}

}  // namespace

void SqlStore::put_gallery_finger(std::string_view nik, int finger, std::string_view compact) {
  const int64_t key = active_data_key();
  auto s = db_->cached("INSERT INTO abis_gallery (nik, finger, compact, data_key) VALUES (?1, ?2, ?3, ?4)"
                      " ON CONFLICT (nik, finger) DO UPDATE SET compact = excluded.compact, data_key = excluded.data_key");
  s.bind(1, nik).bind(2, int64_t{finger});
  s.bind_blob(3, seal(key, gallery_place(nik, finger), compact)).bind(4, key);
  s.queue();
}

void SqlStore::remove_gallery_person(std::string_view nik) {
  auto s = db_->cached("DELETE FROM abis_gallery WHERE nik = ?1");
  s.bind(1, nik);
  s.queue();
}

int64_t SqlStore::count_gallery_fingers() {
  auto s = db_->cached("SELECT count(*) FROM abis_gallery");
  s.step();
  return s.integer(0);
}

void SqlStore::scan_gallery(const std::function<void(const std::string&, int, const std::string&)>& f) {
  open_all_data_keys();  // afterwards data_key() only reads its map: safe from several threads
  auto s = db_->cached("SELECT nik, finger, compact, data_key IS NOT NULL FROM abis_gallery ORDER BY nik, finger");
  // The warm start of a 1M-finger gallery is mostly reading rows and opening them, so the two
  // overlap: while this thread reads a batch, the previous one is opened on every core; each
  // batch is then handed on here, in order.
  struct Row {
    std::string nik;
    int finger = 0;
    std::string bytes;
    bool sealed = false;
    bool deferred = false;  // its key is not loaded: opened on this thread, which may query it
    std::exception_ptr error;
  };
  auto open_batch = [this](std::vector<Row>& batch) {
    parallel_for(batch.size(), 0, [&](size_t i) {
      Row& r = batch[i];
      if (r.sealed) {
        const auto id = sealed_key_id(r.bytes);
        if (!id || !vault_->cached(*id)) {
          r.deferred = true;
          return;
        }
      }
      try {
        r.bytes = unseal(gallery_place(r.nik, r.finger), std::move(r.bytes), r.sealed);
      } catch (...) {
        r.error = std::current_exception();
      }
    }, 256);
  };
  auto hand_on = [&](std::vector<Row>& batch) {
    for (Row& r : batch) {
      if (r.error) std::rethrow_exception(r.error);
      if (r.deferred) r.bytes = unseal(gallery_place(r.nik, r.finger), std::move(r.bytes), r.sealed);
      f(r.nik, r.finger, r.bytes);
    }
  };
  constexpr size_t kBatch = 16384;
  std::vector<Row> reading, opened;
  std::future<void> opening;
  auto finish_opened = [&] {
    if (!opening.valid()) return;
    opening.get();
    hand_on(opened);
    opened.clear();
  };
  try {
    reading.reserve(kBatch);
    while (s.step()) {
      reading.push_back({s.text(0), static_cast<int>(s.integer(1)), s.blob(2), s.integer(3) != 0, false, nullptr});
      if (reading.size() < kBatch) continue;
      finish_opened();
      std::swap(reading, opened);
      opening = std::async(std::launch::async, [&open_batch, &opened] { open_batch(opened); });
    }
    finish_opened();
  } catch (...) {
    if (opening.valid()) opening.wait();  // never leave a worker on rows this frame owns
    throw;
  }
  open_batch(reading);
  hand_on(reading);
}

std::vector<FingerCapture> SqlStore::enrolled_fingers(std::string_view nik) {
  auto s = db_->cached(
      "SELECT fingers, packet_id, data_key IS NOT NULL FROM enrolments WHERE nik = ?1 ORDER BY captured_at DESC LIMIT 1");
  s.bind(1, nik);
  if (!s.step()) return {};
  auto f = decode_fingers(unseal("enrolments.fingers:" + s.text(1), s.blob(0), s.integer(2) != 0));
  return f ? f.value() : std::vector<FingerCapture>{};
}

int64_t SqlStore::insert_adjudication(const AdjudicationCase& c) {
  auto s = db_->cached(
      "INSERT INTO adjudications (nik, other_nik, score_ppm, fingers, source, created_at, status, evidence)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id");
  s.bind(1, c.nik).bind(2, c.other_nik).bind(3, static_cast<int64_t>(std::llround(c.score * 1e6))).bind(4, c.fingers_json);
  s.bind(5, c.source).bind(6, c.created_at).bind(7, c.status).bind(8, c.evidence);
  s.step();
  return s.integer(0);
}

std::vector<AdjudicationCase> SqlStore::adjudications(std::string_view status, int64_t limit) {
  auto s = db_->cached(std::string("SELECT ") + kCaseColumns +
                      " FROM adjudications WHERE (?1 = '' OR status = ?1) ORDER BY id LIMIT ?2");
  s.bind(1, status).bind(2, limit);
  return sql::collect(s, read_case);
}

std::optional<AdjudicationCase> SqlStore::adjudication(int64_t id) {
  auto s = db_->cached(std::string("SELECT ") + kCaseColumns + " FROM adjudications WHERE id = ?1");
  s.bind(1, id);
  return sql::first(s, read_case);
}

std::vector<AdjudicationCase> SqlStore::open_adjudications_of(std::string_view nik) {
  auto s = db_->cached(std::string("SELECT ") + kCaseColumns + " FROM adjudications WHERE nik = ?1 AND status = 'OPEN' ORDER BY id");
  s.bind(1, nik);
  return sql::collect(s, read_case);
}

bool SqlStore::decide_adjudication(int64_t id, std::string_view status, std::string_view by, std::string_view at,
                                      std::string_view note) {
  auto s = db_->cached(
      "UPDATE adjudications SET status = ?2, decided_by = ?3, decided_at = ?4, note = ?5 WHERE id = ?1 AND status = 'OPEN'");
  s.bind(1, id).bind(2, status).bind(3, by).bind(4, at).bind(5, note);
  return s.run() == 1;
}

std::vector<AdjudicationCase> SqlStore::adjudications_between(std::string_view a, std::string_view b) {
  auto s = db_->cached(std::string("SELECT ") + kCaseColumns +
                      " FROM adjudications WHERE (nik = ?1 AND other_nik = ?2) OR (nik = ?2 AND other_nik = ?1) ORDER BY id");
  s.bind(1, a).bind(2, b);
  return sql::collect(s, read_case);
}

std::vector<AdjudicationCase> SqlStore::adjudications_in_region(std::string_view source, std::string_view prefix,
                                                                   std::string_view status, int64_t limit) {
  auto s = db_->cached(std::string("SELECT ") + kCaseColumns + " FROM adjudications a WHERE source = ?1 AND (?3 = '' OR status = ?3)"
                      " AND (?2 = '' OR EXISTS (SELECT 1 FROM residents r WHERE r.nik IN (a.nik, a.other_nik)"
                      " AND r.village_code >= ?2 AND r.village_code < ?4)) ORDER BY id LIMIT ?5");
  s.bind(1, source).bind(2, prefix).bind(3, status).bind(4, prefix_upper_bound(prefix)).bind(5, limit);
  return sql::collect(s, read_case);
}

}  // namespace ktpel
