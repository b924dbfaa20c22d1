// NIK (Nomor Induk Kependudukan) and KK numbers: 16 digits =
//   6-digit kecamatan code (dotted code without dots)
// + DDMMYY (NIK: birth date, day + 40 for women; KK: issue date)
// + 4-digit serial 0001-9999.
// Pure rules: decoding, validation with every problem listed, and formatting for issuance.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "core/common/error.h"
#include "core/registry/sex.h"

namespace ktpel {

class WilayahCatalog;

struct DecodedNik {
  std::string kecamatan_code;  // dotted, e.g. "65.01.01"
  std::string province_name, regency_name, kecamatan_name;  // "" when the code is unknown
  Date birth_date;             // century resolved against as_of (never in the future)
  Sex sex = Sex::L;
  int serial = 0;
};

struct NikContext {
  const WilayahCatalog* wilayah = nullptr;   // for region names / unknown-region warnings
  Date as_of;                                // resolves the two-digit year
  std::optional<Date> recorded_birth_date;   // the resident's record, when checking one
  std::optional<Sex> recorded_sex;
  bool registered_to_other = false;          // the registry already holds this NIK for someone else
};

// Every problem found (errors and warnings). Empty means valid.
std::vector<Error> validate_nik(std::string_view nik, const NikContext& ctx);
// Decodes a NIK whose structure is valid (no errors); nullopt otherwise.
std::optional<DecodedNik> decode_nik(std::string_view nik, const NikContext& ctx);
bool has_errors(const std::vector<Error>& problems);

// Issuance helpers. prefix = 6-digit kecamatan + DDMMYY (women: day + 40).
std::string nik_prefix(std::string_view kecamatan_code, Date birth_date, Sex sex);
std::string format_nik(std::string_view prefix, int serial);
inline constexpr int kMaxSerial = 9999;

// KK numbers.
struct DecodedKk {
  std::string region_code;  // dotted kecamatan code
  Date issue_date;
  int serial = 0;
};
std::vector<Error> validate_kk(std::string_view kk, const NikContext& ctx);
std::optional<DecodedKk> decode_kk(std::string_view kk, const NikContext& ctx);
std::string kk_prefix(std::string_view kecamatan_code, Date issue_date);

// "650101" -> "65.01.01"
std::string dotted_kecamatan(std::string_view six_digits);
// "65.01.01" -> "650101"
std::string undotted(std::string_view dotted);

}  // namespace ktpel
