// What text a person's record may hold, checked once here for every way in (import rows, API
// bodies, corrections): printable, trimmed, no hidden characters, and for names an alphabet.
//
// Names (resident, mother, father): letters of any script with their combining marks, single
// spaces between words, and four marks found in Indonesian names and kept on the card:
// apostrophe (Ma'ruf; also U+2019), hyphen (Siti-Aminah), full stop and comma (abbreviated
// names and titles recorded with the name: "Moh. Hatta", "Sari, S.Pd."). No digits, no other
// punctuation: a '|' or '<' in a name is a typing slip or an attack, never a name.
// Free text (address, occupation, birth place): any printable character.
// Both: valid UTF-8; no control characters (NUL, tab, line breaks, DEL, C1), no bidirectional
// overrides or isolates (they make "Budi" display as another name), no zero-width characters or
// byte-order marks; not blank; no spaces at the start or the end.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/common/error.h"

namespace ktpel {

enum class TextKind { PersonName, FreeText };

// nullopt when the value is acceptable (an empty value is the caller's "required?" question);
// otherwise the first problem, naming the field and the offending character (as U+XXXX).
std::optional<Error> text_problem(const char* field, std::string_view value, TextKind kind);

}  // namespace ktpel
