// ktpel wilayah get|children|search|nearest
#include <chrono>
#include <cstdio>

#include "cli/context.h"
#include "core/wilayah/catalog.h"

namespace ktpel::cli {
namespace {

void print_region(const Region& r) {
  std::printf("%-13s  %-9s  %s", r.code.c_str(), std::string(level_name(r.level)).c_str(), r.name.c_str());
  if (r.lat && r.lon) std::printf("  (%.6f, %.6f)", *r.lat, *r.lon);
  if (r.population) std::printf("  penduduk 2024: %lld", static_cast<long long>(*r.population));
  std::printf("\n");
}

const Region& require(const WilayahCatalog& w, const std::string& code) {
  const Region* r = w.find(code);
  if (!r) throw CommandError(kProblems, "region code '" + code + "' not found (dotted Kemendagri code, e.g. 65.71.01)");
  return *r;
}

}  // namespace

void add_wilayah_command(CLI::App& app, Context& ctx, int& exit_code) {
  auto* w = app.add_subcommand("wilayah", "regions: provinces, kabupaten/kota, kecamatan, desa/kelurahan");
  w->require_subcommand(1);
  static std::string code, query, level;
  static double lat = 0, lon = 0;
  static size_t limit = 20;

  w->add_subcommand("get", "a region and its parent chain")->callback([&] {
    const WilayahCatalog& cat = ctx.wilayah();
    require(cat, code);
    for (const Region* r : cat.ancestors(code)) print_region(*r);
  })->add_option("code", code, "dotted code")->required();

  w->add_subcommand("children", "the regions directly below a code (no code: provinces)")->callback([&] {
    const WilayahCatalog& cat = ctx.wilayah();
    if (!code.empty()) require(cat, code);
    for (const Region* r : cat.children(code)) print_region(*r);
  })->add_option("code", code, "dotted code");

  auto* search = w->add_subcommand("search", "find regions by name (case and accents ignored)");
  search->add_option("query", query, "name or part of it")->required();
  search->add_option("--level", level, "provinsi | kabupaten | kecamatan | desa");
  search->add_option("--limit", limit, "maximum results");
  search->callback([&] {
    std::optional<Level> lv;
    if (!level.empty()) {
      lv = parse_level(level);
      if (!lv) throw CommandError(kUsage, "--level must be provinsi, kabupaten, kecamatan or desa");
    }
    auto hits = ctx.wilayah().search(query, lv, limit);
    for (const Region* r : hits) print_region(*r);
    if (hits.empty()) {
      std::fprintf(stderr, "no region matches '%s'\n", query.c_str());
      exit_code = kProblems;
    }
  });

  auto* nearest = w->add_subcommand("nearest", "the nearest kecamatan to a point (great-circle distance)");
  nearest->add_option("lat", lat, "latitude")->required()->check(CLI::Range(-90.0, 90.0));
  nearest->add_option("lon", lon, "longitude")->required()->check(CLI::Range(-180.0, 180.0));
  nearest->add_option("--limit", limit, "how many")->default_val(5);
  nearest->callback([&] {
    for (const auto& n : ctx.wilayah().nearest_kecamatan(lat, lon, limit)) {
      std::printf("%8.2f km  ", n.distance_km);
      print_region(*n.kecamatan);
    }
  });

  w->add_subcommand("load-time", "measure loading all regions into memory")->callback([&] {
    auto start = std::chrono::steady_clock::now();
    const WilayahCatalog& cat = ctx.wilayah();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("%zu provinsi, %zu kabupaten/kota, %zu kecamatan, %zu desa/kelurahan loaded in %.1f ms\n",
                cat.count(Level::Provinsi), cat.count(Level::Kabupaten), cat.count(Level::Kecamatan),
                cat.count(Level::Desa), ms);
  });
}

}  // namespace ktpel::cli
