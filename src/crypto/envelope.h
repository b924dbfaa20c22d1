// Recording packets on the wire and at rest (libsodium):
//   envelope = "KTPP1" | u32 header length | header JSON | sealed stream key | secretstream
// The header (packet id, station, sequence, time) is public so the centre can route and
// deduplicate; it is bound as additional data to the encryption and covered by the signature.
// The stream key is sealed (crypto_box_seal) to the centre's X25519 key: the station itself
// cannot read its outbox. Inside: Ed25519 signature (station key) over header || SHA-256(body),
// then the CBOR body. The payload is encrypted in 64 KiB secretstream chunks (large packets).
#pragma once
#include <sodium.h>

#include <array>
#include <string>
#include <string_view>

#include "core/common/error.h"

namespace ktpel {

struct SignKeyPair {
  std::string public_key, secret_key;  // Ed25519, raw bytes
};
struct BoxKeyPair {
  std::string public_key, secret_key;  // X25519, raw bytes
};

void crypto_init();  // sodium_init, once; throws when libsodium cannot start
SignKeyPair make_sign_key_pair();
BoxKeyPair make_box_key_pair();
std::string sha256_hex(std::string_view bytes);
std::string to_hex(std::string_view bytes);
std::string from_hex(std::string_view hex);  // "" when malformed
std::string random_token(size_t bytes);       // hex

struct PacketHeader {
  std::string packet_id;   // "<station_id>-<sequence>", globally unique
  std::string station_id;
  int64_t sequence = 0;
  std::string created_at;
  std::string key_id;      // hex of the signing public key (rotation)
};

std::string seal_packet(const PacketHeader& header, std::string_view body, const SignKeyPair& station_key,
                        std::string_view centre_box_public_key);

struct OpenedPacket {
  PacketHeader header;
  std::string header_json;
  std::string signature;  // detached Ed25519, verify with verify_packet_signature
  std::string body;
};
// Reads only the public header (no keys needed).
Result<PacketHeader> read_packet_header(std::string_view envelope);
// Decrypts with the centre's box keys; fails on any damage or tampering.
Result<OpenedPacket> open_packet(std::string_view envelope, const BoxKeyPair& centre_key);
bool verify_packet_signature(const OpenedPacket& p, std::string_view station_sign_public_key);

// Detached signatures for acknowledgements and station registration.
std::string sign_detached(std::string_view message, std::string_view sign_secret_key);
bool verify_detached(std::string_view message, std::string_view signature, std::string_view sign_public_key);

// Password hashing for offline operator accounts (Argon2id, crypto_pwhash_str) and
// passphrase-based sealing of the station's secret key at rest.
std::string lock_secret(std::string_view secret, std::string_view passphrase);    // salt|nonce|box
Result<std::string> unlock_secret(std::string_view locked, std::string_view passphrase);

}  // namespace ktpel
