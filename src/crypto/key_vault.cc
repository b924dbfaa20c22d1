#include "crypto/key_vault.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "crypto/envelope.h"

namespace ktpel {
namespace {

constexpr unsigned char kSealVersion = 1;
constexpr size_t kHeader = 1 + 4;
constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;

const unsigned char* u(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
unsigned char* u(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

std::string blake2b_hex(std::string_view bytes, size_t out_bytes) {
  std::string digest(out_bytes, '\0');
  crypto_generichash(u(digest), digest.size(), u(bytes), bytes.size(), nullptr, 0);
  return to_hex(digest);
}

// nonce | ciphertext + tag, under `key`, bound to `ad`.
std::string aead_seal(std::string_view key, std::string_view ad, std::string_view plain) {
  crypto_init();
  std::string out(kNonce + plain.size() + kTag, '\0');
  randombytes_buf(out.data(), kNonce);
  unsigned long long len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(u(out) + kNonce, &len, u(plain), plain.size(), u(ad), ad.size(), nullptr,
                                             u(out), u(key));
  return out;
}

std::optional<std::string> aead_open(std::string_view key, std::string_view ad, std::string_view sealed) {
  crypto_init();
  if (sealed.size() < kNonce + kTag) return std::nullopt;
  std::string out(sealed.size() - kNonce - kTag, '\0');
  unsigned long long len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(u(out), &len, nullptr, u(sealed) + kNonce, sealed.size() - kNonce,
                                                 u(ad), ad.size(), u(sealed), u(key)) != 0)
    return std::nullopt;
  return out;
}

std::string header(uint32_t key_id) {
  std::string h(1, static_cast<char>(kSealVersion));
  for (int s = 24; s >= 0; s -= 8) h.push_back(static_cast<char>((key_id >> s) & 0xff));
  return h;
}

// Writes a new random key to `path` atomically (a temporary file linked into place, so two
// processes starting at once agree on one key); false when the file appeared meanwhile.
bool create_key_file(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(path).parent_path();
  if (!dir.empty() && !fs::exists(dir)) {
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms::owner_all);
  }
  std::string tmp = path + ".XXXXXX";
  const int fd = mkstemp(tmp.data());
  if (fd < 0) throw KeyError("cannot create the master key file " + path + ": check the folder is writable");
  fchmod(fd, 0600);
  const std::string line = random_token(kKeyBytes) + "\n";
  const bool written = write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && fsync(fd) == 0;
  close(fd);
  const bool linked = written && link(tmp.c_str(), path.c_str()) == 0;
  const int link_error = errno;
  unlink(tmp.c_str());
  if (!written) throw KeyError("cannot write the master key file " + path);
  if (!linked && link_error != EEXIST) throw KeyError("cannot create the master key file " + path);
  return linked;
}

MasterKey from_hex_text(std::string text, const std::string& source) {
  std::erase_if(text, [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
  std::string raw = from_hex(text);
  if (raw.size() != kKeyBytes)
    throw KeyError(source + " must hold the master key as 64 hex characters (32 bytes), found " +
                   std::to_string(text.size()) + " characters");
  return master_key(std::move(raw));
}

}  // namespace

MasterKey master_key(std::string raw) {
  crypto_init();
  if (raw.size() != kKeyBytes) throw KeyError("a master key has 32 bytes");
  std::string id = blake2b_hex(raw, 16).substr(0, 8);
  return {std::move(raw), std::move(id)};
}

MasterKey read_master_key_file(const std::string& path, bool create) {
  if (create && !std::filesystem::exists(path) && create_key_file(path)) {
    MasterKey k = read_master_key_file(path, false);
    std::fprintf(stderr,
                 "ktpel: created a new master key %s (id %s); keep a copy apart from the database: without it the "
                 "encrypted photos, biometrics and keys cannot be read\n",
                 path.c_str(), k.id.c_str());
    return k;
  }
  std::ifstream in(path);
  if (!in) throw KeyError("cannot read the master key file " + path + ": check KTPEL_MASTER_KEY_FILE");
  std::stringstream text;
  text << in.rdbuf();
  return from_hex_text(text.str(), "the master key file " + path);
}

MasterKey load_master_key(const std::string& default_file) {
  if (const char* hex = std::getenv("KTPEL_MASTER_KEY"); hex && *hex) return from_hex_text(hex, "KTPEL_MASTER_KEY");
  if (const char* file = std::getenv("KTPEL_MASTER_KEY_FILE"); file && *file) return read_master_key_file(file, false);
  return read_master_key_file(default_file, true);
}

std::string key_fingerprint(std::string_view public_key) {
  crypto_init();
  const std::string hex = blake2b_hex(public_key, 16).substr(0, 16);
  return hex.substr(0, 4) + "-" + hex.substr(4, 4) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4);
}

std::string make_data_key() {
  crypto_init();
  std::string k(kKeyBytes, '\0');
  crypto_aead_xchacha20poly1305_ietf_keygen(u(k));
  return k;
}

std::string wrap_data_key(const MasterKey& master, int64_t id, std::string_view data_key) {
  return aead_seal(master.key, "data_keys:" + std::to_string(id), data_key);
}

std::optional<std::string> unwrap_data_key(const MasterKey& master, int64_t id, std::string_view wrapped) {
  return aead_open(master.key, "data_keys:" + std::to_string(id), wrapped);
}

std::string seal_value(uint32_t key_id, std::string_view data_key, std::string_view place, std::string_view plain) {
  const std::string h = header(key_id);
  return h + aead_seal(data_key, h + std::string(place), plain);
}

std::optional<uint32_t> sealed_key_id(std::string_view sealed) {
  if (sealed.size() < kHeader + kNonce + kTag || static_cast<unsigned char>(sealed[0]) != kSealVersion) return std::nullopt;
  uint32_t id = 0;
  for (size_t i = 1; i < kHeader; ++i) id = (id << 8) | static_cast<unsigned char>(sealed[i]);
  return id;
}

std::optional<std::string> open_value(std::string_view data_key, std::string_view place, std::string_view sealed) {
  if (!sealed_key_id(sealed)) return std::nullopt;
  return aead_open(data_key, std::string(sealed.substr(0, kHeader)) + std::string(place), sealed.substr(kHeader));
}

const MasterKey& KeyVault::master() {
  if (!master_) master_ = load_();
  return *master_;
}

const std::string& KeyVault::open_data_key(int64_t id, std::string_view wrapped, std::string_view wrapped_by) {
  if (const std::string* k = cached(id)) return *k;
  const MasterKey& m = master();
  auto key = unwrap_data_key(m, id, wrapped);
  if (!key) {
    const std::string what = "the master key (id " + m.id + ") does not open data key " + std::to_string(id);
    throw KeyError(wrapped_by == m.id
                       ? what + ", although it was wrapped by a master key with the same id: the data_keys row was altered"
                       : what + ", which was wrapped by master key " + std::string(wrapped_by) +
                             ": check KTPEL_MASTER_KEY / KTPEL_MASTER_KEY_FILE");
  }
  return keys_[id] = std::move(*key);
}

const std::string* KeyVault::cached(int64_t id) const {
  auto it = keys_.find(id);
  return it == keys_.end() ? nullptr : &it->second;
}

}  // namespace ktpel
