#include "io/dedup_io.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <iterator>
#include <cctype>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <stdexcept>

#include "core/common/prefault.h"
#include "core/common/parallel_for.h"
#include "core/text/csv.h"
#include "io/files.h"

namespace ktpel {

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

namespace {

enum Col { Nik, Kk, Name, Sex, Place, Dob, Mother, Father, Village, Rt, Rw, Address, kCols };
constexpr std::array<const char*, kCols> kColumnNames = {"nik",         "kk",          "name",         "sex",
                                                         "birth_place", "birth_date",  "mother_name",  "father_name",
                                                         "village_code", "rt",         "rw",           "address"};

// A NIK of 16 digits (surrounding blanks ignored, as prepare_record trims them) as a number, so
// that ordering by NIK compares integers; nullopt for anything else (ordered by its text).
std::optional<uint64_t> nik_number(std::string_view nik) {
  while (!nik.empty() && std::isspace(static_cast<unsigned char>(nik.front()))) nik.remove_prefix(1);
  while (!nik.empty() && std::isspace(static_cast<unsigned char>(nik.back()))) nik.remove_suffix(1);
  if (nik.size() != 16) return std::nullopt;
  uint64_t v = 0;
  for (char c : nik) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v;
}

// A CSV record (at physical line `line`) as the engine's input; its fields are moved out.
DedupInput input_of(const std::string& path, CsvRecord& rec, const std::array<int, kCols>& at, uint64_t line,
                    const WilayahCatalog* wilayah) {
  DedupInput in;
  auto field = [&](Col c) -> std::string {
    return at[c] >= 0 && static_cast<size_t>(at[c]) < rec.fields.size() ? std::move(rec.fields[at[c]]) : std::string();
  };
  in.nik = field(Nik);
  if (in.nik.empty()) throw std::invalid_argument(path + ": line " + std::to_string(line) + ": field 'nik' is empty");
  in.kk = field(Kk);
  in.name = field(Name);
  in.sex = field(Sex);
  in.birth_place = field(Place);
  in.birth_date = field(Dob);
  in.mother_name = field(Mother);
  in.father_name = field(Father);
  in.village_code = field(Village);
  in.rt = field(Rt);
  in.rw = field(Rw);
  in.address = field(Address);
  in.row = line;
  if (wilayah) locate(in, *wilayah);
  return in;
}

// Parses the records of one slice of the file (starting on a record boundary at physical line
// `first_line`) and appends them prepared to `out`.
void parse_slice(const std::string& path, std::string_view slice, uint64_t first_line, const std::array<int, kCols>& at,
                 const WilayahCatalog* wilayah, std::vector<PreparedRecord>& out) {
  CsvReader reader(slice, false);
  CsvRecord rec;
  out.reserve(slice.size() / 120 + 16);  // registry rows are 150-200 bytes
  while (reader.next(rec)) {
    const uint64_t line = rec.line + first_line - 1;
    if (!reader.error().empty()) throw std::invalid_argument(path + ": line " + std::to_string(line) + ": " + reader.error());
    if (rec.fields.size() == 1 && rec.fields[0].empty()) continue;  // blank line
    out.push_back(prepare_record(input_of(path, rec, at, line, wilayah)));
  }
}

// The birth-order key of every record of one slice, read without preparing anything: (days, NIK
// as a number), and where the record is (byte offset in the file, physical line). False when a
// record is malformed or a NIK is not 16 digits (the caller then takes the general path, which
// reports the error or orders by the NIK's text).
struct OrderKey {
  int64_t days;
  uint64_t nik;
  uint64_t offset, line;
};
bool order_keys_of_slice(std::string_view slice, size_t slice_offset, uint64_t first_line, const std::array<int, kCols>& at,
                         std::vector<OrderKey>& out) {
  CsvReader reader(slice, false);
  CsvRecord rec;
  for (size_t start = reader.offset(); reader.next(rec); start = reader.offset()) {
    if (!reader.error().empty()) return false;
    if (rec.fields.size() == 1 && rec.fields[0].empty()) continue;
    auto field = [&](Col c) -> std::string_view {
      return at[c] >= 0 && static_cast<size_t>(at[c]) < rec.fields.size() ? std::string_view(rec.fields[at[c]]) : std::string_view();
    };
    const auto nik = nik_number(field(Nik));
    if (!nik) return false;
    const auto dob = parse_dedup_date(field(Dob));
    out.push_back({dob ? dob->to_days() : INT64_MIN, *nik, slice_offset + start, rec.line + first_line - 1});
  }
  return true;
}

// Records in birth-date order: most blocks hold records born close together, so comparing a
// block reads neighbouring memory (results do not depend on the order).
std::vector<PreparedRecord> in_birth_order(std::vector<PreparedRecord> prepared) {
  // Ties by NIK: the same records give the same order (and the same random samples) however they
  // came, from a CSV or from the registry. A NIK is 16 digits: compared as a number (no string
  // compares in the sort); anything else by its text.
  struct Key {
    long days;
    uint64_t nik;
    uint32_t index;
  };
  std::vector<Key> order(prepared.size());
  bool numeric = true;
  for (size_t i = 0; i < prepared.size(); ++i) {
    const auto nik = nik_number(prepared[i].nik());
    numeric = numeric && nik;
    order[i] = {prepared[i].dob ? prepared[i].dob->to_days() : LONG_MIN, nik.value_or(0), static_cast<uint32_t>(i)};
  }
  std::sort(order.begin(), order.end(), [&](const Key& x, const Key& y) {
    if (x.days != y.days) return x.days < y.days;
    if (numeric) return x.nik < y.nik;
    return prepared[x.index].nik() < prepared[y.index].nik();
  });
  // Permuted in place, cycle by cycle (a second vector of ten million records would double the
  // peak memory): position p receives record order[p].index.
  std::vector<bool> placed(prepared.size(), false);
  for (size_t start = 0; start < prepared.size(); ++start) {
    if (placed[start]) continue;
    PreparedRecord held = std::move(prepared[start]);
    size_t p = start;
    while (true) {
      placed[p] = true;
      const size_t from = order[p].index;
      if (from == start) {
        prepared[p] = std::move(held);
        break;
      }
      prepared[p] = std::move(prepared[from]);
      p = from;
    }
  }
  return prepared;
}

}  // namespace

std::vector<PreparedRecord> read_dedup_csv(const std::string& path, const WilayahCatalog* wilayah,
                                           const std::function<void(uint64_t, uint64_t)>& progress, unsigned threads) {
  const MappedFile file(path);
  const std::string_view data = file.text();
  CsvReader header_reader(data);
  CsvRecord rec;
  if (!header_reader.next(rec) || !header_reader.error().empty())
    throw std::invalid_argument(path + ": line 1: " +
                                (header_reader.error().empty() ? "empty file, expected a header" : header_reader.error()));
  std::array<int, kCols> at;
  at.fill(-1);
  for (size_t i = 0; i < rec.fields.size(); ++i) {
    std::string h = rec.fields[i];
    if (i == 0 && h.size() >= 3 && h.compare(0, 3, "\xEF\xBB\xBF") == 0) h.erase(0, 3);  // BOM
    for (int c = 0; c < kCols; ++c)
      if (h == kColumnNames[c]) at[c] = static_cast<int>(i);
  }
  for (int c : {Nik, Name})
    if (at[c] < 0) throw std::invalid_argument(path + ": line 1: the header has no '" + kColumnNames[c] + "' column");
  // Slices that start on record boundaries: a newline outside quotes (an even number of quotes
  // before it), so records with quoted line breaks stay whole. One pass counts quotes and lines.
  const size_t body = header_reader.offset();
  const unsigned parts = std::max(1u, worker_count(threads) * 4);
  const size_t target = std::max<size_t>(1, (data.size() - body) / parts);
  std::vector<size_t> cuts = {body};
  std::vector<uint64_t> lines = {rec.line + 1};
  {
    bool quoted = false;
    uint64_t line = rec.line + 1;
    for (size_t i = body; i < data.size(); ++i) {
      const char c = data[i];
      if (c == '"') quoted = !quoted;
      else if (c == '\n') {
        ++line;
        if (!quoted && i + 1 - cuts.back() >= target && i + 1 < data.size()) {
          cuts.push_back(i + 1);
          lines.push_back(line);
        }
      }
    }
  }
  cuts.push_back(data.size());
  const size_t slice_count = cuts.size() - 1;
  auto slice_text = [&](size_t s) { return data.substr(cuts[s], cuts[s + 1] - cuts[s]); };
  // Usual case (well-formed, 16-digit NIKs): a light first pass finds every record's place in
  // birth order, then the records are prepared in that order, each straight into its place: no
  // second copy of ten million records, no reordering afterwards, and each record's texts are
  // allocated next to its neighbours' in birth order (most blocks hold records born close
  // together, so comparing reads memory that is already near).
  {
    std::vector<std::vector<OrderKey>> keys(slice_count);
    std::vector<char> usable(slice_count, 0);
    parallel_for(slice_count, threads, [&](size_t s) {
      usable[s] = order_keys_of_slice(slice_text(s), cuts[s], lines[s], at, keys[s]);
    }, 1);
    if (std::all_of(usable.begin(), usable.end(), [](char u) { return u != 0; })) {
      std::vector<OrderKey> all;
      size_t n = 0;
      for (const auto& k : keys) n += k.size();
      all.reserve(n);
      for (auto& k : keys) {
        all.insert(all.end(), k.begin(), k.end());
        std::vector<OrderKey>().swap(k);
      }
      std::sort(all.begin(), all.end(), [](const OrderKey& x, const OrderKey& y) {
        return x.days != y.days ? x.days < y.days : x.nik < y.nik;
      });
      // Where each record is, in birth order (half the size of the keys, which go).
      struct Where {
        uint64_t offset, line;
      };
      std::vector<Where> where(all.size());
      for (size_t p = 0; p < all.size(); ++p) where[p] = {all[p].offset, all[p].line};
      std::vector<OrderKey>().swap(all);
      std::vector<PreparedRecord> out;
      resize_prefaulted(out, where.size(), threads);
      constexpr size_t kChunk = 4096;  // records in birth order per task
      std::atomic<uint64_t> done{0};
      std::vector<std::string> errors((where.size() + kChunk - 1) / kChunk);
      parallel_for(errors.size(), threads, [&](size_t c) {
        CsvRecord rec;
        const size_t end = std::min(where.size(), (c + 1) * kChunk);
        try {
          for (size_t p = c * kChunk; p < end; ++p) {
            if (p + 8 < end) __builtin_prefetch(data.data() + where[p + 8].offset);  // records are anywhere in the file
            CsvReader reader(data.substr(where[p].offset), false);
            if (!reader.next(rec) || !reader.error().empty())  // read once already: cannot fail
              throw std::invalid_argument(path + ": line " + std::to_string(where[p].line) + ": " + reader.error());
            out[p] = prepare_record(input_of(path, rec, at, where[p].line, wilayah));
          }
        } catch (const std::invalid_argument& e) {
          errors[c] = e.what();
        }
        const uint64_t d = done.fetch_add(end - c * kChunk) + (end - c * kChunk);
        if (progress) progress(d, where.size());
      }, 1);
      for (const auto& e : errors)
        if (!e.empty()) throw std::invalid_argument(e);
      return out;
    }
  }

  // General path: slices prepared in file order, in parallel with progress, then ordered; the
  // first slice's error (the earliest line) is the one reported.
  std::vector<std::vector<PreparedRecord>> slices(slice_count);
  {
    std::vector<std::string> errors(slice_count);
    std::atomic<uint64_t> done{0};
    parallel_for(slice_count, threads, [&](size_t s) {
      try {
        parse_slice(path, slice_text(s), lines[s], at, wilayah, slices[s]);
      } catch (const std::invalid_argument& e) {
        errors[s] = e.what();
      }
      const uint64_t d = done.fetch_add(cuts[s + 1] - cuts[s]) + (cuts[s + 1] - cuts[s]);
      if (progress) progress(d, data.size() - body);
    }, 1);
    for (const auto& e : errors)
      if (!e.empty()) throw std::invalid_argument(e);
  }
  size_t total = 0;
  for (const auto& s : slices) total += s.size();
  std::vector<PreparedRecord> out;
  out.reserve(total);
  for (auto& s : slices) {
    std::move(s.begin(), s.end(), std::back_inserter(out));
    std::vector<PreparedRecord>().swap(s);
  }
  return in_birth_order(std::move(out));
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
  in.rt = r.rt;
  in.rw = r.rw;
  in.address = r.address;
  return in;
}

std::vector<PreparedRecord> prepare_all(const std::vector<DedupInput>& inputs, unsigned threads) {
  std::vector<PreparedRecord> prepared(inputs.size());
  parallel_for(inputs.size(), threads, [&](size_t i) { prepared[i] = prepare_record(inputs[i]); }, 256);
  return in_birth_order(std::move(prepared));
}

std::string pairs_csv(const std::vector<PreparedRecord>& records, const std::vector<DedupPair>& pairs) {
  std::string out = std::string(kPairsCsvHeader) + "\n";
  char score[32];
  for (const auto& p : pairs) {
    std::snprintf(score, sizeof score, "%.6f", p.score.probability);
    csv_append_record(out, {records[p.a].nik(), records[p.b].nik(), score, to_string(p.score.decision), p.explanation});
  }
  return out;
}

}  // namespace ktpel
