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
inline std::string join(std::span<const std::string_view> values) {
  std::string out;
  for (auto x : values) {
    if (!out.empty()) out += ", ";
    out += x;
  }
  return out;
}

}  // namespace ktpel::vocabulary
