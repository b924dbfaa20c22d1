// libFuzzer target for the text rules every name and free-text field passes (import rows, API
// bodies, corrections): never a crash on any bytes, and what is accepted keeps the promises of
// core/text/text_rules.h (no control bytes, no padding, and a name is also acceptable free text).
#include <cstddef>
#include <cstdint>

#include "core/text/text_rules.h"
#include "fuzz/fuzz_support.h"

using namespace ktpel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const auto as_name = text_problem("name", text, TextKind::PersonName);
  const auto as_text = text_problem("address", text, TextKind::FreeText);
  if (as_name) fuzz::require(as_name->field == "name", "a problem names another field");
  if (!as_name) fuzz::require(!as_text, "a valid name is refused as free text");
  if (as_text || text.empty()) return 0;
  fuzz::require(text.front() != ' ' && text.back() != ' ', "accepted text with padding");
  for (unsigned char c : text) fuzz::require(c >= 0x20 && c != 0x7f, "accepted text with a control byte");
  return 0;
}
