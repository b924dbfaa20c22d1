// Registry use cases: NIK issuance and checks, residents' civil events, population statistics.
// Each mutating call is one transaction and leaves a change-log row (who, when, before, after).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/common/error.h"
#include "core/nik/nik.h"
#include "core/registry/birth_registration.h"
#include "core/registry/resident.h"
#include "core/registry/resident_event.h"
#include "core/stats/population_stats.h"
#include "store/store_view.h"

namespace ktpel {

class WilayahCatalog;

// Births one officer may register in a day (KTPEL_BIRTHS_PER_OFFICER_DAY, default 200): a desk
// registers tens; thousands are a script or a stolen account, and would use up the kecamatan's
// KK serials of the day (9,999) so that real births get refused.
int births_per_officer_day();

struct Actor {
  std::string name = "system";  // operator account
  std::string now;              // ISO timestamp of the action
  Date today;
};

// Why a registration was refused: every problem at once (each naming its field), and for
// LIKELY_DOUBLE the NIKs the person resembles.
struct Refusal {
  std::vector<Error> errors;
  std::vector<std::string> candidates;
};

class RegistryService {
 public:
  // The e-KTP record and the sukets are in the view for one event: a death closes them.
  RegistryService(StoreView<RegistryStore, EktpStore, PrintStore> store, const WilayahCatalog& wilayah)
      : store_(store), closing_(store), wilayah_(wilayah) {}

  // Reserves the next free NIK for (kecamatan, birth date, sex). Unique across processes.
  Result<std::string> issue_nik(const std::string& kecamatan_code, Date birth_date, Sex sex);
  Result<std::string> issue_kk(const std::string& kecamatan_code, Date issue_date);

  // Every problem of a NIK; when the registry holds it, checks it against that record.
  std::vector<Error> check_nik(const std::string& nik, Date as_of, std::optional<Date> birth_date = {},
                               std::optional<Sex> sex = {});

  // Birth (or a newcomer's first registration): a new resident with a NIK issued here. Refused,
  // with every problem in `refusal` (plus the `prior` ones of reading the request): without the
  // mother's NIK or a parent_reason; ever-married under the legal age; a child as head of a new
  // KK or on a KK other than a parent's without kk_reason; and, before the NIK is issued, when the
  // regency holds a likely double (LIKELY_DOUBLE, 409, the NIKs in refusal->candidates) unless
  // the officer states confirm_not_double with a reason (kept in the change log and the audit).
  // A child joins the mother's KK, else the father's (ANAK, or CUCU where the parent is a child
  // there); an adult without one gets a new KK as its head.
  Result<Resident> register_birth(BirthRegistration b, const Actor& actor, Refusal* refusal = nullptr,
                                  std::vector<Error> prior = {});
  // A death also closes the e-KTP record, in the same transaction: a record not yet DELIVERED or
  // CANCELLED moves to CANCELLED (event decease, reason "meninggal dunia <date>"), which takes it
  // out of the print queue, and an open suket is closed (it then verifies as DECEASED).
  Result<Resident> record_death(const std::string& nik, const DeathEvent& e, const Actor& actor, const std::string& reason);
  // A move (pindah) is also the family change of SIAK's moving letter, in one transaction: the
  // mover leaves the old KK and joins e.new_kk (a KK of the destination village, as e.relationship)
  // or heads a new KK issued in the destination kecamatan. A head leaving others behind names the
  // new head (e.new_head, an adult member), or takes the whole family along (e.with_family: all
  // members move to the new KK with their relationships). A child never heads a new KK.
  Result<Resident> record_move(const std::string& nik, const MoveEvent& e, const Actor& actor, const std::string& reason);
  Result<Resident> record_marital_change(const std::string& nik, const MaritalChangeEvent& e, const Actor& actor,
                                         const std::string& reason);
  Result<Resident> correct(const std::string& nik, const Resident& corrected, const Actor& actor, const std::string& reason);
  // A move or correction that changes the KK number moves the resident's family row to the new KK
  // in the same transaction, with its relationship; a head of family joining a KK that has a head
  // is refused (KK_HEAD_TAKEN).

  // Population and wajib KTP per child region of `code` at `level` ("" code = national).
  Result<PopulationStats> population_stats(Level level, const std::string& code, Date as_of);

 private:
  Result<std::string> issue(const char* kind, const std::string& prefix, const std::string& label);
  struct Placement {  // where a newborn goes
    std::string kk;    // "" = a new KK
    std::string relationship;
  };
  std::vector<Error> check_birth(BirthRegistration& b, const Actor& actor, Placement& placement);
  template <class F>
  Result<Resident> change(const std::string& nik, EventType type, const Actor& actor, const std::string& reason, F&& apply);

  StoreView<RegistryStore> store_;
  StoreView<EktpStore, PrintStore> closing_;  // record_death only
  const WilayahCatalog& wilayah_;
};

}  // namespace ktpel
