#include "http/user_limits.h"

#include "io/env_setting.h"

#include <algorithm>
#include <cmath>

namespace ktpel::http {

UserLimits::Settings UserLimits::Settings::from_env() {
  Settings s;
  s.in_flight = static_cast<int>(env_setting("KTPEL_USER_IN_FLIGHT", s.in_flight, 1, 10000));
  s.person_reads_per_minute = env_setting("KTPEL_PERSON_READS_PER_MINUTE", s.person_reads_per_minute, 1, 1'000'000'000);
  return s;
}

UserLimits::User& UserLimits::refill(const std::string& user, Clock::time_point now) {
  if (users_.size() > 100000) users_.clear();  // bounded: forget, never grow without end
  User& u = users_[user];
  const double cap = static_cast<double>(settings_.person_reads_per_minute);
  if (u.fresh) {
    u.budget = cap;
    u.fresh = false;
  } else {
    const double secs = std::chrono::duration<double>(now - u.at).count();
    u.budget = std::min(cap, u.budget + secs * cap / 60.0);
  }
  u.at = now;
  return u;
}

bool UserLimits::enter(const std::string& user) {
  std::lock_guard lock(mutex_);
  User& u = refill(user, Clock::now());
  if (u.running >= settings_.in_flight) return false;
  ++u.running;
  return true;
}

void UserLimits::leave(const std::string& user) {
  std::lock_guard lock(mutex_);
  if (auto it = users_.find(user); it != users_.end() && it->second.running > 0) --it->second.running;
}

int UserLimits::person_read_wait(const std::string& user) {
  std::lock_guard lock(mutex_);
  const User& u = refill(user, Clock::now());
  if (u.budget >= 1.0) return 0;
  const double per_second = static_cast<double>(settings_.person_reads_per_minute) / 60.0;
  return static_cast<int>(std::ceil((1.0 - u.budget) / per_second));
}

void UserLimits::charge_person_reads(const std::string& user, int64_t records) {
  std::lock_guard lock(mutex_);
  refill(user, Clock::now()).budget -= static_cast<double>(records);
}

}  // namespace ktpel::http
