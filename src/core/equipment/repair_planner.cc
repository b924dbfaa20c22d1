#include "core/equipment/repair_planner.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <random>
#include <set>
#include <utility>

#include "core/common/messages.h"
#include "core/wilayah/geo.h"

namespace ktpel {
namespace {

constexpr int64_t kNever = std::numeric_limits<int64_t>::max() / 4;  // a plan that is not allowed

// The instance in whole minutes; every cost below is computed from this alone.
struct Model {
  int n = 0, technicians = 0;
  int64_t day = 0;                         // working minutes in a day
  std::vector<int64_t> from_hub, travel;   // minutes; travel is n × n
  std::vector<double> hub_km, km;
  std::vector<int64_t> repair, weight, carry_days;  // carry_days: kNever when carrying is off
  int64_t way(int from, int to) const { return from < 0 ? from_hub[to] : travel[from * n + to]; }
  double road(int from, int to) const { return from < 0 ? hub_km[to] : km[from * n + to]; }
  int64_t carry_cost(int j) const { return carry_days[j] == kNever ? kNever : weight[j] * carry_days[j]; }
};

int64_t finish_day(int64_t minute, int64_t day) { return minute <= 0 ? 0 : (minute - 1) / day; }

int64_t minutes(double hours) { return std::llround(hours * 60.0); }

Model build_model(const RepairInput& in) {
  const auto& s = in.settings;
  Model m;
  m.n = static_cast<int>(in.jobs.size());
  m.technicians = in.technicians;
  m.day = minutes(s.working_day_hours);
  auto road_km = [&](double la1, double lo1, double la2, double lo2) { return great_circle_km(la1, lo1, la2, lo2) * s.road_factor; };
  auto drive = [&](double km) { return minutes(km / s.speed_kmh); };
  for (const auto& j : in.jobs) {
    m.hub_km.push_back(road_km(in.hub.lat, in.hub.lon, j.lat, j.lon));
    m.from_hub.push_back(drive(m.hub_km.back()));
    m.repair.push_back(minutes(j.repair_hours));
    m.weight.push_back(j.weight);
    const int64_t workshop_days = (m.repair.back() + m.day - 1) / m.day;
    m.carry_days.push_back(s.carry_to_hub ? std::max<int64_t>(1, 2 * int64_t{s.carry_days} + workshop_days) : kNever);
  }
  for (const auto& a : in.jobs)
    for (const auto& b : in.jobs) {
      m.km.push_back(road_km(a.lat, a.lon, b.lat, b.lon));
      m.travel.push_back(drive(m.km.back()));
    }
  return m;
}

int64_t tour_cost(const Model& m, const std::vector<int>& tour) {
  int64_t t = 0, cost = 0;
  int at = -1;
  for (int j : tour) {
    t += m.way(at, j) + m.repair[j];
    cost += m.weight[j] * (finish_day(t, m.day) + 1);
    at = j;
  }
  return cost;
}

// A plan under search: technician tours and the jobs carried to the hub.
struct Solution {
  std::vector<std::vector<int>> tours;
  std::vector<int> carried;
  int64_t cost = 0;
};

int64_t total_cost(const Model& m, const Solution& s) {
  int64_t c = 0;
  for (const auto& t : s.tours) c += tour_cost(m, t);
  for (int j : s.carried) c = std::min(kNever, c + m.carry_cost(j));
  return c;
}

// --- Exact: the best tour of every subset (by trying every order), then the best split. ---

struct SubsetTours {
  std::vector<int64_t> cost;   // by subset mask
  std::vector<uint64_t> order; // the best order, 4 bits per job (n ≤ 15)
};

void extend_tours(const Model& m, SubsetTours& best, uint32_t mask, int at, int64_t t, int64_t cost, uint64_t order,
                  int depth) {
  for (int j = 0; j < m.n; ++j) {
    if (mask & (1u << j)) continue;
    const int64_t tj = t + m.way(at, j) + m.repair[j];
    const int64_t cj = cost + m.weight[j] * (finish_day(tj, m.day) + 1);
    const uint32_t next = mask | (1u << j);
    const uint64_t ord = order | (uint64_t(j) << (4 * depth));
    if (cj < best.cost[next]) best.cost[next] = cj, best.order[next] = ord;
    extend_tours(m, best, next, j, tj, cj, ord, depth + 1);
  }
}

Solution solve_exact(const Model& m) {
  const uint32_t full = (1u << m.n) - 1;
  SubsetTours best{std::vector<int64_t>(full + 1, kNever), std::vector<uint64_t>(full + 1, 0)};
  best.cost[0] = 0;
  if (m.technicians > 0) extend_tours(m, best, 0, -1, 0, 0, 0, 0);
  // split[t][mask]: least cost of doing mask with t technicians, the rest of the jobs carried.
  const int tech = std::min(m.technicians, m.n);
  std::vector<std::vector<int64_t>> split(tech + 1, std::vector<int64_t>(full + 1, kNever));
  for (uint32_t mask = 0; mask <= full; ++mask) {
    int64_t c = 0;
    for (int j = 0; j < m.n; ++j)
      if (mask & (1u << j)) c = std::min(kNever, c + m.carry_cost(j));
    split[0][mask] = c;
  }
  for (int t = 1; t <= tech; ++t)
    for (uint32_t mask = 0; mask <= full; ++mask)
      for (uint32_t sub = mask;; sub = (sub - 1) & mask) {  // every subset, the empty one included
        if (best.cost[sub] < kNever && split[t - 1][mask ^ sub] < kNever)
          split[t][mask] = std::min(split[t][mask], best.cost[sub] + split[t - 1][mask ^ sub]);
        if (sub == 0) break;
      }
  Solution s;
  s.tours.resize(m.technicians);
  s.cost = split[tech][full];
  uint32_t mask = full;
  for (int t = tech; t >= 1; --t)
    for (uint32_t sub = mask;; sub = (sub - 1) & mask) {
      if (best.cost[sub] < kNever && split[t - 1][mask ^ sub] < kNever &&
          best.cost[sub] + split[t - 1][mask ^ sub] == split[t][mask]) {
        for (int k = 0; k < std::popcount(sub); ++k) s.tours[t - 1].push_back(int((best.order[sub] >> (4 * k)) & 15));
        mask ^= sub;
        break;
      }
      if (sub == 0) break;
    }
  for (int j = 0; j < m.n; ++j)
    if (mask & (1u << j)) s.carried.push_back(j);
  return s;
}

// --- Heuristic: WSPT cheapest insertion, local search, seeded perturbation. ---

// Where job j may go: tour t at position p, or the hub (t = -1).
struct Place {
  int tour = -1, pos = 0;
  int64_t delta = kNever;
};

Place cheapest_place(const Model& m, const Solution& s, int j, const std::vector<int64_t>& tour_costs) {
  Place best;
  if (m.carry_days[j] != kNever) best = {-1, 0, m.carry_cost(j)};
  bool tried_empty = false;  // technicians are alike: one empty tour stands for all
  for (int t = 0; t < int(s.tours.size()); ++t) {
    auto tour = s.tours[t];
    if (tour.empty()) {
      if (tried_empty) continue;
      tried_empty = true;
    }
    for (int p = 0; p <= int(s.tours[t].size()); ++p) {
      tour.insert(tour.begin() + p, j);
      const int64_t d = tour_cost(m, tour) - tour_costs[t];
      if (d < best.delta) best = {t, p, d};
      tour.erase(tour.begin() + p);
    }
  }
  return best;
}

void place(Solution& s, int j, const Place& p) {
  if (p.tour < 0)
    s.carried.push_back(j);
  else
    s.tours[p.tour].insert(s.tours[p.tour].begin() + p.pos, j);
}

std::vector<int64_t> costs_of(const Model& m, const Solution& s) {
  std::vector<int64_t> c;
  for (const auto& t : s.tours) c.push_back(tour_cost(m, t));
  return c;
}

// Takes job j out; returns the saving.
int64_t take_out(const Model& m, Solution& s, int j, std::vector<int64_t>& tour_costs) {
  for (size_t t = 0; t < s.tours.size(); ++t) {
    auto it = std::find(s.tours[t].begin(), s.tours[t].end(), j);
    if (it == s.tours[t].end()) continue;
    s.tours[t].erase(it);
    const int64_t was = tour_costs[t];
    tour_costs[t] = tour_cost(m, s.tours[t]);
    return was - tour_costs[t];
  }
  s.carried.erase(std::find(s.carried.begin(), s.carried.end(), j));
  return m.carry_cost(j);
}

// Relocation: each job to its cheapest place anywhere. True when something improved.
bool relocate_pass(const Model& m, Solution& s) {
  bool improved = false;
  auto tour_costs = costs_of(m, s);
  for (int j = 0; j < m.n; ++j) {
    const Solution before = s;
    const auto costs_before = tour_costs;
    const int64_t saving = take_out(m, s, j, tour_costs);
    const Place p = cheapest_place(m, s, j, tour_costs);
    if (p.delta < saving) {
      place(s, j, p);
      if (p.tour >= 0) tour_costs[p.tour] = tour_cost(m, s.tours[p.tour]);
      s.cost -= saving - p.delta;
      improved = true;
    } else {
      s = before;
      tour_costs = costs_before;
    }
  }
  return improved;
}

// Swap of two on-site jobs (same or different tours) and 2-opt reversal within a tour.
bool swap_and_reverse_pass(const Model& m, Solution& s) {
  bool improved = false;
  auto tour_costs = costs_of(m, s);
  const int k = int(s.tours.size());
  for (int a = 0; a < k; ++a)
    for (int b = a; b < k; ++b)
      for (size_t i = 0; i < s.tours[a].size(); ++i)
        for (size_t j = (a == b ? i + 1 : 0); j < s.tours[b].size(); ++j) {
          std::swap(s.tours[a][i], s.tours[b][j]);
          const int64_t ca = tour_cost(m, s.tours[a]), cb = a == b ? ca : tour_cost(m, s.tours[b]);
          const int64_t was = tour_costs[a] + (a == b ? 0 : tour_costs[b]), now = ca + (a == b ? 0 : cb);
          if (now < was) {
            tour_costs[a] = ca, tour_costs[b] = cb, s.cost -= was - now, improved = true;
          } else {
            std::swap(s.tours[a][i], s.tours[b][j]);
          }
        }
  for (int a = 0; a < k; ++a)
    for (size_t i = 0; i + 1 < s.tours[a].size(); ++i)
      for (size_t j = i + 2; j <= s.tours[a].size(); ++j) {
        std::reverse(s.tours[a].begin() + i, s.tours[a].begin() + j);
        const int64_t now = tour_cost(m, s.tours[a]);
        if (now < tour_costs[a]) {
          s.cost -= tour_costs[a] - now, tour_costs[a] = now, improved = true;
        } else {
          std::reverse(s.tours[a].begin() + i, s.tours[a].begin() + j);
        }
      }
  return improved;
}

void local_search(const Model& m, Solution& s) {
  while (relocate_pass(m, s) || swap_and_reverse_pass(m, s)) {
  }
}

Solution solve_heuristic(const Model& m, uint64_t seed, int rounds) {
  // Weighted shortest processing time first: a heavy kecamatan near the hub goes first.
  std::vector<int> order(m.n);
  std::iota(order.begin(), order.end(), 0);
  auto ratio = [&](int j) { return double(m.weight[j]) / double(std::max<int64_t>(1, m.from_hub[j] + m.repair[j])); };
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return ratio(a) > ratio(b); });
  Solution s;
  s.tours.resize(m.technicians);
  for (int j : order) {
    const auto tour_costs = costs_of(m, s);
    place(s, j, cheapest_place(m, s, j, tour_costs));
  }
  s.cost = total_cost(m, s);
  local_search(m, s);
  Solution best = s;
  std::mt19937_64 rng(seed);  // raw draws mod n: the same plan on every platform for a seed
  for (int r = 0; r < rounds && m.n > 1; ++r) {
    Solution trial = best;
    auto costs = costs_of(m, trial);
    const int moves = 2 + int(rng() % 3);
    for (int k = 0; k < moves; ++k) {
      const int j = int(rng() % uint64_t(m.n));
      take_out(m, trial, j, costs);
      const int t = int(rng() % uint64_t(m.technicians + 1)) - 1;  // -1: the hub, when allowed
      if (t < 0 && m.carry_days[j] != kNever) {
        trial.carried.push_back(j);
      } else {
        auto& tour = trial.tours[t < 0 ? 0 : t];
        tour.insert(tour.begin() + int(rng() % (tour.size() + 1)), j);
      }
      costs = costs_of(m, trial);
    }
    trial.cost = total_cost(m, trial);
    local_search(m, trial);
    if (trial.cost < best.cost) best = std::move(trial);
  }
  return best;
}

