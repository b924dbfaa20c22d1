#include "core/biometrics/enrolment_codec.h"

#include <nlohmann/json.hpp>

#include <climits>
#include <stdexcept>

#include "core/common/messages.h"
#include "core/text/cbor_depth.h"

namespace ktpel {
namespace {

using nlohmann::json;

json bin(const std::string& s) { return json::binary(std::vector<std::uint8_t>(s.begin(), s.end())); }
// A whole number that fits an int. get<int>() would cast a float (UB past INT_MAX, found by
// fuzz/enrolment_fuzz.cc) or cut a large integer to its low bits (4294967297 read as finger 1).
int small_int(const json& j) {
  if (!j.is_number_integer() || (j.is_number_unsigned() ? j.get<uint64_t>() > uint64_t(INT_MAX)
                                                        : j.get<int64_t>() < INT_MIN || j.get<int64_t>() > INT_MAX))
    throw std::out_of_range("not a whole number within int range");
  return static_cast<int>(j.get<int64_t>());
}
std::string unbin(const json& j) {
  const auto& b = j.get_binary();
  return std::string(b.begin(), b.end());
}

}  // namespace

std::string encode_enrolment(const Enrolment& e) {
  json fingers = json::array(), exceptions = json::array();
  for (const auto& f : e.fingers) fingers.push_back({{"p", f.position}, {"q", f.quality}, {"t", bin(f.iso_template)}});
  for (const auto& x : e.finger_exceptions) exceptions.push_back({{"p", x.position}, {"r", x.reason}});
  json j = {{"v", 1},
            {"nik", e.nik},
            {"station", e.station_id},
            {"operator", e.operator_id},
            {"captured_at", e.captured_at},
            {"photo", bin(e.photo_jpeg)},
            {"photo_q", e.photo_quality},
            {"signature", bin(e.signature_png)},
            {"fingers", fingers},
            {"exceptions", exceptions},
            {"iris_r", bin(e.iris_right)},
            {"iris_l", bin(e.iris_left)}};
  const auto bytes = json::to_cbor(j);
  return std::string(bytes.begin(), bytes.end());
}

Result<Enrolment> decode_enrolment(std::string_view cbor) {
  if (cbor_nests_deeper_than(cbor, kMaxCborDepth))
    return make_error("ENROLMENT_INVALID", "packet", {"packet", "nested deeper than " + std::to_string(kMaxCborDepth) + " levels"});
  try {
    const json j = json::from_cbor(cbor.begin(), cbor.end());
    if (small_int(j.at("v")) != 1) return make_error("ENROLMENT_INVALID", "v", {"v", "unknown packet version"});
    Enrolment e;
    e.nik = j.at("nik").get<std::string>();
    e.station_id = j.at("station").get<std::string>();
    e.operator_id = j.at("operator").get<std::string>();
    e.captured_at = j.at("captured_at").get<std::string>();
    e.photo_jpeg = unbin(j.at("photo"));
    e.photo_quality = small_int(j.at("photo_q"));
    e.signature_png = unbin(j.at("signature"));
    for (const auto& f : j.at("fingers")) e.fingers.push_back({small_int(f.at("p")), small_int(f.at("q")), unbin(f.at("t"))});
    for (const auto& x : j.at("exceptions")) e.finger_exceptions.push_back({small_int(x.at("p")), x.at("r").get<std::string>()});
    e.iris_right = unbin(j.at("iris_r"));
    e.iris_left = unbin(j.at("iris_l"));
    return e;
  } catch (const std::exception& ex) {
    return make_error("ENROLMENT_INVALID", "packet", {"packet", std::string("cannot be decoded: ") + ex.what()});
  }
}

std::string encode_fingers(const std::vector<FingerCapture>& fingers) {
  json a = json::array();
  for (const auto& f : fingers) a.push_back({{"p", f.position}, {"q", f.quality}, {"t", bin(f.iso_template)}});
  const auto bytes = json::to_cbor(a);
  return std::string(bytes.begin(), bytes.end());
}

Result<std::vector<FingerCapture>> decode_fingers(std::string_view cbor) {
  if (cbor_nests_deeper_than(cbor, kMaxCborDepth))
    return make_error("ENROLMENT_INVALID", "fingers", {"fingers", "nested deeper than " + std::to_string(kMaxCborDepth) + " levels"});
  try {
    std::vector<FingerCapture> out;
    for (const auto& f : json::from_cbor(cbor.begin(), cbor.end()))
      out.push_back({small_int(f.at("p")), small_int(f.at("q")), unbin(f.at("t"))});
    return out;
  } catch (const std::exception& ex) {
    return make_error("ENROLMENT_INVALID", "fingers", {"fingers", std::string("cannot be decoded: ") + ex.what()});
  }
}

}  // namespace ktpel
