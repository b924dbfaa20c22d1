// Text folding for search: Unicode NFKC, case fold and diacritics stripped (utf8proc), so
// "Pulau Derawan", "PULAU DERAWAN" and "Pulau Deráwan" compare equal.
#pragma once
#include <string>
#include <string_view>

namespace ktpel {

bool is_valid_utf8(std::string_view text);
// Folded form for matching; invalid UTF-8 is folded bytewise (ASCII lowercased).
std::string fold_for_search(std::string_view text);
// The same into `out` (its capacity reused: for loops over millions of names).
void fold_for_search(std::string_view text, std::string& out);

}  // namespace ktpel
