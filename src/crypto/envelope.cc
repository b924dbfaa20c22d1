#include "crypto/envelope.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/common/messages.h"

namespace ktpel {
namespace {

constexpr std::string_view kMagic = "KTPP1";
constexpr size_t kChunk = 64 * 1024;

const unsigned char* u(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
unsigned char* u(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

Error damaged(const std::string& why) { return make_error("PACKET_DAMAGED", "packet", {why}); }

std::string signed_message(std::string_view header_json, std::string_view body) {
  std::string digest(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(u(digest), u(body), body.size());
  return std::string(header_json) + digest;
}

}  // namespace

void crypto_init() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

SignKeyPair make_sign_key_pair() {
  crypto_init();
  SignKeyPair k{std::string(crypto_sign_PUBLICKEYBYTES, '\0'), std::string(crypto_sign_SECRETKEYBYTES, '\0')};
  crypto_sign_keypair(u(k.public_key), u(k.secret_key));
  return k;
}

BoxKeyPair make_box_key_pair() {
  crypto_init();
  BoxKeyPair k{std::string(crypto_box_PUBLICKEYBYTES, '\0'), std::string(crypto_box_SECRETKEYBYTES, '\0')};
  crypto_box_keypair(u(k.public_key), u(k.secret_key));
  return k;
}

std::string to_hex(std::string_view b) {
  std::string out(b.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), u(b), b.size());
  out.pop_back();
  return out;
}

std::string from_hex(std::string_view hex) {
  std::string out(hex.size() / 2, '\0');
  size_t len = 0;
  if (hex.size() % 2 || sodium_hex2bin(u(out), out.size(), hex.data(), hex.size(), nullptr, &len, nullptr) != 0 ||
      len != out.size())
    return {};
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  std::string digest(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(u(digest), u(bytes), bytes.size());
  return to_hex(digest);
}

std::string random_token(size_t bytes) {
  crypto_init();
  std::string b(bytes, '\0');
  randombytes_buf(b.data(), b.size());
  return to_hex(b);
}

std::string seal_packet(const PacketHeader& h, std::string_view body, const SignKeyPair& key,
                        std::string_view centre_box_pk) {
  crypto_init();
  const std::string header_json = nlohmann::json{{"packet_id", h.packet_id}, {"station_id", h.station_id},
                                                 {"sequence", h.sequence}, {"created_at", h.created_at},
                                                 {"key_id", h.key_id}}
                                      .dump();
  std::string signature(crypto_sign_BYTES, '\0');
  const std::string msg = signed_message(header_json, body);
  crypto_sign_detached(u(signature), nullptr, u(msg), msg.size(), u(key.secret_key));
  const std::string plain = signature + std::string(body);

  std::string stream_key(crypto_secretstream_xchacha20poly1305_KEYBYTES, '\0');
  crypto_secretstream_xchacha20poly1305_keygen(u(stream_key));
  std::string sealed_key(crypto_box_SEALBYTES + stream_key.size(), '\0');
  crypto_box_seal(u(sealed_key), u(stream_key), stream_key.size(), u(centre_box_pk));

  crypto_secretstream_xchacha20poly1305_state st;
  std::string stream_header(crypto_secretstream_xchacha20poly1305_HEADERBYTES, '\0');
  crypto_secretstream_xchacha20poly1305_init_push(&st, u(stream_header), u(stream_key));
  sodium_memzero(stream_key.data(), stream_key.size());

  std::string out(kMagic);
  const uint32_t hl = static_cast<uint32_t>(header_json.size());
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<char>((hl >> s) & 0xff));
  out += header_json + sealed_key + stream_header;
  size_t pos = 0;
  do {
    const size_t n = std::min(kChunk, plain.size() - pos);
    const bool last = pos + n == plain.size();
    std::string c(n + crypto_secretstream_xchacha20poly1305_ABYTES, '\0');
    // The header is additional data of the first chunk: it cannot be swapped onto another body.
    crypto_secretstream_xchacha20poly1305_push(&st, u(c), nullptr, u(plain) + pos, n,
                                               pos == 0 ? u(header_json) : nullptr, pos == 0 ? header_json.size() : 0,
                                               last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
    out += c;
    pos += n;
  } while (pos < plain.size());
  return out;
}

static Result<std::pair<PacketHeader, std::string>> parse_header(std::string_view env, size_t& offset) {
  if (env.size() < kMagic.size() + 4 || env.substr(0, kMagic.size()) != kMagic) return damaged("not a ktpel packet (magic)");
  uint32_t hl = 0;
  for (int i = 0; i < 4; ++i) hl = (hl << 8) | static_cast<unsigned char>(env[kMagic.size() + i]);
  offset = kMagic.size() + 4;
  if (env.size() < offset + hl) return damaged("header is cut off");
  const std::string header_json(env.substr(offset, hl));
  offset += hl;
  auto j = nlohmann::json::parse(header_json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return damaged("header is not JSON");
  // A sequence must be a whole number within int64: get<int64_t>() would cast a float (UB past
  // the range) or wrap a larger unsigned one to a negative number.
  const auto seq = j.find("sequence");
  if (seq != j.end() && (!seq->is_number_integer() || (seq->is_number_unsigned() && seq->get<uint64_t>() > uint64_t(INT64_MAX))))
    return damaged("header sequence is not a whole number");
  try {
    PacketHeader h{j.at("packet_id").get<std::string>(), j.at("station_id").get<std::string>(),
                   j.at("sequence").get<int64_t>(), j.at("created_at").get<std::string>(), j.at("key_id").get<std::string>()};
    return std::pair{h, header_json};
  } catch (const std::exception&) {
    return damaged("header fields missing");
  }
}

Result<PacketHeader> read_packet_header(std::string_view env) {
  size_t offset = 0;
  auto h = parse_header(env, offset);
  if (!h) return h.error();
  return h->first;
}

Result<OpenedPacket> open_packet(std::string_view env, const BoxKeyPair& centre) {
  crypto_init();
  size_t pos = 0;
  auto h = parse_header(env, pos);
  if (!h) return h.error();
  const size_t sealed_len = crypto_box_SEALBYTES + crypto_secretstream_xchacha20poly1305_KEYBYTES;
  if (env.size() < pos + sealed_len + crypto_secretstream_xchacha20poly1305_HEADERBYTES) return damaged("key block is cut off");
  std::string stream_key(crypto_secretstream_xchacha20poly1305_KEYBYTES, '\0');
  if (crypto_box_seal_open(u(stream_key), u(env.substr(pos)), sealed_len, u(centre.public_key), u(centre.secret_key)) != 0)
    return damaged("the stream key does not open with the centre key (sealed for another centre, or tampered)");
  pos += sealed_len;
  crypto_secretstream_xchacha20poly1305_state st;
  if (crypto_secretstream_xchacha20poly1305_init_pull(&st, u(env.substr(pos)), u(stream_key)) != 0)
    return damaged("bad stream header");
  sodium_memzero(stream_key.data(), stream_key.size());
  pos += crypto_secretstream_xchacha20poly1305_HEADERBYTES;
  std::string plain;
  bool first = true, final = false;
  while (pos < env.size()) {
    if (final) return damaged("data after the final chunk");
    const size_t n = std::min(kChunk + crypto_secretstream_xchacha20poly1305_ABYTES, env.size() - pos);
    if (n < crypto_secretstream_xchacha20poly1305_ABYTES) return damaged("chunk is cut off");
    std::string m(n - crypto_secretstream_xchacha20poly1305_ABYTES, '\0');
    unsigned char tag = 0;
    unsigned long long mlen = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(&st, u(m), &mlen, &tag, u(env.substr(pos)), n,
                                                   first ? u(h->second) : nullptr, first ? h->second.size() : 0) != 0)
      return damaged("decryption failed: the packet was damaged or tampered with");
    m.resize(mlen);
    plain += m;
    final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    first = false;
    pos += n;
  }
  if (!final) return damaged("the packet is truncated (no final chunk)");
  if (plain.size() < crypto_sign_BYTES) return damaged("no signature");
  return OpenedPacket{h->first, h->second, plain.substr(0, crypto_sign_BYTES), plain.substr(crypto_sign_BYTES)};
}

bool verify_packet_signature(const OpenedPacket& p, std::string_view pk) {
  if (pk.size() != crypto_sign_PUBLICKEYBYTES) return false;
  const std::string msg = signed_message(p.header_json, p.body);
  return crypto_sign_verify_detached(u(p.signature), u(msg), msg.size(), u(pk)) == 0;
}

std::string sign_detached(std::string_view message, std::string_view sk) {
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(u(sig), nullptr, u(message), message.size(), u(sk));
  return sig;
}

bool verify_detached(std::string_view message, std::string_view sig, std::string_view pk) {
  if (sig.size() != crypto_sign_BYTES || pk.size() != crypto_sign_PUBLICKEYBYTES) return false;
  return crypto_sign_verify_detached(u(sig), u(message), message.size(), u(pk)) == 0;
}


std::string lock_secret(std::string_view secret, std::string_view passphrase) {
  crypto_init();
  std::string salt(crypto_pwhash_SALTBYTES, '\0'), nonce(crypto_secretbox_NONCEBYTES, '\0'),
      key(crypto_secretbox_KEYBYTES, '\0');
  randombytes_buf(salt.data(), salt.size());
  randombytes_buf(nonce.data(), nonce.size());
  if (crypto_pwhash(u(key), key.size(), passphrase.data(), passphrase.size(), u(salt), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                    crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_DEFAULT) != 0)
    throw std::runtime_error("out of memory deriving a key");
  std::string box(secret.size() + crypto_secretbox_MACBYTES, '\0');
  crypto_secretbox_easy(u(box), u(secret), secret.size(), u(nonce), u(key));
  sodium_memzero(key.data(), key.size());
  return salt + nonce + box;
}

Result<std::string> unlock_secret(std::string_view locked, std::string_view passphrase) {
  crypto_init();
  const size_t head = crypto_pwhash_SALTBYTES + crypto_secretbox_NONCEBYTES;
  if (locked.size() < head + crypto_secretbox_MACBYTES) return make_error("STATION_PASSPHRASE", "passphrase");
  std::string key(crypto_secretbox_KEYBYTES, '\0');
  if (crypto_pwhash(u(key), key.size(), passphrase.data(), passphrase.size(), u(locked), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                    crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_DEFAULT) != 0)
    throw std::runtime_error("out of memory deriving a key");
  std::string out(locked.size() - head - crypto_secretbox_MACBYTES, '\0');
  const bool ok = crypto_secretbox_open_easy(u(out), u(locked.substr(head)), locked.size() - head,
                                             u(locked.substr(crypto_pwhash_SALTBYTES)), u(key)) == 0;
  sodium_memzero(key.data(), key.size());
  if (!ok) return make_error("STATION_PASSPHRASE", "passphrase");
  return out;
}

}  // namespace ktpel
