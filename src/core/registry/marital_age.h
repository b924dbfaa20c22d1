// Marital status follows the legal marriage age (UU 1/1974 as changed by UU 16/2019): since
// 2019-10-15 nobody marries under 19; before it a woman could marry at 16 (a man at 19). A record
// saying KAWIN / CERAI for someone who could not yet have married lawfully is a typing error (a
// 4-day-old set to KAWIN became wajib KTP), so it is refused, naming the field and the rule.
#pragma once
#include <optional>

#include "core/common/error.h"
#include "core/registry/resident.h"

namespace ktpel {

inline constexpr int kMarriageAge = 19;            // UU 16/2019
inline constexpr int kMarriageAgeWomenBefore2019 = 16;  // UU 1/1974, until UU 16/2019 took effect
inline constexpr Date kMarriageAgeLawDate{2019, 10, 15};

// True when someone born on `birth` could have married lawfully on or before `on`.
bool could_have_married(Date birth, Sex sex, Date on);
// MARITAL_UNDER_AGE on field marital_status when r is ever-married but could not have married by `on`.
std::optional<Error> marital_age_problem(const Resident& r, Date on);

}  // namespace ktpel
