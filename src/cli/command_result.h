// Turning a core Result into a CLI outcome: the value, or its problems and exit code 1. One
// problem is one line (field: English | Bahasa Indonesia); several are a count, then each on its
// own line, so an officer fixes every one in a single round.
#pragma once
#include <utility>

#include "cli/context.h"
#include "core/common/error.h"

namespace ktpel::cli {

inline std::string problem_line(const Error& e) {
  return (e.field.empty() ? "" : e.field + ": ") + e.message_en + " | " + e.message_id;
}

inline std::string problems_text(const Errors& es) {
  if (es.size() == 1) return problem_line(es.front());
  std::string out = std::to_string(es.size()) + " problems | " + std::to_string(es.size()) + " masalah:";
  for (const auto& e : es) out += "\n  " + e.code + "  " + problem_line(e);
  return out;
}

[[noreturn]] inline void fail_with(const Errors& es, int exit_code = kProblems) { throw CommandError(exit_code, problems_text(es)); }
[[noreturn]] inline void fail_with(const Error& e) { fail_with(Errors{e}); }

// The value (by value: callers bind it to a const& whose lifetime it then extends).
template <class T>
T value_or_fail(Result<T> r) {
  if (!r) fail_with(r.errors());
  return std::move(r).value();
}

}  // namespace ktpel::cli
