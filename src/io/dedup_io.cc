#include "io/dedup_io.h"

#include <array>
#include <cstdio>
#include <stdexcept>

#include "core/common/parallel_for.h"
#include "core/text/csv.h"
#include "io/files.h"

namespace ktpel {

std::vector<DedupInput> read_dedup_csv(const std::string& path, const std::function<void(uint64_t, uint64_t)>& progress) {
  const std::string data = read_file(path);
  CsvReader reader(data);
  CsvRecord rec;
  if (!reader.next(rec) || !reader.error().empty())
    throw std::invalid_argument(path + ": line 1: " + (reader.error().empty() ? "empty file, expected a header" : reader.error()));
  enum Col { Nik, Kk, Name, Sex, Place, Dob, Mother, Father, Village, kCols };
  static constexpr std::array<const char*, kCols> names = {"nik", "kk", "name", "sex", "birth_place", "birth_date",
                                                           "mother_name", "father_name", "village_code"};
  std::array<int, kCols> at;
  at.fill(-1);
  for (size_t i = 0; i < rec.fields.size(); ++i) {
    std::string h = rec.fields[i];
    if (i == 0 && h.size() >= 3 && h.compare(0, 3, "\xEF\xBB\xBF") == 0) h.erase(0, 3);  // BOM
    for (int c = 0; c < kCols; ++c)
      if (h == names[c]) at[c] = static_cast<int>(i);
  }
  for (int c : {Nik, Name})
    if (at[c] < 0) throw std::invalid_argument(path + ": line 1: the header has no '" + names[c] + "' column");
  std::vector<DedupInput> out;
  out.reserve(data.size() / 150);
  uint64_t records = 0;
  while (reader.next(rec)) {
    if (!reader.error().empty()) throw std::invalid_argument(path + ": line " + std::to_string(rec.line) + ": " + reader.error());
    if (rec.fields.size() == 1 && rec.fields[0].empty()) continue;  // blank line
    DedupInput in;
    auto field = [&](Col c) -> std::string {
      return at[c] >= 0 && static_cast<size_t>(at[c]) < rec.fields.size() ? std::move(rec.fields[at[c]]) : std::string();
    };
    in.nik = field(Nik);
    if (in.nik.empty()) throw std::invalid_argument(path + ": line " + std::to_string(rec.line) + ": field 'nik' is empty");
    in.kk = field(Kk);
    in.name = field(Name);
    in.sex = field(Sex);
    in.birth_place = field(Place);
    in.birth_date = field(Dob);
    in.mother_name = field(Mother);
    in.father_name = field(Father);
    in.village_code = field(Village);
    in.row = rec.line;
    out.push_back(std::move(in));
    if (progress && (++records & 0xffff) == 0) progress(reader.offset(), reader.size());
  }
  if (progress) progress(reader.size(), reader.size());
  return out;
}

DedupInput dedup_input_of(const Resident& r) {
  DedupInput in;
  in.nik = r.nik;
  in.kk = r.kk;
  in.name = r.name;
  in.sex = r.sex == Sex::L ? "L" : "P";
  in.birth_place = r.birth_place;
  in.birth_date = r.birth_date.iso();
  in.mother_name = r.mother_name;
  in.father_name = r.father_name;
  in.village_code = r.village_code;
  return in;
}

void locate(DedupInput& in, const WilayahCatalog& wilayah) {
  if (in.village_code.size() < 8) return;
  const Region* kec = wilayah.find(std::string_view(in.village_code).substr(0, 8));
  if (kec && kec->lat && kec->lon) {
    in.lat = *kec->lat;
    in.lon = *kec->lon;
  }
}

void locate(std::vector<DedupInput>& inputs, const WilayahCatalog& wilayah) {
  for (auto& in : inputs) locate(in, wilayah);
}

std::vector<PreparedRecord> prepare_all(const std::vector<DedupInput>& inputs, unsigned threads) {
  std::vector<PreparedRecord> out(inputs.size());
  parallel_for(inputs.size(), threads, [&](size_t i) { out[i] = prepare_record(inputs[i]); }, 256);
  return out;
}

std::string pairs_csv(const std::vector<PreparedRecord>& records, const std::vector<DedupPair>& pairs) {
  std::string out = std::string(kPairsCsvHeader) + "\n";
  char score[32];
  for (const auto& p : pairs) {
    std::snprintf(score, sizeof score, "%.6f", p.score.probability);
    csv_append_record(out, {records[p.a].nik, records[p.b].nik, score, to_string(p.score.decision), p.explanation});
  }
  return out;
}

}  // namespace ktpel
