#include "service/key_rotation.h"

namespace ktpel {

RotationReport rotate_data_key(Store& store, int64_t batch_rows,
                               const std::function<void(int64_t done, int64_t total)>& progress) {
  RotationReport report;
  {
    StoreTransaction tx(store);
    report.new_key = store.add_data_key();
    tx.commit();
  }
  int64_t total = store.rows_to_reseal();
  // Transactions that began before the new key was committed may still seal under the old one:
  // a few passes pick up what they wrote behind the cursor.
  for (report.passes = 1; report.passes <= 5; ++report.passes) {
    ResealCursor cursor;
    while (!cursor.done) {
      StoreTransaction tx(store);
      const int64_t n = store.reseal_rows(cursor, batch_rows);
      tx.commit();
      report.resealed += n;
      total = std::max(total, report.resealed);
      if (n > 0) progress(report.resealed, total);
    }
    const int64_t left = store.rows_to_reseal();
    if (left == 0) break;
    total += left;
  }
  report.passes = std::min(report.passes, 5);
  return report;
}

int64_t rewrap_data_keys(Store& store, const MasterKey& next) {
  StoreTransaction tx(store);
  const int64_t n = store.rewrap_data_keys(next);
  tx.commit();
  return n;
}

}  // namespace ktpel
