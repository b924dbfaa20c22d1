// The texts of one dedup record (NIK, KK, the name's keys, the parents' keys, the place) packed in
// one allocation with 16-bit ends: a million records hold twelve million short texts, and a block
// each instead of a std::string per text (32 bytes, plus a heap block past 15 characters) halves
// the engine's memory, and fresh memory is what a large run waits on.
#pragma once
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

#include "core/text/utf8_prefix.h"

namespace ktpel {

// A record's texts, in their order in the block.
enum RecordText : uint8_t {
  kNikText, kKkText, kVillageText, kNameKeyText, kNameSortedText, kNamePhoneticText, kNameCompactText,
  kMotherKeyText, kMotherPhoneticText, kFatherKeyText, kFatherPhoneticText, kPlaceText, kRecordTextCount
};

class RecordTexts {
 public:
  // Each text is cut at kMax bytes (on a character boundary; no name or number comes near it), so
  // that all of them fit 16-bit ends.
  static constexpr size_t kMax = 4096;
  static_assert(kMax * kRecordTextCount <= UINT16_MAX);

  RecordTexts() = default;
  explicit RecordTexts(const std::array<std::string_view, kRecordTextCount>& texts) {
    std::array<std::string_view, kRecordTextCount> cut;
    size_t total = 0;
    for (size_t i = 0; i < kRecordTextCount; ++i) total += (cut[i] = utf8_prefix(texts[i], kMax)).size();
    if (total) data_.reset(new char[total]);
    size_t at = 0;
    for (size_t i = 0; i < kRecordTextCount; ++i) {
      if (!cut[i].empty()) std::memcpy(data_.get() + at, cut[i].data(), cut[i].size());
      end_[i] = static_cast<uint16_t>(at += cut[i].size());
    }
  }
  RecordTexts(const RecordTexts& o) : end_(o.end_) {
    if (o.data_) {
      data_.reset(new char[end_.back()]);
      std::memcpy(data_.get(), o.data_.get(), end_.back());
    }
  }
  RecordTexts& operator=(const RecordTexts& o) {
    if (this != &o) *this = RecordTexts(o);
    return *this;
  }
  // A moved-from block reads as twelve empty texts (as moved-from strings did).
  RecordTexts(RecordTexts&& o) noexcept : data_(std::move(o.data_)), end_(o.end_) { o.end_ = {}; }
  RecordTexts& operator=(RecordTexts&& o) noexcept {
    if (this != &o) {
      data_ = std::move(o.data_);
      end_ = o.end_;
      o.end_ = {};
    }
    return *this;
  }

  std::string_view operator[](RecordText t) const {
    const size_t begin = t == 0 ? 0 : end_[t - 1];
    return {data_.get() + begin, end_[t] - begin};
  }

 private:
  std::unique_ptr<char[]> data_;
  std::array<uint16_t, kRecordTextCount> end_{};
};

}  // namespace ktpel
