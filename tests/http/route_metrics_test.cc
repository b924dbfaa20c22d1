// Per-route latency histograms: fixed buckets, cumulative, count and +Inf agreeing.
#include "http/route_metrics.h"

#include <gtest/gtest.h>

namespace ktpel::http {
namespace {

TEST(RouteMetrics, HistogramsByRouteAndMethod) {
  RouteMetrics m;
  const int get = m.add_route("GET", "/api/v1/residents/{nik}");
  const int patch = m.add_route("PATCH", "/api/v1/residents/{nik}");
  EXPECT_EQ(m.add_route("GET", "/api/v1/residents/{nik}"), get);
  m.add_route("GET", "/healthz");  // never requested: no series
  m.record(get, 200, 0.0004);
  m.record(get, 200, 0.001);  // a bound belongs to its own bucket (le = less or equal)
  m.record(get, 404, 0.3);
  m.record(get, 200, 60);
  m.record(patch, 422, 0.002);
  const std::string text = m.prometheus();
  const std::string s = "ktpel_http_request_duration_seconds_bucket{route=\"/api/v1/residents/{nik}\",method=\"GET\",le=";
  EXPECT_NE(text.find(s + "\"0.001\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find(s + "\"0.0025\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find(s + "\"0.25\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find(s + "\"0.5\"} 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find(s + "\"10\"} 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find(s + "\"+Inf\"} 4\n"), std::string::npos) << text;
  EXPECT_NE(text.find("ktpel_http_request_duration_seconds_count{route=\"/api/v1/residents/{nik}\",method=\"GET\"} 4\n"),
            std::string::npos);
  EXPECT_NE(text.find("ktpel_http_request_duration_seconds_sum{route=\"/api/v1/residents/{nik}\",method=\"GET\"} 60.3014\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("ktpel_http_request_duration_seconds_count{route=\"/api/v1/residents/{nik}\",method=\"PATCH\"} 1\n"),
            std::string::npos);
  // The older families, by route over every method.
  EXPECT_NE(text.find("ktpel_http_requests_total{route=\"/api/v1/residents/{nik}\",status=\"200\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("ktpel_http_requests_total{route=\"/api/v1/residents/{nik}\",status=\"422\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("ktpel_http_request_seconds_total{route=\"/api/v1/residents/{nik}\"} 60.3034\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("/healthz"), std::string::npos);
}

}  // namespace
}  // namespace ktpel::http
