// Large batch commands (ktpel dedup over ten million records) touch gigabytes of fresh memory;
// with 4 KiB pages that is millions of page faults, which on a virtual machine cost more than the
// work itself. glibc maps its heap with transparent huge pages when the tunable
// glibc.malloc.hugetlb=1 is set, but reads tunables only at start-up: so such a command re-executes
// itself once with it set. KTPEL_HUGE_PAGES=0 turns this off.
#pragma once

namespace ktpel::cli {

// Returns only if no re-execution happened (already set, turned off, not a batch command, or the
// exec failed: then the command simply runs with normal pages).
void prefer_huge_pages(int argc, char** argv);

}  // namespace ktpel::cli
