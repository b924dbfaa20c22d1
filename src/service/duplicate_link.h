// The link every view of a DUPLICATE_RECORD shows: the NIK it duplicates and the case that
// decided it (resident get, e-KTP status, API JSON, the print desk's refusal, search).
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "store/dedup_store.h"
#include "store/ektp_store.h"
#include "store/store.h"

namespace ktpel {

// The link of a record in DUPLICATE_RECORD (nullopt for any other status).
std::optional<DuplicateLink> duplicate_of(DedupStore& store, const EktpRecord& record);
// {nik, case_id (null: the matcher was certain, no case), source, decided_by, decided_at}, or null.
nlohmann::json to_json(const std::optional<DuplicateLink>& link);
// "NIK 6571... (kasus adjudikasi #12)" / "NIK 6571... (sidik jari identik, tanpa kasus)".
std::string describe(const DuplicateLink& link);
// Adds to a resident's JSON (resident get, API and CLI) "ektp_status" (null: not recorded) and
// "duplicate_of" (null unless DUPLICATE_RECORD).
void add_ektp_summary(nlohmann::json& resident, Store& store, const std::string& nik);

}  // namespace ktpel
