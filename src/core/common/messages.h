// The message catalogue: every user-facing text of the core, in Bahasa Indonesia and English,
// keyed by machine code. Placeholders {0}, {1}... are filled by make_error().
#pragma once
#include <initializer_list>
#include <string>
#include <string_view>

#include "core/common/error.h"

namespace ktpel {

// Builds an Error from the catalogue entry `code`, substituting args into both languages.
Error make_error(std::string_view code, std::string field = {},
                 std::initializer_list<std::string> args = {});
Error make_warning(std::string_view code, std::string field = {},
                   std::initializer_list<std::string> args = {});

// A catalogue text that is not an error (a status in words, a label), filled in both languages.
struct Message {
  std::string id, en;
};
Message message(std::string_view code, std::initializer_list<std::string> args = {});

// True when the catalogue has an entry for code (tests check every code used has text).
bool has_message(std::string_view code);

}  // namespace ktpel
