#include "util/number.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "util/text.h"

namespace gongkai::number {

namespace {

constexpr std::string_view kUnits[] = {"万元", "亿元", "元", "件次", "人次", "件", "个", "项",
                                       "条", "次", "家", "篇", "期", "%"};

bool StripSuffix(std::string& s, std::string_view suffix) {
  if (s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0) {
    s.resize(s.size() - suffix.size());
    return true;
  }
  return false;
}

bool StripPrefix(std::string& s, std::string_view prefix) {
  if (s.compare(0, prefix.size(), prefix) == 0) {
    s.erase(0, prefix.size());
    return true;
  }
  return false;
}

int DigitValue(char32_t c) {
  switch (c) {
    case U'零': case U'〇': return 0;
    case U'一': case U'壹': return 1;
    case U'二': case U'两': case U'贰': return 2;
    case U'三': case U'叁': return 3;
    case U'四': case U'肆': return 4;
    case U'五': case U'伍': return 5;
    case U'六': case U'陆': return 6;
    case U'七': case U'柒': return 7;
    case U'八': case U'捌': return 8;
    case U'九': case U'玖': return 9;
    default: return -1;
  }
}

}  // namespace

std::optional<Parsed> Parse(std::string_view token) { return ParseKey(text::MatchKey(token)); }

std::optional<Parsed> ParseKey(std::string_view key) {
  // Every number has an ASCII digit; most words have none and need no copy.
  if (key.find_first_of("0123456789") == std::string_view::npos) return std::nullopt;
  std::string s(key);
  Parsed out;
  for (std::string_view u : kUnits) {
    if (StripSuffix(s, u)) {
      out.unit = std::string(u);
      break;
    }
  }
  double multiplier = 1;
  if (out.unit.empty() || out.unit == "元") {
    if (StripSuffix(s, "万")) {
      multiplier = 1e4;
    } else if (StripSuffix(s, "亿")) {
      multiplier = 1e8;
    }
  }
  bool negative = false;
  if (StripPrefix(s, "+") || StripPrefix(s, "增加") || StripPrefix(s, "增")) {
  } else if (StripPrefix(s, "-") || StripPrefix(s, "减少") || StripPrefix(s, "减") ||
             StripPrefix(s, "\u2212")) {
    negative = true;
  }
  // Digits, with thousands separators only between groups of three.
  std::string digits;
  digits.reserve(s.size());
  bool seen_point = false;
  std::size_t since_sep = 0;
  bool had_sep = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    if (ch >= '0' && ch <= '9') {
      digits += ch;
      ++since_sep;
    } else if (ch == '.' && !seen_point && !digits.empty() && i + 1 < s.size()) {
      if (had_sep && since_sep != 3) return std::nullopt;
      seen_point = true;
      out.integer = false;
      digits += ch;
      since_sep = 0;
      had_sep = false;
    } else if ((ch == ',' || ch == '\'') && !seen_point && !digits.empty()) {
      if (had_sep ? since_sep != 3 : since_sep > 3) return std::nullopt;
      had_sep = true;
      since_sep = 0;
    } else {
      return std::nullopt;
    }
  }
  if (digits.empty() || (had_sep && !seen_point && since_sep != 3)) return std::nullopt;
  double v = 0;
  const auto res = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (res.ec != std::errc() || res.ptr != digits.data() + digits.size()) return std::nullopt;
  v *= multiplier;
  if (multiplier != 1 && v == std::floor(v)) out.integer = true;
  out.value = negative ? -v : v;
  return out;
}

std::optional<double> ParseChinese(std::string_view input) {
  const std::string s = text::MatchKey(input);
  if (s.empty()) return std::nullopt;
  if (auto p = Parse(s); p && p->unit.empty()) return p->value;
  // Walk the numeral: sections separated by 亿 and 万, units 十 百 千. 亿
  // scales everything before it ("一万亿"), 万 only the section since the
  // last 亿 ("一亿二千万" is 1.2亿, not (1亿+2千)×1万).
  double total = 0;     // completed 亿/万 sections
  double section = 0;   // current section below 万
  double digit = -1;    // pending digit
  bool any = false;
  std::size_t i = 0;
  // An Arabic prefix ("1.2万", "3千") is allowed.
  std::size_t arabic_end = 0;
  while (arabic_end < s.size() && ((s[arabic_end] >= '0' && s[arabic_end] <= '9') || s[arabic_end] == '.')) {
    ++arabic_end;
  }
  if (arabic_end > 0) {
    double v = 0;
    const auto res = std::from_chars(s.data(), s.data() + arabic_end, v);
    if (res.ec != std::errc()) return std::nullopt;
    digit = v;
    any = true;
    i = arabic_end;
  }
  while (i < s.size()) {
    const char32_t c = text::NextCodePoint(s, i);
    const int d = DigitValue(c);
    if (d >= 0) {
      // Consecutive digits read positionally (二〇二三 → 2023); after a unit
      // a 零 is only a placeholder (一百零五 → 105).
      digit = digit >= 0 ? digit * 10 + d : d;
      any = true;
      continue;
    }
    double unit = 0;
    switch (c) {
      case U'十': case U'拾': unit = 10; break;
      case U'百': case U'佰': unit = 100; break;
      case U'千': case U'仟': unit = 1000; break;
      case U'万': case U'萬': unit = 1e4; break;
      case U'亿': case U'億': unit = 1e8; break;
      default: return std::nullopt;
    }
    any = true;
    if (unit >= 1e4) {
      section += digit >= 0 ? digit : 0;
      if (section == 0 && (unit == 1e4 || total == 0)) section = 1;
      total = unit == 1e8 ? (total + section) * unit : total + section * unit;
      section = 0;
    } else {
      section += (digit >= 0 ? digit : 1) * unit;
    }
    digit = -1;
  }
  if (!any) return std::nullopt;
  if (digit >= 0) section += digit;
  return total + section;
}

bool IsNotApplicable(std::string_view token) { return IsNotApplicableKey(text::MatchKey(token)); }

bool IsNotApplicableKey(std::string_view s) {
  if (s.empty()) return false;
  if (s == "无" || s == "不适用" || s == "空" || s == "×" || s == "x" || s == "X" || s == "N/A" ||
      s == "n/a") {
    return true;
  }
  std::size_t i = 0;
  while (i < s.size()) {
    switch (text::NextCodePoint(s, i)) {
      case U'/': case U'\\': case U'-': case U'\u2014': case U'\u2013': case U'\u2015':
      case U'\u2012': case U'\u2212': case U'\u2500': case U'\u2501': case U'~':
        break;
      default:
        return false;
    }
  }
  return true;
}

std::string Format(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace gongkai::number
