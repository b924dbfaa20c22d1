// Prometheus metrics of the HTTP routes: requests by route and status, time spent by route, and a
// latency histogram by route and method (ktpel_http_request_duration_seconds, fixed buckets).
// Routes are registered while the server is set up, so a request only adds to its own route's
// atomics; the status counters (statuses are not known in advance) take a short lock.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace ktpel::http {

class RouteMetrics {
 public:
  // Upper bounds in seconds (Prometheus' `le`), from a cached lookup to a slow report.
  static constexpr std::array<double, 13> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                   0.25,  0.5,    1,     2.5,  5,     10};

  // The slot of a route (the same one for the same method and route). Only while no request is
  // being recorded: slots are never added while serving.
  int add_route(const std::string& method, const std::string& route);
  // One answered request of the route in `slot`, with the status it was sent with.
  void record(int slot, int status, double seconds);
  // The text exposition of the three families (series that have seen a request only).
  std::string prometheus() const;

 private:
  struct Slot {
    Slot(std::string m, std::string r) : method(std::move(m)), route(std::move(r)) {}
    const std::string method, route;
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> in_bucket{};  // not cumulative; last = above 10 s
    std::atomic<uint64_t> nanos{0};
  };
  std::deque<Slot> slots_;  // a deque: a slot holds atomics, which never move
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;  // (route, status) -> requests
};

}  // namespace ktpel::http
