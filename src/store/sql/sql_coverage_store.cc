// SqlStore: coverage counters, snapshots and the facts they are computed from.
#include <algorithm>

#include "store/sql/sql_store.h"
#include "store/stats_sql.h"

namespace ktpel {
namespace {

// What the counters need of residents; read by read_facts().
constexpr const char* kCoverageFactsSelect =
    "SELECT r.nik, r.village_code, r.birth_date, r.sex, r.marital_status, r.alive, b.nik IS NOT NULL, e.status, e.since,"
    " e.ikd_activated FROM residents r LEFT JOIN ektp_records e ON e.nik = r.nik LEFT JOIN birth_certificates b ON b.nik = r.nik";

CoverageFacts read_facts(const sql::Statement& s) {
  const bool recorded = !s.is_null(7);
  return {s.text(0), s.text(1), Date::parse_iso(s.text(2)).value_or(Date{}), s.text(3) == "P" ? Sex::P : Sex::L,
          s.text(4) != "BELUM KAWIN", s.integer(5) != 0, s.integer(6) != 0,
          recorded ? parse_ektp_status(s.text(7)) : std::nullopt,
          recorded ? Date::parse_iso(s.text(8).substr(0, 10)).value_or(Date{}) : Date{}, recorded && s.integer(9) != 0};
}

}  // namespace

std::optional<Date> SqlStore::coverage_as_of() {
  auto v = setting("coverage.as_of");
  return v ? Date::parse_iso(*v) : std::nullopt;
}

void SqlStore::set_coverage_as_of(std::optional<Date> day) { put_setting("coverage.as_of", day ? day->iso() : ""); }

std::optional<Date> SqlStore::coverage_rebuilding() {
  auto v = setting("coverage.rebuilding");
  return v ? Date::parse_iso(*v) : std::nullopt;
}

void SqlStore::set_coverage_rebuilding(std::optional<Date> day) { put_setting("coverage.rebuilding", day ? day->iso() : ""); }

std::optional<Date> SqlStore::coverage_day_for_writes() {  // one read at the start of every write transaction
  auto s = db_->cached("SELECT key, value FROM settings WHERE key IN ('coverage.as_of', 'coverage.rebuilding') ORDER BY key DESC");
  while (s.step())
    if (auto day = Date::parse_iso(s.text(1))) return day;  // 'coverage.rebuilding' sorts first
  return std::nullopt;
}

std::optional<Date> SqlStore::coverage_as_of_locked() {
  auto s = db_->cached("SELECT value FROM settings WHERE key = 'coverage.as_of'{for_update}");
  if (!s.step()) return std::nullopt;
  return Date::parse_iso(s.text(0));
}

std::map<std::string, CoverageCounters> SqlStore::coverage_rows(std::string_view prefix, size_t len) {
  auto s = db_->cached("SELECT code, counters FROM coverage WHERE code >= ?1 AND code < ?2 AND (?3 = 0 OR length(code) = ?3)");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix)).bind(3, static_cast<int64_t>(len));
  std::map<std::string, CoverageCounters> out;
  while (s.step())
    if (auto c = decode_counters(s.text(1))) out[s.text(0)] = *c;
  return out;
}

void SqlStore::add_coverage(const std::map<std::string, CoverageCounters>& deltas) {
  // Read-modify-write under a row lock: the row is made to exist first, so a concurrent writer of
  // the same region waits on the lock instead of both inserting (a lost update). Codes in map
  // order, so two writers lock rows in the same order and cannot deadlock.
  auto make = db_->cached("INSERT INTO coverage (code, counters) VALUES (?1, '') ON CONFLICT (code) DO NOTHING");
  auto get = db_->cached("SELECT counters FROM coverage WHERE code = ?1{for_update}");
  auto put = db_->cached("UPDATE coverage SET counters = ?2 WHERE code = ?1");
  for (const auto& [code, delta] : deltas) {
    make.bind(1, code);
    make.queue();
    get.bind(1, code);
    CoverageCounters c{};
    if (get.step()) c = decode_counters(get.text(0)).value_or(CoverageCounters{});
    get.reset();
    add_into(c, delta);
    put.bind(1, code).bind(2, encode_counters(c));
    put.queue();
  }
}

