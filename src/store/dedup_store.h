// DedupStore: what the incremental demographic dedup keeps in the store. Each resident's blocking
// keys and term hashes (core/dedup/index_keys.h) as rows of one (key, nik) table: the candidates
// of a new record are the holders of its keys, and a term's frequency is its holders' count. A
// watermark on the registry's change sequence (residents.change_seq, given in commit order) says
// how far the index has caught up; the trained model of the
// last batch run is kept as JSON. The adjudication queue itself is AbisStore's, shared with the
// fingerprint matcher.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/registry/resident.h"
#include "store/abis_store.h"

namespace ktpel {

struct ChangedResident {
  Resident resident;
  int64_t change_seq = 0;
};

// Which registered NIK a DUPLICATE_RECORD duplicates, and the case that decided it (case_id 0:
// the matcher was certain — the same fingerprint templates — and no officer case was opened).
struct DuplicateLink {
  std::string nik, other_nik;
  int64_t case_id = 0;
  std::string source, decided_by, decided_at;
};

class DedupStore {
 public:
  virtual ~DedupStore() = default;
  // Replaces the keys a resident holds.
  virtual void put_dedup_keys(std::string_view nik, std::span<const uint64_t> keys) = 0;
  // Residents holding any of the keys, `nik` left out, at most `per_key` holders per key.
  virtual std::vector<std::string> dedup_key_holders(std::span<const uint64_t> keys, std::string_view nik, int64_t per_key) = 0;
  virtual int64_t dedup_key_count(uint64_t key) = 0;
  // Small named values: "watermark" (the change_seq indexed up to), "model" (JSON).
  virtual std::string dedup_state(std::string_view name) = 0;  // "" when unset
  virtual void put_dedup_state(std::string_view name, std::string_view value) = 0;
  // Sets the value only if it still is `expected` ("" = unset): two workers catching up at once
  // cannot move the watermark backwards. False when another worker changed it first.
  virtual bool swap_dedup_state(std::string_view name, std::string_view expected, std::string_view value) = 0;
  // Up to `limit` residents with change_seq > seq, in change_seq order: the index catches up page
  // by page behind the watermark.
  virtual std::vector<ChangedResident> residents_changed_after(int64_t seq, int64_t limit) = 0;
  // Written with the record's move to DUPLICATE_RECORD (one per NIK: the latest decision wins).
  virtual void put_duplicate_link(const DuplicateLink& link) = 0;
  virtual std::optional<DuplicateLink> duplicate_link(std::string_view nik) = 0;
  // Every case about the two NIKs, in either order.
  virtual std::vector<AdjudicationCase> adjudications_between(std::string_view a, std::string_view b) = 0;
  // Cases from `source` where either person's village code starts with `prefix` ("" = all),
  // `status` "" = any.
  virtual std::vector<AdjudicationCase> adjudications_in_region(std::string_view source, std::string_view prefix,
                                                                std::string_view status, int64_t limit) = 0;
};

}  // namespace ktpel
