// Coverage monitoring (issue [4]): counters per wilayah kept by the store, rolled forward a day
// at a time (only residents whose birthday crosses an age threshold and records that become
// stuck are looked at), rebuilt from scratch on demand, and read per level with targets, gaps
// and ranks. Nothing here scans the registry per request.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "core/stats/coverage.h"
#include "store/store_view.h"

namespace ktpel {

class WilayahCatalog;

struct CoverageTargets {  // percent; defaults are national targets (configurable, settings)
  double recording = 99.0;   // recorded / wajib KTP
  double akta = 77.5;        // children 0-17 with a birth certificate (RPJMN 2015-2019, 2016 target)
  double ikd = 25.0;         // IKD activated / recorded
};

struct CoverageRow {
  std::string code, name;
  CoverageCounters counters{};
  double recording_pct = 0, akta_pct = 0, ikd_pct = 0;
  double recording_gap = 0, akta_gap = 0, ikd_gap = 0;  // target - actual, percentage points (≤ 0: met)
  int recording_rank = 0;  // 1 = lowest recording % among the rows (who needs help first)
};

struct CoverageReport {
  Date as_of;
  std::vector<CoverageRow> rows;  // children of the region at the level asked, by code
  CoverageRow total;              // the region itself
  CoverageTargets targets;
};

// The pace of recording over the snapshots and the days to reach the target at that pace.
struct CoveragePace {
  double recording_pct_per_day = 0;  // over the window (0 with fewer than two snapshots)
  std::optional<int64_t> days_to_target;  // 0 = met; nullopt = not at this pace (flat or falling)
};
CoveragePace recording_pace(const std::vector<std::pair<Date, double>>& daily_pct, double current_pct, double target_pct);

struct CoverageTrend {
  std::vector<std::pair<Date, CoverageRow>> days;  // daily snapshots in the window
  CoverageRow today;
  CoveragePace pace;  // of recording, toward its target
};

struct RollSummary {
  Date from, to;
  int64_t days = 0, residents_checked = 0;
  bool rebuilt = false;
};

class CoverageService {
 public:
  CoverageService(StoreView<CoverageStore, SettingsStore> store, const WilayahCatalog& wilayah)
      : coverage_(store.as<CoverageStore>()), settings_(store.as<SettingsStore>()), transactions_(store.transactions()),
        wilayah_(wilayah) {}
  // Every counter from the records, for `day`, one kecamatan per transaction while writes go on
  // (progress: kecamatan done, of all). Returns residents scanned.
  int64_t rebuild(Date day, const std::function<void(size_t, size_t)>& progress = {});
  // Brings the counters to `day`: rebuild when never built or more than 60 days behind, else one
  // transaction per day, snapshotting the day before. Never backwards. Only the clock (the
  // server's loop, a read passing the clock's date) or an admin command calls it: a read with a
  // caller's as_of once rolled the shared counters to 2040.
  RollSummary roll_to(Date day);
  // The rows under `prefix` whose code has `code_length` (0 = every length), as of `day`, with
  // `today` the clock's date: the counters are rolled to `today` (never to `day`); another day is
  // computed in memory, without writing, from the counters and the residents whose contribution
  // changes in between (what a day roll looks at), within kOtherDayLimit days of the counters'
  // day, else COVERAGE_DAY_RANGE.
  static constexpr int kOtherDayLimit = 60;
  Result<std::map<std::string, CoverageCounters>> rows_on(std::string_view prefix, size_t code_length, Date day, Date today);
  // Rows for the children (at `level`) of region `code` ("" = national), as of `day` (rows_on).
  Result<CoverageReport> report(Level level, const std::string& code, Date day, Date today);
  // The region's snapshots over the `days` before `day`, its row on `day` (rows_on) and the pace
  // to the recording target.
  Result<CoverageTrend> trend(const std::string& code, Date day, Date today, int days);
  // Daily snapshots of one region since `from` (the trend).
  Result<std::vector<std::pair<Date, CoverageRow>>> series(const std::string& code, Date from);
  // Targets for rows of a level: "target.<name>.<level>" when set, else "target.<name>", else
  // the national default.
  CoverageTargets targets(std::optional<Level> level = std::nullopt);
  Result<CoverageTargets> set_target(const std::string& name, double percent, std::optional<Level> level = std::nullopt);

 private:
  // Every resident whose contribution may differ between `day - 1` and `day` (some twice).
  void for_each_changing(Date day, const std::function<void(const CoverageFacts&)>& f);
  CoverageRow row(const std::string& code, const CoverageCounters& c, const CoverageTargets& t) const;
  CoverageStore& coverage_;
  SettingsStore& settings_;  // targets
  Transactions& transactions_;
  const WilayahCatalog& wilayah_;
};

}  // namespace ktpel
