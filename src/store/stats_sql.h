// SQL shared by both backends for the population statistics scan. Dates are ISO literals
// generated from Date values (never user text), so both SQLite TEXT and PostgreSQL DATE columns
// compare them correctly.
#pragma once
#include <string>
#include <string_view>

#include "core/common/date.h"
#include "core/wilayah/region.h"

namespace ktpel {

// SELECT code, sex, band, adult, married, count over living residents under region_prefix.
// `substr` is spelled the same in both dialects. The prefix is bound as parameter 1 and 2
// (lower and upper bound); callers check its shape with level_of_code first.
std::string population_cells_sql(Level level, Date as_of, std::string_view placeholder1,
                                 std::string_view placeholder2, std::string_view alive_true);
// Upper bound of a code-prefix range: every code under `prefix` sorts before it.
std::string prefix_upper_bound(std::string_view prefix);
int code_length(Level level);
// Upper bound of a folded-name prefix range (sorts after every UTF-8 string starting with it).
std::string name_prefix_upper_bound(std::string_view folded_prefix);
// The folded query with LIKE wildcards (% _ \) escaped, for "ESCAPE '\'".
std::string like_escape(std::string_view folded);

}  // namespace ktpel
