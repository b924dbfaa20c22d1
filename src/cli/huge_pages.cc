#include "cli/huge_pages.h"

#include <unistd.h>

#include <cstdlib>
#include <string>
#include <string_view>

namespace ktpel::cli {
namespace {

constexpr std::string_view kTunable = "glibc.malloc.hugetlb=1";

// The subcommand: the first argument that is not an option (or --data-dir's value).
std::string_view subcommand(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--data-dir") {
      ++i;
      continue;
    }
    if (!a.empty() && a.front() != '-') return a;
  }
  return {};
}

}  // namespace

void prefer_huge_pages(int argc, char** argv) {
  if (subcommand(argc, argv) != "dedup") return;
  if (const char* off = std::getenv("KTPEL_HUGE_PAGES"); off && std::string_view(off) == "0") return;
  const char* current = std::getenv("GLIBC_TUNABLES");
  const std::string before = current ? current : "";
  if (before.find("glibc.malloc.hugetlb") != std::string::npos) return;  // set (by us or the caller)
  const std::string tunables = before.empty() ? std::string(kTunable) : before + ":" + std::string(kTunable);
  if (setenv("GLIBC_TUNABLES", tunables.c_str(), 1) != 0) return;
  execv("/proc/self/exe", argv);
  // exec failed: carry on as we are (the variable stays set, so a child would not loop).
}

}  // namespace ktpel::cli
