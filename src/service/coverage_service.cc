#include "service/coverage_service.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include "core/common/messages.h"
#include "core/wilayah/catalog.h"
#include "store/stats_sql.h"

namespace ktpel {
namespace {

constexpr int kRebuildAfterDays = 60;

double pct(int64_t part, int64_t whole) { return whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0; }

void add_to_ancestors(std::map<std::string, CoverageCounters>& rows, const std::string& village, const CoverageCounters& c,
                      int64_t sign) {
  if (village.size() < 13) return;
  for (size_t len : {size_t{2}, size_t{5}, size_t{8}, size_t{13}}) add_into(rows[village.substr(0, len)], c, sign);
}

}  // namespace

// Region by region, so no writer waits for more than one kecamatan's scan (a single transaction
// over 10M residents held the write lock for 224 s). Correct while writes go on:
//  1. The day is set first as the rebuild's day: from then on every write keeps the counters for
//     it, while readers still see the previous day's counters as they were (coverage_as_of).
//  2. Each kecamatan in its own transaction: its facts scanned, its own and its desa rows replaced.
//     A write committed before the scan is in it; one after it adds its delta to the new rows;
//     a write to a kecamatan not yet reached is overwritten by that kecamatan's scan, which sees it.
//  3. Regency and province rows become the sums of their kecamatan rows, under row locks that
//     every writer also takes (province first), so none slips between the read and the write;
//     the day becomes coverage_as_of in the same transaction.
// A run cut short is finished by the next rebuild or roll (coverage_rebuilding stays set).
int64_t CoverageService::rebuild(Date day, const std::function<void(size_t, size_t)>& progress) {
  {
    StoreTransaction tx(transactions_);
    coverage_.set_coverage_rebuilding(day);
    tx.commit();
  }
  std::vector<std::string> kecamatan;
  for (const Region* province : wilayah_.children(""))
    for (const Region* regency : wilayah_.children(province->code))
      for (const Region* k : wilayah_.children(regency->code)) kecamatan.push_back(k->code);
  int64_t scanned = 0;
  for (size_t i = 0; i < kecamatan.size(); ++i) {
    std::map<std::string, CoverageCounters> rows;
    StoreTransaction tx(transactions_);
    coverage_.scan_coverage_facts(kecamatan[i] + ".", [&](const CoverageFacts& f) {
      add_to_ancestors(rows, f.village_code, coverage_contribution(f, day), +1);
      ++scanned;
    });
    std::erase_if(rows, [](const auto& row) { return row.first.size() < 8; });
    coverage_.replace_coverage(kecamatan[i], 8, 13, rows);
    tx.commit();
    if (progress) progress(i + 1, kecamatan.size());
  }
  StoreTransaction tx(transactions_);
  coverage_.lock_coverage_rows(2);
  coverage_.lock_coverage_rows(5);
  std::map<std::string, CoverageCounters> upper;
  for (const auto& [code, c] : coverage_.coverage_rows("", 8)) {
    add_into(upper[code.substr(0, 2)], c);
    add_into(upper[code.substr(0, 5)], c);
  }
  coverage_.replace_coverage("", 2, 5, upper);
  coverage_.set_coverage_as_of(day);
  coverage_.set_coverage_rebuilding(std::nullopt);
  tx.commit();
  return scanned;
}

RollSummary CoverageService::roll_to(Date day) {
  RollSummary s;
  if (auto cut_short = coverage_.coverage_rebuilding(); cut_short && *cut_short <= day) {  // finish it first
    s.residents_checked = rebuild(*cut_short);
    s.rebuilt = true;
  }
  auto as_of = coverage_.coverage_as_of();
  s.from = as_of.value_or(day);
  s.to = day;
  if (!as_of || day.to_days() - as_of->to_days() > kRebuildAfterDays) {
    s.residents_checked = rebuild(day);
    s.rebuilt = true;
    return s;
  }
  for (;;) {
    // The day is re-read under a lock in the day's own transaction: a server's roll and a CLI roll
    // running at once take the days in turn and never apply one twice.
    StoreTransaction tx(transactions_);
    const auto current = coverage_.coverage_as_of_locked();
    if (!current || *current >= day) break;
    const Date d = current->plus_days(1);
    const Date prev = d.plus_days(-1);
    // The counters as they stood at the end of the previous day are its snapshot (levels down to
    // kecamatan; desa rows would multiply the table by ten for little use).
    std::map<std::string, CoverageCounters> snapshot;
    for (auto& [code, c] : coverage_.coverage_rows("", 0))
      if (code.size() <= 8) snapshot.emplace(code, c);
    coverage_.put_coverage_snapshot(prev, snapshot);
    std::map<std::string, CoverageCounters> deltas;
    std::set<std::string> seen;
    for_each_changing(d, [&](const CoverageFacts& f) {
      if (!seen.insert(f.nik).second) return;
      ++s.residents_checked;
      add_to_ancestors(deltas, f.village_code, coverage_contribution(f, d), +1);
      add_to_ancestors(deltas, f.village_code, coverage_contribution(f, prev), -1);
    });
    coverage_.add_coverage(deltas);
    coverage_.set_coverage_as_of(d);
    tx.commit();
    ++s.days;
  }
  return s;
}

void CoverageService::for_each_changing(Date day, const std::function<void(const CoverageFacts&)>& f) {
  for (const auto& facts : coverage_.coverage_facts_born(birthdays_crossing(day))) f(facts);
  const std::vector<Date> newborns{day};  // born that day: they start to count
  for (const auto& facts : coverage_.coverage_facts_born(newborns)) f(facts);
  for (const auto& facts : coverage_.coverage_facts_since(stuck_since_crossing(day))) f(facts);
}

Result<std::map<std::string, CoverageCounters>> CoverageService::rows_on(std::string_view prefix, size_t code_length, Date day,
                                                                         Date today) {
  roll_to(today);
  const Date at = coverage_.coverage_as_of().value_or(today);
  auto rows = coverage_.coverage_rows(prefix, code_length);
  if (day == at) return rows;
  // A counters' day ahead of the clock (rolled there before reads were stopped from doing it) is
  // out of range for today too: `ktpel coverage rebuild` sets it back.
  if (std::abs(day.to_days() - at.to_days()) > kOtherDayLimit)
    return make_error("COVERAGE_DAY_RANGE", "as_of",
                      {day.iso(), at.plus_days(-kOtherDayLimit).iso(), at.plus_days(kOtherDayLimit).iso(), at.iso()});
  // The day rolls between `at` and `day`, in memory: whoever may count differently on `day`.
  std::map<std::string, CoverageCounters> deltas;
  std::set<std::string> seen;
  const Date first = std::min(day, at).plus_days(1), last = std::max(day, at);
  for (Date d = first; d <= last; d = d.plus_days(1))
    for_each_changing(d, [&](const CoverageFacts& f) {
      if (!seen.insert(f.nik).second) return;
      add_to_ancestors(deltas, f.village_code, coverage_contribution(f, day), +1);
      add_to_ancestors(deltas, f.village_code, coverage_contribution(f, at), -1);
    });
  for (const auto& [code, delta] : deltas)
    if ((code_length == 0 || code.size() == code_length) && code.starts_with(prefix)) add_into(rows[code], delta);
  return rows;
}

CoverageTargets CoverageService::targets(std::optional<Level> level) {
  CoverageTargets t;
  auto get = [&](const std::string& name, double& into) {
    if (auto v = settings_.setting("target." + name)) into = std::stod(*v);
    if (level)
      if (auto v = settings_.setting("target." + name + "." + std::string(level_name(*level)))) into = std::stod(*v);
  };
  get("recording", t.recording);
  get("akta", t.akta);
  get("ikd", t.ikd);
  return t;
}

Result<CoverageTargets> CoverageService::set_target(const std::string& name, double percent, std::optional<Level> level) {
  if (name != "recording" && name != "akta" && name != "ikd")
    return make_error("SETTING_VALUE", "name", {name, "recording, akta or ikd"});
  if (!(percent >= 0 && percent <= 100)) return make_error("SETTING_VALUE", "percent", {name, "0-100"});
  settings_.put_setting("target." + name + (level ? "." + std::string(level_name(*level)) : std::string()), std::to_string(percent));
  return targets(level);
}

CoveragePace recording_pace(const std::vector<std::pair<Date, double>>& daily, double current, double target) {
  CoveragePace p;
  if (current >= target) p.days_to_target = 0;
  if (daily.size() < 2) return p;
  const auto& [first_day, first_pct] = daily.front();
  const auto& [last_day, last_pct] = daily.back();
  const auto days = last_day.to_days() - first_day.to_days();
  if (days <= 0) return p;
  p.recording_pct_per_day = (last_pct - first_pct) / static_cast<double>(days);
  if (current < target && p.recording_pct_per_day > 1e-9)
    p.days_to_target = static_cast<int64_t>(std::ceil((target - current) / p.recording_pct_per_day));
  return p;
}

CoverageRow CoverageService::row(const std::string& code, const CoverageCounters& c, const CoverageTargets& t) const {
  CoverageRow r;
  r.code = code;
  if (const Region* reg = wilayah_.find(code)) r.name = reg->name;
  else if (code.empty()) r.name = "Indonesia";
  r.counters = c;
  r.recording_pct = pct(c[kRecordedWajib], c[kWajibKtp]);
  r.akta_pct = pct(c[kChildrenWithAkta], c[kChildren]);
  r.ikd_pct = pct(c[kIkdActivated], c[kIkdEligible]);
  r.recording_gap = t.recording - r.recording_pct;
  r.akta_gap = t.akta - r.akta_pct;
  r.ikd_gap = t.ikd - r.ikd_pct;
  return r;
}

Result<CoverageReport> CoverageService::report(Level level, const std::string& code, Date day, Date today) {
  if (!code.empty()) {
    const Region* r = wilayah_.find(code);
    if (!r) return make_error("WILAYAH_NOT_FOUND", "code", {code});
    if (static_cast<int>(r->level) >= static_cast<int>(level))
      return make_error("WILAYAH_LEVEL", "level", {std::string(level_name(level))});
  }
  auto rows = rows_on(code, static_cast<size_t>(code_length(level)), day, today);
  if (!rows) return rows.error();
  CoverageReport rep;
  rep.as_of = day;
  rep.targets = targets(level);
  CoverageCounters total{};
  for (const auto& [c, counters] : *rows) {
    rep.rows.push_back(row(c, counters, rep.targets));
    add_into(total, counters);
  }
  // The region's own row is the sum of its children (equal to its stored row by construction).
  rep.total = row(code, total, rep.targets);
  std::vector<CoverageRow*> order;
  for (auto& r : rep.rows) order.push_back(&r);
  std::stable_sort(order.begin(), order.end(), [](const CoverageRow* a, const CoverageRow* b) { return a->recording_pct < b->recording_pct; });
  for (size_t i = 0; i < order.size(); ++i) order[i]->recording_rank = static_cast<int>(i + 1);
  return rep;
}

Result<CoverageTrend> CoverageService::trend(const std::string& code, Date day, Date today, int days) {
  if (!code.empty() && !wilayah_.find(code)) return make_error("WILAYAH_NOT_FOUND", "code", {code});
  // The day's row: the counters of the code (the national row is the sum of provinces).
  auto rows = rows_on(code, code.empty() ? 2 : code.size(), day, today);
  if (!rows) return rows.error();
  auto snapshots = series(code, day.plus_days(-days));  // after the roll: its snapshots too
  if (!snapshots) return snapshots.error();
  std::erase_if(snapshots.value(), [&](const auto& s) { return s.first > day; });
  const Level level = code.empty() ? Level::Provinsi : level_of_code(code).value_or(Level::Provinsi);
  const CoverageTargets t = targets(level);
  CoverageCounters now{};
  for (const auto& [c, counters] : *rows) add_into(now, counters);
  CoverageTrend out{std::move(snapshots).value(), row(code, now, t), {}};
  std::vector<std::pair<Date, double>> daily;
  for (const auto& [d, r] : out.days) daily.emplace_back(d, r.recording_pct);
  out.pace = recording_pace(daily, out.today.recording_pct, t.recording);
  return out;
}

Result<std::vector<std::pair<Date, CoverageRow>>> CoverageService::series(const std::string& code, Date from) {
  if (!code.empty() && !wilayah_.find(code)) return make_error("WILAYAH_NOT_FOUND", "code", {code});
  const auto t = targets();
  std::vector<std::pair<Date, CoverageRow>> out;
  for (const auto& [day, c] : coverage_.coverage_series(code, from)) out.emplace_back(day, row(code, c, t));
  return out;
}

}  // namespace ktpel
