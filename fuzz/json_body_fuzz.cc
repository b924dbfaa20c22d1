// libFuzzer target for JSON request bodies, taken the way the API takes them: http::json_body
// (the depth check, then nlohmann's parser), the typed body_* field readers every route uses,
// and the request readers behind the routes that build records from a body: civil events and
// births (service/event_body.h, applied to a resident with the core event rules and checked
// with validate_resident), resident fields (PATCH), and export tables (/api/v1/export/*).
// Properties: a refused body is answered 400; an accepted one nests no deeper than
// kMaxJsonDepth; the readers throw nothing but BodyFieldError; every error answer serialises.
#include <cstddef>
#include <cstdint>

#include "core/registry/resident_validation.h"
#include "core/text/json_depth.h"
#include "fuzz/fuzz_support.h"
#include "http/http_util.h"
#include "io/table_export.h"
#include "service/event_body.h"
#include "service/resident_json.h"

using namespace ktpel;

namespace {

size_t depth_of(const nlohmann::json& j) {
  size_t deepest = 0;
  if (j.is_structured())
    for (const auto& v : j) deepest = std::max(deepest, depth_of(v));
  return j.is_structured() ? deepest + 1 : 0;
}

// An error as the routes answer it: the reply must serialise (nlohmann throws on bad UTF-8).
void answer(const Error& e) {
  httplib::Response res;
  http::reply_error(res, e);
  fuzz::require(res.status >= 400, "an error answered with a success status");
}

// The fields the routes read with body_string / body_int / body_bool.
void typed_fields(const nlohmann::json& body) {
  static const char* const kText[] = {"username", "password", "totp", "nik", "keep_nik", "decision", "note", "event",
                                      "reason", "office", "card_serial", "printer", "spoiled_reason", "date", "kind",
                                      "item", "reference", "to", "lent_to", "until", "status", "code", "name",
                                      "public_key", "signature", "type", "village_code"};
  static const char* const kInt[] = {"top_k", "quantity", "counted", "from_sequence", "adjudication_id"};
  for (const char* key : kText) {
    try {
      (void)http::body_string(body, key);
    } catch (const http::BodyFieldError& e) {
      answer(e.error);
    }
  }
  for (const char* key : kInt) {
    try {
      (void)http::body_int(body, key);
    } catch (const http::BodyFieldError& e) {
      answer(e.error);
    }
  }
  try {
    (void)http::body_bool(body, "force", false);
  } catch (const http::BodyFieldError& e) {
    answer(e.error);
  }
}

Resident base_resident() {
  Resident r;
  r.nik = "6571014101900001";
  r.kk = "6571010101200001";
  r.name = "SITI AMINAH";
  r.sex = Sex::P;
  r.birth_place = "SAMARINDA";
  r.birth_date = {1990, 1, 1};
  r.religion = "ISLAM";
  r.marital_status = "BELUM KAWIN";
  r.occupation = "PELAJAR/MAHASISWA";
  r.village_code = "65.71.01.1001";
  r.rt = "001";
  r.rw = "002";
  r.address = "JL. MERDEKA NO. 1";
  r.blood_type = "O";
  r.citizenship = "WNI";
  return r;
}

// POST /residents/{nik}/events (and PATCH, which wraps its body as a correction).
void civil_event(const nlohmann::json& body) {
  auto event = read_event_body(body, fuzz::kAsOf);
  if (!event) return answer(event.error());
  const Resident current = base_resident();
  Result<Resident> after = current;
  switch (event->type) {
    case EventType::Death: after = apply_death(current, event->death); break;
    case EventType::Move: after = apply_move(current, event->move); break;
    case EventType::MaritalChange: after = apply_marital_change(current, event->marital); break;
    default: {
      std::vector<Error> errors;
      const Resident corrected = resident_from_json(event->changes, current, errors);
      if (!errors.empty()) return answer(errors.front());
      after = apply_correction(current, corrected);
    }
  }
  if (!after) return answer(after.error());
  for (const auto& e : validate_resident(*after, fuzz::wilayah(), fuzz::kAsOf)) answer(e);
  (void)to_json(*after).dump();
}

// POST /residents: a birth. An accepted resident survives its own JSON form.
void birth(const nlohmann::json& body) {
  auto b = read_birth_body(body);
  if (!b) return answer(b.error());
  for (const auto& e : validate_resident(b->resident, fuzz::wilayah(), fuzz::kAsOf)) answer(e);
  std::vector<Error> errors;
  const Resident again = resident_from_json(nlohmann::json::parse(to_json(b->resident).dump()), Resident{}, errors);
  fuzz::require(errors.empty() && again == b->resident, "a resident does not survive its JSON form");
}

void export_table(const nlohmann::json& body) {
  ExportTable t;
  std::string error;
  if (!table_from_json(body, t, error)) {  // answered as /api/v1/export/* answers it
    httplib::Response res;
    http::reply_error(res, 422, "EXPORT_TABLE", error, error.substr(0, error.find(':')));
    return;
  }
  (void)table_to_csv(t);
  const std::string sheet = excel_sheet_name(t.title);
  fuzz::require(!sheet.empty(), "an empty sheet name");
  try {
    (void)nlohmann::json(sheet).dump();  // libxlsxwriter and the reply both need UTF-8
  } catch (const nlohmann::json::type_error&) {
    fuzz::fail("the sheet name is not valid UTF-8");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  httplib::Request req;
  req.body.assign(reinterpret_cast<const char*>(data), size);
  httplib::Response res;
  auto body = http::json_body(req, res);
  if (!body) {
    // 400 for a body that is not JSON or nests too deep; 422 FIELD_HIDDEN_CHARACTER for a NUL in a
    // string or key (api_fuzz: PostgreSQL cut such text, and the audit hash no longer matched).
    fuzz::require(res.status == 400 || (res.status == 422 && res.body.find("FIELD_HIDDEN_CHARACTER") != std::string::npos),
                  "a refused body is answered neither 400 nor 422 FIELD_HIDDEN_CHARACTER");
    return 0;
  }
  fuzz::require(!json_nests_deeper_than(req.body, kMaxJsonDepth), "a body nested too deep was parsed");
  fuzz::require(depth_of(*body) <= kMaxJsonDepth, "the parsed body nests deeper than the limit");
  typed_fields(*body);
  civil_event(*body);
  if (body->is_object()) {  // PATCH /residents/{nik}: the body is the changes, "reason" aside
    nlohmann::json event = {{"type", "correction"}, {"changes", *body}};
    if (body->contains("reason")) {
      event["reason"] = (*body)["reason"];
      event["changes"].erase("reason");
    }
    civil_event(event);
  }
  birth(*body);
  export_table(*body);
  return 0;
}