// --- The position relaxation (see relaxation_bound in the header), solved as an assignment. ---

// Least-cost assignment of every row to a distinct column (rows ≤ columns): Hungarian method
// with potentials, O(rows² · columns).
int64_t least_assignment(const std::vector<std::vector<int64_t>>& cost) {
  const int rows = int(cost.size()), cols = rows ? int(cost[0].size()) : 0;
  std::vector<int64_t> u(rows + 1, 0), v(cols + 1, 0);
  std::vector<int> row_of(cols + 1, 0), way(cols + 1, 0);
  for (int i = 1; i <= rows; ++i) {
    row_of[0] = i;
    int j0 = 0;
    std::vector<int64_t> minv(cols + 1, std::numeric_limits<int64_t>::max());
    std::vector<bool> used(cols + 1, false);
    do {
      used[j0] = true;
      const int i0 = row_of[j0];
      int64_t delta = std::numeric_limits<int64_t>::max();
      int j1 = 0;
      for (int j = 1; j <= cols; ++j) {
        if (used[j]) continue;
        const int64_t cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
        if (cur < minv[j]) minv[j] = cur, way[j] = j0;
        if (minv[j] < delta) delta = minv[j], j1 = j;
      }
      for (int j = 0; j <= cols; ++j)
        if (used[j])
          u[row_of[j]] += delta, v[j] -= delta;
        else
          minv[j] -= delta;
      j0 = j1;
    } while (row_of[j0] != 0);
    do {
      const int j1 = way[j0];
      row_of[j0] = row_of[j1];
      j0 = j1;
    } while (j0);
  }
  int64_t total = 0;
  for (int j = 1; j <= cols; ++j)
    if (row_of[j]) total += cost[row_of[j] - 1][j - 1];
  return total;
}

