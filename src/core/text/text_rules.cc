#include "core/text/text_rules.h"

#include <utf8proc.h>

#include <cstdio>

#include "core/common/messages.h"

namespace ktpel {
namespace {

std::string code_point(int32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

bool hidden(int32_t cp) {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return true;                      // C0, DEL, C1
  if (cp == 0x061c || cp == 0x200e || cp == 0x200f) return true;                 // direction marks
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return true;  // overrides, isolates
  if ((cp >= 0x200b && cp <= 0x200d) || cp == 0x2060 || cp == 0xfeff) return true;     // zero width, BOM
  if (cp == 0x2028 || cp == 0x2029 || cp == 0x00ad) return true;                 // line/paragraph separators, soft hyphen
  const auto cat = utf8proc_category(cp);
  return cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_CF || cat == UTF8PROC_CATEGORY_CS ||
         cat == UTF8PROC_CATEGORY_CO || cat == UTF8PROC_CATEGORY_CN || cat == UTF8PROC_CATEGORY_ZL ||
         cat == UTF8PROC_CATEGORY_ZP;
}

bool name_character(int32_t cp) {
  if (cp == ' ' || cp == '\'' || cp == 0x2019 || cp == '-' || cp == '.' || cp == ',') return true;
  const auto cat = utf8proc_category(cp);
  return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||  // letters
         (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME);    // their marks
}

bool space(int32_t cp) { return cp == ' ' || utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS; }

}  // namespace

std::optional<Error> text_problem(const char* field, std::string_view value, TextKind kind) {
  if (value.empty()) return std::nullopt;
  auto p = reinterpret_cast<const utf8proc_uint8_t*>(value.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(value.size());
  bool any_visible = false, first = true, leading_space = false, last_space = false, double_space = false;
  while (left > 0) {
    utf8proc_int32_t cp;
    const utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) return make_error("FIELD_BAD_UTF8", field, {field});
    p += n;
    left -= n;
    if (hidden(cp)) return make_error("FIELD_HIDDEN_CHARACTER", field, {field, code_point(cp)});
    const bool is_space = space(cp);
    leading_space = leading_space || (is_space && first);
    if (kind == TextKind::PersonName && !name_character(cp)) {
      if (cp != ' ' && is_space) return make_error("FIELD_HIDDEN_CHARACTER", field, {field, code_point(cp)});
      std::string shown = cp < 0x80 ? std::string(1, static_cast<char>(cp)) + " (" + code_point(cp) + ")" : code_point(cp);
      return make_error("NAME_CHARACTER", field, {field, shown});
    }
    double_space = double_space || (is_space && last_space);
    any_visible = any_visible || !is_space;
    last_space = is_space;
    first = false;
  }
  if (!any_visible) return make_error("FIELD_BLANK", field, {field});
  if (leading_space || last_space) return make_error("FIELD_UNTRIMMED", field, {field});
  if (kind == TextKind::PersonName && double_space) return make_error("NAME_DOUBLE_SPACE", field, {field});
  return std::nullopt;
}

}  // namespace ktpel
