// A resident's coverage facts on an earlier day, rebuilt from the dated history kept with the
// records (e-KTP transitions, death date, birth certificate date): the monthly report's "last
// month" column. The counters (core/stats/coverage.h) only hold today.
#pragma once
#include <optional>
#include <utility>
#include <vector>

#include "core/stats/coverage.h"

namespace ktpel {

struct CoverageHistory {
  CoverageFacts now;                                     // as the records stand today
  std::optional<Date> death_date, akta_issued;           // when known
  std::vector<std::pair<Date, EktpStatus>> transitions;  // in the order they were written
};

// The facts as they stood at the end of `day`: the e-KTP status of the last transition on or
// before it (none yet: not recorded), alive unless dead by then, an akta only if issued by then.
// A record without transitions counts from the day of its status. Marital status and IKD
// activation carry no date: today's values are used.
CoverageFacts coverage_facts_on(const CoverageHistory& h, Date day);

// A suket (surat keterangan) as dated in the sukets table.
struct SuketSpan {
  std::string village_code;
  Date issued_on, expires_on;
  std::optional<Date> closed_on;  // a card replaced it
};
// Held at the end of `day`: issued by then and not closed by then; expired: held past its validity.
inline bool suket_held_on(const SuketSpan& s, Date day) { return s.issued_on <= day && (!s.closed_on || *s.closed_on > day); }
inline bool suket_expired_on(const SuketSpan& s, Date day) { return suket_held_on(s, day) && s.expires_on < day; }

}  // namespace ktpel
