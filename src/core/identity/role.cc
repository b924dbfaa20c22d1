#include "core/identity/role.h"

namespace ktpel {

std::string_view to_string(Role r) {
  switch (r) {
    case Role::Operator: return "operator";
    case Role::Supervisor: return "supervisor";
    case Role::Province: return "province";
    case Role::Centre: return "centre";
    case Role::Auditor: return "auditor";
    case Role::Viewer: return "viewer";
  }
  return "viewer";
}

std::optional<Role> parse_role(std::string_view text) {
  for (Role r : kAllRoles)
    if (to_string(r) == text) return r;
  return std::nullopt;
}

std::string normalise_scope(std::string_view text) {
  if (text == "pusat" || text == "PUSAT" || text == "ID") return "";
  return std::string(text);
}

bool scope_fits_role(Role r, std::string_view scope) {
  switch (r) {
    case Role::Operator: return scope.size() == 8;
    case Role::Supervisor: return scope.size() == 5;
    case Role::Province: return scope.size() == 2;
    case Role::Centre: return scope.empty();
    case Role::Auditor:
    case Role::Viewer: return scope.empty() || scope.size() == 2 || scope.size() == 5 || scope.size() == 8;
  }
  return false;
}

bool in_scope(std::string_view scope, std::string_view code) {
  if (scope.empty()) return true;
  if (code.size() < scope.size() || code.substr(0, scope.size()) != scope) return false;
  return code.size() == scope.size() || code[scope.size()] == '.';
}

bool above_scope(std::string_view scope, std::string_view code) {
  return code.size() < scope.size() && in_scope(code, scope);
}

std::string region_of_nik(std::string_view nik) {
  if (nik.size() < 6) return "";
  return std::string(nik.substr(0, 2)) + "." + std::string(nik.substr(2, 2)) + "." + std::string(nik.substr(4, 2));
}

}  // namespace ktpel
