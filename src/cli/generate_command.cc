// ktpel generate: a synthetic province (or regency) as residents.csv, families.csv, truth.csv.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "cli/context.h"
#include "core/registry/resident_csv.h"
#include "core/synth/population_generator.h"
#include "core/text/csv.h"
#include "io/files.h"
#include "io/progress.h"
#include "io/synth_sources.h"

namespace ktpel::cli {
namespace {

// Buffered CSV file output; written under a temporary name and renamed when complete.
class CsvFile {
 public:
  CsvFile(const std::string& path, const std::string& header) : path_(path), tmp_(path + ".tmp") {
    f_ = std::fopen(tmp_.c_str(), "wb");
    if (!f_) throw std::runtime_error("cannot write " + tmp_);
    buf_ = header + "\n";
  }
  ~CsvFile() {
    if (f_) std::fclose(f_);
  }
  std::string& buffer() { return buf_; }
  void maybe_flush() {
    if (buf_.size() > (1 << 20)) flush();
  }
  void close() {
    flush();
    if (std::fclose(f_) != 0) throw std::runtime_error("cannot write " + tmp_);
    f_ = nullptr;
    std::filesystem::rename(tmp_, path_);
  }

 private:
  void flush() {
    if (std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size()) throw std::runtime_error("cannot write " + tmp_);
    buf_.clear();
  }
  std::string path_, tmp_;
  FILE* f_ = nullptr;
  std::string buf_;
};

class FileSink : public GeneratorSink {
 public:
  explicit FileSink(const std::string& dir)
      : residents_(dir + "/residents.csv", resident_csv_header()),
        families_(dir + "/families.csv", "kk,nik,relationship"),
        truth_(dir + "/truth.csv", "nik,person_id"),
        ektp_(dir + "/ektp.csv", "nik,status,recorded_on,status_since,ikd_activated"),
        akta_(dir + "/akta.csv", "nik,number,issued_on") {}
  void resident(const Resident& r, const std::string& person_id) override {
    append_resident_csv(residents_.buffer(), r);
    residents_.maybe_flush();
    csv_append_record(truth_.buffer(), {r.nik, person_id});
    truth_.maybe_flush();
  }
  void family_member(const FamilyMember& m) override {
    csv_append_record(families_.buffer(), {m.kk, m.nik, m.relationship});
    families_.maybe_flush();
  }
  void ektp(const std::string& nik, EktpStatus status, Date recorded_on, Date since, bool ikd) override {
    const std::string rec = recorded_on.iso(), sin = since.iso();
    csv_append_record(ektp_.buffer(), {nik, to_string(status), rec, sin, ikd ? "1" : "0"});
    ektp_.maybe_flush();
  }
  void birth_certificate(const std::string& nik, const std::string& number, Date issued_on) override {
    csv_append_record(akta_.buffer(), {nik, number, issued_on.iso()});
    akta_.maybe_flush();
  }
  void close() {
    akta_.close();
    residents_.close();
    families_.close();
    truth_.close();
    ektp_.close();
  }

 private:
  CsvFile residents_, families_, truth_, ektp_, akta_;
};

}  // namespace

void add_generate_command(CLI::App& app, Context& ctx, int& /*exit_code*/) {
  static GeneratorOptions opt;
  static std::string out, as_of = "2024-12-31";
  auto* g = app.add_subcommand("generate", "write a synthetic population (residents.csv, families.csv, truth.csv)");
  g->add_option("--province", opt.province, "two-digit province code, e.g. 65")->required();
  g->add_option("--regency", opt.regency, "only this kabupaten/kota, e.g. 65.01");
  g->add_option("--scale", opt.scale, "fraction of the 2024 population (default 1)");
  g->add_option("--seed", opt.seed, "random seed (same seed, same output)")->default_val(42);
  g->add_option("--duplicates", opt.duplicate_rate, "share of adults recorded twice under a second NIK (e.g. 0.02)");
  g->add_option("--as-of", as_of, "snapshot date (ages are computed on it)");
  static bool no_ektp = false;
  g->add_flag("--no-ektp", no_ektp, "do not write ektp.csv (e-KTP states of recorded residents) nor akta.csv (birth certificates)");
  g->add_option("--out", out, "output folder (created)")->required();
  g->callback([&] {
    auto d = Date::parse_iso(as_of);
    if (!d) throw CommandError(kUsage, "--as-of must be YYYY-MM-DD");
    opt.as_of = *d;
    opt.ektp_states = !no_ektp;
    const auto start = std::chrono::steady_clock::now();
    const std::string data = ctx.data_dir();
    NameMaker names(load_name_vocabulary(data));
    Demography demography = load_demography(data, opt.province);
    std::filesystem::create_directories(out);
    FileSink sink(out);
    ProgressBar bar("generate");
    GeneratorSummary s;
    try {
      s = generate_population(ctx.wilayah(), names, demography, opt, sink,
                              [&](uint64_t done, uint64_t total) { bar.update(done, total); });
    } catch (const std::invalid_argument& e) {
      throw CommandError(kUsage, e.what());
    }
    sink.close();
    bar.finish();
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("generated %llu residents in %llu households (%llu regencies, %llu injected duplicates, %llu e-KTP records, %llu birth certificates) into %s in %.2f s (%.0f rows/s)\n",
                static_cast<unsigned long long>(s.residents), static_cast<unsigned long long>(s.households),
                static_cast<unsigned long long>(s.regencies), static_cast<unsigned long long>(s.duplicates),
                static_cast<unsigned long long>(s.ektp_records), static_cast<unsigned long long>(s.birth_certificates), out.c_str(),
                secs, secs > 0 ? static_cast<double>(s.residents + s.duplicates) / secs : 0.0);
  });
}

}  // namespace ktpel::cli
