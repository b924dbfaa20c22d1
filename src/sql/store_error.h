// StoreError: the one exception the store throws, with a code a shell can act on (an HTTP status,
// a retry) whatever the backend and its driver said.
#pragma once
#include <stdexcept>
#include <string>

namespace ktpel {

enum class StoreErrorCode {
  Internal,     // a bug or a broken schema: not worth retrying
  Unavailable,  // the server went away (PostgreSQL restart, network): the next request reconnects
  Busy,         // another writer held the lock too long, a deadlock or serialization failure: retry
  Conflict,     // a unique or check constraint refused the write
  Full,         // the disk holding the database is full: nothing was written; retry once space is freed
};

struct StoreError : std::runtime_error {
  explicit StoreError(const std::string& what, StoreErrorCode code = StoreErrorCode::Internal)
      : std::runtime_error(what), code(code) {}
  StoreErrorCode code;
  // Worth retrying after a pause (HTTP 503 with Retry-After).
  bool transient() const { return code == StoreErrorCode::Unavailable || code == StoreErrorCode::Busy; }
};

}  // namespace ktpel
