#include "extract/sections.h"

#include <string>
#include <utility>

#include "extract/label_match.h"
#include "format/labels.h"
#include "util/text.h"

namespace gongkai::extract {

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

enum class Numbering { kNone, kTop, kSub };

// "一、" and "第一部分" number the six sections; "(一)", "1." number parts inside them.
Numbering NumberingOf(std::string_view key, std::string_view* rest) {
  bool had = false;
  std::string_view body = StripEnumerator(key, &had);
  *rest = body;
  if (!had) {
    if (key.substr(0, 3) == "第") {
      const std::size_t p = key.find("部分");
      if (p != std::string_view::npos && p <= 12) {
        *rest = key.substr(p + 6);
        return Numbering::kTop;
      }
    }
    return Numbering::kNone;
  }
  if (key[0] == '(' || (key[0] >= '0' && key[0] <= '9')) return Numbering::kSub;
  return Numbering::kTop;
}

// "3." or "3、" opening `key`, with 3 == number.
bool ArabicNumberIs(std::string_view key, int number) {
  std::size_t i = 0;
  int v = 0;
  while (i < key.size() && i < 3 && key[i] >= '0' && key[i] <= '9') v = v * 10 + (key[i++] - '0');
  if (i == 0 || i >= key.size()) return false;
  const bool delimited = key[i] == '.' || key.compare(i, 3, "、") == 0;
  return delimited && v == number;
}

bool HasWords(std::string_view s, const std::array<std::string_view, 2>& words) {
  if (words[0].empty()) return false;
  for (auto w : words) {
    if (!w.empty() && s.find(w) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace

bool IsSectionHeading(std::string_view key, int section_number, bool primary_only) {
  if (key.empty() || text::Length(key) > 40) return false;
  if (key.find(',') != std::string_view::npos || key.find("。") != std::string_view::npos ||
      key.find(';') != std::string_view::npos) {
    return false;
  }
  std::string_view rest;
  Numbering n = NumberingOf(key, &rest);
  if (n == Numbering::kSub) {
    // Some reports number the six sections "1." … "6." (and their parts
    // "(一)"): an Arabic number is a section's only when it is that
    // section's own number, which keeps "1.属于国家秘密" or "2.重复申请"
    // in the body from being read as headings.
    if (!ArabicNumberIs(key, section_number)) return false;
    n = Numbering::kTop;
  }
  if (n == Numbering::kNone) {
    // An unnumbered heading reads as one: "总体情况", "其他需要报告的事项".
    bool ok = false;
    for (std::string_view end : {"情况", "事项", "举措", "措施", "问题"}) ok |= EndsWith(rest, end);
    if (!ok) return false;
  }
  const auto& spec = format::Sections()[static_cast<std::size_t>(section_number - 1)];
  if (HasWords(rest, spec.keywords[0])) return true;
  if (primary_only) return false;
  for (std::size_t i = 1; i < spec.keywords.size(); ++i) {
    if (HasWords(rest, spec.keywords[i])) return true;
  }
  return false;
}

FoundSections FindSections(const Document& doc) {
  const auto specs = format::Sections();
  std::vector<std::string> keys(doc.blocks.size());
  for (std::size_t b = 0; b < doc.blocks.size(); ++b) {
    if (doc.blocks[b].kind == Block::Kind::kParagraph && text::Length(doc.blocks[b].text) <= 60) {
      keys[b] = text::MatchKey(doc.blocks[b].text);
    }
  }
  // Pass 1: the usual headings, in order. Pass 2: paraphrased ones, only
  // between the sections already found around them.
  std::vector<long> at(specs.size(), -1);
  long last = -1;
  for (std::size_t s = 0; s < specs.size(); ++s) {
    for (std::size_t b = static_cast<std::size_t>(last + 1); b < keys.size(); ++b) {
      if (IsSectionHeading(keys[b], specs[s].number, true)) {
        at[s] = static_cast<long>(b);
        last = static_cast<long>(b);
        break;
      }
    }
  }
  // The blocks between the headings found before and after section s.
  auto gap = [&](std::size_t s) {
    long lo = -1;
    for (std::size_t p = 0; p < s; ++p) lo = std::max(lo, at[p]);
    long hi = static_cast<long>(keys.size());
    for (std::size_t q = specs.size(); q-- > s + 1;) {
      if (at[q] >= 0) hi = at[q];
    }
    return std::pair<long, long>{lo, hi};
  };
  for (std::size_t s = 0; s < specs.size(); ++s) {
    if (at[s] >= 0) continue;
    const auto [lo, hi] = gap(s);
    for (long b = lo + 1; b < hi; ++b) {
      if (IsSectionHeading(keys[static_cast<std::size_t>(b)], specs[s].number, false)) {
        at[s] = b;
        break;
      }
    }
  }
  // Pass 3: a heading misspelt (a character missing, extra or wrong:
  // "五、存在的主要间题及改进情况"), only between the sections already found
  // around it: the closest short line by edit distance, when close enough.
  for (std::size_t s = 0; s < specs.size(); ++s) {
    if (at[s] >= 0) continue;
    const auto [lo, hi] = gap(s);
    const std::string official = text::MatchKey(specs[s].heading);
    bool official_numbered = false;
    const std::string_view official_body = StripEnumerator(official, &official_numbered);
    const std::string_view official_number = std::string_view(official).substr(0, official.size() - official_body.size());
    double best = 2;
    long best_at = -1;
    for (long b = lo + 1; b < hi; ++b) {
      const std::string& key = keys[static_cast<std::size_t>(b)];
      if (key.empty() || text::Length(key) > 40 || key.find(',') != std::string::npos ||
          key.find("。") != std::string::npos || key.find(';') != std::string::npos) {
        continue;
      }
      bool numbered = false;
      const std::string_view body = StripEnumerator(key, &numbered);
      const std::size_t longer = std::max(text::Length(body), text::Length(official_body));
      if (longer == 0) continue;
      const double cost = static_cast<double>(EditDistance(body, official_body, longer)) / static_cast<double>(longer);
      // Numbered like the official heading ("五、"): a little more may differ.
      const bool same_number = numbered && key.substr(0, official_number.size()) == official_number;
      if (cost <= (same_number ? 0.4 : 0.25) && cost < best) {
        best = cost;
        best_at = b;
      }
    }
    if (best_at >= 0) at[s] = best_at;
  }
  FoundSections out;
  for (std::size_t s = 0; s < specs.size(); ++s) {
    if (at[s] < 0) continue;
    long end = static_cast<long>(doc.blocks.size());
    for (std::size_t q = s + 1; q < specs.size(); ++q) {
      if (at[q] >= 0) {
        end = at[q];
        break;
      }
    }
    const Block& h = doc.blocks[static_cast<std::size_t>(at[s])];
    Section sec;
    sec.number = specs[s].number;
    sec.heading = std::string(text::Trim(h.text));
    sec.offset = h.offset;
    for (long b = at[s] + 1; b < end; ++b) {
      const Block& blk = doc.blocks[static_cast<std::size_t>(b)];
      if (blk.kind != Block::Kind::kParagraph) continue;
      if (!sec.text.empty()) sec.text += '\n';
      sec.text += blk.text;
    }
    out.sections.push_back(std::move(sec));
    out.heading_blocks.push_back(static_cast<std::size_t>(at[s]));
  }
  return out;
}

}  // namespace gongkai::extract
