// Error and Result: how the core reports expected failures (bad input, unknown codes).
// Bugs throw; user mistakes come back as values that name the field and say what to do.
#pragma once
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ktpel {

enum class Severity { Error, Warning };

struct Error {
  std::string code;        // machine code, e.g. "NIK_DATE_INVALID"
  std::string message_id;  // Bahasa Indonesia
  std::string message_en;  // English
  std::string field;       // the input field at fault ("" when not about one field)
  Severity severity = Severity::Error;
};

// Every problem of one request or row, in the order found: the CLI and the API answer with all of
// them at once (first one first), so a caller fixes a request in one round, not one per field.
using Errors = std::vector<Error>;

// A minimal std::expected stand-in (g++ 12 in C++20 mode has none). A failed Result holds one or
// more errors: error() is the first, errors() all of them (a request with several problems).
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}                  // NOLINT: implicit by design
  Result(Error error) : v_(Errors{std::move(error)}) {}      // NOLINT
  // Several problems at once; errors must not be empty.
  Result(Errors errors) : v_(std::move(errors)) {}           // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_).front(); }
  const Errors& errors() const { return std::get<1>(v_); }

 private:
  std::variant<T, Errors> v_;
};

}  // namespace ktpel
