// The store's non-virtual writes: each keeps the coverage counters in step with the records, in
// the caller's transaction (or one of its own). Deltas gather in memory and are written once at
// commit, so an import of a million rows touches each region's row once, not a million times.
#include "store/store.h"

#include "store/audit_scope.h"

namespace ktpel {
namespace {

CoverageFacts facts_of(const Resident& r) {
  CoverageFacts f;
  f.village_code = r.village_code;
  f.birth_date = r.birth_date;
  f.sex = r.sex;
  f.ever_married = r.marital_status != "BELUM KAWIN";
  f.alive = r.alive;
  return f;
}

}  // namespace

template <class F>
auto Store::in_transaction(F&& f) {
  if (in_tx_) return f();
  StoreTransaction tx(*this);
  auto result = f();
  tx.commit();
  return result;
}

// Transactions nest: an inner one (a use case called by another, such as the correction an
// approval applies) joins the outer; its rollback dooms the outer, which then cannot commit.
void Store::begin() {
  if (depth_ > 0) {
    ++depth_;
    return;
  }
  doomed_ = false;
  do_begin();  // may throw (busy): then no transaction is open and the depth stays 0
  try {
    pending_.clear();
    coverage_day_ = coverage_day_for_writes();
  } catch (...) {
    do_rollback();
    throw;
  }
  depth_ = 1;
  in_tx_ = true;
}

void Store::commit() {
  if (depth_ > 1) {
    --depth_;
    return;
  }
  if (doomed_) throw StoreError("a nested transaction was rolled back: the outer one cannot commit");
  if (!pending_.empty()) {
    add_coverage(pending_);
    pending_.clear();
  }
  // The action's audit entry rides in its first transaction (store/audit_scope.h).
  AuditScope* audit = AuditScope::current();
  int64_t audit_seq = 0;
  if (audit && !audit->written()) {
    const AuditEntry e = append_audit(audit->intent());
    audit_seq = e.seq;
    // Every thousandth entry is signed with the centre's key where this database holds it.
    if (e.seq % kAuditCheckpointEvery == 0)
      if (auto keys = centre_keys()) insert_audit_checkpoint(sign_checkpoint(e.seq, e.hash, keys->sign_secret, keys->sign_public), e.at);
  }
  do_commit();
  in_tx_ = false;
  depth_ = 0;
  if (audit_seq) audit->mark_written(audit_seq);
}

bool Store::delete_resident(std::string_view nik) {
  return in_transaction([&] {
    std::optional<CoverageFacts> before;
    if (coverage_day_) before = coverage_facts(nik);
    const bool deleted = do_delete_resident(nik);
    if (deleted && before) count(*before, -1);
    return deleted;
  });
}

void Store::rollback() {
  if (depth_ > 1) {
    --depth_;
    doomed_ = true;
    return;
  }
  depth_ = 0;
  pending_.clear();
  in_tx_ = false;
  do_rollback();
}

void Store::count(const CoverageFacts& facts, int64_t sign) {
  if (!coverage_day_ || facts.village_code.size() < 13) return;
  const CoverageCounters c = coverage_contribution(facts, *coverage_day_);
  for (size_t len : {size_t{2}, size_t{5}, size_t{8}, size_t{13}}) add_into(pending_[facts.village_code.substr(0, len)], c, sign);
}

std::vector<bool> Store::insert_residents(std::span<const Resident> rs) {
  return in_transaction([&] {
    auto inserted = do_insert_residents(rs);
    if (coverage_day_)
      for (size_t i = 0; i < rs.size(); ++i)
        if (inserted[i]) count(facts_of(rs[i]), +1);
    return inserted;
  });
}

void Store::update_resident(const Resident& r) {
  in_transaction([&] {
    std::optional<CoverageFacts> before;
    if (coverage_day_) before = coverage_facts(r.nik);
    do_update_resident(r);
    auto record = ektp_record(r.nik);
    if (record && (record->status == EktpStatus::PRR || record->status == EktpStatus::SUKET)) do_sync_print_queue(r.nik, true);
    if (before) {
      CoverageFacts after = facts_of(r);
      after.has_akta = before->has_akta;
      after.status = before->status;
      after.status_since = before->status_since;
      after.ikd_activated = before->ikd_activated;
      count(*before, -1);
      count(after, +1);
    }
    return 0;
  });
}

template <class Write>
bool Store::write_ektp_record(std::string_view nik, EktpStatus status, std::string_view since, bool ikd, Write&& write) {
  return in_transaction([&] {
    std::optional<CoverageFacts> before;
    if (coverage_day_) before = coverage_facts(nik);
    if (!write()) return false;
    do_sync_print_queue(nik, status == EktpStatus::PRR || status == EktpStatus::SUKET);
    if (before) {
      CoverageFacts after = *before;
      after.status = status;
      after.status_since = Date::parse_iso(since.substr(0, 10)).value_or(after.status_since);
      after.ikd_activated = ikd;
      count(*before, -1);
      count(after, +1);
    }
    return true;
  });
}

void Store::put_ektp_record(std::string_view nik, EktpStatus status, std::string_view since, bool ikd) {
  write_ektp_record(nik, status, since, ikd, [&] {
    do_put_ektp_record(nik, status, since, ikd);
    return true;
  });
}

bool Store::move_ektp_record(std::string_view nik, std::optional<EktpStatus> expected, EktpStatus status,
                             std::string_view since, bool ikd) {
  return write_ektp_record(nik, status, since, ikd, [&] { return do_move_ektp_record(nik, expected, status, since, ikd, false); });
}

void Store::move_ektp_record_at_commit(std::string_view nik, std::optional<EktpStatus> expected, EktpStatus status,
                                       std::string_view since, bool ikd) {
  if (!in_tx_) throw std::logic_error("move_ektp_record_at_commit outside a transaction");
  write_ektp_record(nik, status, since, ikd, [&] { return do_move_ektp_record(nik, expected, status, since, ikd, true); });
}

void Store::put_birth_certificate(std::string_view nik, std::string_view number, Date issued_on) {
  in_transaction([&] {
    std::optional<CoverageFacts> before;
    if (coverage_day_) before = coverage_facts(nik);
    do_put_birth_certificate(nik, number, issued_on);
    if (before) {
      CoverageFacts after = *before;
      after.has_akta = true;
      count(*before, -1);
      count(after, +1);
    }
    return 0;
  });
}

}  // namespace ktpel