void SqlStore::replace_coverage(std::string_view prefix, size_t min_length, size_t max_length,
                                const std::map<std::string, CoverageCounters>& rows) {
  auto del = db_->cached("DELETE FROM coverage WHERE code >= ?1 AND code < ?2 AND length(code) BETWEEN ?3 AND ?4");
  del.bind(1, prefix).bind(2, prefix_upper_bound(prefix)).bind(3, static_cast<int64_t>(min_length));
  del.bind(4, static_cast<int64_t>(max_length));
  del.queue();
  auto put = db_->cached("INSERT INTO coverage (code, counters) VALUES (?1, ?2)");
  for (const auto& [code, c] : rows) {
    put.bind(1, code).bind(2, encode_counters(c));
    put.queue();
  }
}

std::map<std::string, CoverageCounters> SqlStore::lock_coverage_rows(size_t code_length) {
  auto s = db_->cached("SELECT code, counters FROM coverage WHERE length(code) = ?1 ORDER BY code{for_update}");
  s.bind(1, static_cast<int64_t>(code_length));
  std::map<std::string, CoverageCounters> out;
  while (s.step())
    if (auto c = decode_counters(s.text(1))) out[s.text(0)] = *c;
  return out;
}

void SqlStore::put_coverage_snapshot(Date day, const std::map<std::string, CoverageCounters>& rows) {
  auto put = db_->cached(
      "INSERT INTO coverage_snapshots (code, day, counters) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (code, day) DO UPDATE SET counters = excluded.counters");
  for (const auto& [code, c] : rows) {
    put.bind(1, code).bind(2, day.iso()).bind(3, encode_counters(c));
    put.queue();
    put.reset();
  }
}

std::vector<std::pair<Date, CoverageCounters>> SqlStore::coverage_series(std::string_view code, Date from) {
  auto s = db_->cached("SELECT day, counters FROM coverage_snapshots WHERE code = ?1 AND day >= ?2 ORDER BY day");
  s.bind(1, code).bind(2, from.iso());
  std::vector<std::pair<Date, CoverageCounters>> out;
  while (s.step())
    if (auto c = decode_counters(s.text(1))) out.emplace_back(Date::parse_iso(s.text(0)).value_or(Date{}), *c);
  return out;
}

// One row per transition (or one without), ordered by NIK and transition id: a resident's rows
// are consecutive and become one CoverageHistory.
void SqlStore::scan_coverage_history(std::string_view prefix, const std::function<void(const CoverageHistory&)>& f) {
  constexpr const char* kHistorySelect =
      "SELECT r.nik, r.village_code, r.birth_date, r.sex, r.marital_status, r.alive, b.nik IS NOT NULL, e.status, e.since,"
      " e.ikd_activated, {text:r.death_date}, b.issued_on, t.to_status, t.at FROM residents r"
      " LEFT JOIN ektp_records e ON e.nik = r.nik LEFT JOIN birth_certificates b ON b.nik = r.nik"
      " LEFT JOIN ektp_transitions t ON t.nik = r.nik"
      " WHERE r.village_code >= ?1 AND r.village_code < ?2 ORDER BY r.nik, t.id";
  auto s = db_->cached(kHistorySelect);
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix));
  std::optional<CoverageHistory> h;
  auto date_of = [](const std::string& text) { return Date::parse_iso(text.substr(0, std::min<size_t>(10, text.size()))); };
  while (s.step()) {
    if (!h || h->now.nik != s.text(0)) {
      if (h) f(*h);
      h.emplace();
      h->now = read_facts(*s);
      if (!s.is_null(10)) h->death_date = date_of(s.text(10));
      if (!s.is_null(11)) h->akta_issued = date_of(s.text(11));
    }
    if (s.is_null(12)) continue;
    auto status = parse_ektp_status(s.text(12));
    auto on = date_of(s.text(13));
    if (status && on) h->transitions.emplace_back(*on, *status);
  }
  if (h) f(*h);
}

