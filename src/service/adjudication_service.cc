#include "service/adjudication_service.h"

#include "core/common/messages.h"
#include "service/ektp_service.h"
#include "service/resident_json.h"
#include "store/store.h"

namespace ktpel {
namespace {

nlohmann::json person_json(Store& store, const std::string& nik) {
  nlohmann::json j = {{"nik", nik}};
  if (auto r = store.find_resident(nik)) {
    j["name"] = r->name;
    j["birth_place"] = r->birth_place;
    j["birth_date"] = r->birth_date.iso();
    j["sex"] = r->sex == Sex::L ? "L" : "P";
    j["village_code"] = r->village_code;
    j["mother_name"] = r->mother_name;  // the matcher compares the parents too: the screen shows them
    j["father_name"] = r->father_name;
  }
  if (auto e = store.ektp_record(nik)) j["ektp_status"] = std::string(to_string(e->status));
  return j;
}

}  // namespace

nlohmann::json adjudication_json(Store& store, const AdjudicationCase& c) {
  return {{"id", c.id},
          {"status", c.status},
          {"score", c.score},
          {"fingers", nlohmann::json::parse(c.fingers_json, nullptr, false).is_discarded() ? nlohmann::json::array()
                                                                                         : nlohmann::json::parse(c.fingers_json)},
          {"source", c.source},
          {"created_at", c.created_at},
          {"new_record", person_json(store, c.nik)},
          {"enrolled_earlier", person_json(store, c.other_nik)},
          {"decided_by", c.decided_by},
          {"decided_at", c.decided_at},
          {"note", c.note},
          {"evidence", c.evidence}};
}

Result<AdjudicationCase> decide_adjudication(Store& store, AbisService* abis, const AdjudicationDecision& d) {
  if (d.decision != "SAME_PERSON" && d.decision != "DIFFERENT_PEOPLE")
    return make_error("ENUM_VALUE", "decision", {"decision", d.decision, "SAME_PERSON, DIFFERENT_PEOPLE"});
  if (d.officer.empty()) return make_error("FIELD_REQUIRED", "officer", {"officer"});
  // A decision deletes a NIK or lets a card print: the officer says why, for whoever checks it later.
  if (d.note.find_first_not_of(" \t\r\n") == std::string::npos) return make_error("FIELD_REQUIRED", "note", {"note"});
  std::optional<AbisService::PendingInsert> pending;
  AdjudicationCase decided;
  {
    StoreTransaction tx(store);
    auto c = store.adjudication(d.case_id);
    if (!c) return make_error("ADJUDICATION_NOT_FOUND", "id", {std::to_string(d.case_id)});
    if (c->status != "OPEN") return make_error("ADJUDICATION_DECIDED", "id", {std::to_string(d.case_id), c->status});
    const EktpActor actor{d.officer, "adjudication", d.at};
    const std::string case_ref = "adjudikasi #" + std::to_string(c->id);
    if (!store.decide_adjudication(c->id, d.decision, d.officer, d.at, d.note))  // decided by someone else meanwhile
      return make_error("ADJUDICATION_DECIDED", "id", {std::to_string(d.case_id), store.adjudication(c->id)->status});
    // A batch demographic case is about two registry records: the decision is recorded (and, for
    // the same person, the deletion of one NIK is asked of the centre), but no e-KTP record waits.
    const auto ektp = store.ektp_record(c->nik);
    if (!ektp || ektp->status != EktpStatus::DEDUP_REVIEW) {
      decided = *store.adjudication(c->id);
      tx.commit();
      return decided;
    }
    if (d.decision == "SAME_PERSON") {
      for (const auto& other : store.open_adjudications_of(c->nik))
        store.decide_adjudication(other.id, "CLOSED", d.officer, d.at, "diselesaikan oleh " + case_ref);
      auto moved = apply_ektp_event(store, c->nik, EktpEvent::FlagDuplicate, actor,
                                    "NIK ganda: orang yang sama dengan NIK " + c->other_nik + " (" + case_ref +
                                        "); kartu diblokir, permintaan penghapusan ke pusat");
      if (!moved) return moved.error();
      store.put_duplicate_link({c->nik, c->other_nik, c->id, c->source, d.officer, d.at});
    } else if (store.open_adjudications_of(c->nik).empty()) {
      auto moved = apply_ektp_event(store, c->nik, EktpEvent::Clear, actor, "bukan orang yang sama (" + case_ref + ")");
      if (!moved) return moved.error();
      if (abis) {
        auto staged = abis->stage_insert(store, c->nik, store.enrolled_fingers(c->nik));
        if (staged) pending = std::move(staged.value());
      }
    }
    decided = *store.adjudication(c->id);
    tx.commit();
  }
  if (pending && abis) abis->apply(*pending);
  return decided;
}

}  // namespace ktpel
