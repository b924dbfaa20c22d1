// A whole-number setting from the environment (KTPEL_...), with its default when unset, not a
// number, or outside [least, most]: a typo in a limit must not turn it off.
#pragma once
#include <cstdint>

namespace ktpel {

int64_t env_setting(const char* name, int64_t fallback, int64_t least, int64_t most);

}  // namespace ktpel
