// A birth (or a newcomer's first registration) as the officer states it: the person, the parents
// or why they are not given, the family they join, and — when the registry holds a likely double —
// the officer's explicit "this is not the same person" with its reason.
#pragma once
#include <span>
#include <string>
#include <string_view>

#include "core/registry/resident.h"

namespace ktpel {

// Why a birth is registered without the mother's NIK (SIAK asks the parents of every birth;
// these are the cases it registers without them).
inline constexpr std::string_view kParentReasons[] = {
    "ORANG_TUA_TIDAK_DIKETAHUI",  // foundling: parents unknown
    "ORANG_TUA_TIDAK_TERDAFTAR",  // parents not in this registry (abroad, WNA, another database)
    "ORANG_TUA_MENINGGAL",        // parents died before being registered
    "DALAM_PROSES",               // parentage being established (court, adoption)
};

struct BirthRegistration {
  Resident resident;           // nik ignored (issued); kk: a KK to join ("" = the mother's, else the father's)
  std::string relationship;    // in that KK; "" = ANAK (CUCU when the parent is a child there), or
                               // KEPALA KELUARGA of a new KK for an adult
  std::string mother_nik, father_nik;  // registered residents; at least the mother, or parent_reason
  std::string parent_reason;   // kParentReasons
  bool new_kk = false;         // a new KK (adults only: a child is never head of a family)
  std::string kk_reason;       // why a child does not join a parent's KK (kk given or new_kk)
  bool confirm_not_double = false;  // the officer checked the likely doubles: a different person
  std::string not_double_reason;
};

}  // namespace ktpel
