// Adjudication of possible duplicates (NIK ganda) found by the ABIS: an officer sees both people,
// the fused score and the per-finger scores, and decides. Same person: the new record becomes
// DUPLICATE_RECORD linked to the earlier NIK (its card blocked; deletion is the centre's to do).
// Different people: the record goes on to PRR and its fingers join the gallery. Each decision is
// written to the case and to the record's e-KTP history with the officer's id.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/common/error.h"
#include "service/abis_service.h"
#include "store/abis_store.h"

namespace ktpel {

class Store;

nlohmann::json adjudication_json(Store& store, const AdjudicationCase& c);

struct AdjudicationDecision {
  int64_t case_id = 0;
  std::string decision;  // SAME_PERSON | DIFFERENT_PEOPLE
  std::string officer, note, at;  // note: the officer's reason, required
};

// Returns the decided case; errors: ADJUDICATION_NOT_FOUND, ADJUDICATION_DECIDED, ENUM_VALUE,
// FIELD_REQUIRED (officer, or a blank note: every decision states its reason). Gallery memory is updated only after the transaction commits.
Result<AdjudicationCase> decide_adjudication(Store& store, AbisService* abis, const AdjudicationDecision& d);

}  // namespace ktpel
