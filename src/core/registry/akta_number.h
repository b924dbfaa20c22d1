// The number of an akta kelahiran issued by a regency office: "6571-LU-20112026-0007" (office
// digits, LU for a birth registered within 60 days, LT for a late one, the day, the office's
// serial of that day).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "core/common/date.h"

namespace ktpel {

inline constexpr int kAktaOnTimeDays = 60;

bool akta_is_late(Date birth, Date issued);
std::string akta_number(std::string_view office, Date issued, bool late, int64_t sequence);

}  // namespace ktpel
