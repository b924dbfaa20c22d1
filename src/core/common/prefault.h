// Asking the kernel for a large buffer's pages up front, from several threads at once. A page is
// zeroed (and, in a virtual machine, often handed over by the host) the first time it is written;
// a vector of a million records or a key table of a hundred megabytes would otherwise take all of
// that on one thread, at its first write. A hint only: where the kernel cannot (before Linux 5.14,
// or for memory that is not a private mapping) nothing happens and the first writes do it.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include <sys/mman.h>
#include <unistd.h>

#include "core/common/parallel_for.h"

namespace ktpel {

inline void prefault(const void* data, size_t bytes, unsigned threads) {
#ifdef MADV_POPULATE_WRITE
  static const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  constexpr size_t kPiece = size_t{8} << 20;  // 8 MB a call: the threads share the work evenly
  const auto start = reinterpret_cast<uintptr_t>(data);
  const uintptr_t first = (start + page - 1) / page * page, last = (start + bytes) / page * page;
  if (bytes < kPiece || last <= first) return;
  const size_t pieces = (last - first + kPiece - 1) / kPiece;
  parallel_for(pieces, threads, [&](size_t k) {
    const uintptr_t from = first + k * kPiece, to = std::min<uintptr_t>(last, from + kPiece);
    ::madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE);
  }, 1);
#else
  (void)data, (void)bytes, (void)threads;
#endif
}

// v.reserve(n), its pages asked for from `threads` threads, then v.resize(n).
template <class Vector>
void resize_prefaulted(Vector& v, size_t n, unsigned threads) {
  v.reserve(n);
  prefault(v.data(), v.capacity() * sizeof(*v.data()), threads);
  v.resize(n);
}

}  // namespace ktpel
