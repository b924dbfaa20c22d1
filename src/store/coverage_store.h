// CoverageStore: the coverage counters per region, their daily snapshots, and the facts of
// residents they are computed from.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/date.h"
#include "core/stats/coverage.h"
#include "core/stats/coverage_history.h"

namespace ktpel {

class CoverageStore {
 public:
  virtual ~CoverageStore() = default;
  // Coverage counters per region code (every level), valid for the day coverage_as_of();
  // nullopt = not built yet (nothing is maintained until a rebuild sets the day).
  virtual std::optional<Date> coverage_as_of() = 0;
  virtual void set_coverage_as_of(std::optional<Date> day) = 0;
  // The day a rebuild is bringing the counters to (set while it runs, or if it was cut short).
  virtual std::optional<Date> coverage_rebuilding() = 0;
  virtual void set_coverage_rebuilding(std::optional<Date> day) = 0;
  // The day writes keep the counters for: the rebuild's while one runs, else coverage_as_of().
  virtual std::optional<Date> coverage_day_for_writes() = 0;
  // The same, read with a row lock held until commit (a day roll's own transaction).
  virtual std::optional<Date> coverage_as_of_locked() = 0;
  // Rows under the prefix whose code has this length (0 = every length).
  virtual std::map<std::string, CoverageCounters> coverage_rows(std::string_view prefix, size_t code_length) = 0;
  virtual void add_coverage(const std::map<std::string, CoverageCounters>& deltas) = 0;
  // Replaces the rows under `prefix` ("" = all) whose code length is within [min_length,
  // max_length] by `rows`.
  virtual void replace_coverage(std::string_view prefix, size_t min_length, size_t max_length,
                                const std::map<std::string, CoverageCounters>& rows) = 0;
  // Rows of one code length with a row lock each, held until commit (a rebuild's last step).
  virtual std::map<std::string, CoverageCounters> lock_coverage_rows(size_t code_length) = 0;
  virtual void put_coverage_snapshot(Date day, const std::map<std::string, CoverageCounters>& rows) = 0;
  virtual std::vector<std::pair<Date, CoverageCounters>> coverage_series(std::string_view code, Date from) = 0;
  // What the counters need of residents: one, all (a rebuild), or those born on given days or
  // whose e-KTP record last moved on a day (a day roll).
  virtual std::optional<CoverageFacts> coverage_facts(std::string_view nik) = 0;
  virtual void scan_coverage_facts(std::string_view region_prefix, const std::function<void(const CoverageFacts&)>& f) = 0;
  virtual std::vector<CoverageFacts> coverage_facts_born(std::span<const Date> days) = 0;
  virtual std::vector<CoverageFacts> coverage_facts_since(Date day) = 0;
  // Residents under a prefix with their dated history (a monthly report's earlier day), by NIK.
  virtual void scan_coverage_history(std::string_view region_prefix, const std::function<void(const CoverageHistory&)>& f) = 0;
  // Every suket of residents under a prefix, with its dates.
  virtual void scan_suket_spans(std::string_view region_prefix, const std::function<void(const SuketSpan&)>& f) = 0;
};

}  // namespace ktpel
