#include "core/synth/corruption.h"

#include <vector>

namespace ktpel {

std::string typo(const std::string& s, Rng& rng) {
  if (s.size() < 3) return s;
  std::string out = s;
  size_t i = 1 + rng.below(out.size() - 2);
  while (i < out.size() && !(out[i] >= 'A' && out[i] <= 'Z')) ++i;
  if (i >= out.size() - 1) return out;
  const char letter = static_cast<char>('A' + rng.below(26));
  switch (rng.below(4)) {
    case 0: out[i] = letter == out[i] ? 'A' + (letter - 'A' + 1) % 26 : letter; break;
    case 1: out.insert(out.begin() + static_cast<long>(i), letter); break;
    case 2: out.erase(i, 1); break;
    default: std::swap(out[i], out[i + 1]); break;
  }
  return out;
}

std::string old_spelling(const std::string& s) {
  static const std::pair<const char*, const char*> rules[] = {
      {"NY", "NJ"}, {"SY", "SJ"}, {"KH", "CH"}, {"C", "TJ"}, {"J", "DJ"}, {"U", "OE"}, {"Y", "J"}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    bool done = false;
    for (auto& [from, to] : rules) {
      const std::string f(from);
      if (s.compare(i, f.size(), f) == 0) {
        out += to;
        i += f.size();
        done = true;
        break;
      }
    }
    if (!done) out += s[i++];
  }
  return out;
}

std::string drop_or_abbreviate_token(const std::string& s, Rng& rng) {
  std::vector<std::string> tokens;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(' ', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) tokens.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  if (tokens.size() < 2) return s;
  const size_t k = rng.below(tokens.size());
  if (rng.chance(0.5))
    tokens.erase(tokens.begin() + static_cast<long>(k));
  else
    tokens[k] = tokens[k].substr(0, 1) + ".";
  std::string out;
  for (auto& t : tokens) out += (out.empty() ? "" : " ") + t;
  return out;
}

Date corrupt_date(Date d, Rng& rng) {
  if (d.day <= 12 && d.day != d.month && rng.chance(0.6)) return Date{d.year, d.day, d.month};
  for (int tries = 0; tries < 8; ++tries) {
    Date c = d;
    if (rng.chance(0.5))
      c.day = (c.day % 10 == 9 ? c.day - 1 : c.day + 1);
    else
      c.year += rng.chance(0.5) ? 1 : -1;
    if (Date::is_valid(c.year, c.month, c.day) && c != d) return c;
  }
  return Date{d.year, 1, 1};  // the placeholder date clerks type when unsure
}

}  // namespace ktpel
