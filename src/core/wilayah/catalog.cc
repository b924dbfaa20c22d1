#include "core/wilayah/catalog.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "core/text/csv.h"
#include "core/text/fold.h"
#include "core/wilayah/geo.h"

namespace ktpel {
namespace {

[[noreturn]] void fail(std::string_view file, uint64_t line, const std::string& why) {
  throw std::runtime_error("wilayah " + std::string(file) + " line " + std::to_string(line) + ": " + why);
}

template <class F>
void each_row(std::string_view text, std::string_view file, size_t columns, F&& f) {
  CsvReader reader(text);
  CsvRecord rec;
  bool header = true;
  while (reader.next(rec)) {
    if (!reader.error().empty()) fail(file, rec.line, reader.error());
    if (header) {
      header = false;
      continue;
    }
    if (rec.fields.size() == 1 && rec.fields[0].empty()) continue;
    if (rec.fields.size() < columns) fail(file, rec.line, "expected " + std::to_string(columns) + " columns");
    f(rec);
  }
}

std::optional<double> to_double(std::string_view file, const CsvRecord& rec, const std::string& s) {
  if (s.empty()) return std::nullopt;
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) fail(file, rec.line, "bad number '" + s + "'");
  return v;
}

int64_t to_int(std::string_view file, const CsvRecord& rec, const std::string& s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) fail(file, rec.line, "bad integer '" + s + "'");
  return v;
}

}  // namespace

WilayahCatalog WilayahCatalog::build(const WilayahSources& src) {
  WilayahCatalog c;
  c.regions_.reserve(38 + 514 + 7285 + 83762 + 64);
  auto add = [&](std::string_view file, const CsvRecord& rec, Level level, bool has_parent, bool has_latlon) {
    Region r;
    r.code = rec.fields[0];
    size_t col = 1;
    if (has_parent) r.parent_code = rec.fields[col++];
    r.name = rec.fields[col++];
    if (has_latlon) {
      r.lat = to_double(file, rec, rec.fields[col]);
      r.lon = to_double(file, rec, rec.fields[col + 1]);
    }
    if (level_of_code(r.code) != level) fail(file, rec.line, "code '" + r.code + "' has the wrong shape");
    r.level = level;
    c.regions_.push_back(std::move(r));
  };
  each_row(src.provinces, "provinces.csv", 4, [&](const CsvRecord& r) { add("provinces.csv", r, Level::Provinsi, false, true); });
  each_row(src.regencies, "regencies.csv", 5, [&](const CsvRecord& r) { add("regencies.csv", r, Level::Kabupaten, true, true); });
  each_row(src.districts, "districts.csv", 5, [&](const CsvRecord& r) { add("districts.csv", r, Level::Kecamatan, true, true); });
  each_row(src.villages, "villages.csv", 3, [&](const CsvRecord& r) { add("villages.csv", r, Level::Desa, true, false); });

  // Index only after the vector stops growing: the maps hold views into it.
  c.by_code_.reserve(c.regions_.size());
  for (uint32_t i = 0; i < c.regions_.size(); ++i) {
    const Region& r = c.regions_[i];
    if (!c.by_code_.emplace(r.code, i).second) throw std::runtime_error("wilayah: duplicate code " + r.code);
    c.counts_[static_cast<int>(r.level) - 1]++;
    if (r.level == Level::Kecamatan) c.kecamatan_.push_back(i);
  }
  for (const Region& r : c.regions_) {
    if (r.level != Level::Provinsi && !c.by_code_.count(r.parent_code))
      throw std::runtime_error("wilayah: " + r.code + " has unknown parent " + r.parent_code);
    c.children_[c.by_code_.count(r.parent_code) ? std::string_view(c.regions_[c.by_code_[r.parent_code]].code)
                                                : std::string_view()]
        .push_back(&r);
  }
  each_row(src.population, "population.csv", 6, [&](const CsvRecord& rec) {
    auto it = c.by_code_.find(rec.fields[0]);
    if (it == c.by_code_.end()) fail("population.csv", rec.line, "unknown regency " + rec.fields[0]);
    Region& r = c.regions_[it->second];
    r.population = to_int("population.csv", rec, rec.fields[1]);
    r.male = to_int("population.csv", rec, rec.fields[4]);
    r.female = to_int("population.csv", rec, rec.fields[5]);
    // Provinces carry the sum of their regencies.
    Region& p = c.regions_[c.by_code_.at(r.parent_code)];
    p.population = p.population.value_or(0) + *r.population;
    p.male = p.male.value_or(0) + *r.male;
    p.female = p.female.value_or(0) + *r.female;
  });
  c.folded_names_.reserve(c.regions_.size());
  for (const Region& r : c.regions_) c.folded_names_.push_back(fold_for_search(r.name));
  return c;
}

const Region* WilayahCatalog::find(std::string_view code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &regions_[it->second];
}

std::span<const Region* const> WilayahCatalog::children(std::string_view code) const {
  auto it = children_.find(code);
  if (it == children_.end()) return {};
  return it->second;
}

std::vector<const Region*> WilayahCatalog::ancestors(std::string_view code) const {
  std::vector<const Region*> chain;
  for (const Region* r = find(code); r; r = r->parent_code.empty() ? nullptr : find(r->parent_code))
    chain.push_back(r);
  std::reverse(chain.begin(), chain.end());
  return chain;
}

std::vector<const Region*> WilayahCatalog::search(std::string_view query, std::optional<Level> level,
                                                  size_t limit) const {
  const std::string q = fold_for_search(query);
  std::vector<std::pair<int, const Region*>> hits;
  if (q.empty()) return {};
  for (size_t i = 0; i < regions_.size(); ++i) {
    if (level && regions_[i].level != *level) continue;
    const std::string& name = folded_names_[i];
    size_t pos = name.find(q);
    if (pos == std::string::npos) continue;
    // Rank: exact name, then prefix, then word start, then anywhere; higher levels first.
    int rank = name.size() == q.size() ? 0 : pos == 0 ? 1 : name[pos - 1] == ' ' ? 2 : 3;
    hits.emplace_back(rank * 8 + static_cast<int>(regions_[i].level), &regions_[i]);
  }
  std::stable_sort(hits.begin(), hits.end(), [](auto& a, auto& b) { return a.first < b.first; });
  std::vector<const Region*> out;
  for (size_t i = 0; i < hits.size() && i < limit; ++i) out.push_back(hits[i].second);
  return out;
}

std::vector<NearestKecamatan> WilayahCatalog::nearest_kecamatan(double lat, double lon, size_t k) const {
  // 7,285 haversines take ~0.1 ms; a spatial index would not pay for itself here.
  std::vector<NearestKecamatan> all;
  all.reserve(kecamatan_.size());
  for (uint32_t i : kecamatan_) {
    const Region& r = regions_[i];
    if (r.lat && r.lon) all.push_back({&r, great_circle_km(lat, lon, *r.lat, *r.lon)});
  }
  k = std::min(k, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<long>(k), all.end(),
                    [](auto& a, auto& b) { return a.distance_km < b.distance_km; });
  all.resize(k);
  return all;
}

}  // namespace ktpel
