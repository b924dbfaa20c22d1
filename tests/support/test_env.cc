#include "support/test_env.h"

#include <sqlite3.h>

#include <pqxx/pqxx>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "crypto/envelope.h"
#include "io/files.h"
#include "io/reference_data.h"
#include "io/synth_sources.h"
#include "core/synth/name_maker.h"

namespace ktpel::test {

std::map<std::string, int64_t> sql_counts(const std::string& location, const std::string& sql) {
  std::map<std::string, int64_t> out;
  if (is_postgres_location(location)) {
    pqxx::connection c(location);
    pqxx::work w(c);
    for (const auto& r : w.exec(sql)) out[r[0].c_str()] = r[1].as<int64_t>();
  } else {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(location.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    while (sqlite3_step(st) == SQLITE_ROW)
      out[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))] = sqlite3_column_int64(st, 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
  }
  return out;
}

std::string data_dir() { return KTPEL_TEST_DATA_DIR; }

std::string fingerprints_dir() { return std::string(KTPEL_TEST_SOURCE_DIR) + "/data/fingerprints"; }

const WilayahCatalog& wilayah() {
  static const WilayahCatalog catalog = load_wilayah(data_dir());
  return catalog;
}

namespace {
struct TempRoot {
  std::string path;
  TempRoot() {
    char tmpl[] = "/tmp/ktpel-test.XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempRoot() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};
TempRoot& root() {
  static TempRoot r;
  return r;
}
std::atomic<int> counter{0};

// Every store a test opens seals under one master key kept in the tests' temporary folder (a
// PostgreSQL store would otherwise make $HOME/.ktpel/master.key).
[[maybe_unused]] const bool master_key_in_temp = [] {
  if (std::getenv("KTPEL_MASTER_KEY") || std::getenv("KTPEL_MASTER_KEY_FILE")) return false;
  const std::string file = root().path + "/master.key";
  std::ofstream(file) << random_token(32) << "\n";
  setenv("KTPEL_MASTER_KEY_FILE", file.c_str(), 1);
  return true;
}();
}  // namespace

std::string temp_dir() {
  const std::string dir = root().path + "/t" + std::to_string(counter++);
  std::filesystem::create_directories(dir);
  return dir;
}

std::vector<std::string> backends() { return {"sqlite", "postgresql"}; }

bool skip_unavailable(const std::string& backend) {
  if (backend != "postgresql") return false;
  const char* pg = std::getenv("PG_ADMIN_URL");
  if (pg && *pg) return false;
  const char* required = std::getenv("KTPEL_REQUIRE_PG");
  if (required && std::string(required) == "1") {
    ADD_FAILURE() << "KTPEL_REQUIRE_PG=1 but PG_ADMIN_URL is not set";
    return true;
  }
  return true;
}

std::string fresh_database(const std::string& backend) {
  if (backend == "sqlite") return temp_dir() + "/ktpel.db";
  const char* admin = std::getenv("PG_ADMIN_URL");
  if (!admin || !*admin) throw std::runtime_error("PostgreSQL tests need PG_ADMIN_URL (run them through make test)");
  static std::mt19937_64 rng(std::random_device{}());
  const std::string name = "ktpel_t" + std::to_string(rng() % 1000000000000ull);
  pqxx::connection c(admin);
  pqxx::nontransaction w(c);
  w.exec("CREATE DATABASE " + name);
  std::string url(admin);
  return url.substr(0, url.rfind('/') + 1) + name;
}

Resident sample_resident() {
  Resident r;
  r.nik = "6571014501900001";
  r.kk = "6571010405130001";
  r.name = "SITI AMINAH";
  r.sex = Sex::P;
  r.birth_place = "TARAKAN";
  r.birth_date = {1990, 1, 5};
  r.religion = "Islam";
  r.marital_status = "KAWIN";
  r.occupation = "GURU";
  r.mother_name = "HALIMAH";
  r.father_name = "AHMAD";
  r.village_code = "65.71.01.1001";
  r.rt = "001";
  r.rw = "002";
  r.address = "JL. SUDIRMAN NO. 5";
  r.blood_type = "O";
  r.citizenship = "WNI";
  return r;
}

void generate_tana_tidung(GeneratorSink& sink, GeneratorOptions o) {
  static const NameMaker names(load_name_vocabulary(data_dir()));
  static const Demography demo = load_demography(data_dir(), "65");
  o.province = "65";
  o.regency = "65.04";
  o.scale = 0.08;
  generate_population(wilayah(), names, demo, o, sink);
}

void at_once(int n, const std::function<void(int)>& desk) {
  std::vector<std::thread> desks;
  for (int d = 0; d < n; ++d) desks.emplace_back(desk, d);
  for (auto& t : desks) t.join();
}

}  // namespace ktpel::test
