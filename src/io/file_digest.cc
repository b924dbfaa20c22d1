#include "io/file_digest.h"

#include <sodium.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "crypto/envelope.h"
#include "io/files.h"

namespace ktpel {

std::string sha256_file_hex(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open '" + path + "': " + std::strerror(errno));
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  std::string buf(1 << 20, '\0');
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto n = in.gcount();
    if (n > 0) crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(buf.data()), static_cast<size_t>(n));
  }
  if (in.bad()) throw std::runtime_error("cannot read '" + path + "'");
  std::string digest(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256_final(&st, reinterpret_cast<unsigned char*>(digest.data()));
  return to_hex(digest);
}

void write_checksum_file(const std::string& path) {
  write_file_atomic(path + ".sha256",
                    sha256_file_hex(path) + "  " + std::filesystem::path(path).filename().string() + "\n");
}

bool check_checksum_file(const std::string& path) {
  const std::string sidecar = path + ".sha256";
  if (!file_exists(sidecar)) return false;
  const std::string line = read_file(sidecar);
  const std::string want = line.substr(0, line.find_first_of(" \n"));
  const std::string have = sha256_file_hex(path);
  if (want != have)
    throw std::runtime_error("'" + path + "' is damaged: its SHA-256 is " + have + ", but " + sidecar + " (written when the " +
                             "backup was taken) says " + want + "; nothing was restored");
  return true;
}

}  // namespace ktpel
