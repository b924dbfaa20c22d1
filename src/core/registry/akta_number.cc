#include "core/registry/akta_number.h"

#include <cstdio>

namespace ktpel {

bool akta_is_late(Date birth, Date issued) { return issued.to_days() - birth.to_days() > kAktaOnTimeDays; }

std::string akta_number(std::string_view office, Date issued, bool late, int64_t sequence) {
  std::string digits;
  for (char c : office)
    if (c != '.') digits += c;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s-%s-%02d%02d%04d-%04lld", digits.c_str(), late ? "LT" : "LU", issued.day, issued.month,
                issued.year, static_cast<long long>(sequence));
  return buf;
}

}  // namespace ktpel
