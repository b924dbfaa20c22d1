// Shared test fixtures: the repo's reference data, temporary folders, and a fresh database per
// test on each backend (SQLite file; PostgreSQL database created on the server that
// scripts/with_services.sh started, PG_ADMIN_URL).
#pragma once
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/registry/birth_registration.h"
#include "core/registry/resident.h"
#include "core/synth/population_generator.h"
#include "core/wilayah/catalog.h"
#include "store/store.h"

namespace ktpel::test {

const WilayahCatalog& wilayah();   // loaded once per test binary
std::string data_dir();
// The FVC2002 templates copied into tests/data/fingerprints (see its SOURCE.txt).
std::string fingerprints_dir();
std::string temp_dir();            // a fresh folder under /tmp, removed at exit

// Backends every store-level suite runs on. The PostgreSQL instances need PG_ADMIN_URL (make
// test sets it, and KTPEL_REQUIRE_PG=1 which turns its absence into a failure).
std::vector<std::string> backends();
// True when the test must stop: backend not available here (skip), or required and missing
// (a failure has been recorded). Use: if (test::skip_unavailable(GetParam())) GTEST_SKIP();
bool skip_unavailable(const std::string& backend);
// A location for open_store(): a new SQLite file or a new, empty PostgreSQL database.
std::string fresh_database(const std::string& backend);

// Rows of (first column, second column as a count) from plain SQL on a database location
// (SQLite file or PostgreSQL URL): the "direct count" consistency tests compare against.
// Runs desk(0) .. desk(n-1) on n threads at once and waits for all: desks (or processes) that
// act at the same instant, each opening its own connection.
void at_once(int n, const std::function<void(int)>& desk);
std::map<std::string, int64_t> sql_counts(const std::string& location, const std::string& sql);

// A valid resident of Tarakan Barat (NIK 6571014501900001, KK 6571010405130001).
Resident sample_resident();
// `r` registered as a newcomer: parents not registered here, a KK of their own (kk cleared).
inline BirthRegistration newcomer(Resident r) {
  BirthRegistration b;
  r.kk.clear();
  b.resident = std::move(r);
  b.parent_reason = "ORANG_TUA_TIDAK_TERDAFTAR";
  return b;
}

// A generated population of Tana Tidung (65.04) at scale 0.08, about 1,500 residents, into `sink`;
// `o` gives the seed, the day and the rest (its province, regency and scale are set here).
void generate_tana_tidung(GeneratorSink& sink, GeneratorOptions o);

}  // namespace ktpel::test