int64_t position_bound(const Model& m) {
  if (m.n == 0) return 0;
  std::vector<int64_t> least_work(m.n);  // repair plus the shortest way in
  for (int j = 0; j < m.n; ++j) {
    int64_t in = m.from_hub[j];
    for (int i = 0; i < m.n; ++i)
      if (i != j) in = std::min(in, m.way(i, j));
    least_work[j] = m.repair[j] + in;
  }
  std::vector<int> by_work(m.n);  // jobs by least work; place[j]: j's place in that order
  std::iota(by_work.begin(), by_work.end(), 0);
  std::stable_sort(by_work.begin(), by_work.end(), [&](int a, int b) { return least_work[a] < least_work[b]; });
  std::vector<int> place(m.n);
  std::vector<int64_t> prefix(m.n + 1, 0);
  for (int r = 0; r < m.n; ++r) place[by_work[r]] = r, prefix[r + 1] = prefix[r] + least_work[by_work[r]];
  // The least work of q other jobs than j.
  auto others = [&](int j, int q) { return place[j] < q ? prefix[q + 1] - least_work[j] : prefix[q]; };
  // Columns: positions 1..depth in `copies` tours (when there are technicians), then n hub places
  // (when carrying is allowed); the checks guarantee one of the two, so every cost is finite.
  // Positions deeper than ceil(n / copies) are left out: a job there could move to a free
  // shallower column at no more cost, so the least assignment is the same.
  const int copies = std::min(m.technicians, m.n), depth = copies ? (m.n + copies - 1) / copies : 0;
  const int hub = m.carry_days[0] != kNever ? m.n : 0;
  std::vector<std::vector<int64_t>> cost(m.n, std::vector<int64_t>(size_t(copies) * depth + hub, 0));
  for (int j = 0; j < m.n; ++j) {
    const int64_t alone = finish_day(m.from_hub[j] + m.repair[j], m.day);
    for (int q = 1; q <= depth; ++q) {
      const int64_t by_position = finish_day(least_work[j] + others(j, q - 1), m.day);
      for (int c = 0; c < copies; ++c) cost[j][(q - 1) * copies + c] = m.weight[j] * (std::max(alone, by_position) + 1);
    }
    for (int h = 0; h < hub; ++h) cost[j][copies * depth + h] = m.carry_cost(j);
  }
  return least_assignment(cost);
}

