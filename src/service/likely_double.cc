#include "service/likely_double.h"

#include "core/dedup/dedup_record.h"
#include "core/dedup/name_normaliser.h"
#include "io/dedup_io.h"

namespace ktpel {
namespace {

bool same_name(const PreparedRecord& a, const PreparedRecord& b) {
  if (a.name_key().empty() || b.name_key().empty()) return false;
  return a.name_key() == b.name_key() || a.name_sorted() == b.name_sorted() || a.name_phonetic() == b.name_phonetic();
}

// One name is the other written shorter, as another desk writes it down: each token of the shorter
// name is a token of the longer (or two adjacent tokens written as one: AL FATIH / ALFATIH), its
// phonetic twin, or its initial (M. / MUHAMMAD). Used only where the mother is the same: a mother's
// two babies born the same day with such names are one baby registered twice, or twins the
// officer confirms.
bool shorter_form(const PreparedRecord& a, const PreparedRecord& b) {
  const TokenList at = a.name_tokens(), bt = b.name_tokens();
  const TokenList& shorter = at.size() <= bt.size() ? at : bt;
  const TokenList& longer = at.size() <= bt.size() ? bt : at;
  if (shorter.empty()) return false;
  std::vector<std::string> forms(longer.begin(), longer.end());
  for (size_t i = 0; i + 1 < longer.size(); ++i) forms.push_back(std::string(longer[i]) + std::string(longer[i + 1]));
  for (std::string_view t : shorter) {
    bool found = false;
    for (std::string_view u : forms) {
      found = t == u || (t.size() == 1 && u.size() > 1 && u[0] == t[0]) ||
              (t.size() > 2 && u.size() > 2 && indonesian_phonetic(t) == indonesian_phonetic(u));
      if (found) break;
    }
    if (!found) return false;
  }
  return true;
}

bool mothers_known_and_same(const PreparedRecord& a, const PreparedRecord& b) {
  return !a.mother_key().empty() && !b.mother_key().empty() && (a.mother_key() == b.mother_key() || a.mother_phonetic() == b.mother_phonetic());
}

// Either record without a mother cannot tell: the name and birth date decide.
bool same_mother(const PreparedRecord& a, const PreparedRecord& b) {
  if (a.mother_key().empty() || b.mother_key().empty()) return true;
  return a.mother_key() == b.mother_key() || a.mother_phonetic() == b.mother_phonetic();
}

}  // namespace

std::vector<std::string> likely_doubles(RegistryStore& store, const Resident& r) {
  const PreparedRecord probe = prepare_record(dedup_input_of(r));
  std::vector<std::string> out;
  for (const Resident& other : store.residents_born_on(r.regency_code(), r.birth_date)) {
    if (other.nik == r.nik || other.sex != r.sex) continue;
    const PreparedRecord candidate = prepare_record(dedup_input_of(other));
    if ((same_name(probe, candidate) && same_mother(probe, candidate)) ||
        (mothers_known_and_same(probe, candidate) && shorter_form(probe, candidate)))
      out.push_back(other.nik);
  }
  return out;
}

}  // namespace ktpel
