// Persistence of the data keys that seal secrets and biometrics at rest (crypto/key_vault.h) and
// the re-sealing that key rotation needs. The sealing itself is invisible to callers: the store
// seals on write and opens on read.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "crypto/key_vault.h"

namespace ktpel {

struct DataKeyInfo {
  int64_t id = 0;  // 0: values still in clear (written before sealing existed)
  std::string master_key_id, created_at;
  bool active = false;
  int64_t values = 0;  // sealed values (rows x protected columns) under this key
};

// Where a rotation has got to: the table (in the store's list of sealed tables) and the primary key
// of the last row it looked at.
struct ResealCursor {
  size_t table = 0;
  std::vector<std::string> after;  // empty: from the table's first row
  bool done = false;
};

class KeyStore {
 public:
  virtual ~KeyStore() = default;
  // The id of the master key this process holds (loading it).
  virtual std::string master_key_id() = 0;
  // Every data key, oldest first, then id 0 when values remain in clear.
  virtual std::vector<DataKeyInfo> data_keys() = 0;
  // Makes a new active data key (older ones stay, for reading); its id. Inside a transaction.
  virtual int64_t add_data_key() = 0;
  // Rows whose protected values are not (all) under the active key.
  virtual int64_t rows_to_reseal() = 0;
  // Re-seals up to `limit` such rows after the cursor under the active key and moves the cursor;
  // the number re-sealed. Inside a transaction (one per batch).
  virtual int64_t reseal_rows(ResealCursor& cursor, int64_t limit) = 0;
  // Wraps every data key under `next` instead of the current master key; how many. Inside a
  // transaction.
  virtual int64_t rewrap_data_keys(const MasterKey& next) = 0;
};

}  // namespace ktpel
