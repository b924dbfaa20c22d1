// Key rotation for the values sealed at rest (crypto/key_vault.h): a new data key, then every
// sealed value re-sealed under it in short transactions, so a server using the same database
// keeps serving (its next transaction seals under the new key; old keys stay for reading).
#pragma once
#include <cstdint>
#include <functional>

#include "store/store.h"

namespace ktpel {

struct RotationReport {
  int64_t new_key = 0;
  int64_t resealed = 0;  // rows
  int passes = 0;        // a pass catches rows written under the old key while the previous one ran
};

// progress(rows re-sealed so far, rows to re-seal) after each batch (one transaction each).
RotationReport rotate_data_key(Store& store, int64_t batch_rows,
                               const std::function<void(int64_t done, int64_t total)>& progress);

// Wraps every data key under `next` in one transaction; the number of keys. The values stay as
// they are; the process that reads them needs `next` from now on.
int64_t rewrap_data_keys(Store& store, const MasterKey& next);

}  // namespace ktpel
