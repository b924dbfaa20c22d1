// Kartu Keluarga (KK) membership: which resident sits in which family, in which role.
#pragma once
#include <string>
#include <vector>

#include "core/common/error.h"

namespace ktpel {

inline constexpr std::string_view kHeadOfFamily = "KEPALA KELUARGA";

struct FamilyMember {
  std::string kk;
  std::string nik;
  std::string relationship;  // vocabulary::kRelationships
  bool operator==(const FamilyMember&) const = default;
};

// Rules for one family's member list: known relationships, exactly one head.
std::vector<Error> validate_family(const std::string& kk, const std::vector<FamilyMember>& members);

}  // namespace ktpel
