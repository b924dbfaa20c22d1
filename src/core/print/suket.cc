#include "core/print/suket.h"

#include <cstdio>
#include <vector>

#include "core/common/messages.h"

namespace ktpel {

constexpr std::string_view kMagic = "KTPEL-SKT1";

std::string encode_suket_payload(const SuketPayload& p) {
  return std::string(kMagic) + "|" + p.number + "|" + p.office + "|" + p.nik + "|" + p.name + "|" + p.issued.iso() + "|" +
         p.expires.iso();
}

Result<SuketPayload> decode_suket_payload(std::string_view text) {
  std::vector<std::string> f;
  size_t start = 0;
  for (;;) {
    const size_t bar = text.find('|', start);
    f.emplace_back(text.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  if (f.size() != 7 || f[0] != kMagic) return make_error("SUKET_TOKEN", "token", {"not a ktpel suket"});
  auto issued = Date::parse_iso(f[5]), expires = Date::parse_iso(f[6]);
  if (!issued || !expires) return make_error("SUKET_TOKEN", "token", {"dates unreadable"});
  return SuketPayload{f[1], f[2], f[3], f[4], *issued, *expires};
}

std::string suket_number(std::string_view office, Date issued, int64_t sequence) {
  std::string digits;
  for (char c : office)
    if (c != '.') digits += c;
  char buf[64];
  std::snprintf(buf, sizeof buf, "SKT-%s-%04d%02d%02d-%06lld", digits.c_str(), issued.year, issued.month, issued.day,
                static_cast<long long>(sequence));
  return buf;
}

Date add_months(Date d, int months) {
  int total = d.year * 12 + (d.month - 1) + months;
  Date out{total / 12, total % 12 + 1, 1};
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int last = kDays[out.month - 1];
  if (out.month == 2 && ((out.year % 4 == 0 && out.year % 100 != 0) || out.year % 400 == 0)) last = 29;
  out.day = std::min(d.day, last);
  return out;
}

}  // namespace ktpel
