// Use case: import residents (and optionally their family roles) from the fixed CSV format.
// All or nothing by default: one transaction, every row validated, any bad row rolls the whole
// import back with a report of every problem (line, field, reason). With skip_bad the good rows
// are committed and the bad ones returned for a reject file.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"

namespace ktpel {

class Store;
class WilayahCatalog;

struct ImportOptions {
  bool skip_bad = false;
  Date as_of;                 // birth dates after this are rejected as future dates
  std::string actor = "import";
  std::string now;            // ISO timestamp written to created_at / updated_at
  std::string source_name;    // file name, recorded in the change log
  std::function<void(uint64_t done, uint64_t total)> progress;
};

struct ImportProblem {
  std::string file;  // "residents" | "families"
  uint64_t line = 0;
  std::string nik, field, code, message_id, message_en;
};

struct ImportReport {
  uint64_t rows = 0, imported = 0, rejected = 0;
  uint64_t family_rows = 0, family_imported = 0;
  uint64_t ektp_rows = 0, ektp_imported = 0;
  uint64_t akta_rows = 0, akta_imported = 0;
  bool committed = false;
  std::vector<ImportProblem> problems;  // capped at kMaxReportedProblems, see problem_count
  uint64_t problem_count = 0;
  std::string rejected_residents_csv;   // skip_bad: bad rows in the import format, with header
};

inline constexpr size_t kMaxReportedProblems = 100000;

// ektp_csv (optional): e-KTP states from elsewhere, `nik,status,recorded_on,status_since,ikd_activated`;
// each row gets its machine-checked history (core/ektp/legacy_history.h).
// akta_csv (optional): birth certificates, `nik,number,issued_on`.
ImportReport import_residents(Store& store, const WilayahCatalog& wilayah, std::string_view residents_csv,
                              std::string_view families_csv, const ImportOptions& options,
                              std::string_view ektp_csv = {}, std::string_view akta_csv = {});

}  // namespace ktpel
