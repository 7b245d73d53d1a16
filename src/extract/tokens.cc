#include "extract/tokens.h"

#include "util/number.h"
#include "util/text.h"

namespace gongkai::extract {

bool IsValue(const Token& t) {
  return t.kind == Token::Kind::kNumber || t.kind == Token::Kind::kNotApplicable;
}

namespace {

// Classifies one whitespace-free word.
Token Word(std::string_view raw, std::size_t offset, bool in_table) {
  Token t;
  t.offset = offset;
  t.length = raw.size();
  t.in_table = in_table;
  t.key = text::MatchKey(raw);
  // Parse and IsNotApplicable would take the same MatchKey again.
  if (auto n = number::ParseKey(t.key)) {
    t.kind = Token::Kind::kNumber;
    t.value = n->value;
    t.integer = n->integer;
    t.unit = std::move(n->unit);
  } else if (number::IsNotApplicableKey(t.key)) {
    t.kind = Token::Kind::kNotApplicable;
  }
  return t;
}

void AddRowEnd(std::vector<Token>& out, std::size_t offset, bool hard) {
  Token t;
  t.kind = Token::Kind::kRowEnd;
  t.offset = offset;
  t.hard = hard;
  t.in_table = hard;
  out.push_back(std::move(t));
}

void AddCell(std::vector<Token>& out, const Cell& cell) {
  const std::string_view s = cell.text;
  if (text::Trim(s).empty()) {
    Token t;
    t.kind = Token::Kind::kEmpty;
    t.offset = cell.offset;
    t.in_table = true;
    out.push_back(std::move(t));
    return;
  }
  // A cell is one word of text (its lines joined: "商业\n企业"), unless it
  // holds numbers, which become tokens of their own ("行政许可 37957" in a
  // badly converted grid, or "0 0 0" when a converter merged cells).
  const auto pieces = text::SplitWhitespace(s);
  std::size_t i = 0;
  while (i < pieces.size()) {
    Token w = Word(pieces[i].text, cell.offset + pieces[i].offset, true);
    if (w.kind != Token::Kind::kText) {
      out.push_back(std::move(w));
      ++i;
      continue;
    }
    const std::size_t start = pieces[i].offset;
    std::size_t end = start + pieces[i].text.size();
    std::size_t j = i + 1;
    while (j < pieces.size()) {
      Token next = Word(pieces[j].text, 0, true);
      if (next.kind != Token::Kind::kText) break;
      end = pieces[j].offset + pieces[j].text.size();
      ++j;
    }
    Token t;
    t.kind = Token::Kind::kText;
    t.offset = cell.offset + start;
    t.length = end - start;
    t.in_table = true;
    t.key = text::MatchKey(s.substr(start, end - start));
    out.push_back(std::move(t));
    i = j;
  }
}

bool IsDash(char32_t c) {
  return c == '-' || c == U'\u2014' || c == U'\u2013' || c == U'\u2012' || c == U'\u2015' ||
         c == U'\u2212' || c == '~';
}

// Removes leading ASCII digits from `s`; returns how many.
std::size_t EatDigits(std::string_view& s) {
  std::size_t n = 0;
  while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
  s.remove_prefix(n);
  return n;
}

bool EatPrefix(std::string_view& s, std::string_view p) {
  if (s.substr(0, p.size()) != p) return false;
  s.remove_prefix(p.size());
  return true;
}

}  // namespace

bool IsPageFurniture(std::string_view paragraph) {
  const std::string key = text::MatchKey(paragraph);
  if (key.empty()) return false;
  std::string_view s = key;
  // "- 3 -", "—3—": a number between dashes.
  {
    std::string_view t = s;
    std::size_t lead = 0, trail = 0;
    while (!t.empty()) {
      std::size_t i = 0;
      if (!IsDash(text::NextCodePoint(t, i))) break;
      t.remove_prefix(i);
      ++lead;
    }
    if (lead > 0 && EatDigits(t) > 0) {
      while (!t.empty()) {
        std::size_t i = 0;
        if (!IsDash(text::NextCodePoint(t, i))) break;
        t.remove_prefix(i);
        ++trail;
      }
      if (trail > 0 && t.empty()) return true;
    }
  }
  // "第3页共8页", "第3页/共8页", "共8页第3页", "第3页".
  {
    std::string_view t = s;
    int parts = 0;
    while (!t.empty()) {
      if (parts > 0 && (EatPrefix(t, ",") || EatPrefix(t, "/") || EatPrefix(t, "、"))) continue;
      if (!(EatPrefix(t, "第") || EatPrefix(t, "共"))) break;
      if (EatDigits(t) == 0 || !EatPrefix(t, "页")) break;
      ++parts;
    }
    if (parts > 0 && t.empty()) return true;
  }
  // "3/8": page of pages.
  {
    std::string_view t = s;
    if (EatDigits(t) > 0 && EatPrefix(t, "/") && EatDigits(t) > 0 && t.empty()) return true;
  }
  // A running header: the report's title on a line of its own. Titles are
  // short and end in 年度报告; a sentence of the report is neither.
  if (text::Length(s) <= 60 && s.find("信息公开") != std::string_view::npos &&
      s.size() >= 12 && s.substr(s.size() - 12) == "年度报告") {
    return true;
  }
  return false;
}

std::vector<Token> Tokenize(const Document& doc) {
  std::vector<Token> out;
  out.reserve(doc.text.size() / 4);
  for (std::size_t bi = 0; bi < doc.blocks.size(); ++bi) {
    const Block& b = doc.blocks[bi];
    if (b.kind == Block::Kind::kParagraph) {
      if (IsPageFurniture(b.text)) continue;
      for (const auto& p : text::SplitWhitespace(b.text)) {
        out.push_back(Word(p.text, b.offset + p.offset, false));
      }
      AddRowEnd(out, b.offset + b.text.size(), false);
      continue;
    }
    for (const auto& row : b.rows) {
      for (std::size_t ci = 0; ci < row.size(); ++ci) {
        const Cell& c = row[ci];
        if (c.merged) continue;
        const std::size_t first = out.size();
        AddCell(out, c);
        for (std::size_t i = first; i < out.size(); ++i) {
          out[i].block = static_cast<int>(bi);
          out[i].column = static_cast<int>(ci);
        }
      }
      AddRowEnd(out, row.empty() ? b.offset : row.back().offset, true);
    }
  }
  return out;
}

}  // namespace gongkai::extract
