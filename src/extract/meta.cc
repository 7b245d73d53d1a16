#include "extract/meta.h"

#include <cstdio>
#include <map>
#include <vector>

#include "util/number.h"
#include "util/text.h"

namespace gongkai::extract {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The first "YYYY年" (YYYY in 2000..2099 or 19xx) in `s`: its position, or npos.
std::size_t FindYear(std::string_view s, int* year) {
  for (std::size_t i = 0; i + 4 < s.size(); ++i) {
    if (IsDigit(s[i]) && IsDigit(s[i + 1]) && IsDigit(s[i + 2]) && IsDigit(s[i + 3]) &&
        (i == 0 || !IsDigit(s[i - 1])) && s.compare(i + 4, 3, "年") == 0) {
      const int y = std::stoi(std::string(s.substr(i, 4)));
      if (y >= 1990 && y <= 2099) {
        *year = y;
        return i;
      }
    }
  }
  return std::string_view::npos;
}

std::optional<int> SmallNumber(std::string_view s) {
  if (s.empty() || s.size() > 12) return std::nullopt;
  auto v = number::ParseChinese(s);
  if (!v || *v < 0 || *v > 9999) return std::nullopt;
  return static_cast<int>(*v);
}

// The text the title is made of: the first short lines, up to the one that
// ends with 报告.
std::string FindTitle(const Document& doc, std::size_t limit_block) {
  std::string acc;
  int lines = 0;
  for (std::size_t b = 0; b < doc.blocks.size() && b < limit_block && b < 12; ++b) {
    const Block& blk = doc.blocks[b];
    if (blk.kind != Block::Kind::kParagraph) break;
    const std::string key = text::MatchKey(blk.text);
    if (key.empty()) continue;
    if (text::Length(key) > 50) {
      if (!acc.empty()) break;
      continue;
    }
    acc += key;
    ++lines;
    if (acc.find("报告") != std::string::npos &&
        (acc.find("政府信息公开") != std::string::npos || acc.find("政务公开") != std::string::npos ||
         acc.find("信息公开") != std::string::npos)) {
      return acc;
    }
    if (lines >= 4 || text::Length(acc) > 80) {
      acc.clear();
      lines = 0;
    }
  }
  return {};
}

constexpr std::string_view kAgencySuffixes[] = {
    "人民政府办公室", "人民政府", "街道办事处", "办事处", "委员会", "管理委员会", "办公室", "街道",
    "中心", "局", "委", "办", "院", "厅", "署", "区", "县", "市", "州", "盟", "旗", "镇", "乡"};

// "2023年,掇刀区坚持…" → "掇刀区": the unit named at the start of a sentence.
std::string AgencyAfterYear(std::string_view key) {
  int year = 0;
  const std::size_t y = FindYear(key, &year);
  if (y == std::string_view::npos || y > 10) return {};
  std::size_t i = y + 4 + 3;  // after "年"
  if (key.compare(i, 3, "度") == 0) i += 3;
  while (i < key.size() && (key[i] == ',' || key[i] == ' ')) ++i;
  // The shortest run of Han characters ending in an administrative suffix.
  std::size_t j = i;
  for (int n = 0; n < 16 && j < key.size(); ++n) {
    text::NextCodePoint(key, j);
    const std::string_view head = key.substr(i, j - i);
    for (std::string_view suf : {"区", "县", "市", "州", "旗", "镇", "乡", "街道", "局", "委", "办"}) {
      if (head.size() > suf.size() && head.substr(head.size() - suf.size()) == suf && text::Length(head) >= 2) {
        std::string out(head);
        if (key.compare(j, 12, "人民政府") == 0) out += "人民政府";
        return out;
      }
    }
  }
  return {};
}

bool IsAgencyLine(std::string_view key) {
  if (key.empty() || text::Length(key) > 30 || !text::HasHan(key)) return false;
  for (std::string_view bad : {",", "。", ":", ";", "、", "(", "年"}) {
    if (key.find(bad) != std::string_view::npos) return false;
  }
  for (auto suf : kAgencySuffixes) {
    if (key.size() >= suf.size() && key.substr(key.size() - suf.size()) == suf) return true;
  }
  return false;
}

std::string Phone(std::string_view key) {
  for (std::string_view label : {"联系电话", "电话", "Tel", "tel"}) {
    std::size_t p = 0;
    while ((p = key.find(label, p)) != std::string_view::npos) {
      std::size_t i = p + label.size();
      for (int skip = 0; skip < 3 && i < key.size() && !IsDigit(key[i]); ++skip) {
        std::size_t j = i;
        const char32_t c = text::NextCodePoint(key, j);
        if (c != ':' && c != U'为' && c != U'是' && c != '(') break;
        i = j;
      }
      std::string out;
      int digits = 0;
      while (i < key.size()) {
        std::size_t j = i;
        const char32_t c = text::NextCodePoint(key, j);
        if (c >= '0' && c <= '9') {
          out += static_cast<char>(c);
          ++digits;
        } else if ((c == '-' || c == U'\u2014' || c == U'\u2013' || c == ')') && digits > 0) {
          out += '-';
        } else {
          break;
        }
        i = j;
      }
      while (!out.empty() && out.back() == '-') out.pop_back();
      if (digits >= 7) return out;
      p += label.size();
    }
  }
  return {};
}

std::string Address(std::string_view key) {
  const std::size_t p = key.find("地址");
  if (p == std::string_view::npos) return {};
  std::size_t i = p + 6;
  if (i < key.size() && key[i] == ':') ++i;
  if (key.compare(i, 3, "为") == 0 || key.compare(i, 3, "是") == 0) i += 3;
  std::string out;
  while (i < key.size()) {
    std::size_t j = i;
    const char32_t c = text::NextCodePoint(key, j);
    if (c == ',' || c == U'。' || c == ';' || c == ')' || c == U'、') break;
    if (key.compare(i, 6, "电话") == 0 || key.compare(i, 6, "邮编") == 0 || key.compare(i, 6, "邮政") == 0) break;
    out.append(key.substr(i, j - i));
    i = j;
    if (text::Length(out) > 60) return {};
  }
  return out;
}

}  // namespace

