#include "core/equipment/continuity_balance.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include "core/common/messages.h"
#include "core/print/network_flow.h"
#include "core/wilayah/geo.h"

namespace ktpel {
namespace {

Error input_error(const std::string& field, const std::string& what) {
  return make_error("CONTINUITY_INPUT", field, {field, what});
}

bool valid_latlon(double lat, double lon) {
  return std::isfinite(lat) && std::isfinite(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
}

// One check for both sides: codes present and unique, coordinates real, amounts not negative.
template <class Office, class Amount>
std::optional<Error> check_offices(std::span<const Office> offices, std::set<std::string>& codes, const char* amount_field,
                                   Amount amount) {
  for (const Office& o : offices) {
    if (o.code.empty()) return input_error("code", "every kecamatan needs a code");
    if (!codes.insert(o.code).second) return input_error("code", o.code + " is listed twice");
    if (!valid_latlon(o.lat, o.lon)) return input_error("lat/lon", o.code + ": latitude -90..90, longitude -180..180");
    if (amount(o) < 0) return input_error(amount_field, o.code + ": must be >= 0");
  }
  return std::nullopt;
}

}  // namespace

Result<ContinuityPlan> plan_continuity(std::span<const BrokenKecamatan> broken, std::span<const WorkingKecamatan> working,
                                       const ContinuityOptions& options) {
  std::set<std::string> codes;
  if (auto e = check_offices(broken, codes, "people", [](const BrokenKecamatan& b) { return b.people; })) return *e;
  if (auto e = check_offices(working, codes, "capacity", [](const WorkingKecamatan& w) { return w.capacity; })) return *e;
  const size_t nb = broken.size(), nw = working.size();
  std::vector<std::vector<double>> km = options.distance_km;
  if (km.empty()) {
    km.assign(nb, std::vector<double>(nw));
    for (size_t i = 0; i < nb; ++i)
      for (size_t j = 0; j < nw; ++j) km[i][j] = great_circle_km(broken[i].lat, broken[i].lon, working[j].lat, working[j].lon);
  }
  if (km.size() != nb) return input_error("distance_km", "one row per broken kecamatan");
  for (const auto& row : km) {
    if (row.size() != nw) return input_error("distance_km", "one column per working kecamatan");
    for (double d : row)
      if (!std::isfinite(d) || d < 0) return input_error("distance_km", "distances must be finite and >= 0");
  }

  // Nodes: source, broken 1..nb, working nb+1..nb+nw, sink. Each broken→working arc can carry all
  // of the broken office's people; the working office's capacity sits on its arc to the sink.
  const size_t source = 0, sink = nb + nw + 1;
  MinCostFlow flow(nb + nw + 2);
  for (size_t i = 0; i < nb; ++i) {
    flow.add_edge(source, 1 + i, broken[i].people, 0);
    for (size_t j = 0; j < nw; ++j) flow.add_edge(1 + i, 1 + nb + j, broken[i].people, km[i][j]);
  }
  for (size_t j = 0; j < nw; ++j) flow.add_edge(1 + nb + j, sink, working[j].capacity, 0);
  flow.run(source, sink);  // successive shortest paths: the most people, each step cheapest

  ContinuityPlan plan;
  for (const auto& b : broken) plan.broken.push_back({b.code, {}, b.people});
  for (const auto& arc : flow.flows()) {
    if (arc.from == source || arc.to == sink) continue;
    const size_t i = arc.from - 1, j = arc.to - 1 - nb;
    plan.broken[i].serve.push_back({working[j].code, arc.flow, km[i][j]});
    plan.broken[i].unassigned -= arc.flow;
    plan.people_assigned += arc.flow;
    plan.person_km += static_cast<double>(arc.flow) * km[i][j];
  }
  for (auto& a : plan.broken) {
    std::sort(a.serve.begin(), a.serve.end(), [](const ContinuityServe& x, const ContinuityServe& y) {
      return x.distance_km != y.distance_km ? x.distance_km < y.distance_km : x.serve_at < y.serve_at;
    });
    plan.people_unassigned += a.unassigned;
  }
  return plan;
}

}  // namespace ktpel
