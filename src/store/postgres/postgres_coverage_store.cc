// PostgresStore: coverage counters, snapshots and the facts they are computed from.
#include "store/coverage_sql.h"
#include "store/postgres/postgres_store_impl.h"
#include "store/stats_sql.h"

namespace ktpel {
namespace {

using W = pqxx::transaction_base;
std::string text(const pqxx::field& f) { return f.is_null() ? std::string() : std::string(f.c_str()); }

CoverageFacts read_facts(const pqxx::row& r) {
  CoverageFacts f;
  f.nik = text(r[0]);
  f.village_code = text(r[1]);
  f.birth_date = Date::parse_iso(text(r[2])).value_or(Date{});
  f.sex = text(r[3]) == "P" ? Sex::P : Sex::L;
  f.ever_married = text(r[4]) != "BELUM KAWIN";
  f.alive = text(r[5]) == "t";
  f.has_akta = text(r[6]) == "t";
  if (!r[7].is_null()) {
    f.status = parse_ektp_status(text(r[7]));
    f.status_since = Date::parse_iso(text(r[8]).substr(0, 10)).value_or(Date{});
    f.ikd_activated = text(r[9]) == "t";
  }
  return f;
}

}  // namespace

std::optional<Date> PostgresStore::coverage_as_of() {
  auto v = setting("coverage.as_of");
  return v ? Date::parse_iso(*v) : std::nullopt;
}

void PostgresStore::set_coverage_as_of(std::optional<Date> day) { put_setting("coverage.as_of", day ? day->iso() : ""); }

std::map<std::string, CoverageCounters> PostgresStore::coverage_rows(std::string_view prefix, size_t len) {
  return run([&](W& w) {
    std::map<std::string, CoverageCounters> out;
    for (const auto& r : w.exec_params(
             "SELECT code, counters FROM coverage WHERE code >= $1 AND code < $2 AND ($3 = 0 OR length(code) = $3)",
             std::string(prefix), prefix_upper_bound(prefix), static_cast<int64_t>(len)))
      if (auto c = decode_counters(text(r[1]))) out[text(r[0])] = *c;
    return out;
  });
}

void PostgresStore::add_coverage(const std::map<std::string, CoverageCounters>& deltas) {
  run([&](W& w) {
    // Row locks (FOR UPDATE) make concurrent transactions add in turn.
    for (const auto& [code, delta] : deltas) {
      auto res = w.exec_params("SELECT counters FROM coverage WHERE code = $1 FOR UPDATE", code);
      CoverageCounters c{};
      if (!res.empty()) c = decode_counters(text(res[0][0])).value_or(CoverageCounters{});
      add_into(c, delta);
      w.exec_params(
          "INSERT INTO coverage (code, counters) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET counters = excluded.counters",
          code, encode_counters(c));
    }
    return 0;
  });
}

void PostgresStore::replace_coverage(const std::map<std::string, CoverageCounters>& rows) {
  run([&](W& w) {
    w.exec("DELETE FROM coverage");
    for (const auto& [code, c] : rows) w.exec_params("INSERT INTO coverage (code, counters) VALUES ($1, $2)", code, encode_counters(c));
    return 0;
  });
}

void PostgresStore::put_coverage_snapshot(Date day, const std::map<std::string, CoverageCounters>& rows) {
  run([&](W& w) {
    for (const auto& [code, c] : rows)
      w.exec_params(
          "INSERT INTO coverage_snapshots (code, day, counters) VALUES ($1, $2, $3)"
          " ON CONFLICT (code, day) DO UPDATE SET counters = excluded.counters",
          code, day.iso(), encode_counters(c));
    return 0;
  });
}

std::vector<std::pair<Date, CoverageCounters>> PostgresStore::coverage_series(std::string_view code, Date from) {
  return run([&](W& w) {
    std::vector<std::pair<Date, CoverageCounters>> out;
    for (const auto& r : w.exec_params("SELECT day, counters FROM coverage_snapshots WHERE code = $1 AND day >= $2 ORDER BY day",
                                       std::string(code), from.iso()))
      if (auto c = decode_counters(text(r[1]))) out.emplace_back(Date::parse_iso(text(r[0])).value_or(Date{}), *c);
    return out;
  });
}

std::optional<CoverageFacts> PostgresStore::coverage_facts(std::string_view nik) {
  return run([&](W& w) -> std::optional<CoverageFacts> {
    auto res = w.exec_params(std::string(kCoverageFactsSelect) + " WHERE r.nik = $1", std::string(nik));
    if (res.empty()) return std::nullopt;
    return read_facts(res[0]);
  });
}

void PostgresStore::scan_coverage_facts(const std::function<void(const CoverageFacts&)>& f) {
  run([&](W& w) {
    w.exec(std::string("DECLARE coverage_cursor NO SCROLL CURSOR FOR ") + kCoverageFactsSelect);
    while (true) {
      auto res = w.exec("FETCH 10000 FROM coverage_cursor");
      if (res.empty()) break;
      for (const auto& row : res) f(read_facts(row));
    }
    w.exec("CLOSE coverage_cursor");
    return 0;
  });
}

std::vector<CoverageFacts> PostgresStore::coverage_facts_born(std::span<const Date> days) {
  return run([&](W& w) {
    std::vector<CoverageFacts> out;
    std::string list;
    for (const Date& d : days) list += (list.empty() ? "" : ",") + w.quote(d.iso());
    if (list.empty()) return out;
    for (const auto& r : w.exec(std::string(kCoverageFactsSelect) + " WHERE r.birth_date IN (" + list + ")")) out.push_back(read_facts(r));
    return out;
  });
}

std::vector<CoverageFacts> PostgresStore::coverage_facts_since(Date day) {
  return run([&](W& w) {
    std::vector<CoverageFacts> out;
    for (EktpStatus st : all_ektp_statuses()) {
      if (is_terminal(st)) continue;
      for (const auto& r : w.exec_params(std::string(kCoverageFactsSelect) + " WHERE e.status = $1 AND e.since >= $2 AND e.since < $3",
                                         std::string(to_string(st)), day.iso(), day.plus_days(1).iso()))
        out.push_back(read_facts(r));
    }
    return out;
  });
}

std::optional<std::pair<std::string, Date>> PostgresStore::birth_certificate(std::string_view nik) {
  return run([&](W& w) -> std::optional<std::pair<std::string, Date>> {
    auto res = w.exec_params("SELECT number, issued_on FROM birth_certificates WHERE nik = $1", std::string(nik));
    if (res.empty()) return std::nullopt;
    return std::pair{text(res[0][0]), Date::parse_iso(text(res[0][1])).value_or(Date{})};
  });
}

void PostgresStore::do_put_birth_certificate(std::string_view nik, std::string_view number, Date issued_on) {
  run([&](W& w) {
    w.exec_params(
        "INSERT INTO birth_certificates (nik, number, issued_on) VALUES ($1, $2, $3)"
        " ON CONFLICT (nik) DO UPDATE SET number = excluded.number, issued_on = excluded.issued_on",
        std::string(nik), std::string(number), issued_on.iso());
    return 0;
  });
}

}  // namespace ktpel