std::optional<std::string> ParseDate(std::string_view key) {
  int y = 0, m = 0, d = 0;
  // 2024年1月18日 / 二〇二四年一月十八日
  const std::size_t nian = key.find("年");
  const std::size_t yue = key.find("月");
  const std::size_t ri = key.find("日");
  if (nian != std::string_view::npos && yue != std::string_view::npos && ri != std::string_view::npos &&
      nian < yue && yue < ri && ri + 3 == key.size()) {
    auto yy = SmallNumber(key.substr(0, nian));
    auto mm = SmallNumber(key.substr(nian + 3, yue - nian - 3));
    auto dd = SmallNumber(key.substr(yue + 3, ri - yue - 3));
    if (!yy || !mm || !dd) return std::nullopt;
    y = *yy;
    m = *mm;
    d = *dd;
  } else {
    // 2024-01-18, 2024.1.18, 2024/1/18
    int a = 0, b = 0, c = 0;
    char s1 = 0, s2 = 0;
    int used = 0;
    const std::string k(key);
    if (std::sscanf(k.c_str(), "%4d%c%2d%c%2d%n", &a, &s1, &b, &s2, &c, &used) != 5 ||
        static_cast<std::size_t>(used) != k.size() || s1 != s2 || (s1 != '-' && s1 != '.' && s1 != '/')) {
      return std::nullopt;
    }
    y = a;
    m = b;
    d = c;
  }
  if (y < 1990 || y > 2099 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

void ExtractMeta(const Document& doc, const FoundSections& found, Meta& meta) {
  const std::size_t first_heading = found.heading_blocks.empty() ? doc.blocks.size() : found.heading_blocks.front();
  meta.title = FindTitle(doc, first_heading);

  // Agency and year from the title: "硚口区行政审批局2023年政府信息公开工作年度报告".
  if (!meta.title.empty()) {
    int year = 0;
    const std::size_t y = FindYear(meta.title, &year);
    if (y != std::string::npos) {
      meta.year = year;
      meta.agency = meta.title.substr(0, y);
    } else {
      const std::size_t p = meta.title.find("政府信息公开");
      if (p != std::string::npos) meta.agency = meta.title.substr(0, p);
    }
    if (meta.agency.rfind("关于", 0) == 0) meta.agency.erase(0, 6);
  }

  // The signature: a unit's name and a date as the last lines.
  long date_block = -1;
  for (std::size_t n = 0, b = doc.blocks.size(); b-- > 0 && n < 12; ++n) {
    const Block& blk = doc.blocks[b];
    if (blk.kind != Block::Kind::kParagraph) continue;
    const std::string key = text::MatchKey(blk.text);
    if (auto d = ParseDate(key)) {
      meta.published_on = *d;
      date_block = static_cast<long>(b);
      break;
    }
    // "硚口区行政审批局 2024年1月18日" on one line.
    const std::size_t y = key.find_first_of("0123456789");
    if (y != std::string::npos && y > 0 && IsAgencyLine(key.substr(0, y))) {
      if (auto d = ParseDate(key.substr(y))) {
        meta.published_on = *d;
        if (meta.agency.empty()) meta.agency = key.substr(0, y);
        date_block = static_cast<long>(b);
        break;
      }
    }
  }
  // No date under the signature: the date the page says it was published
  // (an HTML page's 发布时间), which is when the public could read it.
  if (meta.published_on.empty() && !doc.published.empty()) {
    if (auto d = ParseDate(text::MatchKey(doc.published))) meta.published_on = *d;
  }
  if (meta.agency.empty() && date_block > 0) {
    for (long b = date_block - 1, n = 0; b >= 0 && n < 3; --b, ++n) {
      const Block& blk = doc.blocks[static_cast<std::size_t>(b)];
      if (blk.kind != Block::Kind::kParagraph) break;
      const std::string key = text::MatchKey(blk.text);
      if (key.empty()) continue;
      if (IsAgencyLine(key)) meta.agency = key;
      break;
    }
  }
  // A report without a title: the unit named in its opening sentence.
  if (meta.agency.empty()) {
    for (std::size_t b = 0; b < doc.blocks.size() && b < 4; ++b) {
      if (doc.blocks[b].kind != Block::Kind::kParagraph) continue;
      meta.agency = AgencyAfterYear(text::MatchKey(doc.blocks[b].text.substr(0, 120)));
      if (!meta.agency.empty()) break;
    }
  }

  // Year: the statistics period, else the year most often named at the start.
  if (!meta.year) {
    const std::string head = text::MatchKey(std::string_view(doc.text).substr(0, 6000));
    std::map<int, int> count;
    std::size_t pos = 0;
    while (pos < head.size()) {
      int y = 0;
      const std::size_t at = FindYear(std::string_view(head).substr(pos), &y);
      if (at == std::string_view::npos) break;
      const std::size_t abs = pos + at;
      count[y] += head.compare(abs + 7, 6, "1月1日") == 0 ? 10 : 1;
      pos = abs + 7;
    }
    int best = 0;
    for (const auto& [y, c] : count) {
      if (c > best) {
        best = c;
        meta.year = y;
      }
    }
  }

  const std::string all = text::MatchKey(doc.text);
  meta.phone = Phone(all);
  meta.address = Address(all);
}

}  // namespace gongkai::extract
