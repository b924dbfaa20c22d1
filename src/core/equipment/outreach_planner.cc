#include "core/equipment/outreach_planner.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <set>
#include <utility>

#include "core/common/messages.h"
#include "core/wilayah/geo.h"

namespace ktpel {
namespace {

std::optional<Error> check(const OutreachInput& in) {
  auto bad = [](std::string field, std::string must) {
    return make_error("OUTREACH_PLAN_FIELD", field, {field, std::move(must)});
  };
  const auto& s = in.settings;
  if (in.teams < 0 || in.teams > 1000) return bad("teams", "0 to 1000");
  if (in.days < 0 || in.days > 366) return bad("days", "0 to 366");
  if (s.people_per_team_day < 1 || s.people_per_team_day > 100000) return bad("people_per_team_day", "1 to 100000");
  if (!(s.turnout_share >= 0 && s.turnout_share <= 1)) return bad("turnout_share", "0 to 1");
  if (!(s.distance_scale_km > 0 && s.distance_scale_km <= 10000)) return bad("distance_scale_km", "more than 0");
  if (!(s.ikd_weight >= 0 && s.ikd_weight <= 100)) return bad("ikd_weight", "0 to 100");
  std::set<std::string> seen;
  for (const auto& d : in.desa) {
    const std::string at = "desa." + d.code;
    if (d.code.empty() || !seen.insert(d.code).second) return bad("desa.code", "one entry per desa code");
    if (!(std::abs(d.lat) <= 90 && std::abs(d.lon) <= 180)) return bad(at + ".lat", "a latitude and longitude");
    if (d.unrecorded_wajib < 0 || d.unrecorded_wajib > 100'000'000) return bad(at + ".unrecorded_wajib", "0 to 100000000");
    if (d.ikd_not_activated < 0 || d.ikd_not_activated > 100'000'000) return bad(at + ".ikd_not_activated", "0 to 100000000");
    const double km = d.distance_km_to_nearest_working_kecamatan;
    if (!(km >= 0 && km <= 40000)) return bad(at + ".distance_km_to_nearest_working_kecamatan", "0 to 40000");
  }
  return std::nullopt;
}

// The ranking with what each desa would take; chosen marks the priority prefix that fits.
std::vector<RankedDesa> rank(const OutreachInput& in) {
  const auto& s = in.settings;
  std::vector<RankedDesa> r;
  for (const auto& d : in.desa) {
    RankedDesa x;
    x.code = d.code;
    const double target = double(d.unrecorded_wajib) + s.ikd_weight * double(d.ikd_not_activated);
    x.priority = target * (1 + d.distance_km_to_nearest_working_kecamatan / s.distance_scale_km);
    x.expected_recordings = std::llround(s.turnout_share * double(d.unrecorded_wajib));
    x.expected_ikd = std::llround(s.turnout_share * double(d.ikd_not_activated));
    const int64_t people = x.expected_recordings + x.expected_ikd;
    x.team_days_needed = (people + s.people_per_team_day - 1) / s.people_per_team_day;
    r.push_back(std::move(x));
  }
  std::sort(r.begin(), r.end(), [](const RankedDesa& a, const RankedDesa& b) {
    return a.priority != b.priority ? a.priority > b.priority : a.code < b.code;
  });
  int64_t left = int64_t{in.teams} * in.days;
  for (auto& x : r) {
    if (left <= 0) break;
    if (x.team_days_needed == 0) continue;  // nobody would come: not worth a team-day
    x.chosen = true;
    left -= x.team_days_needed;
  }
  return r;
}

}  // namespace

Result<OutreachPlan> plan_outreach(const OutreachInput& input) {
  if (auto e = check(input)) return *e;
  const int64_t cap = input.settings.people_per_team_day;
  OutreachPlan plan;
  plan.ranking = rank(input);
  plan.team_days_available = int64_t{input.teams} * input.days;

  // Where each desa is (by code), and what is still to do at the chosen ones.
  struct Waiting {
    size_t ranked;  // index into plan.ranking
    double lat, lon;
    int64_t recordings, ikd;
  };
  std::vector<Waiting> waiting;  // in priority order
  for (size_t i = 0; i < plan.ranking.size(); ++i) {
    const auto& x = plan.ranking[i];
    if (!x.chosen) continue;
    const auto& d = *std::find_if(input.desa.begin(), input.desa.end(), [&](const OutreachDesa& o) { return o.code == x.code; });
    waiting.push_back({i, d.lat, d.lon, x.expected_recordings, x.expected_ikd});
  }
  std::vector<bool> taken(waiting.size(), false);
  std::vector<std::optional<size_t>> at(input.teams);     // the desa a team works at now
  std::vector<std::optional<size_t>> last(input.teams);   // where it last worked (for the next move)

  auto next_for = [&](int team) -> std::optional<size_t> {
    std::optional<size_t> best;
    double best_km = std::numeric_limits<double>::infinity();
    for (size_t w = 0; w < waiting.size(); ++w) {
      if (taken[w]) continue;
      if (!last[team]) return w;  // a team's first desa: the highest priority still waiting
      const double km = great_circle_km(waiting[*last[team]].lat, waiting[*last[team]].lon, waiting[w].lat, waiting[w].lon);
      if (km < best_km) best_km = km, best = w;
    }
    return best;
  };

  for (int day = 0; day < input.days; ++day) {
    OutreachDay today{day, input.start.plus_days(day), {}};
    for (int team = 0; team < input.teams; ++team) {
      if (!at[team]) {
        at[team] = next_for(team);
        if (!at[team]) continue;
        taken[*at[team]] = true;
      }
      Waiting& w = waiting[*at[team]];
      OutreachVisit v{team, plan.ranking[w.ranked].code, std::min(w.recordings, cap), 0};
      v.expected_ikd = std::min(w.ikd, cap - v.expected_recordings);
      w.recordings -= v.expected_recordings;
      w.ikd -= v.expected_ikd;
      if (w.recordings == 0 && w.ikd == 0) last[team] = at[team], at[team].reset();
      plan.expected_recordings += v.expected_recordings;
      plan.expected_ikd += v.expected_ikd;
      ++plan.team_days_used;
      today.visits.push_back(std::move(v));
    }
    plan.days.push_back(std::move(today));
  }
  plan.people_reached = plan.expected_recordings + plan.expected_ikd;
  return plan;
}

}  // namespace ktpel
