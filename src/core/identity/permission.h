// The permission matrix: what each role may do. The one place that says so; routes and CLI
// commands declare the permission they need and ask here (tests enumerate it).
#pragma once
#include <optional>
#include <string_view>
#include <vector>

#include "core/identity/role.h"

namespace ktpel {

enum class Permission {
  Public,                    // no login (health, suket verification, "where is my KTP?")
  Station,                   // a recording station, proven by its one-time code or Ed25519 key
  Authenticated,             // any logged-in user: reference data, own session
  AggregateRead,             // dashboard aggregates: coverage, statistics, printers, stock
  PersonRead,                // a person's data: search, record, history, lists of NIKs
  PersonWrite,               // register births, record events, issue NIKs
  CorrectionPropose,         // propose a name / birth date / sex correction
  CorrectionApprove,         // approve or reject one (never one's own)
  EktpEvent,                 // e-KTP desk events: print, deliver, reprint requests
  SuketIssue,                // issue a suket
  PrintDesk,                 // print jobs and hand-over at the office
  PrinterManage,             // printers and their status
  StockManage,               // blank cards and ribbons: receipts, transfers, counts
  CapacityPlan,              // the capacity and procurement plan; technician tours, outreach
  EquipmentFault,            // report a fault of the office's equipment (opens a repair ticket)
  EquipmentManage,           // the equipment inventory: import, register, status, close repairs
  Adjudicate,                // decide possible duplicates
  DedupRun,                  // start and cancel demographic dedup jobs
  AbisSearch,                // 1:N fingerprint identification
  AbisEnrol,                 // insert into the fingerprint gallery
  DuplicateDeletionRequest,  // ask the centre to delete a NIK ganda
  DuplicateDeletionExecute,  // delete one (centre only)
  StationManage,             // register and revoke stations, station codes
  OperatorEnrol,             // create operator accounts in one's scope
  UserManage,                // any account anywhere
  AuditRead,                 // the audit log
};

std::string_view to_string(Permission p);
std::optional<Permission> parse_permission(std::string_view text);
bool role_may(Role r, Permission p);
// The roles that hold `p` (for the OpenAPI document).
std::vector<Role> roles_with(Permission p);
// Whether a route with this permission reads a person's data (and so leaves an audit entry).
bool reads_person_data(Permission p);

}  // namespace ktpel
