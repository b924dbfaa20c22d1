// The fixed keys of the fuzz targets, each from a fixed seed: the seed corpus holds packets and
// tokens sealed and signed with them (fuzz/make_seeds.cc), so the targets can open and verify.
// Test keys only: they protect nothing.
#pragma once
#include <sodium.h>

#include <string>

#include "crypto/envelope.h"

namespace ktpel::fuzz {

inline unsigned char* bytes_of(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

inline SignKeyPair sign_key_from_seed(unsigned char first) {
  crypto_init();
  SignKeyPair k{std::string(crypto_sign_PUBLICKEYBYTES, '\0'), std::string(crypto_sign_SECRETKEYBYTES, '\0')};
  unsigned char seed[crypto_sign_SEEDBYTES];
  for (size_t i = 0; i < sizeof seed; ++i) seed[i] = static_cast<unsigned char>(first + i);
  crypto_sign_seed_keypair(bytes_of(k.public_key), bytes_of(k.secret_key), seed);
  return k;
}

inline const SignKeyPair& office_key() {  // signs suket tokens
  static const SignKeyPair k = sign_key_from_seed(0x00);
  return k;
}
inline const SignKeyPair& station_key() {  // signs recording packets
  static const SignKeyPair k = sign_key_from_seed(0x80);
  return k;
}
inline const BoxKeyPair& centre_key() {  // opens recording packets
  static const BoxKeyPair k = [] {
    crypto_init();
    BoxKeyPair b{std::string(crypto_box_PUBLICKEYBYTES, '\0'), std::string(crypto_box_SECRETKEYBYTES, '\0')};
    unsigned char seed[crypto_box_SEEDBYTES];
    for (size_t i = 0; i < sizeof seed; ++i) seed[i] = static_cast<unsigned char>(0x40 + i);
    crypto_box_seed_keypair(bytes_of(b.public_key), bytes_of(b.secret_key), seed);
    return b;
  }();
  return k;
}

}  // namespace ktpel::fuzz
