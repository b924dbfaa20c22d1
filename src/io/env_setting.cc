#include "io/env_setting.h"

#include <cstdlib>

namespace ktpel {

int64_t env_setting(const char* name, int64_t fallback, int64_t least, int64_t most) {
  const char* v = std::getenv(name);
  if (!v || !*v) return fallback;
  char* end = nullptr;
  const long long n = std::strtoll(v, &end, 10);
  return *end || n < least || n > most ? fallback : static_cast<int64_t>(n);
}

}  // namespace ktpel
