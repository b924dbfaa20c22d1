// Field rules for a resident record: every problem, each naming its field.
#pragma once
#include <vector>

#include "core/common/error.h"
#include "core/registry/resident.h"

namespace ktpel {

class WilayahCatalog;

// Checks one resident as an import row or an API body would give it. NIK problems come from
// validate_nik (with the recorded birth date and sex); unknown-region NIKs are only warnings.
std::vector<Error> validate_resident(const Resident& r, const WilayahCatalog& wilayah, Date as_of);

// The closed-vocabulary fields (religion, marital status, blood type, citizenship) in their
// canonical spelling whatever the case typed: CLI, API and CSV import all read through this.
void canonicalise_vocabularies(Resident& r);

// Field lengths the schema accepts.
inline constexpr size_t kMaxNameLength = 120;
inline constexpr size_t kMaxAddressLength = 250;

}  // namespace ktpel
