// The suket (surat keterangan pengganti KTP-el): the paper a resident carries while no blank is
// available. Its QR code holds a signed token; this is the token's content and its text form
// (signing lives in crypto/suket_token.h).
#pragma once
#include <string>
#include <string_view>

#include "core/common/date.h"
#include "core/common/error.h"

namespace ktpel {

struct SuketPayload {
  std::string number;  // "SKT-6402-20261122-000017"
  std::string office;  // issuing office code; its key signs the token
  std::string nik, name;
  Date issued, expires;
};

inline constexpr int kDefaultSuketValidityMonths = 6;
// A suket can be renewed from this many days before its last day (and any time after it).
inline constexpr int kSuketRenewWindowDays = 30;

// "KTPEL-SKT1|number|office|nik|name|issued|expires"; '%' and '|' inside a field are written %25
// and %7C.
std::string encode_suket_payload(const SuketPayload& p);
Result<SuketPayload> decode_suket_payload(std::string_view text);
std::string suket_number(std::string_view office, Date issued, int64_t sequence);
// The public page shows a name as its initials: "SITI WAHYUNI" -> "S*** W******" (UTF-8 aware).
std::string mask_name(std::string_view name);
// The token of a scanned QR: what follows the last "/v/" of a verification URL, or the text itself.
std::string suket_token_of(std::string_view scanned);
// Same day `months` later (clamped to the month's last day: 31 Aug + 6 months = 28/29 Feb).
Date add_months(Date d, int months);

}  // namespace ktpel
