// The check a registration passes before a NIK is issued: is this person (most often a baby
// registered a second time, by another desk or another day) already in the regency's registry?
// Uses the demographic dedup's normaliser (core/dedup/name_normaliser.h): the same name (spelling,
// titles, token order and Indonesian sound-alikes folded), the same birth date and sex, and the
// same mother when both records name one; with the same mother, also a name written shorter
// (M. ALFATIH for MUHAMMAD AL FATIH, a dropped token). Deliberately stricter than the batch matcher: it stops
// a desk, so it must not cry wolf on twins (different names) or on namesakes of another mother.
#pragma once
#include <string>
#include <vector>

#include "core/registry/resident.h"
#include "store/registry_store.h"

namespace ktpel {

// NIKs of living residents of r's regency who are likely the same person as r.
std::vector<std::string> likely_doubles(RegistryStore& store, const Resident& r);

}  // namespace ktpel
