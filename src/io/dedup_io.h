// Reading residents for demographic dedup (a CSV with named columns, or the registry) and writing
// pairs.csv (nik_a,nik_b,score,decision,explanation).
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/dedup/dedup_engine.h"
#include "core/registry/resident.h"
#include "core/wilayah/catalog.h"

namespace ktpel {

// Columns by header name: nik and name are required; kk, sex, birth_place, birth_date,
// mother_name, father_name, village_code are used when present. Throws std::invalid_argument
// naming the line and the problem (a missing column, a malformed record, an empty NIK).
// Parsed and prepared on `threads` threads (0 = every core) in slices cut at record boundaries,
// located with `wilayah` when given; returned in birth-date order (see prepare_all).
std::vector<PreparedRecord> read_dedup_csv(const std::string& path, const WilayahCatalog* wilayah,
                                           const std::function<void(uint64_t, uint64_t)>& progress = {},
                                           unsigned threads = 0);

DedupInput dedup_input_of(const Resident& r);

// Fills lat/lon from the kecamatan of each record's village code (when the catalog knows it).
void locate(std::vector<DedupInput>& inputs, const WilayahCatalog& wilayah);
void locate(DedupInput& input, const WilayahCatalog& wilayah);

// Prepares every record on `threads` threads, in birth-date order: most blocks hold records born
// close together, so comparing a block reads neighbouring memory (results do not depend on order).
std::vector<PreparedRecord> prepare_all(const std::vector<DedupInput>& inputs, unsigned threads);

inline constexpr const char* kPairsCsvHeader = "nik_a,nik_b,score,decision,explanation";
std::string pairs_csv(const std::vector<PreparedRecord>& records, const std::vector<DedupPair>& pairs);

}  // namespace ktpel
