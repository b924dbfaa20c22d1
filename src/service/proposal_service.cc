#include "service/proposal_service.h"

#include "core/common/messages.h"
#include "service/event_request.h"
#include "service/resident_json.h"

namespace ktpel {

bool needs_four_eyes(const nlohmann::json& changes) {
  if (!changes.is_object()) return false;
  return changes.contains("name") || changes.contains("birth_date") || changes.contains("sex");
}

nlohmann::json to_json(const Proposal& p) {
  return {{"id", p.id},
          {"kind", p.kind},
          {"nik", p.nik},
          {"region", p.region},
          {"payload", nlohmann::json::parse(p.payload, nullptr, false)},
          {"status", p.status},
          {"proposed_by", p.proposed_by},
          {"proposed_at", p.proposed_at},
          {"decided_by", p.decided_by},
          {"decided_at", p.decided_at},
          {"decision_note", p.decision_note}};
}

Result<Proposal> ProposalService::propose_correction(const Caller& by, const std::string& nik, const nlohmann::json& changes,
                                                     const std::string& reason, const Actor& actor) {
  auto resident = store_.find_resident(nik);
  if (!resident || !by.covers(resident->village_code)) return make_error("RESIDENT_NOT_FOUND", "nik", {nik});
  const nlohmann::json event = {{"type", "correction"}, {"changes", changes}, {"reason", reason}};
  {
    // Dry run, rolled back: a correction the registry would refuse is refused now.
    RegistryService registry(store_, wilayah_);
    StoreTransaction trial(store_);
    auto applied = apply_event_request(registry, store_, nik, event, actor);
    if (!applied) return applied.error();
  }
  StoreTransaction tx(store_);
  Proposal p;
  p.kind = "correction";
  p.nik = nik;
  p.region = resident->village_code;
  p.payload = nlohmann::json({{"changes", changes}, {"reason", reason}, {"before", to_json(*resident)}}).dump();
  p.status = "pending";
  p.proposed_by = by.username;
  p.proposed_at = actor.now;
  p.id = store_.insert_proposal(p);
  tx.commit();
  return p;
}

Result<Proposal> ProposalService::pending(const Caller& by, int64_t id, const char* kind) {
  auto p = store_.proposal(id);
  if (!p || p->kind != kind || !by.covers(p->region)) return make_error("PROPOSAL_NOT_FOUND", "id", {std::to_string(id)});
  if (p->status != "pending") return make_error("PROPOSAL_DECIDED", "id", {std::to_string(id), p->status});
  if (p->proposed_by == by.username) return make_error("FOUR_EYES", "id", {std::to_string(id), p->proposed_by});
  return *p;
}

// One decision: the proposal leaves `pending` (a conditional write, so two deciders cannot both
// win) and, when approved, `apply` changes the records in the same transaction; an error from
// `apply` rolls it all back and the proposal stays pending.
template <class Apply>
Result<Proposal> ProposalService::decide(const Caller& by, int64_t id, const char* kind, bool approve, const char* approved,
                                         const std::string& note, const Actor& actor, Apply&& apply) {
  auto p = pending(by, id, kind);
  if (!p) return p.error();
  StoreTransaction tx(store_);
  const std::string status = approve ? approved : "rejected";
  if (!store_.decide_proposal(id, "pending", status, by.username, actor.now, note))
    return make_error("PROPOSAL_DECIDED", "id", {std::to_string(id), "decided"});
  if (approve)
    if (std::optional<Error> e = apply(*p)) return *e;
  tx.commit();
  Proposal decided = *p;
  decided.status = status;
  decided.decided_by = by.username;
  decided.decided_at = actor.now;
  decided.decision_note = note;
  return decided;
}

Result<Proposal> ProposalService::decide_correction(const Caller& by, int64_t id, bool approve, const std::string& note,
                                                    const Actor& actor) {
  return decide(by, id, "correction", approve, "approved", note, actor, [&](const Proposal& p) -> std::optional<Error> {
    const auto payload = nlohmann::json::parse(p.payload);
    const std::string reason = payload.value("reason", std::string()) + " (usulan #" + std::to_string(id) + " oleh " +
                               p.proposed_by + ", disetujui " + by.username + ")";
    RegistryService registry(store_, wilayah_);
    Actor approver = actor;
    approver.name = by.username;
    auto applied = apply_event_request(registry, store_, p.nik,
                                       {{"type", "correction"}, {"changes", payload["changes"]}, {"reason", reason}}, approver);
    if (!applied) return applied.error();
    return std::nullopt;
  });
}

Result<Proposal> ProposalService::request_deletion(const Caller& by, const std::string& nik, const std::string& keep_nik,
                                                   int64_t adjudication_id, const std::string& reason, const Actor& actor) {
  auto doomed = store_.find_resident(nik);
  if (!doomed || !by.covers(doomed->village_code)) return make_error("RESIDENT_NOT_FOUND", "nik", {nik});
  auto kept = store_.find_resident(keep_nik);
  if (!kept || keep_nik == nik) return make_error("RESIDENT_NOT_FOUND", "keep_nik", {keep_nik});
  auto c = store_.adjudication(adjudication_id);
  const bool about_them = c && ((c->nik == nik && c->other_nik == keep_nik) || (c->nik == keep_nik && c->other_nik == nik));
  if (!about_them) return make_error("ADJUDICATION_NOT_FOUND", "adjudication_id", {std::to_string(adjudication_id)});
  if (c->status != "SAME_PERSON") return make_error("DELETION_NEEDS_SAME_PERSON", "adjudication_id", {std::to_string(adjudication_id), c->status});
  for (const auto& other : store_.proposals("duplicate_deletion", "pending", "", 1000))
    if (other.nik == nik) return make_error("PROPOSAL_DECIDED", "nik", {std::to_string(other.id), "pending"});
  Proposal p;
  p.kind = "duplicate_deletion";
  p.nik = nik;
  p.region = doomed->village_code;
  p.payload = nlohmann::json({{"keep_nik", keep_nik},
                              {"adjudication_id", adjudication_id},
                              {"score", c->score},
                              {"fingers", nlohmann::json::parse(c->fingers_json.empty() ? "[]" : c->fingers_json, nullptr, false)},
                              {"decided_by", c->decided_by},
                              {"reason", reason},
                              {"record", to_json(*doomed)},
                              {"kept_record", to_json(*kept)}})
                  .dump();
  p.status = "pending";
  p.proposed_by = by.username;
  p.proposed_at = actor.now;
  StoreTransaction tx(store_);
  p.id = store_.insert_proposal(p);
  tx.commit();
  return p;
}

Result<Proposal> ProposalService::decide_deletion(const Caller& by, int64_t id, bool approve, const std::string& note,
                                                  const Actor& actor) {
  return decide(by, id, "duplicate_deletion", approve, "executed", note, actor, [&](const Proposal& p) -> std::optional<Error> {
    auto record = store_.find_resident(p.nik);
    if (!record) return make_error("RESIDENT_NOT_FOUND", "nik", {p.nik});
    const auto payload = nlohmann::json::parse(p.payload);
    const std::string kept = payload.value("keep_nik", std::string());
    store_.insert_retired_nik({p.nik, kept, to_json(*record).dump(), actor.now, by.username, id});
    store_.record_change({0, p.nik, "duplicate_deletion", by.username, actor.now, to_json(*record).dump(), "",
                          "NIK ganda: data dihapus, dipertahankan " + kept + " (usulan #" + std::to_string(id) + " oleh " +
                              p.proposed_by + ")"});
    store_.delete_resident(p.nik);
    return std::nullopt;
  });
}

}  // namespace ktpel
