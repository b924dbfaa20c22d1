// Writes the seed inputs that need the fuzz targets' fixed keys or a binary codec: sealed
// recording packets, CBOR enrolments and finger lists, signed suket tokens. Run once by hand
// (fuzz/make_seeds.sh); its output is committed under fuzz/corpus/ and listed in the README.
#include <fstream>
#include <iostream>

#include "core/biometrics/enrolment_codec.h"
#include "core/print/suket.h"
#include "crypto/suket_token.h"
#include "fuzz/fuzz_keys.h"
#include "fuzz/fuzz_support.h"

using namespace ktpel;

namespace {

void write(const std::string& path, std::string_view bytes) {
  std::ofstream(std::string(KTPEL_SOURCE_DIR) + "/fuzz/corpus/" + path, std::ios::binary).write(bytes.data(), bytes.size());
}

// A valid enrolment: two real FVC templates (tests/data), eight excused fingers, image magics.
Enrolment sample_enrolment() {
  Enrolment e;
  e.nik = "6571014501900001";
  e.station_id = "ST01";
  e.operator_id = "op1";
  e.captured_at = "2026-12-01T08:00:00Z";
  e.photo_jpeg = std::string("\xFF\xD8\xFF\xE0", 4) + "jpeg";
  e.signature_png = std::string("\x89PNG\r\n\x1A\n", 8) + "png";
  e.photo_quality = 80;
  e.fingers = {{1, 70, fuzz::read_source_file("tests/data/fingerprints/fvc2002/DB1_B/101_1.iso")},
               {6, 65, fuzz::read_source_file("tests/data/fingerprints/fvc2002/DB1_B/102_1.iso")}};
  for (int p : {2, 3, 4, 5, 7, 8, 9, 10}) e.finger_exceptions.push_back({p, "CACAT"});
  e.iris_right = "iris-r";
  return e;
}

}  // namespace

int main() {
  const Enrolment e = sample_enrolment();
  const std::string cbor = encode_enrolment(e);
  write("enrolment/valid_enrolment.cbor", cbor);
  write("enrolment/finger_list.cbor", encode_fingers(e.fingers));
  write("enrolment/truncated_enrolment.cbor", cbor.substr(0, cbor.size() / 2));
  Enrolment bare;
  write("enrolment/empty_enrolment.cbor", encode_enrolment(bare));

  const PacketHeader h{"ST01-7", "ST01", 7, "2026-12-01T08:00:00Z", to_hex(fuzz::station_key().public_key)};
  const std::string packet = seal_packet(h, cbor, fuzz::station_key(), fuzz::centre_key().public_key);
  write("envelope/valid_packet.bin", packet);
  write("envelope/small_body_packet.bin", seal_packet(h, "tiny body", fuzz::station_key(), fuzz::centre_key().public_key));
  write("envelope/other_centre_packet.bin", seal_packet(h, "x", fuzz::station_key(), make_box_key_pair().public_key));
  write("envelope/header_only.bin", packet.substr(0, packet.find('}') + 1));
  write("envelope/body_to_seal.txt", "a body the target seals and opens again");

  SuketPayload p{"SKT-6571-20261122-000017", "65.71", "6571014501900001", "SITI AMINAH", {2026, 11, 22}, {2027, 5, 22}};
  write("suket_token/valid_token.txt", sign_suket_token(p, fuzz::office_key().secret_key));
  SuketPayload odd = p;
  odd.name = "A|B %7C 100%";
  write("suket_token/escaped_token.txt", sign_suket_token(odd, fuzz::office_key().secret_key));
  write("suket_token/payload.txt", encode_suket_payload(odd));
  std::string forged = sign_suket_token(p, fuzz::office_key().secret_key);
  forged[forged.size() - 3] = forged[forged.size() - 3] == 'A' ? 'B' : 'A';
  write("suket_token/bad_signature_token.txt", forged);
  std::cout << "seeds written under fuzz/corpus/\n";
}
