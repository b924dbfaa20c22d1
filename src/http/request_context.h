// What the access log and the latency metrics need to know about the request being answered.
// Each part is stashed by whoever learns it: the request's start and id when httplib begins it,
// the route template and the caller in ApiServer::add's wrapper; httplib's logger, which sees only
// the raw request, reads them at the end. httplib answers a request on one thread from its first
// byte to its last, so the stash is per thread; each request starts a fresh one.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>

namespace ktpel::http {

struct RequestContext {
  bool active = false;  // begun and not yet logged
  std::chrono::steady_clock::time_point start;
  std::string time;      // UTC start, "YYYY-MM-DDTHH:MM:SS.mmmZ"
  std::string id;        // also sent back as X-Request-Id
  std::string route;     // the OpenAPI template; empty while no route has matched
  std::string user = "-";
  int route_slot = -1;   // the route's RouteMetrics slot, -1 = none
  int64_t person_records = 1;  // person records the answer holds (a search sets its count)
};

// The request this thread is answering now.
RequestContext& current_request();
// Starts a request on this thread: a fresh id, the clock running, nothing else known yet.
RequestContext& begin_request();
// 128 random bits as 32 hex digits: unique enough to find one request among years of logs.
std::string new_request_id();

}  // namespace ktpel::http
