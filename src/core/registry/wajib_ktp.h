// Wajib KTP (UU 24/2013 Adminduk, Pasal 63): a resident must hold a KTP-el from age 17, or
// earlier once married (kawin) or having been married (cerai hidup / cerai mati).
// Always derived from birth date and marital status on a given date; never stored.
#pragma once
#include <string_view>

#include "core/common/date.h"

namespace ktpel {

inline constexpr int kWajibKtpAge = 17;

inline bool ever_married(std::string_view marital_status) { return marital_status != "BELUM KAWIN"; }

inline bool is_wajib_ktp(Date birth_date, std::string_view marital_status, Date on) {
  return birth_date.age_on(on) >= kWajibKtpAge || ever_married(marital_status);
}

// Born on or before this date => age >= 17 on `on`.
inline Date wajib_ktp_birth_cutoff(Date on) { return on.plus_years(-kWajibKtpAge); }

}  // namespace ktpel
