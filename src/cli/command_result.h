// Turning a core Result into a CLI outcome: the value, or a one-line error (English | Bahasa
// Indonesia, with the field at fault) and exit code 1.
#pragma once
#include <utility>

#include "cli/context.h"
#include "core/common/error.h"

namespace ktpel::cli {

[[noreturn]] inline void fail_with(const Error& e) {
  throw CommandError(kProblems, (e.field.empty() ? "" : e.field + ": ") + e.message_en + " | " + e.message_id);
}

// The value (by value: callers bind it to a const& whose lifetime it then extends).
template <class T>
T value_or_fail(Result<T> r) {
  if (!r) fail_with(r.error());
  return std::move(r).value();
}

}  // namespace ktpel::cli
