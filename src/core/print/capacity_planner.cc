#include "core/print/capacity_planner.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <numeric>
#include <queue>
#include <set>

#include "core/common/messages.h"
#include "core/print/network_flow.h"
#include "core/text/digit_groups.h"
#include "core/wilayah/geo.h"

namespace ktpel {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string thousands(int64_t v) { return group_thousands(v, '.'); }  // 103068 -> "103.068" (Indonesian)

// One decimal with the Indonesian decimal comma: 8,1.
std::string days_text(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", d);
  std::string s = buf;
  for (auto& c : s)
    if (c == '.') c = ',';
  return s;
}

// Which (taker, giver) pairs the courier network offers: every taker's `limit` nearest givers
// and every giver's `limit` nearest takers (0 = all pairs), within reach (`near`, nullptr = any
// distance). Positions are indices into the taker and giver lists (SIZE_MAX = not one).
std::vector<std::pair<size_t, size_t>> partner_links(const std::vector<std::vector<double>>& km,
                                                     const std::vector<std::vector<char>>* near,
                                                     const std::vector<size_t>& taker_pos,
                                                     const std::vector<size_t>& giver_pos, size_t limit) {
  const size_t n = km.size();
  auto reach = [&](size_t i, size_t j) { return i != j && (!near || (*near)[i][j] != 0); };
  std::set<std::pair<size_t, size_t>> links;
  auto nearest = [&](size_t from, const std::vector<size_t>& pos, bool from_taker) {
    std::vector<size_t> c;
    for (size_t j = 0; j < n; ++j)
      if (pos[j] != SIZE_MAX && (from_taker ? reach(from, j) : reach(j, from))) c.push_back(j);
    auto by_km = [&](size_t a, size_t b) { return km[from][a] < km[from][b] || (km[from][a] == km[from][b] && a < b); };
    if (limit > 0 && c.size() > limit) {
      std::nth_element(c.begin(), c.begin() + static_cast<std::ptrdiff_t>(limit), c.end(), by_km);
      c.resize(limit);
    }
    for (size_t j : c) links.insert(from_taker ? std::pair{taker_pos[from], giver_pos[j]} : std::pair{taker_pos[j], giver_pos[from]});
  };
  for (size_t i = 0; i < n; ++i) {
    if (taker_pos[i] != SIZE_MAX) nearest(i, giver_pos, true);
    if (giver_pos[i] != SIZE_MAX && limit > 0) nearest(i, taker_pos, false);
  }
  return {links.begin(), links.end()};
}

constexpr size_t kCourierPartners = 12;

// Can every office's backlog be printed within T days when offices within the radius share?
// First the quick test: offices short of capacity send their excess straight to offices with
// spare capacity. When the radius is not transitive that can fail where a chain works (A's
// records go to B while B's own go to C), so the full test routes every office's backlog to any
// office within reach (a bipartite max-flow in doubles).
bool feasible(double T, const std::vector<double>& backlog, const std::vector<double>& cap,
              const std::vector<std::vector<char>>& near) {
  const size_t n = backlog.size();
  std::vector<size_t> short_of, spare;
  double need = 0;
  for (size_t i = 0; i < n; ++i) {
    const double d = backlog[i] - cap[i] * T;
    if (d > 1e-9) {
      short_of.push_back(i);
      need += d;
    } else if (d < -1e-9) {
      spare.push_back(i);
    }
  }
  if (short_of.empty()) return true;
  {
    MaxFlow f(short_of.size() + spare.size() + 2);
    const size_t s = short_of.size() + spare.size(), t = s + 1;
    for (size_t a = 0; a < short_of.size(); ++a) {
      f.add_edge(s, a, backlog[short_of[a]] - cap[short_of[a]] * T);
      for (size_t b = 0; b < spare.size(); ++b)
        if (near[short_of[a]][spare[b]]) f.add_edge(a, short_of.size() + b, kInf);
    }
    for (size_t b = 0; b < spare.size(); ++b) f.add_edge(short_of.size() + b, t, cap[spare[b]] * T - backlog[spare[b]]);
    if (f.run(s, t) >= need * (1 - 1e-12) - 1e-6) return true;
  }
  MaxFlow f(2 * n + 2);
  const size_t s = 2 * n, t = s + 1;
  double total = 0;
  for (size_t i = 0; i < n; ++i) {
    if (backlog[i] > 0) f.add_edge(s, i, backlog[i]);
    total += backlog[i];
    if (cap[i] > 0) f.add_edge(n + i, t, cap[i] * T);
    for (size_t k = 0; k < n; ++k)
      if ((k == i || near[i][k]) && backlog[i] > 0 && cap[k] > 0) f.add_edge(i, n + k, kInf);
  }
  return f.run(s, t) >= total * (1 - 1e-12) - 1e-6;
}

// Moves `have - need` surpluses to deficits at least cost (km per card): first among each
// taker's nearest givers, all givers when those cannot cover it.
std::vector<StockMove> route_stock(const std::string& item, const std::vector<int64_t>& need, const std::vector<int64_t>& have,
                                   const std::vector<std::vector<double>>& km, const std::vector<PlannerOffice>& offices) {
  const size_t n = need.size();
  std::vector<size_t> takers, givers;
  std::vector<size_t> giver_pos(n, SIZE_MAX);
  int64_t short_total = 0, spare_total = 0;
  for (size_t i = 0; i < n; ++i) {
    if (need[i] > have[i]) takers.push_back(i), short_total += need[i] - have[i];
    if (have[i] > need[i]) giver_pos[i] = givers.size(), givers.push_back(i), spare_total += have[i] - need[i];
  }
  std::vector<StockMove> out;
  if (takers.empty() || givers.empty()) return out;
  std::vector<size_t> taker_pos(n, SIZE_MAX);
  for (size_t a = 0; a < takers.size(); ++a) taker_pos[takers[a]] = a;
  MinCostFlow f(takers.size() + givers.size() + 2);
  const size_t s = takers.size() + givers.size(), t = s + 1;
  for (size_t b = 0; b < givers.size(); ++b) f.add_edge(s, b, have[givers[b]] - need[givers[b]], 0);
  for (size_t a = 0; a < takers.size(); ++a) f.add_edge(givers.size() + a, t, need[takers[a]] - have[takers[a]], 0);
  auto links = partner_links(km, nullptr, taker_pos, giver_pos, kCourierPartners);
  for (auto [a, b] : links) f.add_edge(b, givers.size() + a, std::numeric_limits<int64_t>::max() / 4, km[givers[b]][takers[a]]);
  int64_t sent = f.run(s, t);
  if (sent < std::min(short_total, spare_total)) {  // widen to every pair and send the rest
    std::set<std::pair<size_t, size_t>> have_link(links.begin(), links.end());
    for (auto [a, b] : partner_links(km, nullptr, taker_pos, giver_pos, 0))
      if (!have_link.count({a, b})) f.add_edge(b, givers.size() + a, std::numeric_limits<int64_t>::max() / 4, km[givers[b]][takers[a]]);
    f.run(s, t);
  }
  for (const auto& e : f.flows()) {
    if (e.from >= givers.size() || e.to == t || e.flow <= 0) continue;
    const size_t g = givers[e.from], a = takers[e.to - givers.size()];
    out.push_back({item, offices[g].code, offices[a].code, e.flow, km[g][a]});
  }
  std::sort(out.begin(), out.end(), [](const StockMove& x, const StockMove& y) { return x.cards > y.cards; });
  return out;
}

// Assigns backlog to printing offices at a low courier cost. Own capacity first (free); the
// rest goes over the direct short → spare network (by the triangle inequality no chain is
// cheaper): least cost among each office's nearest partners, widened to every pair within reach
// for what those cannot carry (feasible, not proven least-cost). When the radius makes direct
// routing impossible, the full office → office network, where chains free capacity.
void route_backlog(const std::vector<PlannerOffice>& offices, const std::vector<int64_t>& capacity_cards,
                   const std::vector<std::vector<double>>& km, const std::vector<std::vector<char>>& near,
                   std::vector<int64_t>& load, std::vector<PrintShare>& shares) {
  const size_t n = offices.size();
  constexpr int64_t kUnbounded = std::numeric_limits<int64_t>::max() / 4;
  std::vector<int64_t> own(n), spare(n);
  std::vector<size_t> short_of, has_spare;
  int64_t excess = 0;
  for (size_t i = 0; i < n; ++i) {
    own[i] = std::min(offices[i].backlog, capacity_cards[i]);
    spare[i] = capacity_cards[i] - own[i];
    if (offices[i].backlog > own[i]) {
      short_of.push_back(i);
      excess += offices[i].backlog - own[i];
    }
    if (spare[i] > 0) has_spare.push_back(i);
  }
  std::map<std::pair<size_t, size_t>, int64_t> printed;  // (for office, printing office) -> cards
  bool routed = short_of.empty();
  if (routed)
    for (size_t i = 0; i < n; ++i) printed[{i, i}] = own[i];
  std::vector<size_t> spare_pos(n, SIZE_MAX);
  for (size_t b = 0; b < has_spare.size(); ++b) spare_pos[has_spare[b]] = b;
  if (!routed) {
    std::vector<size_t> short_pos(n, SIZE_MAX);
    for (size_t a = 0; a < short_of.size(); ++a) short_pos[short_of[a]] = a;
    MinCostFlow f(short_of.size() + has_spare.size() + 2);
    const size_t s = short_of.size() + has_spare.size(), t = s + 1;
    for (size_t a = 0; a < short_of.size(); ++a) f.add_edge(s, a, offices[short_of[a]].backlog - own[short_of[a]], 0);
    for (size_t b = 0; b < has_spare.size(); ++b) f.add_edge(short_of.size() + b, t, spare[has_spare[b]], 0);
    auto links = partner_links(km, &near, short_pos, spare_pos, kCourierPartners);
    for (auto [a, b] : links) f.add_edge(a, short_of.size() + b, kUnbounded, km[short_of[a]][has_spare[b]]);
    int64_t sent = f.run(s, t);
    if (sent < excess) {  // widen to every pair within reach and send the rest
      std::set<std::pair<size_t, size_t>> have_link(links.begin(), links.end());
      for (auto [a, b] : partner_links(km, &near, short_pos, spare_pos, 0))
        if (!have_link.count({a, b})) f.add_edge(a, short_of.size() + b, kUnbounded, km[short_of[a]][has_spare[b]]);
      sent += f.run(s, t);
    }
    if (sent == excess) {
      routed = true;
      for (size_t i = 0; i < n; ++i) printed[{i, i}] = own[i];
      for (const auto& e : f.flows())
        if (e.from != s && e.to != t) printed[{short_of[e.from], has_spare[e.to - short_of.size()]}] += e.flow;
    }
  }
  if (!routed) {
    // Office i's backlog node a_i, printing node p_k. Own printing is pre-assigned: with all
    // residual costs non-negative, zero potentials stay valid for Dijkstra.
    MinCostFlow f(2 * n + 2);
    const size_t s = 2 * n, t = s + 1;
    for (size_t i = 0; i < n; ++i) {
      f.add_edge(s, i, offices[i].backlog - own[i], 0);
      f.add_preassigned_edge(i, n + i, kUnbounded, 0, own[i]);
      for (size_t k = 0; k < n; ++k)
        if (near[i][k] && capacity_cards[k] > 0) f.add_edge(i, n + k, kUnbounded, km[i][k]);
      f.add_edge(n + i, t, spare[i], 0);
    }
    f.run(s, t);
    for (const auto& e : f.flows())
      if (e.from < n && e.to >= n && e.to < 2 * n) printed[{e.from, e.to - n}] += e.flow;
  }
  for (const auto& [key, cards] : printed) {
    if (cards <= 0) continue;
    load[key.second] += cards;
    if (key.first != key.second) shares.push_back({offices[key.second].code, offices[key.first].code, cards, km[key.first][key.second], 0});
  }
  std::sort(shares.begin(), shares.end(), [](const PrintShare& x, const PrintShare& y) { return x.cards > y.cards; });
}

}  // namespace