void SqlStore::scan_suket_spans(std::string_view prefix, const std::function<void(const SuketSpan&)>& f) {
  auto s = db_->cached(
      "SELECT r.village_code, k.issued_on, k.expires_on, k.closed_at FROM sukets k JOIN residents r ON r.nik = k.nik"
      " WHERE r.village_code >= ?1 AND r.village_code < ?2");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix));
  while (s.step()) {
    SuketSpan span{s.text(0), Date::parse_iso(s.text(1).substr(0, 10)).value_or(Date{}),
                   Date::parse_iso(s.text(2).substr(0, 10)).value_or(Date{}), std::nullopt};
    if (const std::string closed = s.text(3); !closed.empty()) span.closed_on = Date::parse_iso(closed.substr(0, 10));
    f(span);
  }
}

std::optional<CoverageFacts> SqlStore::coverage_facts(std::string_view nik) {
  auto s = db_->cached(std::string(kCoverageFactsSelect) + " WHERE r.nik = ?1");
  s.bind(1, nik);
  return sql::first(s, read_facts);
}

void SqlStore::scan_coverage_facts(std::string_view prefix, const std::function<void(const CoverageFacts&)>& f) {
  auto s = db_->cached(std::string(kCoverageFactsSelect) + " WHERE r.village_code >= ?1 AND r.village_code < ?2");
  s.bind(1, prefix).bind(2, prefix_upper_bound(prefix));
  while (s.step()) f(read_facts(*s));
}

std::vector<CoverageFacts> SqlStore::coverage_facts_born(std::span<const Date> days) {
  auto s = db_->cached(std::string(kCoverageFactsSelect) + " WHERE r.birth_date = ?1");
  std::vector<CoverageFacts> out;
  for (const Date& d : days) {
    s.bind(1, d.iso());
    while (s.step()) out.push_back(read_facts(*s));
    s.reset();
  }
  return out;
}

std::vector<CoverageFacts> SqlStore::coverage_facts_since(Date day) {
  // One index range per status (ektp_records_status is (status, since)).
  auto s = db_->cached(std::string(kCoverageFactsSelect) + " WHERE e.status = ?1 AND e.since >= ?2 AND e.since < ?3");
  std::vector<CoverageFacts> out;
  for (EktpStatus st : all_ektp_statuses()) {
    if (is_terminal(st)) continue;
    s.bind(1, to_string(st)).bind(2, day.iso()).bind(3, day.plus_days(1).iso());
    while (s.step()) out.push_back(read_facts(*s));
    s.reset();
  }
  return out;
}

std::optional<std::pair<std::string, Date>> SqlStore::birth_certificate(std::string_view nik) {
  auto s = db_->cached("SELECT number, issued_on FROM birth_certificates WHERE nik = ?1");
  s.bind(1, nik);
  if (!s.step()) return std::nullopt;
  return std::pair{s.text(0), Date::parse_iso(s.text(1)).value_or(Date{})};
}

void SqlStore::do_put_birth_certificate(std::string_view nik, std::string_view number, Date issued_on) {
  auto s = db_->cached(
      "INSERT INTO birth_certificates (nik, number, issued_on) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (nik) DO UPDATE SET number = excluded.number, issued_on = excluded.issued_on");
  s.bind(1, nik).bind(2, number).bind(3, issued_on.iso());
  s.queue();
}

void SqlStore::set_birth_certificate_issuer(std::string_view nik, std::string_view office, std::string_view officer,
                                            std::string_view at) {
  auto s = db_->cached("UPDATE birth_certificates SET office = ?2, officer = ?3, issued_at = ?4 WHERE nik = ?1");
  s.bind(1, nik).bind(2, office).bind(3, officer).bind(4, at);
  s.queue();
}

}  // namespace ktpel
