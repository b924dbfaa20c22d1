#include "core/registry/family.h"

#include "core/common/messages.h"
#include "core/registry/vocabulary.h"

namespace ktpel {

std::vector<Error> validate_family(const std::string& kk, const std::vector<FamilyMember>& members) {
  std::vector<Error> out;
  int heads = 0;
  for (const auto& m : members) {
    if (!vocabulary::contains(vocabulary::kRelationships, m.relationship))
      out.push_back(make_error("RELATIONSHIP_VALUE", "relationship",
                               {m.relationship, vocabulary::join(vocabulary::kRelationships)}));
    if (m.relationship == kHeadOfFamily) ++heads;
  }
  if (heads != 1) out.push_back(make_error("FAMILY_HEAD_COUNT", "relationship", {kk, std::to_string(heads)}));
  return out;
}

}  // namespace ktpel
