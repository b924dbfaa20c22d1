// Ranges the store's queries bind: a region code prefix and its upper bound, a folded-name prefix
// and its upper bound (index ranges, no LIKE), the LIKE escape for "contains", and each level's
// code length.
#pragma once
#include <string>
#include <string_view>

#include "core/common/date.h"
#include "core/wilayah/region.h"

namespace ktpel {

// Upper bound of a code-prefix range: every code under `prefix` sorts before it.
std::string prefix_upper_bound(std::string_view prefix);
int code_length(Level level);
// Upper bound of a folded-name prefix range (sorts after every UTF-8 string starting with it).
std::string name_prefix_upper_bound(std::string_view folded_prefix);
// The folded query with LIKE wildcards (% _ \) escaped, for "ESCAPE '\'".
std::string like_escape(std::string_view folded);

}  // namespace ktpel
