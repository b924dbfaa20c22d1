// The closed vocabularies of the SIAK registry (as spelled on KTP-el and in Dukcapil exports).
#pragma once
#include <span>
#include <string>
#include <string_view>

namespace ktpel::vocabulary {

inline constexpr std::string_view kReligions[] = {"Islam", "Kristen", "Katolik", "Hindu",
                                                   "Buddha", "Khonghucu", "Kepercayaan"};
inline constexpr std::string_view kMaritalStatuses[] = {"BELUM KAWIN", "KAWIN", "CERAI HIDUP", "CERAI MATI"};
inline constexpr std::string_view kBloodTypes[] = {"A", "B", "AB", "O", "A+", "A-", "B+", "B-",
                                                    "AB+", "AB-", "O+", "O-", "TIDAK TAHU"};
inline constexpr std::string_view kCitizenships[] = {"WNI", "WNA"};
inline constexpr std::string_view kRelationships[] = {
    "KEPALA KELUARGA", "SUAMI", "ISTRI", "ANAK", "MENANTU", "CUCU",
    "ORANG TUA", "MERTUA", "FAMILI LAIN", "PEMBANTU", "LAINNYA"};

inline bool contains(std::span<const std::string_view> values, std::string_view v) {
  for (auto x : values)
    if (x == v) return true;
  return false;
}
// The canonical spelling of `v` when it matches one of `values` whatever its (ASCII) case and
// surrounding blanks ("islam", " ISLAM " -> "Islam"); `v` unchanged when none matches, so the
// validation still names the field. Officers type in any case; the store keeps one spelling.
inline std::string canonical(std::span<const std::string_view> values, std::string_view v) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!v.empty() && blank(v.front())) v.remove_prefix(1);
  while (!v.empty() && blank(v.back())) v.remove_suffix(1);
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (auto x : values) {
    if (x.size() != v.size()) continue;
    bool same = true;
    for (size_t i = 0; i < x.size() && same; ++i) same = lower(x[i]) == lower(v[i]);
    if (same) return std::string(x);
  }
  return std::string(v);
}
inline std::string join(std::span<const std::string_view> values) {
  std::string out;
  for (auto x : values) {
    if (!out.empty()) out += ", ";
    out += x;
  }
  return out;
}

}  // namespace ktpel::vocabulary
