#include "service/likely_double.h"

#include "core/dedup/dedup_record.h"
#include "io/dedup_io.h"

namespace ktpel {
namespace {

bool same_name(const PreparedRecord& a, const PreparedRecord& b) {
  if (a.name_key.empty() || b.name_key.empty()) return false;
  return a.name_key == b.name_key || a.name_sorted == b.name_sorted || a.name_phonetic == b.name_phonetic;
}

// Either record without a mother cannot tell: the name and birth date decide.
bool same_mother(const PreparedRecord& a, const PreparedRecord& b) {
  if (a.mother_key.empty() || b.mother_key.empty()) return true;
  return a.mother_key == b.mother_key || a.mother_phonetic == b.mother_phonetic;
}

}  // namespace

std::vector<std::string> likely_doubles(RegistryStore& store, const Resident& r) {
  const PreparedRecord probe = prepare_record(dedup_input_of(r));
  std::vector<std::string> out;
  for (const Resident& other : store.residents_born_on(r.regency_code(), r.birth_date)) {
    if (other.nik == r.nik || other.sex != r.sex) continue;
    const PreparedRecord candidate = prepare_record(dedup_input_of(other));
    if (same_name(probe, candidate) && same_mother(probe, candidate)) out.push_back(other.nik);
  }
  return out;
}

}  // namespace ktpel