std::optional<double> days_to_clear(int64_t backlog, double capacity, int64_t stock,
                                    std::vector<std::pair<int64_t, int64_t>> arrivals) {
  if (backlog <= 0) return 0.0;
  if (capacity <= 0) return std::nullopt;
  std::sort(arrivals.begin(), arrivals.end());
  double t = 0;
  int64_t printed = 0, available = stock;
  size_t next = 0;
  while (next < arrivals.size() && arrivals[next].first <= 0) available += arrivals[next++].second;
  for (;;) {
    const int64_t batch = std::min(backlog, available) - printed;
    if (batch > 0) {
      t += static_cast<double>(batch) / capacity;
      printed += batch;
    }
    if (printed >= backlog) return t;
    if (next >= arrivals.size()) return std::nullopt;
    t = std::max(t, static_cast<double>(arrivals[next].first));
    available += arrivals[next++].second;
  }
}

Result<CapacityPlan> plan_capacity(const std::vector<PlannerOffice>& offices, const std::vector<PlannerTranche>& tranches,
                                   const PlannerPolicy& policy) {
  const size_t n = offices.size();
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < n; ++i) {
    const auto& o = offices[i];
    const std::string row = "office " + std::to_string(i + 1) + " (" + o.code + ")";
    if (o.code.empty()) return make_error("PLAN_INPUT", "code", {row, "needs a code"});
    if (!index.emplace(o.code, i).second) return make_error("PLAN_INPUT", "code", {row, "appears twice"});
    if (o.backlog < 0 || o.blanks < 0 || o.ribbon_cards < 0)
      return make_error("PLAN_INPUT", "backlog", {row, "has a negative backlog or stock"});
    for (int64_t c : o.printer_caps)
      if (c <= 0) return make_error("PLAN_INPUT", "printer_caps", {row, "has a printer with no daily capacity"});
  }
  std::vector<std::vector<std::pair<int64_t, int64_t>>> arrivals(n);
  for (size_t k = 0; k < tranches.size(); ++k) {
    const auto& tr = tranches[k];
    auto it = index.find(tr.office);
    const std::string row = "tranche " + std::to_string(k + 1);
    if (it == index.end()) return make_error("PLAN_INPUT", "office", {row, "goes to an unknown office " + tr.office});
    if (tr.day < 0 || tr.blanks <= 0) return make_error("PLAN_INPUT", "day", {row, "needs day >= 0 and blanks > 0"});
    arrivals[it->second].emplace_back(tr.day, tr.blanks);
  }
  std::vector<std::vector<double>> km = policy.distance_km;
  if (km.empty()) {
    km.assign(n, std::vector<double>(n, 0));
    for (size_t i = 0; i < n; ++i)
      for (size_t j = i + 1; j < n; ++j)
        km[i][j] = km[j][i] = great_circle_km(offices[i].lat, offices[i].lon, offices[j].lat, offices[j].lon);
  } else if (km.size() != n || std::any_of(km.begin(), km.end(), [n](const auto& r) { return r.size() != n; })) {
    return make_error("PLAN_INPUT", "distance_km", {"the distance matrix", "must be " + std::to_string(n) + " x " + std::to_string(n)});
  }
  std::vector<std::vector<char>> near(n, std::vector<char>(n, 0));
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) near[i][j] = i != j && km[i][j] <= policy.share_radius_km;

  CapacityPlan plan;
  std::vector<double> backlog(n), cap(n);
  for (size_t i = 0; i < n; ++i) {
    const auto& o = offices[i];
    OfficeOutlook v{o.code, o.name, o.backlog, std::accumulate(o.printer_caps.begin(), o.printer_caps.end(), int64_t{0}),
                    o.blanks, o.ribbon_cards, 0, std::nullopt, 0, 0};
    for (auto [day, qty] : arrivals[i]) v.tranche_blanks += qty;
    v.days_as_is = days_to_clear(o.backlog, static_cast<double>(v.capacity_per_day), o.blanks, arrivals[i]);
    if (o.ribbon_cards < o.backlog) v.days_as_is.reset();
    backlog[i] = static_cast<double>(o.backlog);
    cap[i] = static_cast<double>(v.capacity_per_day);
    plan.backlog += o.backlog;
    plan.capacity_per_day += v.capacity_per_day;
    plan.blanks += o.blanks;
    plan.ribbon_cards += o.ribbon_cards;
    plan.tranche_blanks += v.tranche_blanks;
    plan.offices.push_back(std::move(v));
  }
  plan.as_is_days = 0.0;
  for (const auto& v : plan.offices) {
    if (!v.days_as_is) plan.as_is_days.reset();
    if (plan.as_is_days) plan.as_is_days = std::max(*plan.as_is_days, *v.days_as_is);
    if (v.backlog > 0)
      plan.as_is_capacity_days = std::max(plan.as_is_capacity_days, v.capacity_per_day > 0 ? static_cast<double>(v.backlog) / static_cast<double>(v.capacity_per_day) : kInf);
  }
  plan.pooled_days = plan.backlog == 0 ? 0.0 : plan.capacity_per_day > 0 ? static_cast<double>(plan.backlog) / static_cast<double>(plan.capacity_per_day) : kInf;

  // Makespan from capacity: bisection between the pooled bound and the time the slowest printing
  // office would need for the whole province alone (feasible once every backlog has a printer
  // within reach).
  double min_cap = kInf;
  for (size_t i = 0; i < n; ++i)
    if (cap[i] > 0) min_cap = std::min(min_cap, cap[i]);
  for (size_t i = 0; i < n; ++i) {
    if (backlog[i] <= 0 || cap[i] > 0) continue;
    bool reachable = false;
    for (size_t j = 0; j < n && !reachable; ++j) reachable = near[i][j] && cap[j] > 0;
    if (!reachable) {
      plan.plan_capacity_days = kInf;
      plan.explanation.push_back(offices[i].code + " punya antrean " + thousands(offices[i].backlog) +
                                 " tetapi tidak ada printer aktif di kantor itu atau dalam radius berbagi: tidak ada rencana.");
      return plan;
    }
  }
  if (plan.backlog == 0) min_cap = 1;
  double lo = plan.pooled_days, hi = static_cast<double>(plan.backlog) / min_cap;
  if (feasible(lo, backlog, cap, near)) hi = lo;
  while (hi - lo > 1e-7 * std::max(1.0, hi)) {
    const double mid = (lo + hi) / 2;
    (feasible(mid, backlog, cap, near) ? hi : lo) = mid;
  }

  // Whole cards at the least courier cost: capacities rounded up to whole cards at T. Each
  // office first prints what it can of its own backlog (free, and optimal for the flow so far);
  // the rest goes by a min-cost flow to any office within reach, chains included.
  std::vector<int64_t> capacity_cards(n), load(n, 0);
  for (size_t i = 0; i < n; ++i) capacity_cards[i] = static_cast<int64_t>(std::ceil(cap[i] * hi - 1e-9));
  route_backlog(offices, capacity_cards, km, near, load, plan.shares);
  for (auto& sh : plan.shares) {
    const size_t k = index.at(sh.printer_office);
    sh.printer_days = static_cast<double>(sh.cards) / cap[k];
    plan.courier_batch_km += std::ceil(static_cast<double>(sh.cards) / static_cast<double>(policy.card_batch)) * sh.km;
  }
  for (size_t i = 0; i < n; ++i) {
    plan.offices[i].cards_printed_here = load[i];
    plan.offices[i].days_in_plan = load[i] > 0 ? static_cast<double>(load[i]) / cap[i] : 0;
    plan.plan_capacity_days = std::max(plan.plan_capacity_days, plan.offices[i].days_in_plan);
  }

  // Consumables follow the printing: blanks (on hand + every tranche) and ribbons.
  std::vector<int64_t> blanks_have(n), ribbons_have(n);
  for (size_t i = 0; i < n; ++i) {
    blanks_have[i] = offices[i].blanks + plan.offices[i].tranche_blanks;
    ribbons_have[i] = offices[i].ribbon_cards;
  }
  plan.blank_shortfall = std::max<int64_t>(0, plan.backlog - plan.blanks - plan.tranche_blanks);
  plan.ribbon_shortfall = std::max<int64_t>(0, plan.backlog - plan.ribbon_cards);
  for (auto& m : route_stock("blanko", load, blanks_have, km, offices)) plan.moves.push_back(std::move(m));
  for (auto& m : route_stock("ribbon", load, ribbons_have, km, offices)) plan.moves.push_back(std::move(m));

  // Blank arrivals bound the makespan: cards needing blanks that arrive on day d are printed
  // after d, on whatever capacity the plan has left after d.
  if (plan.blank_shortfall == 0 && plan.ribbon_shortfall == 0) {
    double days = plan.plan_capacity_days;
    std::map<int64_t, int64_t> by_day;
    for (const auto& tr : tranches) by_day[tr.day] += tr.blanks;
    int64_t before = plan.blanks;
    for (auto [day, qty] : by_day) {
      const int64_t after = plan.backlog - before;  // cards that must wait for blanks from `day` on
      before += qty;
      if (after <= 0 || day <= 0) continue;
      auto fits = [&](double T) {
        double c = 0;
        for (size_t i = 0; i < n; ++i) c += std::min(static_cast<double>(load[i]), cap[i] * std::max(0.0, T - static_cast<double>(day)));
        return c >= static_cast<double>(after) - 1e-6;
      };
      double a = std::max(days, static_cast<double>(day)), b = a + 1;
      if (fits(a)) {
        days = a;
        continue;
      }
      while (!fits(b)) b = a + (b - a) * 2;
      while (b - a > 1e-6) ((fits((a + b) / 2)) ? b : a) = (a + b) / 2;
      days = std::max(days, b);
    }
    plan.plan_days = days;
  }

  // The plan in words: offices by name, and the calendar day when the plan has a start.
  std::map<std::string, std::string> names;
  for (const auto& o : offices) names[o.code] = o.name.empty() ? o.code : o.name;
  auto name_of = [&](const std::string& code) { auto it = names.find(code); return it == names.end() ? code : it->second; };
  auto on_day = [&](double d) {
    if (!policy.start) return std::string();
    return " (sekitar " + long_date_id(policy.start->plus_days(static_cast<int>(std::ceil(d - 1e-9)))) + ")";
  };
  auto& x = plan.explanation;
  x.push_back("Antrean " + thousands(plan.backlog) + " (PRR + suket), " + thousands(plan.capacity_per_day) +
              " kartu/hari dari printer aktif: bila seluruh kapasitas dipakai bersama, selesai dalam " +
              days_text(plan.pooled_days) + " hari (" + thousands(static_cast<int64_t>(std::ceil(plan.pooled_days - 1e-9))) + " hari kerja cetak).");
  if (plan.as_is_days)
    x.push_back("Tanpa berbagi printer dan stok, provinsi baru selesai dalam " + days_text(*plan.as_is_days) + " hari (kantor paling lambat).");
  else
    x.push_back("Tanpa berbagi printer dan stok, ada kantor yang tidak pernah selesai (tanpa printer aktif, atau blangko/ribbon di kantor itu tidak cukup).");
  if (std::isfinite(plan.as_is_capacity_days))
    x.push_back("Bila blangko cukup tetapi printer tidak dipindah, provinsi selesai dalam " + days_text(plan.as_is_capacity_days) + " hari.");
  x.push_back("Dengan rencana ini (" +
              (policy.share_radius_km >= 1e8 ? std::string("berbagi tanpa batas jarak")
                                             : "berbagi dalam radius " + days_text(policy.share_radius_km) + " km") +
              ") pencetakan selesai dalam " + days_text(plan.plan_capacity_days) + " hari kapasitas" + on_day(plan.plan_capacity_days) + ".");
  for (const auto& sh : plan.shares)
    x.push_back(name_of(sh.printer_office) + " mencetak " + thousands(sh.cards) + " kartu untuk " + name_of(sh.for_office) + " (" +
                days_text(sh.km) + " km; setara meminjamkan printer " + days_text(sh.printer_days) + " hari-printer).");
  for (const auto& m : plan.moves)
    x.push_back("Kirim " + thousands(m.cards) + " " + (m.item == "ribbon" ? "kartu-ribbon" : "blangko") + " dari " + name_of(m.from) + " ke " +
                name_of(m.to) + " (" + days_text(m.km) + " km).");
  if (plan.blank_shortfall > 0)
    x.push_back("Blangko kurang " + thousands(plan.blank_shortfall) + " keping: sebanyak itu penduduk tetap memegang suket sampai tranche berikutnya.");
  if (plan.ribbon_shortfall > 0)
    x.push_back("Ribbon kurang untuk " + thousands(plan.ribbon_shortfall) + " kartu: ajukan pengadaan ribbon.");
  if (plan.plan_days && *plan.plan_days > plan.plan_capacity_days + 1e-6)
    x.push_back("Menunggu kedatangan blangko, seluruh antrean selesai pada hari ke-" + days_text(*plan.plan_days) + on_day(*plan.plan_days) + ".");
  return plan;
}

}  // namespace ktpel
