// Roles and their wilayah scope. A user holds one role scoped to one wilayah code and everything
// under it ("" = the whole country, written "pusat"). Scope is a prefix at a dot boundary:
// 65.02 covers 65.02.01.2001 but not 65.021 (no such code exists, but the rule must not care).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace ktpel {

enum class Role { Operator, Supervisor, Province, Centre, Auditor, Viewer };

std::string_view to_string(Role r);
std::optional<Role> parse_role(std::string_view text);
inline constexpr Role kAllRoles[] = {Role::Operator, Role::Supervisor, Role::Province,
                                     Role::Centre,   Role::Auditor,    Role::Viewer};

// The level of wilayah each role is meant to be scoped to: operator a kecamatan (8 chars),
// supervisor a regency (5), province a province (2), centre the whole country (""). Auditors and
// viewers may hold any level.
bool scope_fits_role(Role r, std::string_view scope);
// "pusat" / "" → ""; otherwise the code as given.
std::string normalise_scope(std::string_view text);

// True when `code` (a region, or a NIK's region) lies at or under `scope`.
bool in_scope(std::string_view scope, std::string_view code);
// True when `code` is a strict ancestor of `scope` (the province above a regency user):
// aggregates there are visible as a summary.
bool above_scope(std::string_view scope, std::string_view code);
// The wilayah a NIK was issued in ("65.02.01" from 650201...), for records without a resident row.
std::string region_of_nik(std::string_view nik);

}  // namespace ktpel
