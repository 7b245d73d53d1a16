#include "extract/label_match.h"

#include <algorithm>
#include <array>

#include "util/text.h"

namespace gongkai::extract {

namespace {

bool IsChineseDigit(char32_t c) {
  return std::u32string_view(U"一二三四五六七八九十").find(c) != std::u32string_view::npos;
}

// Removes a trailing parenthetical note: "(二)部分公开(区分处理的,…)" → "(二)部分公开".
std::string_view StripNote(std::string_view s) {
  if (s.empty() || s.back() != ')') return s;
  const std::size_t open = s.rfind('(');
  if (open == std::string_view::npos || open == 0) return s;
  return s.substr(0, open);
}

}  // namespace

std::string FoldVariants(std::string_view key) {
  std::string out(key);
  for (const auto& v : format::SpellingVariants()) {
    std::size_t p = 0;
    while ((p = out.find(v.variant, p)) != std::string::npos) {
      out.replace(p, v.variant.size(), v.canonical);
      p += v.canonical.size();
    }
  }
  return out;
}

namespace {

// FoldVariants(key), without a copy when there is nothing to fold (nearly
// always): `buf` holds the folded text when one is needed.
std::string_view Fold(std::string_view key, std::string& buf) {
  for (const auto& v : format::SpellingVariants()) {
    if (key.find(v.variant) != std::string_view::npos) {
      buf = FoldVariants(key);
      return buf;
    }
  }
  return key;
}

}  // namespace

std::string_view StripEnumerator(std::string_view s, bool* had_number) {
  if (had_number) *had_number = false;
  std::size_t i = 0;
  auto done = [&](std::size_t at) {
    if (had_number) *had_number = true;
    return s.substr(at);
  };
  if (s.empty()) return s;
  // (一) (1)
  if (s[0] == '(') {
    std::size_t j = 1;
    bool any = false;
    while (j < s.size()) {
      std::size_t k = j;
      const char32_t c = text::NextCodePoint(s, k);
      if (!(IsChineseDigit(c) || (c >= '0' && c <= '9'))) break;
      any = true;
      j = k;
    }
    if (any && j < s.size() && s[j] == ')') return done(j + 1);
    return s;
  }
  // 一、 1. 1、 ① 
  std::size_t j = 0;
  bool any = false;
  while (j < s.size()) {
    std::size_t k = j;
    const char32_t c = text::NextCodePoint(s, k);
    if (!(IsChineseDigit(c) || (c >= '0' && c <= '9'))) {
      if (!any && c >= 0x2460 && c <= 0x2473) return done(k);  // ①..⑳
      break;
    }
    any = true;
    j = k;
  }
  if (!any || j >= s.size()) return s;
  i = j;
  if (s[i] == '.') return done(i + 1);
  if (s.compare(i, 3, "、") == 0) return done(i + 3);
  if (s[i] == ')') return done(i + 1);
  return s;
}

namespace {

void DecodeInto(std::string_view s, std::u32string& out) {
  out.clear();
  for (std::size_t i = 0; i < s.size();) out += text::NextCodePoint(s, i);
}

std::u32string Decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size() / 2);
  DecodeInto(s, out);
  return out;
}

