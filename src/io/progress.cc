#include "io/progress.h"

#include <unistd.h>

#include <cstdio>

namespace ktpel {

ProgressBar::ProgressBar(std::string label)
    : label_(std::move(label)), enabled_(isatty(STDERR_FILENO) != 0), start_(std::chrono::steady_clock::now()),
      last_(start_ - std::chrono::seconds(1)) {}  // the first update is drawn at once

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(uint64_t done, uint64_t total) {
  if (!enabled_ || finished_ || total == 0) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(100) && done < total) return;
  last_ = now;
  const double frac = static_cast<double>(done) / static_cast<double>(total);
  const int width = 30, filled = static_cast<int>(frac * width);
  const double secs = std::chrono::duration<double>(now - start_).count();
  const double eta = frac > 0 ? secs / frac - secs : 0;
  char left[32] = "";  // no estimate before any progress
  if (done > 0) std::snprintf(left, sizeof left, " %.0fs left", eta);
  std::fprintf(stderr, "\r%s [%.*s%*s] %5.1f%% %s ", label_.c_str(), filled, "##############################",
               width - filled, "", frac * 100, left);
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (enabled_ && !finished_) std::fprintf(stderr, "\n");
  finished_ = true;
}

}  // namespace ktpel
