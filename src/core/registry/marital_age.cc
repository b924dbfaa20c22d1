#include "core/registry/marital_age.h"

#include "core/common/messages.h"

namespace ktpel {

bool could_have_married(Date birth, Sex sex, Date on) {
  if (birth.age_on(on) >= kMarriageAge) return true;
  // A woman who turned 16 before the 2019 law (and by `on`) may have married then.
  const Date sixteen = birth.plus_years(kMarriageAgeWomenBefore2019);
  return sex == Sex::P && sixteen < kMarriageAgeLawDate && sixteen <= on;
}

std::optional<Error> marital_age_problem(const Resident& r, Date on) {
  const bool married = r.marital_status == "KAWIN" || r.marital_status == "CERAI HIDUP" || r.marital_status == "CERAI MATI";
  if (!married || could_have_married(r.birth_date, r.sex, on)) return std::nullopt;
  return make_error("MARITAL_UNDER_AGE", "marital_status",
                    {r.marital_status, std::to_string(r.birth_date.age_on(on)), std::to_string(kMarriageAge)});
}

}  // namespace ktpel
