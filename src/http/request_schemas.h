// The request body of every JSON write route, described once (http/body_schema.h): the OpenAPI
// document shows it, and for `enforced` schemas ApiServer checks each body against it before the
// handler runs, answering every problem at once (422 {error, errors}).
#pragma once
#include <string_view>

#include "http/body_schema.h"

namespace ktpel::http {

// The schema of route (method, OpenAPI path), or nullptr for a route without a JSON body schema
// here (a body of another media type, or one documented by hand in openapi.cc).
const BodySchema* request_schema(std::string_view method, std::string_view path);

}  // namespace ktpel::http