// --- Input checks and the plan as the caller sees it. ---

std::optional<Error> check(const RepairInput& in) {
  auto bad = [](std::string field, std::string must) {
    return make_error("REPAIR_PLAN_FIELD", field, {field, std::move(must)});
  };
  auto on_earth = [](double lat, double lon) {
    return std::isfinite(lat) && std::isfinite(lon) && std::abs(lat) <= 90 && std::abs(lon) <= 180;
  };
  const auto& s = in.settings;
  if (!(s.road_factor >= 1 && s.road_factor <= 10)) return bad("road_factor", "1 to 10");
  if (!(s.speed_kmh > 0 && s.speed_kmh <= 200)) return bad("speed_kmh", "more than 0 and at most 200");
  if (!(s.working_day_hours >= 0.5 && s.working_day_hours <= 24)) return bad("working_day_hours", "0.5 to 24");
  if (s.carry_days < 0 || s.carry_days > 60) return bad("carry_days", "0 to 60");
  if (s.exact_max_jobs < 0 || s.exact_max_jobs > 10) return bad("exact_max_jobs", "0 to 10");
  if (s.search_rounds < 0 || s.search_rounds > 100000) return bad("search_rounds", "0 to 100000");
  for (const auto& [type, hours] : s.repair_hours)
    if (!(hours >= 0 && hours <= 240)) return bad("repair_hours." + std::string(to_string(type)), "0 to 240");
  if (in.technicians < 0 || in.technicians > 1000) return bad("technicians", "0 to 1000");
  if (!on_earth(in.hub.lat, in.hub.lon)) return bad("hub", "a latitude and longitude");
  if (in.technicians == 0 && !s.carry_to_hub && !in.jobs.empty())
    return bad("technicians", "at least 1 when items may not be carried to the hub");
  std::set<std::string> seen;
  for (const auto& j : in.jobs) {
    if (j.code.empty() || !seen.insert(j.code).second) return bad("jobs.code", "one job per kecamatan code");
    if (!on_earth(j.lat, j.lon)) return bad("jobs." + j.code + ".lat", "a latitude and longitude");
    if (j.weight < 0 || j.weight > 100'000'000) return bad("jobs." + j.code + ".weight", "0 to 100000000");
    if (!(j.repair_hours >= 0 && j.repair_hours <= 24 * 60)) return bad("jobs." + j.code + ".repair_hours", "0 to 1440");
  }
  return std::nullopt;
}

