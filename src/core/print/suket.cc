#include "core/print/suket.h"

#include <cstdio>
#include <vector>

#include "core/common/messages.h"

namespace ktpel {
namespace {

constexpr std::string_view kMagic = "KTPEL-SKT1";

// A field never holds a bare '|': '%' and '|' travel as %25 and %7C, so a name from before the
// name rules (or a future field) cannot shift the others. Other '%' sequences are read as written.
std::string escape_field(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '%') out += "%25";
    else if (c == '|') out += "%7C";
    else out += c;
  }
  return out;
}

std::string unescape_field(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '%' && v.substr(i + 1, 2) == "25") out += '%', i += 2;
    else if (v[i] == '%' && (v.substr(i + 1, 2) == "7C" || v.substr(i + 1, 2) == "7c")) out += '|', i += 2;
    else out += v[i];
  }
  return out;
}

}  // namespace

std::string encode_suket_payload(const SuketPayload& p) {
  return std::string(kMagic) + "|" + escape_field(p.number) + "|" + escape_field(p.office) + "|" + escape_field(p.nik) +
         "|" + escape_field(p.name) + "|" + p.issued.iso() + "|" + p.expires.iso();
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
  return SuketPayload{unescape_field(f[1]), unescape_field(f[2]), unescape_field(f[3]), unescape_field(f[4]), *issued, *expires};
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

std::string mask_name(std::string_view name) {
  std::string out;
  bool word_start = true;
  for (size_t i = 0; i < name.size();) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    const size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (c == ' ') {
      out += ' ';
      word_start = true;
    } else if (word_start) {
      out.append(name.substr(i, len));
      word_start = false;
    } else {
      out += '*';
    }
    i += len;
  }
  return out;
}

std::string suket_token_of(std::string_view scanned) {
  const size_t at = scanned.rfind("/v/");
  std::string_view t = at == std::string_view::npos ? scanned : scanned.substr(at + 3);
  if (const size_t q = t.find_first_of("?#"); q != std::string_view::npos) t = t.substr(0, q);
  return std::string(t);
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
