// What a route needs before its handler runs: a permission from the matrix
// (core/identity/permission.h) and, where the route acts on a person or a region, how to find
// the wilayah that must lie in the caller's scope. ApiServer::add checks both, so no handler can
// forget; handlers read the caller with current_caller().
#pragma once
#include <httplib.h>

#include <string>

#include "core/identity/caller.h"

namespace ktpel {

enum class ScopeBy {
  None,       // no person or region in the request (or the handler checks its body itself)
  NikInPath,  // the path's first group is a NIK: the resident's region (404 outside the scope)
  Query,      // a query parameter names a region: outside the scope 404; absent = the caller's scope
};

struct Access {
  Permission permission;
  ScopeBy by = ScopeBy::None;
  const char* param = "";  // ScopeBy::Query: the parameter's name
  bool rate_limited = false;  // public routes a stranger could hammer (login, lookups)
};

namespace http {

// The caller of the request this thread is answering (a default viewer on public routes).
const Caller& current_caller();
void set_current_caller(const Caller* c);
// Handlers that take a region or NIK from the body: false (after a 403 / 404 reply) when the
// caller's scope does not cover it.
bool region_in_scope(httplib::Response& res, const std::string& code, const std::string& field);
bool nik_in_scope(httplib::Response& res, const std::string& region_of_record, const std::string& nik);

}  // namespace http
}  // namespace ktpel
