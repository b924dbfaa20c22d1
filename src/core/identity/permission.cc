#include "core/identity/permission.h"

#include <array>
#include <utility>

namespace ktpel {
namespace {

using P = Permission;
constexpr std::pair<P, std::string_view> kNames[] = {
    {P::Public, "public"},
    {P::Station, "station"},
    {P::Authenticated, "authenticated"},
    {P::AggregateRead, "aggregate_read"},
    {P::PersonRead, "person_read"},
    {P::PersonWrite, "person_write"},
    {P::CorrectionPropose, "correction_propose"},
    {P::CorrectionApprove, "correction_approve"},
    {P::EktpEvent, "ektp_event"},
    {P::SuketIssue, "suket_issue"},
    {P::PrintDesk, "print_desk"},
    {P::PrinterManage, "printer_manage"},
    {P::StockManage, "stock_manage"},
    {P::CapacityPlan, "capacity_plan"},
    {P::EquipmentFault, "equipment_fault"},
    {P::EquipmentManage, "equipment_manage"},
    {P::Adjudicate, "adjudicate"},
    {P::DedupRun, "dedup_run"},
    {P::AbisSearch, "abis_search"},
    {P::AbisEnrol, "abis_enrol"},
    {P::DuplicateDeletionRequest, "duplicate_deletion_request"},
    {P::DuplicateDeletionExecute, "duplicate_deletion_execute"},
    {P::StationManage, "station_manage"},
    {P::OperatorEnrol, "operator_enrol"},
    {P::UserManage, "user_manage"},
    {P::AuditRead, "audit_read"},
};

// The matrix (issue [8]). Reading: operator = kecamatan desk; supervisor = regency office, all of
// operator plus approvals, adjudication, printers, stock, deletion requests, enrolling operators;
// province = monitoring, stock transfers, plan, equipment; centre = stations, executing deletions, users;
// auditor = every read plus the audit log; viewer = aggregates only.
bool matrix(Role r, P p) {
  switch (p) {
    case P::Public:
    case P::Authenticated:
    case P::AggregateRead: return true;
    case P::Station: return false;  // stations are not users
    case P::PersonRead: return r != Role::Viewer;
    case P::PersonWrite:
    case P::CorrectionPropose:
    case P::EktpEvent:
    case P::SuketIssue:
    case P::PrintDesk:
    case P::EquipmentFault: return r == Role::Operator || r == Role::Supervisor;
    // The regency keeps the inventory; the province hub and the centre's technicians close repairs.
    case P::EquipmentManage: return r == Role::Supervisor || r == Role::Province || r == Role::Centre;
    case P::CorrectionApprove:
    case P::Adjudicate:
    case P::PrinterManage:
    case P::DuplicateDeletionRequest:
    case P::OperatorEnrol: return r == Role::Supervisor;
    case P::StockManage: return r == Role::Supervisor || r == Role::Province;
    case P::CapacityPlan: return r == Role::Supervisor || r == Role::Province || r == Role::Centre || r == Role::Auditor;
    case P::DedupRun:
    case P::AbisSearch: return r == Role::Supervisor || r == Role::Centre;
    case P::AbisEnrol:
    case P::DuplicateDeletionExecute:
    case P::StationManage:
    case P::UserManage: return r == Role::Centre;
    case P::AuditRead: return r == Role::Auditor;
  }
  return false;
}

}  // namespace

std::string_view to_string(Permission p) {
  for (const auto& [perm, name] : kNames)
    if (perm == p) return name;
  return "unknown";
}

std::optional<Permission> parse_permission(std::string_view text) {
  for (const auto& [perm, name] : kNames)
    if (name == text) return perm;
  return std::nullopt;
}

bool role_may(Role r, Permission p) { return matrix(r, p); }

std::vector<Role> roles_with(Permission p) {
  std::vector<Role> out;
  for (Role r : kAllRoles)
    if (matrix(r, p)) out.push_back(r);
  return out;
}

bool reads_person_data(Permission p) { return p == P::PersonRead || p == P::AuditRead; }

}  // namespace ktpel
