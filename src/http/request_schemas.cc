#include "http/request_schemas.h"

#include <map>
#include <string>

#include "core/print/printer.h"
#include "service/vocabularies.h"

namespace ktpel::http {
namespace {

using T = FieldType;

BodyField text(std::string name, bool required, std::string description = {}) {
  return {std::move(name), T::String, required, {}, std::move(description), std::nullopt, std::nullopt};
}
BodyField one_of(std::string name, bool required, vocab::Names values, std::string description = {}) {
  return {std::move(name), T::String, required, std::move(values), std::move(description), std::nullopt, std::nullopt};
}
BodyField day(std::string name, bool required, std::string description) {
  return {std::move(name), T::Date, required, {}, std::move(description), std::nullopt, std::nullopt};
}
BodyField integer(std::string name, bool required, std::optional<int64_t> lo, std::optional<int64_t> hi, std::string description = {}) {
  return {std::move(name), T::Integer, required, {}, std::move(description), lo, hi};
}
BodyField of_type(std::string name, FieldType type, bool required, std::string description) {
  return {std::move(name), type, required, {}, std::move(description), std::nullopt, std::nullopt};
}

// Checked by the server before the handler runs.
BodySchema checked(std::vector<BodyField> fields) {
  BodySchema s;
  s.fields = std::move(fields);
  return s;
}

// Documented only: the handler checks the body on its own (its rules go beyond field types).
BodySchema documented(std::vector<BodyField> fields, bool open = false) {
  BodySchema s = checked(std::move(fields));
  s.enforced = false;
  s.open = open;
  return s;
}

std::map<std::string, BodySchema, std::less<>> build() {
  const std::string today = " (default: today, UTC)";
  const vocab::Names decisions = {"SAME_PERSON", "DIFFERENT_PEOPLE"};
  std::map<std::string, BodySchema, std::less<>> m;
  // Equipment (issue [10]); checked before the handler.
  m["POST /api/v1/equipment"] = checked({text("office", true, "kecamatan code for recording gear, regency code for CARD_PRINTER and SERVER"),
                                  one_of("item_type", true, vocab::item_types()), text("serial", true), text("vendor", false),
                                  text("model", false), day("installed_on", false, "installation date"), text("os", false),
                                  day("warranty_end", false, "last day of the warranty"),
                                  one_of("status", false, vocab::item_statuses(), "default active"),
                                  integer("cards_per_day", false, 0, kMaxCardsPerDay, "CARD_PRINTER only: rated cards per day")});
  m["POST /api/v1/equipment/{serial}/status"] = checked({one_of("status", true, vocab::item_statuses()), day("date", false, "the day" + today),
                                                  text("note", false)});
  m["POST /api/v1/equipment/{serial}/faults"] = checked({text("symptom", true, "what the officer sees (one line)"),
                                                  one_of("cause", false, vocab::fault_causes(), "default unknown"),
                                                  day("date", false, "the day the fault appeared" + today)});
  m["POST /api/v1/equipment/tickets/{id}/close"] = checked({day("date", false, "the day it was repaired" + today),
                                                     one_of("site", true, vocab::repair_sites()),
                                                     integer("cost_rupiah", false, 0, std::nullopt, "whole rupiah"), text("parts", false),
                                                     one_of("cause", false, vocab::fault_causes(), "the cause once known"),
                                                     text("new_serial", false, "site replaced: the replacement's serial")});
  m["POST /api/v1/procurement/plan"] = documented(
      {text("province", true, "province code"), integer("budget", true, 0, std::nullopt, "whole rupiah"),
       of_type("prices", T::Object, true, "{item_type: unit price in whole rupiah > 0} for item types " + vocab::joined(vocab::item_types())),
       of_type("demand", T::Object, false, "{kecamatan code: people still to record}; default: the registry's figures")});
  // Printing (issue [6]); checked before the handler.
  m["POST /api/v1/printers"] = checked({text("serial", true), text("office", true, "regency code"), text("model", false),
                                 integer("cards_per_day", true, 1, kMaxCardsPerDay)});
  m["POST /api/v1/printers/{serial}/status"] = checked({one_of("status", true, vocab::printer_statuses()),
                                                 text("lent_to", false, "status lent: the borrowing office"),
                                                 day("lent_until", false, "status lent: last day of the loan"), text("note", false)});
  m["POST /api/v1/print/jobs"] = checked({text("office", true, "the printing office (regency code)"), text("nik", true),
                                   text("card_serial", true, "the blank's serial"), text("printer", true, "the printer's serial"),
                                   text("spoiled_reason", false, "the blank was spoiled: why (misprint, jam, ...)"),
                                   day("date", false, "the print date" + today),
                                   text("for_office", false, "printing for another regency (the plan's sharing): the resident's own office")});
  m["POST /api/v1/stock/movements"] = checked({one_of("kind", true, vocab::stock_movements()), text("office", true, "regency code"),
                                        one_of("item", false, vocab::stock_items(), "default blangko"), day("date", false, "the day" + today),
                                        integer("quantity", false, std::nullopt, std::nullopt, "1 to 1,000,000 (the ledger refuses others: STOCK_QUANTITY)"), text("reference", false, "delivery note, letter or transfer reference"),
                                        text("to", false, "send: the receiving office"), integer("counted", false, std::nullopt, std::nullopt, "count: the quantity counted, 0 to 1,000,000"),
                                        text("reason", false, "count: why the count differs")});
  m["POST /api/v1/suket"] = documented({text("nik", true), text("office", true, "the issuing office (regency code)"),
                                        day("date", false, "the issue date" + today),
                                        of_type("force", T::Boolean, false, "issue although the office has blanks")},
                                       true);
  // No body: the resident in person, today, at the home office; the officer is the session's.
  m["POST /api/v1/print/deliver/{nik}"] = documented({text("office", false, "the handing-over office (default: the resident's regency)"),
                                                      one_of("collector", false, {"SELF", "REPRESENTATIVE"}, "default SELF"),
                                                      text("representative_name", false, "collector REPRESENTATIVE: the name"),
                                                      text("representative_nik", false, "collector REPRESENTATIVE: a valid NIK, not the holder's"),
                                                      day("date", false, "the hand-over day" + today)});
  m["POST /api/v1/print/shipments"] = documented({one_of("kind", true, {"ship", "receive"}), text("from", true, "the printing office"),
                                                 text("to", true, "the resident's home office"), day("date", false, "the day" + today)});
  m["POST /api/v1/suket/{number}/renew"] = documented({}, true);  // no body: the suket in the path
  m["POST /api/v1/akta"] = documented({text("nik", true, "the child"), text("office", true, "the issuing regency office PP.KK"),
                                      day("date", false, "the akta's date" + today)});
  // e-KTP records and adjudication.
  m["POST /api/v1/ektp/{nik}/events"] = documented({one_of("event", true, vocab::ektp_events()),
                                                    text("reason", false, "request_reprint: " + vocab::joined(vocab::reprint_reasons()) +
                                                                              "; cancel and flag_duplicate: free text (required)")},
                                                   true);
  m["POST /api/v1/adjudication/{id}/decision"] = documented({one_of("decision", true, decisions), text("note", true, "the officer's reason (not blank)")});
  m["POST /api/v1/abis/identify"] = documented({of_type("fingers", T::Array, true, "[{position: 1-10, template: base64 ISO 19794-2}]"),
                                               integer("top_k", false, 1, 100, "candidates to return (default 10)")});
  m["POST /api/v1/abis/insert"] = documented({text("nik", true), of_type("fingers", T::Array, true, "[{position: 1-10, template: base64 ISO 19794-2}]")});
  m["POST /api/v1/dedup/jobs"] = documented({text("wilayah", false, "region code such as 35 or 35.07 (default: all)"),
                                            of_type("match_threshold", T::Number, false, "between 0 and 1, exclusive")});
  m["POST /api/v1/dedup/jobs/{id}/cancel"] = documented({}, true);
  // Proposals (four eyes).
  m["POST /api/v1/corrections/{id}/decision"] = documented({one_of("decision", true, {"approve", "reject"}), text("note", false)});
  m["POST /api/v1/duplicates/deletions"] = documented({text("nik", true, "the duplicate NIK to delete"), text("keep_nik", true, "the NIK that stays"),
                                                      integer("adjudication_id", true, 1, std::nullopt, "the SAME_PERSON decision"),
                                                      text("reason", true)});
  m["POST /api/v1/duplicates/deletions/{id}/decision"] = documented({one_of("decision", true, {"execute", "reject"}), text("note", false)});
  // Residents: the event and the correction (their fields depend on the type; the handler names
  // each unknown one).
  m["POST /api/v1/residents/{nik}/events"] = documented(
      {one_of("type", true, vocab::resident_events()), day("date", false, "death: the date of death"),
       text("village_code", false, "move: the new desa code"), text("rt", false), text("rw", false), text("address", false),
       text("kk", false, "move: the KK joined"), one_of("relationship", false, vocab::relationships()),
       one_of("marital_status", false, vocab::marital_statuses()),
       of_type("changes", T::Object, false, "correction: {field: new value}"), text("reason", false),
       text("new_head", false, "move of a head who leaves others: the member who heads the old KK now"),
       of_type("with_family", T::Boolean, false, "move: the whole family moves with its head")});
  m["PATCH /api/v1/residents/{nik}"] = documented(
      {text("name", false), one_of("sex", false, vocab::sexes()), text("birth_place", false), day("birth_date", false, "date of birth"),
       one_of("religion", false, vocab::religions()), one_of("marital_status", false, vocab::marital_statuses()), text("occupation", false),
       text("mother_name", false), text("father_name", false), one_of("blood_type", false, vocab::blood_types()),
       one_of("citizenship", false, vocab::citizenships()), text("address", false), text("rt", false), text("rw", false),
       text("reason", false, "why the data changes")},
      true);
  // Sessions.
  m["POST /api/v1/auth/login"] = documented({text("username", true), text("password", true),
                                            text("totp", false, "6-digit code, for accounts with two-factor login")});
  m["POST /api/v1/auth/logout"] = documented({}, true);
  // Exports of a table the dashboard shows.
  for (const char* kind : {"csv", "xlsx"})
    m[std::string("POST /api/v1/export/") + kind] = documented(
        {text("title", false, "file name and heading"), of_type("columns", T::Array, true, "column names (strings), at most 16,384"),
         of_type("rows", T::Array, true, "rows, each an array of cells; at most 200,000")});
  // Recording stations.
  m["POST /api/v1/uploads/{packet_id}/commit"] = documented({text("sha256", true, "hex digest of the whole packet")});
  return m;
}

}  // namespace

const BodySchema* request_schema(std::string_view method, std::string_view path) {
  static const auto schemas = build();
  auto it = schemas.find(std::string(method) + " " + std::string(path));
  return it == schemas.end() ? nullptr : &it->second;
}

}  // namespace ktpel::http
