// Per-user limits on what one signed-in account can take from the server ([9]):
//   - requests in flight at once (KTPEL_USER_IN_FLIGHT, 16): two clients looping a slow search
//     under one account had dropped everyone's reads from ~6,000/s to ~10/s. Not fewer: a
//     dashboard page asks for several aggregates at once, and a client that times out while the
//     database restarts sends again while its first request still waits (e2e pg_restart saw 5);
//   - person records read per minute (KTPEL_PERSON_READS_PER_MINUTE, 2,000; a burst of that
//     many): walking the search pages had read a whole province at ~8,200 records/s. Each read
//     still leaves its audit entry ([8]); this bounds how fast they can come.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace ktpel::http {

class UserLimits {
 public:
  struct Settings {
    int in_flight = 16;
    int64_t person_reads_per_minute = 2000;
    static Settings from_env();
  };
  explicit UserLimits(Settings s = Settings::from_env()) : settings_(s) {}
  void set(Settings s) {
    std::lock_guard lock(mutex_);
    settings_ = s;
    users_.clear();
  }

  // One more request of `user` may start now (false: it has in_flight running already).
  bool enter(const std::string& user);
  void leave(const std::string& user);

  // Seconds until `user` may read person records again (0: now).
  int person_read_wait(const std::string& user);
  // Charges records read (after the answer: a search knows its count only then).
  void charge_person_reads(const std::string& user, int64_t records);

 private:
  using Clock = std::chrono::steady_clock;
  struct User {
    int running = 0;
    double budget = 0;  // person records; may go below zero after a large page
    Clock::time_point at;
    bool fresh = true;
  };
  User& refill(const std::string& user, Clock::time_point now);

  std::mutex mutex_;
  Settings settings_;
  std::map<std::string, User> users_;
};

// Holds one in-flight place of a user for a scope.
class InFlight {
 public:
  InFlight(UserLimits& limits, std::string user) : limits_(limits), user_(std::move(user)), held_(limits.enter(user_)) {}
  ~InFlight() {
    if (held_) limits_.leave(user_);
  }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;
  bool held() const { return held_; }

 private:
  UserLimits& limits_;
  std::string user_;
  bool held_;
};

}  // namespace ktpel::http
