// Who is acting: an officer (logged in, or a named console user of the CLI), with the role and
// wilayah scope of their account. Checks combine the permission matrix and the scope.
#pragma once
#include <string>
#include <string_view>

#include "core/identity/permission.h"
#include "core/identity/role.h"

namespace ktpel {

struct Caller {
  std::string username;
  Role role = Role::Viewer;
  std::string scope;        // wilayah code; "" = pusat (everything)
  std::string csrf;         // the session's CSRF token (cookie sessions)
  std::string expires_at;   // the session's end
  bool via_cookie = false;  // the browser's session: writes need the CSRF header

  bool may(Permission p) const { return role_may(role, p); }
  bool covers(std::string_view code) const { return in_scope(scope, code); }
  // Aggregates: the scope itself, anything under it, or a summary of a region above it.
  bool sees_aggregate(std::string_view code) const { return covers(code) || above_scope(scope, code); }
  std::string scope_label() const { return scope.empty() ? "pusat" : scope; }
};

}  // namespace ktpel
