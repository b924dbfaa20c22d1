// The synthetic population: households of 1-8 people with plausible ages, relationships, names,
// religions, marital status, NIK and KK numbers, placed in desa of a province (or one regency)
// in proportion to the 2024 Dukcapil population. Deterministic for a seed and options.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "core/common/date.h"
#include "core/ektp/ektp_status.h"
#include "core/registry/family.h"
#include "core/registry/resident.h"
#include "core/synth/demography.h"
#include "core/synth/name_maker.h"

namespace ktpel {

class WilayahCatalog;

struct GeneratorOptions {
  std::string province;          // "65"
  std::string regency;           // optional "65.01": only this regency
  double scale = 1.0;            // fraction of the real population
  uint64_t seed = 42;
  Date as_of{2024, 12, 31};      // the population snapshot date
  double duplicate_rate = 0.0;   // share of adults recorded a second time under another NIK
  bool ektp_states = true;       // also emit each recorded resident's e-KTP state
};

class GeneratorSink {
 public:
  virtual ~GeneratorSink() = default;
  virtual void resident(const Resident& r, const std::string& person_id) = 0;
  virtual void family_member(const FamilyMember& m) = 0;
  // The resident's e-KTP state on the snapshot date (only for those recorded).
  virtual void ektp(const std::string& /*nik*/, EktpStatus /*status*/, Date /*recorded_on*/, Date /*since*/,
                    bool /*ikd_activated*/) {}
  // A birth certificate (akta kelahiran) the resident holds.
  virtual void birth_certificate(const std::string& /*nik*/, const std::string& /*number*/, Date /*issued_on*/) {}
};

struct GeneratorSummary {
  uint64_t residents = 0, households = 0, duplicates = 0, regencies = 0, ektp_records = 0, birth_certificates = 0;
};

// Throws std::invalid_argument for an unknown province/regency or a bad scale/rate.
GeneratorSummary generate_population(const WilayahCatalog& wilayah, const NameMaker& names, const Demography& demography,
                                     const GeneratorOptions& options, GeneratorSink& sink,
                                     const std::function<void(uint64_t done, uint64_t total)>& progress = {});

}  // namespace ktpel
