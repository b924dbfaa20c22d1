#include "core/dedup/index_keys.h"

namespace ktpel {
namespace {

uint64_t salted(uint64_t key, uint64_t salt) {
  uint64_t h = key ^ (salt * 0x9e3779b97f4a7c15ull);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h ? h : 1;
}

}  // namespace

std::vector<uint64_t> blocking_index_keys(const PreparedRecord& r) {
  std::vector<uint64_t> out;
  const auto& rules = default_blocking_rules();
  for (size_t i = 0; i < rules.size(); ++i)
    if (const uint64_t k = rules[i].key(r)) out.push_back(salted(k, 100 + i));
  return out;
}

uint64_t term_index_key(const PreparedRecord& r, DedupField f) {
  const uint64_t h = term_hash(r, f);
  return h ? salted(h, 200 + f) : 0;
}

std::vector<uint64_t> all_index_keys(const PreparedRecord& r) {
  std::vector<uint64_t> out = blocking_index_keys(r);
  for (DedupField f : kTermFrequencyFields)
    if (const uint64_t k = term_index_key(r, f)) out.push_back(k);
  return out;
}

}  // namespace ktpel
