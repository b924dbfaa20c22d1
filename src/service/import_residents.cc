#include "service/import_residents.h"

#include <array>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/common/messages.h"
#include "core/ektp/legacy_history.h"
#include "core/registry/family.h"
#include "core/registry/resident_csv.h"
#include "core/registry/resident_validation.h"
#include "core/registry/vocabulary.h"
#include "core/text/csv.h"
#include "store/store.h"

namespace ktpel {
namespace {

// A 16-digit number fits in 64 bits; keying sets by it keeps 1M NIKs in ~40 MB.
uint64_t key16(std::string_view digits) {
  uint64_t v = 0;
  for (char c : digits) v = v * 10 + static_cast<uint64_t>(c - '0');
  return v;
}
bool is16digits(std::string_view s) {
  if (s.size() != 16) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string joined(std::span<const std::string_view> cols) {
  std::string out;
  for (auto c : cols) {
    if (!out.empty()) out += ',';
    out += c;
  }
  return out;
}

class Importer {
 public:
  Importer(Store& store, const WilayahCatalog& wilayah, const ImportOptions& options)
      : store_(store), wilayah_(wilayah), opt_(options) {}

  ImportReport run(std::string_view residents_csv, std::string_view families_csv, std::string_view ektp_csv,
                   std::string_view akta_csv) {
    const uint64_t total = residents_csv.size() + families_csv.size() + ektp_csv.size() + akta_csv.size();
    StoreTransaction tx(store_);
    read_residents(residents_csv, total);
    if (!families_csv.empty()) read_families(families_csv, residents_csv.size(), total);
    if (!ektp_csv.empty()) read_ektp(ektp_csv, residents_csv.size() + families_csv.size(), total);
    if (!akta_csv.empty()) read_akta(akta_csv, residents_csv.size() + families_csv.size() + ektp_csv.size(), total);
    report_.rejected = rejected_lines_.size();
    if (report_.problem_count > 0 && !opt_.skip_bad) {
      report_.imported = 0;
      report_.family_imported = 0;
      report_.ektp_imported = 0;
      report_.akta_imported = 0;
      return std::move(report_);  // tx rolls back: nothing written
    }
    if (report_.imported > 0 || report_.family_imported > 0 || report_.ektp_imported > 0) {
      ResidentChange change;
      change.event = "import";
      change.actor = opt_.actor;
      change.at = opt_.now;
      change.after_json = "{\"source\":\"" + json_escape(opt_.source_name) + "\",\"residents\":" +
                          std::to_string(report_.imported) + ",\"family_members\":" +
                          std::to_string(report_.family_imported) + ",\"ektp_records\":" +
                          std::to_string(report_.ektp_imported) + ",\"birth_certificates\":" + std::to_string(report_.akta_imported) + "}";
      store_.record_change(change);
    }
    tx.commit();
    report_.committed = true;
    return std::move(report_);
  }

 private:
  static std::string json_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
      if (c == '"' || c == '\\') out += '\\';
      if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
    return out;
  }

  void problem(const char* file, uint64_t line, const std::string& nik, const Error& e) {
    ++report_.problem_count;
    if (report_.problems.size() < kMaxReportedProblems)
      report_.problems.push_back({file, line, nik, e.field, e.code, e.message_id, e.message_en});
  }

  bool header_ok(CsvReader& reader, std::span<const std::string_view> expected, const char* file) {
    CsvRecord rec;
    const std::string want = joined(expected);
    if (!reader.next(rec) || (rec.fields.size() == 1 && rec.fields[0].empty())) {
      problem(file, 1, "", make_error("CSV_EMPTY", "header", {want}));
      return false;
    }
    if (!reader.error().empty()) {
      problem(file, rec.line, "", make_error(reader.binary() ? "CSV_BINARY" : "CSV_QUOTE", "header", {reader.error()}));
      return false;
    }
    std::string got;
    for (const auto& f : rec.fields) got += (got.empty() ? "" : ",") + f;
    if (got != want) {
      problem(file, rec.line, "", make_error("CSV_HEADER", "header", {want, got.substr(0, 300)}));
      return false;
    }
    return true;
  }

  // Returns false when the row is structurally broken (already reported).
  bool row_ok(const CsvReader& reader, const CsvRecord& rec, size_t columns, const char* file) {
    if (!reader.error().empty()) {
      problem(file, rec.line, "", make_error(reader.binary() ? "CSV_BINARY" : "CSV_QUOTE", "", {reader.error()}));
      return false;
    }
    if (rec.fields.size() != columns) {
      problem(file, rec.line, "", make_error("CSV_COLUMNS", "", {std::to_string(rec.fields.size()), std::to_string(columns)}));
      return false;
    }
    return true;
  }

  void read_residents(std::string_view data, uint64_t total) {
    CsvReader reader(data);
    if (data.empty() || !header_ok(reader, kResidentCsvColumns, "residents")) {
      if (data.empty()) problem("residents", 0, "", make_error("CSV_EMPTY", "header", {resident_csv_header()}));
      return;
    }
    CsvRecord rec;
    std::vector<Error> errors;
    while (reader.next(rec)) {
      if (rec.fields.size() == 1 && rec.fields[0].empty() && reader.error().empty()) continue;  // blank line
      ++report_.rows;
      if (opt_.progress && (report_.rows & 4095) == 0) opt_.progress(reader.offset(), total);
      if (!row_ok(reader, rec, kResidentCsvColumns.size(), "residents")) {
        reject_raw(rec);
        continue;
      }
      Resident r;
      errors.clear();
      parse_resident_fields(rec.fields, r, errors);
      for (auto& e : validate_resident(r, wilayah_, opt_.as_of)) errors.push_back(std::move(e));
      if (errors.empty() && !file_niks_.insert(key16(r.nik)).second)
        errors.push_back(make_error("NIK_DUPLICATE", "nik", {r.nik}));
      if (!errors.empty()) {
        for (const auto& e : errors) problem("residents", rec.line, r.nik, e);
        reject(r, rec.line);
        continue;
      }
      if (report_.problem_count > 0 && !opt_.skip_bad) continue;  // doomed import: validate only
      r.created_at = r.updated_at = opt_.now;
      nik_to_kk_.emplace(key16(r.nik), r.kk);
      batch_.push_back(std::move(r));
      batch_lines_.push_back(rec.line);
      if (batch_.size() >= 1000) flush();
    }
    flush();
  }

  void flush() {
    if (batch_.empty()) return;
    if (report_.problem_count == 0 || opt_.skip_bad) {
      auto inserted = store_.insert_residents(batch_);
      for (size_t i = 0; i < batch_.size(); ++i) {
        if (inserted[i]) {
          ++report_.imported;
        } else {  // already in the registry
          problem("residents", batch_lines_[i], batch_[i].nik, make_error("NIK_DUPLICATE", "nik", {batch_[i].nik}));
          nik_to_kk_.erase(key16(batch_[i].nik));
          reject(batch_[i], batch_lines_[i]);
        }
      }
    }
    batch_.clear();
    batch_lines_.clear();
  }

  void reject(const Resident& r, uint64_t line) {
    rejected_lines_.insert(line);
    if (!opt_.skip_bad) return;
    if (report_.rejected_residents_csv.empty()) report_.rejected_residents_csv = resident_csv_header() + "\n";
    append_resident_csv(report_.rejected_residents_csv, r);
  }

  void reject_raw(const CsvRecord& rec) {
    rejected_lines_.insert(rec.line);
    if (!opt_.skip_bad || rec.fields.size() != kResidentCsvColumns.size()) return;
    if (report_.rejected_residents_csv.empty()) report_.rejected_residents_csv = resident_csv_header() + "\n";
    std::vector<std::string_view> views(rec.fields.begin(), rec.fields.end());
    csv_append_record(report_.rejected_residents_csv, views);
  }

  void read_families(std::string_view data, uint64_t offset, uint64_t total) {
    CsvReader reader(data);
    if (!header_ok(reader, kFamilyCsvColumns, "families")) return;
    struct Row {
      FamilyMember member;
      uint64_t line;
    };
    std::map<std::string, std::vector<Row>> by_kk;
    CsvRecord rec;
    while (reader.next(rec)) {
      if (rec.fields.size() == 1 && rec.fields[0].empty() && reader.error().empty()) continue;
      ++report_.family_rows;
      if (opt_.progress && (report_.family_rows & 4095) == 0) opt_.progress(offset + reader.offset(), total);
      if (!row_ok(reader, rec, kFamilyCsvColumns.size(), "families")) continue;
      FamilyMember m{rec.fields[0], rec.fields[1], rec.fields[2]};
      if (!is16digits(m.nik)) {
        problem("families", rec.line, m.nik, make_error("NIK_LENGTH", "nik", {std::to_string(m.nik.size())}));
        continue;
      }
      // The member's KK must be the one on their resident record (from this file or the registry).
      std::string resident_kk;
      if (auto it = nik_to_kk_.find(key16(m.nik)); it != nik_to_kk_.end()) {
        resident_kk = it->second;
      } else if (auto r = store_.find_resident(m.nik)) {
        resident_kk = r->kk;
      } else {
        problem("families", rec.line, m.nik, make_error("RESIDENT_NOT_FOUND", "nik", {m.nik}));
        continue;
      }
      if (resident_kk != m.kk) {
        problem("families", rec.line, m.nik, make_error("KK_MISMATCH", "kk", {m.nik, resident_kk, m.kk}));
        continue;
      }
      by_kk[m.kk].push_back({std::move(m), rec.line});
    }
    std::vector<FamilyMember> good;
    for (auto& [kk, rows] : by_kk) {
      std::vector<FamilyMember> members;
      for (auto& r : rows) members.push_back(r.member);
      auto errors = validate_family(kk, members);
      if (!errors.empty()) {
        for (const auto& e : errors) problem("families", rows.front().line, rows.front().member.nik, e);
        continue;
      }
      for (auto& m : members) good.push_back(std::move(m));
    }
    if (report_.problem_count > 0 && !opt_.skip_bad) return;
    store_.upsert_family_members(good);
    report_.family_imported = good.size();
  }

  void read_ektp(std::string_view data, uint64_t offset, uint64_t total) {
    static constexpr std::array<std::string_view, 5> kColumns = {"nik", "status", "recorded_on", "status_since", "ikd_activated"};
    CsvReader reader(data);
    if (!header_ok(reader, kColumns, "ektp")) return;
    CsvRecord rec;
    std::vector<EktpTransition> transitions;
    auto flush = [&] {
      if (report_.problem_count == 0 || opt_.skip_bad) store_.add_ektp_transitions(transitions);
      transitions.clear();
    };
    while (reader.next(rec)) {
      if (rec.fields.size() == 1 && rec.fields[0].empty() && reader.error().empty()) continue;
      ++report_.ektp_rows;
      if (opt_.progress && (report_.ektp_rows & 4095) == 0) opt_.progress(offset + reader.offset(), total);
      if (!row_ok(reader, rec, kColumns.size(), "ektp")) continue;
      const std::string& nik = rec.fields[0];
      auto status = parse_ektp_status(rec.fields[1]);
      auto recorded = Date::parse_iso(rec.fields[2]);
      auto since = Date::parse_iso(rec.fields[3]);
      const bool ikd = rec.fields[4] == "1";
      if (!status) {
        problem("ektp", rec.line, nik, make_error("ENUM_VALUE", "status", {"status", rec.fields[1], "BC, SFE, PRR, DUPLICATE_RECORD, SUKET, PRINTED, DELIVERED, REPRINT, CANCELLED"}));
        continue;
      }
      if (!recorded) { problem("ektp", rec.line, nik, make_error("DATE_FORMAT", "recorded_on", {"recorded_on", rec.fields[2]})); continue; }
      if (!since) { problem("ektp", rec.line, nik, make_error("DATE_FORMAT", "status_since", {"status_since", rec.fields[3]})); continue; }
      if (rec.fields[4] != "0" && rec.fields[4] != "1") {
        problem("ektp", rec.line, nik, make_error("ENUM_VALUE", "ikd_activated", {"ikd_activated", rec.fields[4], "0, 1"}));
        continue;
      }
      if (!is16digits(nik) || (!nik_to_kk_.count(key16(nik)) && !store_.find_resident(nik))) {
        problem("ektp", rec.line, nik, make_error("RESIDENT_NOT_FOUND", "nik", {nik}));
        continue;
      }
      auto history = legacy_history(nik, *status, *recorded, *since);
      if (!history) { problem("ektp", rec.line, nik, history.error()); continue; }
      if (report_.problem_count > 0 && !opt_.skip_bad) continue;
      store_.put_ektp_record(nik, *status, history->back().at, ikd);
      transitions.insert(transitions.end(), history->begin(), history->end());
      ++report_.ektp_imported;
      if (transitions.size() >= 5000) flush();
    }
    flush();
  }

  // akta.csv: nik,number,issued_on — birth certificates registered by Catatan Sipil.
  void read_akta(std::string_view data, uint64_t offset, uint64_t total) {
    static constexpr std::array<std::string_view, 3> kColumns = {"nik", "number", "issued_on"};
    CsvReader reader(data);
    if (!header_ok(reader, kColumns, "akta")) return;
    CsvRecord rec;
    while (reader.next(rec)) {
      if (rec.fields.size() == 1 && rec.fields[0].empty() && reader.error().empty()) continue;
      ++report_.akta_rows;
      if (opt_.progress && (report_.akta_rows & 4095) == 0) opt_.progress(offset + reader.offset(), total);
      if (!row_ok(reader, rec, kColumns.size(), "akta")) continue;
      const std::string& nik = rec.fields[0];
      auto issued = Date::parse_iso(rec.fields[2]);
      if (rec.fields[1].empty() || rec.fields[1].size() > 64) {
        problem("akta", rec.line, nik, make_error("FIELD_REQUIRED", "number", {"number"}));
        continue;
      }
      if (!issued || *issued > opt_.as_of) {
        problem("akta", rec.line, nik, make_error("DATE_FORMAT", "issued_on", {"issued_on", rec.fields[2]}));
        continue;
      }
      if (!is16digits(nik) || (!nik_to_kk_.count(key16(nik)) && !store_.find_resident(nik))) {
        problem("akta", rec.line, nik, make_error("RESIDENT_NOT_FOUND", "nik", {nik}));
        continue;
      }
      if (report_.problem_count > 0 && !opt_.skip_bad) continue;
      store_.put_birth_certificate(nik, rec.fields[1], *issued);
      ++report_.akta_imported;
    }
  }

  Store& store_;
  const WilayahCatalog& wilayah_;
  const ImportOptions& opt_;
  ImportReport report_;
  std::unordered_set<uint64_t> file_niks_;
  std::unordered_map<uint64_t, std::string> nik_to_kk_;
  std::unordered_set<uint64_t> rejected_lines_;
  std::vector<Resident> batch_;
  std::vector<uint64_t> batch_lines_;
};

}  // namespace

ImportReport import_residents(Store& store, const WilayahCatalog& wilayah, std::string_view residents_csv,
                              std::string_view families_csv, const ImportOptions& options, std::string_view ektp_csv,
                              std::string_view akta_csv) {
  return Importer(store, wilayah, options).run(residents_csv, families_csv, ektp_csv, akta_csv);
}

}  // namespace ktpel
