// The tokens of a name as views into its key ("siti aminah" -> "siti", "aminah"): a record keeps
// the key only, and the comparators split it when they need the tokens, without allocating for
// names of up to 16 tokens (every real one).
#pragma once
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <string_view>
#include <vector>

namespace ktpel {

class TokenList {
 public:
  TokenList() = default;
  TokenList(std::initializer_list<std::string_view> tokens) {
    for (std::string_view t : tokens) push_back(t);
  }
  // Splits a key at its spaces (empty pieces skipped). The views point into `joined`.
  explicit TokenList(std::string_view joined) {
    size_t start = 0;
    while (start < joined.size()) {
      size_t end = joined.find(' ', start);
      if (end == std::string_view::npos) end = joined.size();
      if (end > start) push_back(joined.substr(start, end - start));
      start = end + 1;
    }
  }
  TokenList(const TokenList& o) { *this = o; }
  TokenList& operator=(const TokenList& o) {
    if (this == &o) return *this;
    size_ = 0;
    more_.clear();
    for (std::string_view t : o) push_back(t);
    return *this;
  }

  void push_back(std::string_view t) {
    if (size_ < kInline && more_.empty()) {
      std::construct_at(&inline_.at[size_++], t);  // begins the element's life in the union
      return;
    }
    if (more_.empty()) more_.assign(inline_.at, inline_.at + size_);
    more_.push_back(t);
    ++size_;
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const std::string_view* begin() const { return more_.empty() ? inline_.at : more_.data(); }
  const std::string_view* end() const { return begin() + size_; }
  std::string_view operator[](size_t i) const { return begin()[i]; }
  std::string_view front() const { return begin()[0]; }
  std::string_view back() const { return begin()[size_ - 1]; }

 private:
  static constexpr size_t kInline = 16;
  // Not initialised (a list is made per compared pair): only [0, size_) is ever read.
  union Inline {
    Inline() {}
    std::string_view at[kInline];
  } inline_;
  std::vector<std::string_view> more_;  // all tokens, once there are more than kInline
  size_t size_ = 0;
};

}  // namespace ktpel
