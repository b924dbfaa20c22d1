// The audit entry of the action under way on this thread (an HTTP request, a CLI command).
// While a scope is open, the first write transaction that commits on any Store writes the entry
// inside itself (Store::commit), so the entry and the change land together or not at all.
#pragma once
#include <string>
#include <utility>

#include "core/identity/audit_entry.h"

namespace ktpel {

class AuditScope {
 public:
  explicit AuditScope(AuditIntent intent) : intent_(std::move(intent)), outer_(current_) { current_ = this; }
  ~AuditScope() { current_ = outer_; }
  AuditScope(const AuditScope&) = delete;
  AuditScope& operator=(const AuditScope&) = delete;

  static AuditScope* current() { return current_; }
  AuditIntent& intent() { return intent_; }
  bool written() const { return seq_ != 0; }
  int64_t seq() const { return seq_; }
  void mark_written(int64_t seq) { seq_ = seq; }
  // Handlers name what they acted on once they know it (the NIK issued, the job started).
  static void note_target(std::string target) {
    if (current_ && !current_->written()) current_->intent_.target = std::move(target);
  }
  static void note_detail(std::string detail) {
    if (current_ && !current_->written()) current_->intent_.detail = std::move(detail);
  }

 private:
  AuditIntent intent_;
  AuditScope* outer_;
  int64_t seq_ = 0;
  static inline thread_local AuditScope* current_ = nullptr;
};

}  // namespace ktpel
