// Keys that protect secrets and biometrics at rest (libsodium), issue [8]:
//   master key  32 bytes from $KTPEL_MASTER_KEY (64 hex), the file $KTPEL_MASTER_KEY_FILE, or a
//               default file (master.key next to an SQLite database, $HOME/.ktpel/master.key for
//               PostgreSQL) made on first use with mode 0600. Never stored in the database.
//   data keys   random 32 bytes, stored in data_keys wrapped by the master key
//               (XChaCha20-Poly1305, associated data "data_keys:<id>").
//   a value     version (1) | data key id (u32, big-endian) | nonce (24) | ciphertext + tag, with
//               associated data = those first 5 bytes + the value's place ("enrolments.photo:<packet
//               id>"), so a value cannot be moved to another row or column, nor relabelled.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ktpel {

inline constexpr size_t kKeyBytes = 32;

struct MasterKey {
  std::string key;  // 32 raw bytes
  std::string id;   // 8 hex of BLAKE2b(key): names the key in data_keys and in messages
};

// A key that cannot be loaded, or does not open what it should: the message says what to check.
struct KeyError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

MasterKey master_key(std::string raw);  // throws KeyError unless 32 bytes
// $KTPEL_MASTER_KEY, else the file $KTPEL_MASTER_KEY_FILE, else default_file (made when absent).
MasterKey load_master_key(const std::string& default_file);
// A key file: 64 hex characters (surrounding white space ignored). Made (0600, random, a notice on
// stderr) when absent and `create`; throws KeyError naming the file otherwise.
MasterKey read_master_key_file(const std::string& path, bool create);

// "a1b2-c3d4-e5f6-0718": BLAKE2b of a public key, for people to compare by eye or over the phone.
std::string key_fingerprint(std::string_view public_key);

std::string make_data_key();
std::string wrap_data_key(const MasterKey& master, int64_t id, std::string_view data_key);
std::optional<std::string> unwrap_data_key(const MasterKey& master, int64_t id, std::string_view wrapped);

std::string seal_value(uint32_t key_id, std::string_view data_key, std::string_view place, std::string_view plain);
// The data key a sealed value names; nullopt when it is too short or of an unknown version.
std::optional<uint32_t> sealed_key_id(std::string_view sealed);
// nullopt when the value was altered, moved from another place, or sealed under another key.
std::optional<std::string> open_value(std::string_view data_key, std::string_view place, std::string_view sealed);

// A process's master key (loaded on first use, so a command that reads no sealed value never
// needs it) and the data keys it has opened.
class KeyVault {
 public:
  explicit KeyVault(std::function<MasterKey()> load) : load_(std::move(load)) {}
  const MasterKey& master();
  // Data key `id` opened from its stored form; throws KeyError saying which master key wrapped it.
  const std::string& open_data_key(int64_t id, std::string_view wrapped, std::string_view wrapped_by);
  const std::string* cached(int64_t id) const;
  void remember(int64_t id, std::string key) { keys_[id] = std::move(key); }
  void forget(int64_t id) { keys_.erase(id); }

 private:
  std::function<MasterKey()> load_;
  std::optional<MasterKey> master_;
  std::map<int64_t, std::string> keys_;
};

}  // namespace ktpel
