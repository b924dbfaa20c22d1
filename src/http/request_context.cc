#include "http/request_context.h"

#include <random>

#include "io/files.h"

namespace ktpel::http {

namespace {
thread_local RequestContext t_request;
}  // namespace

RequestContext& current_request() { return t_request; }

RequestContext& begin_request() {
  t_request = RequestContext{};
  t_request.active = true;
  t_request.start = std::chrono::steady_clock::now();
  t_request.time = utc_now_iso_ms();
  t_request.id = new_request_id();
  return t_request;
}

std::string new_request_id() {
  // Not a secret, only unique: a per-thread generator seeded once from the OS.
  thread_local std::mt19937_64 gen{[] {
    std::random_device rd;
    return (static_cast<uint64_t>(rd()) << 32) ^ rd();
  }()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(32, '0');
  for (int half = 0; half < 2; ++half) {
    uint64_t v = gen();
    for (int i = 0; i < 16; ++i, v >>= 4) id[half * 16 + i] = kHex[v & 15];
  }
  return id;
}

}  // namespace ktpel::http