PlannedRepair planned(const RepairInput& in, const Model& m, int j, int technician) {
  PlannedRepair p;
  p.code = in.jobs[j].code;
  p.weight = m.weight[j];
  p.technician = technician;
  p.mode = technician < 0 ? "hub" : "on_site";
  return p;
}

void date_it(const RepairInput& in, PlannedRepair& p) {
  p.days_without_recording = p.finish_day + 1;
  p.arrive = in.start.plus_days(p.arrive_day);
  p.finish = in.start.plus_days(p.finish_day);
}

RepairPlan describe(const RepairInput& in, const Model& m, const Solution& s) {
  RepairPlan plan;
  plan.jobs.resize(m.n);
  for (int t = 0; t < int(s.tours.size()); ++t) {
    TechnicianTour tour{t, {}, 0};
    int64_t clock = 0;
    int at = -1;
    for (int j : s.tours[t]) {
      PlannedRepair p = planned(in, m, j, t);
      clock += m.way(at, j);
      p.road_km = m.road(at, j);
      tour.road_km += p.road_km;
      const int64_t arrived = clock;
      clock += m.repair[j];
      p.finish_day = finish_day(clock, m.day);
      p.arrive_day = std::min(arrived / m.day, p.finish_day);
      date_it(in, p);
      plan.jobs[j] = p;
      tour.stops.push_back(std::move(p));
      at = j;
    }
    plan.tours.push_back(std::move(tour));
  }
  for (int j : s.carried) {
    PlannedRepair p = planned(in, m, j, -1);
    p.finish_day = m.carry_days[j] - 1;
    p.arrive_day = std::min<int64_t>(in.settings.carry_days, p.finish_day);
    date_it(in, p);
    plan.jobs[j] = p;
    plan.carried.push_back(std::move(p));
  }
  for (const auto& p : plan.jobs) {
    plan.objective += p.weight * p.days_without_recording;
    plan.last_finish_day = std::max(plan.last_finish_day, p.finish_day);
  }
  return plan;
}

}  // namespace

Result<RepairPlan> plan_repairs(const RepairInput& input) {
  if (auto e = check(input)) return *e;
  const Model m = build_model(input);
  const bool exact = m.n <= input.settings.exact_max_jobs;
  const Solution s = exact ? solve_exact(m) : solve_heuristic(m, input.settings.seed, input.settings.search_rounds);
  RepairPlan plan = describe(input, m, s);
  plan.exact = exact;
  plan.relaxation_bound = position_bound(m);
  plan.lower_bound = exact ? plan.objective : plan.relaxation_bound;
  plan.gap = plan.objective > 0 ? double(plan.objective - plan.lower_bound) / double(plan.objective) : 0.0;
  return plan;
}

BlockingRepair blocking_repair_hours(std::span<const EquipmentItem> items, const SetComposition& composition,
                                     const RepairSettings& settings) {
  BlockingRepair r;
  for (ItemType type : working_sets(items, composition).missing) {
    const bool repairable = std::any_of(items.begin(), items.end(), [&](const EquipmentItem& i) {
      return i.type == type && (i.status == ItemStatus::Broken || i.status == ItemStatus::InRepair);
    });
    if (!repairable) {
      r.unrepairable.push_back(type);
      continue;
    }
    const auto it = settings.repair_hours.find(type);
    r.hours += it == settings.repair_hours.end() ? settings.default_repair_hours : it->second;
    r.repaired.push_back(type);
  }
  return r;
}

}  // namespace ktpel
