// libFuzzer target for NIK and KK numbers (API paths, query strings, import rows, station
// packets all carry them): validation, decoding and the issuance formatters, checked against
// each other.
#include <cstddef>
#include <cstdint>

#include "core/nik/nik.h"
#include "fuzz/fuzz_support.h"

using namespace ktpel;

static bool has_code(const std::vector<Error>& problems, const std::string& code) {
  for (const auto& p : problems)
    if (p.code == code) return true;
  return false;
}

static NikContext context(const WilayahCatalog* wilayah) {
  NikContext ctx;
  ctx.wilayah = wilayah;
  ctx.as_of = fuzz::kAsOf;
  return ctx;
}

static void check_nik(std::string_view n) {
  const NikContext ctx = context(&fuzz::wilayah());
  const auto problems = validate_nik(n, ctx);
  const auto decoded = decode_nik(n, ctx);
  // decode_nik answers exactly when validate_nik finds no error.
  fuzz::require(decoded.has_value() == !has_errors(problems), "decode_nik disagrees with validate_nik");
  if (!decoded) return;
  fuzz::require(decoded->birth_date <= fuzz::kAsOf, "a NIK decoded to a birth date in the future");
  // The issuance formatters rebuild the very same number from what was decoded.
  fuzz::require(format_nik(nik_prefix(decoded->kecamatan_code, decoded->birth_date, decoded->sex), decoded->serial) == n,
                "nik_prefix + format_nik do not rebuild the decoded NIK");
  fuzz::require(undotted(decoded->kecamatan_code) == n.substr(0, 6), "dotted/undotted do not round-trip");
  // The resident's own record agrees with its NIK; the other sex does not.
  NikContext own = ctx;
  own.recorded_birth_date = decoded->birth_date;
  own.recorded_sex = decoded->sex;
  fuzz::require(!has_errors(validate_nik(n, own)), "a NIK disagrees with the record it was decoded to");
  own.recorded_sex = decoded->sex == Sex::L ? Sex::P : Sex::L;
  fuzz::require(has_code(validate_nik(n, own), "NIK_SEX_MISMATCH"), "the wrong recorded sex went unnoticed");
}

static void check_kk(std::string_view n) {
  const NikContext ctx = context(&fuzz::wilayah());
  const auto problems = validate_kk(n, ctx);
  const auto decoded = decode_kk(n, ctx);
  fuzz::require(decoded.has_value() == !has_errors(problems), "decode_kk disagrees with validate_kk");
  if (!decoded) return;
  fuzz::require(format_nik(kk_prefix(decoded->region_code, decoded->issue_date), decoded->serial) == n,
                "kk_prefix + format_nik do not rebuild the decoded KK");
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  check_nik(text);
  check_kk(text);
  // Without a catalog (the station's offline check) the rules must hold as well.
  const NikContext bare = context(nullptr);
  fuzz::require(decode_nik(text, bare).has_value() == !has_errors(validate_nik(text, bare)), "bare NIK check disagrees");
  return 0;
}
