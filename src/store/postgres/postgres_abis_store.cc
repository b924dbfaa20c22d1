// PostgresStore: fingerprint gallery rows and the adjudication queue (AbisStore).
#include <array>
#include <cmath>

#include "core/biometrics/enrolment_codec.h"
#include "crypto/envelope.h"
#include "store/postgres/postgres_store_impl.h"
#include "store/stats_sql.h"

namespace ktpel {
namespace {

using W = pqxx::transaction_base;
std::string text(const pqxx::field& f) { return f.is_null() ? std::string() : std::string(f.c_str()); }
std::string str(std::string_view v) { return std::string(v); }

constexpr const char* kCaseColumns =
    "id, nik, other_nik, score_ppm, fingers, source, created_at, status, decided_by, decided_at, note, evidence";

AdjudicationCase read_case(const pqxx::row& r) {
  AdjudicationCase c;
  c.id = r[0].as<int64_t>();
  c.nik = text(r[1]), c.other_nik = text(r[2]);
  c.score = static_cast<double>(r[3].as<int64_t>()) / 1e6;
  c.fingers_json = text(r[4]), c.source = text(r[5]), c.created_at = text(r[6]), c.status = text(r[7]);
  c.decided_by = text(r[8]), c.decided_at = text(r[9]), c.note = text(r[10]), c.evidence = text(r[11]);
  return c;
}

}  // namespace

void PostgresStore::put_gallery_finger(std::string_view nik, int finger, std::string_view compact) {
  run([&](W& w) {
    w.exec_params("INSERT INTO abis_gallery (nik, finger, compact) VALUES ($1, $2, decode($3, 'hex'))"
                  " ON CONFLICT (nik, finger) DO UPDATE SET compact = excluded.compact",
                  str(nik), finger, to_hex(compact));
    return 0;
  });
}

void PostgresStore::remove_gallery_person(std::string_view nik) {
  run([&](W& w) {
    w.exec_params("DELETE FROM abis_gallery WHERE nik = $1", str(nik));
    return 0;
  });
}

int64_t PostgresStore::count_gallery_fingers() {
  return run([&](W& w) { return w.exec("SELECT count(*) FROM abis_gallery")[0][0].as<int64_t>(); });
}

void PostgresStore::scan_gallery(const std::function<void(const std::string&, int, const std::string&)>& f) {
  // bytea arrives as "\\x" + hex; decoded straight from the result into one reused buffer (the
  // warm start reads a million rows: no per-row allocation, no server-side encode()).
  static const auto nibble = [] {
    std::array<int8_t, 256> t{};
    t.fill(-1);
    for (int c = 0; c < 10; ++c) t['0' + c] = static_cast<int8_t>(c);
    for (int c = 0; c < 6; ++c) t['a' + c] = t['A' + c] = static_cast<int8_t>(10 + c);
    return t;
  }();
  run([&](W& w) {
    w.exec("DECLARE gallery_cursor NO SCROLL CURSOR FOR SELECT nik, finger, compact FROM abis_gallery");  // heap order: no sort needed
    std::string nik, bytes;
    while (true) {
      auto res = w.exec("FETCH 50000 FROM gallery_cursor");
      if (res.empty()) break;
      for (const auto& row : res) {
        const char* hex = row[2].c_str();
        const size_t len = row[2].size();
        bytes.clear();
        if (len >= 2 && hex[0] == '\\' && hex[1] == 'x')
          for (size_t i = 2; i + 1 < len; i += 2)
            bytes.push_back(static_cast<char>(nibble[static_cast<uint8_t>(hex[i])] << 4 | nibble[static_cast<uint8_t>(hex[i + 1])]));
        nik.assign(row[0].c_str(), row[0].size());
        f(nik, row[1].as<int>(), bytes);
      }
    }
    w.exec("CLOSE gallery_cursor");
    return 0;
  });
}

std::vector<FingerCapture> PostgresStore::enrolled_fingers(std::string_view nik) {
  return run([&](W& w) -> std::vector<FingerCapture> {
    auto res = w.exec_params("SELECT encode(fingers, 'hex') FROM enrolments WHERE nik = $1 ORDER BY captured_at DESC LIMIT 1", str(nik));
    if (res.empty()) return {};
    auto f = decode_fingers(from_hex(text(res[0][0])));
    return f ? f.value() : std::vector<FingerCapture>{};
  });
}

int64_t PostgresStore::insert_adjudication(const AdjudicationCase& c) {
  return run([&](W& w) {
    return w.exec_params("INSERT INTO adjudications (nik, other_nik, score_ppm, fingers, source, created_at, status, evidence)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                         c.nik, c.other_nik, static_cast<int64_t>(std::llround(c.score * 1e6)), c.fingers_json, c.source,
                         c.created_at, c.status, c.evidence)[0][0]
        .as<int64_t>();
  });
}

std::vector<AdjudicationCase> PostgresStore::adjudications(std::string_view status, int64_t limit) {
  return run([&](W& w) {
    std::vector<AdjudicationCase> out;
    for (const auto& r : w.exec_params(std::string("SELECT ") + kCaseColumns +
                                           " FROM adjudications WHERE ($1 = '' OR status = $1) ORDER BY id LIMIT $2",
                                       str(status), limit))
      out.push_back(read_case(r));
    return out;
  });
}

std::optional<AdjudicationCase> PostgresStore::adjudication(int64_t id) {
  return run([&](W& w) -> std::optional<AdjudicationCase> {
    auto res = w.exec_params(std::string("SELECT ") + kCaseColumns + " FROM adjudications WHERE id = $1 FOR UPDATE", id);
    if (res.empty()) return std::nullopt;
    return read_case(res[0]);
  });
}

std::vector<AdjudicationCase> PostgresStore::open_adjudications_of(std::string_view nik) {
  return run([&](W& w) {
    std::vector<AdjudicationCase> out;
    for (const auto& r : w.exec_params(std::string("SELECT ") + kCaseColumns +
                                           " FROM adjudications WHERE nik = $1 AND status = 'OPEN' ORDER BY id",
                                       str(nik)))
      out.push_back(read_case(r));
    return out;
  });
}

void PostgresStore::decide_adjudication(int64_t id, std::string_view status, std::string_view by, std::string_view at,
                                        std::string_view note) {
  run([&](W& w) {
    w.exec_params("UPDATE adjudications SET status = $2, decided_by = $3, decided_at = $4, note = $5 WHERE id = $1", id,
                  str(status), str(by), str(at), str(note));
    return 0;
  });
}

std::vector<AdjudicationCase> PostgresStore::adjudications_between(std::string_view a, std::string_view b) {
  return run([&](W& w) {
    std::vector<AdjudicationCase> out;
    for (const auto& r : w.exec_params(std::string("SELECT ") + kCaseColumns +
                                           " FROM adjudications WHERE (nik = $1 AND other_nik = $2) OR (nik = $2 AND other_nik = $1)"
                                           " ORDER BY id",
                                       str(a), str(b)))
      out.push_back(read_case(r));
    return out;
  });
}

std::vector<AdjudicationCase> PostgresStore::adjudications_in_region(std::string_view source, std::string_view prefix,
                                                                     std::string_view status, int64_t limit) {
  return run([&](W& w) {
    std::vector<AdjudicationCase> out;
    for (const auto& r : w.exec_params(
             std::string("SELECT ") + kCaseColumns + " FROM adjudications a WHERE source = $1 AND ($3 = '' OR status = $3)"
             " AND ($2 = '' OR EXISTS (SELECT 1 FROM residents r WHERE r.nik IN (a.nik, a.other_nik)"
             " AND r.village_code >= $2 AND r.village_code < $4)) ORDER BY id LIMIT $5",
             str(source), str(prefix), str(status), prefix_upper_bound(prefix), limit))
      out.push_back(read_case(r));
    return out;
  });
}

}  // namespace ktpel
