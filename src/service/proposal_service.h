// Four-eyes use cases (issue [8]). A correction of name, birth date or sex is proposed by one
// officer and changes the record only when another officer of the scope approves it. Deleting a
// duplicate record (NIK ganda) is requested by a regency supervisor with the adjudication
// evidence and executed only by the centre; the NIK is retired for good and its history kept.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/common/error.h"
#include "core/identity/caller.h"
#include "service/registry_service.h"
#include "store/store.h"

namespace ktpel {

// Fields whose correction needs a second officer.
bool needs_four_eyes(const nlohmann::json& changes);
nlohmann::json to_json(const Proposal& p);

class ProposalService {
 public:
  ProposalService(Store& store, const WilayahCatalog& wilayah) : store_(store), wilayah_(wilayah) {}

  // Checks the correction would be accepted (dry run, rolled back) before it is proposed.
  Result<Proposal> propose_correction(const Caller& by, const std::string& nik, const nlohmann::json& changes,
                                      const std::string& reason, const Actor& actor);
  // approve = false rejects. Errors: PROPOSAL_NOT_FOUND (also outside the scope), FOUR_EYES,
  // PROPOSAL_DECIDED, and the correction's own errors (then nothing changes).
  Result<Proposal> decide_correction(const Caller& by, int64_t id, bool approve, const std::string& note,
                                     const Actor& actor);
  // The duplicate `nik` of `keep_nik`, with the adjudication case that found them the same person.
  Result<Proposal> request_deletion(const Caller& by, const std::string& nik, const std::string& keep_nik,
                                    int64_t adjudication_id, const std::string& reason, const Actor& actor);
  // Centre only: execute (approve = true) or refuse a requested deletion.
  Result<Proposal> decide_deletion(const Caller& by, int64_t id, bool approve, const std::string& note,
                                   const Actor& actor);

 private:
  Result<Proposal> pending(const Caller& by, int64_t id, const char* kind);
  template <class Apply>
  Result<Proposal> decide(const Caller& by, int64_t id, const char* kind, bool approve, const char* approved,
                          const std::string& note, const Actor& actor, Apply&& apply);
  Store& store_;
  const WilayahCatalog& wilayah_;
};

}  // namespace ktpel
