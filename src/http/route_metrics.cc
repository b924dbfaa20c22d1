#include "http/route_metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace ktpel::http {

namespace {

// A label value as the exposition format wants it (\\, \" and \n escaped).
std::string label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

int RouteMetrics::add_route(const std::string& method, const std::string& route) {
  for (size_t i = 0; i < slots_.size(); ++i)
    if (slots_[i].method == method && slots_[i].route == route) return static_cast<int>(i);
  slots_.emplace_back(method, route);
  return static_cast<int>(slots_.size() - 1);
}

void RouteMetrics::record(int slot, int status, double seconds) {
  if (slot < 0 || static_cast<size_t>(slot) >= slots_.size()) throw std::out_of_range("no metrics slot " + std::to_string(slot));
  Slot& s = slots_[static_cast<size_t>(slot)];
  const size_t bucket = static_cast<size_t>(std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) - kBuckets.begin());
  s.in_bucket[bucket].fetch_add(1, std::memory_order_relaxed);
  s.nanos.fetch_add(static_cast<uint64_t>(std::llround(std::max(seconds, 0.0) * 1e9)), std::memory_order_relaxed);
  std::lock_guard lock(mutex_);
  requests_[{s.route, status}]++;
}

std::string RouteMetrics::prometheus() const {
  std::string out =
      "# HELP ktpel_http_requests_total HTTP requests by route and status.\n"
      "# TYPE ktpel_http_requests_total counter\n";
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, n] : requests_)
      out += "ktpel_http_requests_total{route=\"" + label(key.first) + "\",status=\"" + std::to_string(key.second) + "\"} " +
             std::to_string(n) + "\n";
  }
  std::string histogram =
      "# HELP ktpel_http_request_duration_seconds Time from a request's headers to its last byte sent, by route and method.\n"
      "# TYPE ktpel_http_request_duration_seconds histogram\n";
  std::map<std::string, uint64_t> nanos_by_route;  // the older per-route total, summed over methods
  for (const Slot& s : slots_) {
    // One snapshot per series; the count is the sum of its buckets, so _count and le="+Inf" agree.
    std::array<uint64_t, kBuckets.size() + 1> n{};
    uint64_t count = 0;
    for (size_t i = 0; i < n.size(); ++i) count += n[i] = s.in_bucket[i].load(std::memory_order_relaxed);
    if (count == 0) continue;
    const uint64_t nanos = s.nanos.load(std::memory_order_relaxed);
    nanos_by_route[s.route] += nanos;
    const std::string labels = "route=\"" + label(s.route) + "\",method=\"" + label(s.method) + "\"";
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += n[i];
      histogram += "ktpel_http_request_duration_seconds_bucket{" + labels + ",le=\"" + number(kBuckets[i]) + "\"} " +
                   std::to_string(cumulative) + "\n";
    }
    histogram += "ktpel_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " + std::to_string(count) + "\n";
    histogram += "ktpel_http_request_duration_seconds_sum{" + labels + "} " + number(static_cast<double>(nanos) / 1e9) + "\n";
    histogram += "ktpel_http_request_duration_seconds_count{" + labels + "} " + std::to_string(count) + "\n";
  }
  out +=
      "# HELP ktpel_http_request_seconds_total Time spent answering, by route.\n"
      "# TYPE ktpel_http_request_seconds_total counter\n";
  for (const auto& [route, nanos] : nanos_by_route)
    out += "ktpel_http_request_seconds_total{route=\"" + label(route) + "\"} " + number(static_cast<double>(nanos) / 1e9) + "\n";
  return out + histogram;
}

}  // namespace ktpel::http