// Levenshtein distance, exact up to `limit` and some value above `limit`
// otherwise. Only cells within `limit` of the diagonal are computed: a path
// of cost d never strays further than d from it, so the band holds every
// path that matters. `rows` is scratch space, reused across calls.
std::size_t Distance(std::u32string_view x, std::u32string_view y, std::size_t limit,
                     std::vector<std::size_t>& rows) {
  const std::size_t diff = x.size() > y.size() ? x.size() - y.size() : y.size() - x.size();
  if (diff > limit) return limit + 1;
  const std::size_t over = limit + 1;  // stands for every value above limit
  const std::size_t w = y.size() + 1;
  rows.assign(2 * w, over);
  std::size_t* prev = rows.data();
  std::size_t* cur = rows.data() + w;
  for (std::size_t j = 0; j <= std::min(y.size(), limit); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    const std::size_t lo = i > limit ? i - limit : 1;
    const std::size_t hi = std::min(y.size(), i + limit);
    // Cells left of the band stay "over"; cur[0] is i within the band.
    if (lo > 1) cur[lo - 1] = over;
    cur[0] = i <= limit ? i : over;
    std::size_t row_min = lo == 1 ? cur[0] : over;
    for (std::size_t j = lo; j <= hi; ++j) {
      const std::size_t sub = prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
      const std::size_t v = std::min({prev[j] + 1, cur[j - 1] + 1, sub, over});
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (hi + 1 <= y.size()) cur[hi + 1] = over;
    if (row_min > limit) return over;
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

}  // namespace

std::size_t EditDistance(std::string_view a, std::string_view b, std::size_t limit) {
  std::vector<std::size_t> rows;
  return Distance(Decode(a), Decode(b), limit, rows);
}

LabelMatcher::LabelMatcher(format::Version table2_version) {
  auto add = [&](int table, std::size_t row, std::string_view label, bool needs_number) {
    const std::string key = FoldVariants(text::MatchKey(label));
    std::string stripped(StripEnumerator(key));
    entries_.push_back({table, row, stripped, needs_number, Decode(stripped)});
    const std::string_view noted = StripNote(stripped);
    if (noted.size() != stripped.size() && !noted.empty()) {
      entries_.push_back({table, row, std::string(noted), needs_number, Decode(noted)});
    }
  };
  const auto t2 = format::Table2Rows(table2_version);
  for (std::size_t i = 0; i < t2.size(); ++i) {
    add(2, i, t2[i].label, false);
    for (auto alias : t2[i].aliases) {
      if (!alias.empty()) add(2, i, alias, false);
    }
  }
  const auto t3 = format::Table3Rows();
  for (std::size_t i = 0; i < t3.size(); ++i) {
    add(3, i, t3[i].label, t3[i].needs_number);
    for (auto alias : t3[i].aliases) {
      if (!alias.empty()) add(3, i, alias, t3[i].needs_number);
    }
  }
  for (std::size_t k = 0; k < entries_.size(); ++k) {
    const Entry& e = entries_[k];
    longest_ = std::max(longest_, e.wide.size());
    if (by_size_.size() <= e.key.size()) by_size_.resize(e.key.size() + 1);
    by_size_[e.key.size()].push_back(k);
  }
  for (auto s : format::StructuralLabels()) structural_.push_back(FoldVariants(text::MatchKey(s)));
  std::sort(structural_.begin(), structural_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

bool LabelMatcher::PeelStructural(std::string_view& c) const {
  for (const std::string& s : structural_) {
    if (c.size() > s.size() && c.substr(0, s.size()) == s) {
      c.remove_prefix(s.size());
      return true;
    }
  }
  return false;
}

bool LabelMatcher::IsHeaderOnly(std::string_view fragment) const {
  std::string buf;
  return IsHeaderOnlyFolded(Fold(fragment, buf));
}

bool LabelMatcher::IsHeaderOnlyFolded(std::string_view folded) const {
  std::string_view rest = folded;
  if (rest.empty()) return false;
  while (!rest.empty()) {
    bool peeled = false;
    for (const std::string& s : structural_) {
      if (rest.substr(0, s.size()) == s) {
        rest.remove_prefix(s.size());
        peeled = true;
        break;
      }
    }
    if (!peeled) return false;
  }
  return true;
}

std::optional<LabelMatch> LabelMatcher::MatchOne(std::string_view candidate, bool fuzzy) const {
  std::string buf;
  Scratch scratch;
  return MatchFolded(Fold(candidate, buf), fuzzy, scratch);
}

std::optional<LabelMatch> LabelMatcher::MatchFolded(std::string_view folded, bool fuzzy, Scratch& scratch) const {
  bool had_number = false;
  const std::string_view body = StripEnumerator(folded, &had_number);
  if (body.empty()) return std::nullopt;
  // The first entry (in the order of the form) spelt exactly so.
  if (body.size() < by_size_.size()) {
    for (std::size_t k : by_size_[body.size()]) {
      const Entry& e = entries_[k];
      if (e.key == body && (had_number || !e.needs_number)) return LabelMatch{e.table, e.row, 0, true};
    }
  }
  // Similar spelling (上年转结, 其它, a dropped character): only for labels
  // long enough that one or two edits cannot turn one label into another.
  if (!fuzzy) return std::nullopt;
  const std::size_t len = text::Length(body);
  if (len < 5 || len > longest_ + 2) return std::nullopt;
  const std::size_t limit = len >= 12 ? 2 : 1;
  DecodeInto(body, scratch.wide);
  const Entry* best = nullptr;
  std::size_t best_d = limit + 1;
  for (const Entry& e : entries_) {
    if (e.needs_number && !had_number) continue;
    const std::size_t d = Distance(scratch.wide, e.wide, limit, scratch.rows);
    if (d < best_d) {
      best_d = d;
      best = &e;
    }
  }
  if (!best) return std::nullopt;
  return LabelMatch{best->table, best->row, 0, false};
}

std::optional<LabelMatch> LabelMatcher::Match(const std::vector<std::string_view>& fragments) const {
  if (fragments.empty()) return std::nullopt;
  constexpr std::size_t kMaxFragments = 12;
  const std::size_t n = fragments.size();
  const std::size_t lowest = n > kMaxFragments ? n - kMaxFragments : 0;
  // Each fragment folded, and whether it is a repeated header, once for
  // both passes.
  std::array<std::string, kMaxFragments> folded_buf;
  std::array<std::string_view, kMaxFragments> folded;
  std::array<bool, kMaxFragments> header{};
  for (std::size_t i = lowest; i < n; ++i) {
    folded[i - lowest] = Fold(fragments[i], folded_buf[i - lowest]);
    header[i - lowest] = i + 1 < n && IsHeaderOnlyFolded(folded[i - lowest]);
  }
  Scratch scratch;
  std::string candidate, buf;
  // Exact spellings first, at any boundary; then similar spellings.
  for (bool fuzzy : {false, true}) {
    candidate.clear();
    for (std::size_t i = n; i-- > lowest;) {
      // A repeated table header inside a label (the row broke across a
      // page) is skipped; the label itself must end at the last fragment.
      if (header[i - lowest]) continue;
      candidate.insert(0, folded[i - lowest]);
      if (candidate.size() > 400) break;
      // The candidate itself, then with structural labels peeled off its
      // front ("(三)不予公开1.属于国家秘密", "三、本年度办理结果(一)予以公开").
      std::string_view c = candidate;
      for (int guard = 0; guard < 8 && !c.empty(); ++guard) {
        if (auto m = MatchFolded(Fold(c, buf), fuzzy, scratch)) {
          m->first_fragment = i;
          return m;
        }
        if (!PeelStructural(c)) break;
      }
    }
  }
  return std::nullopt;
}

LabelMatcher::Closeness LabelMatcher::Closest(const std::vector<std::string_view>& fragments, int table,
                                              std::size_t row) const {
  Closeness best;
  constexpr std::size_t kMaxFragments = 12;
  const std::size_t n = fragments.size();
  const std::size_t lowest = n > kMaxFragments ? n - kMaxFragments : 0;
  std::vector<const Entry*> labels;
  for (const Entry& e : entries_) {
    if (e.table == table && e.row == row) labels.push_back(&e);
  }
  if (labels.empty()) return best;
  std::string candidate, buf;
  std::u32string wide;
  std::vector<std::size_t> rows;
  for (std::size_t i = n; i-- > lowest;) {
    const std::string_view folded = Fold(fragments[i], buf);
    if (i + 1 < n && IsHeaderOnlyFolded(folded)) continue;
    candidate.insert(0, folded);
    if (text::Length(candidate) > longest_ * 2 + 8) break;
    std::string_view c = candidate;
    for (int guard = 0; guard < 8 && !c.empty(); ++guard) {
      const std::string_view body = StripEnumerator(c);
      DecodeInto(body, wide);
      if (wide.size() >= 2) {
        for (const Entry* e : labels) {
          const std::size_t longer = std::max(wide.size(), e->wide.size());
          const std::size_t d = Distance(wide, e->wide, longer, rows);
          const double cost = static_cast<double>(d) / static_cast<double>(longer);
          if (cost < best.cost) best = Closeness{cost, i};
        }
      }
      if (!PeelStructural(c)) break;
    }
  }
  return best;
}

}  // namespace gongkai::extract
