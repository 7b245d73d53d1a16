#include "readers/columns.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "util/text.h"

namespace gongkai::readers::layout {

namespace {

// A cell value: a number ("27", "1,278.85", "3%") or a not-applicable mark.
bool IsValueWord(std::string_view s) {
  static constexpr std::string_view kMarks[] = {"/", "／", "-", "—", "－", "——", "--", "–", "\\"};
  for (std::string_view m : kMarks) {
    if (s == m) return true;
  }
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  int digits = 0, decimals = 0;
  bool dot = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      ++(dot ? decimals : digits);
    } else if (c == ',' && !dot && digits > 0) {
      continue;
    } else if (c == '.' && !dot && digits > 0) {
      dot = true;
    } else if (c == '%' && i + 1 == s.size() && digits > 0) {
      continue;
    } else {
      return false;
    }
  }
  return digits > 0 && (!dot || decimals > 0);
}

// One character of a label written down a cell: a CJK character or a
// full-width bracket or comma, alone on its line.
bool IsVerticalChar(std::string_view s) {
  std::size_t i = 0;
  const char32_t c = s.empty() ? 0 : text::NextCodePoint(s, i);
  return i == s.size() && c >= 0x2000;
}

// Where a word is: its line and its place in the line.
struct Ref {
  std::size_t line = 0, word = 0;
};

// The trailing run of value words of a line (how many): a table row ends in
// its numbers, a sentence does not.
// Numbers of one row stand in different cells, set apart by at least the
// cells' padding; "- 3 -" (a page number) or "1 000" (a number with a
// thousands space) are one cell.
std::size_t TrailingValues(const std::vector<Word>& line, double em) {
  std::size_t n = 0;
  while (n < line.size() && IsValueWord(line[line.size() - 1 - n].text)) ++n;
  for (std::size_t k = line.size() - n; k + 1 < line.size(); ++k) {
    if (line[k + 1].box.x0 - line[k].box.x1 < 0.5 * em) return 0;
  }
  return n;
}

bool Overlaps(double a0, double a1, double b0, double b1, double tol) {
  return a0 <= b1 + tol && b0 <= a1 + tol;
}

// A value column: the horizontal extent of its numbers and the rows (anchor
// indices) that have one there.
struct Column {
  double x0 = 0, x1 = 0;
  std::vector<std::size_t> rows;
  double cx() const { return (x0 + x1) / 2; }
};

// A row of the table under construction: its vertical band.
struct Row {
  double y0 = 0, y1 = 0;
};

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

Box UnionBox(const Box& a, const Box& b) {
  return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

// The lines (indices) of one candidate table: its rows of numbers.
struct Candidate {
  std::vector<std::size_t> anchors;
  std::size_t strong = 0;  // anchors with two or more numbers
  double value_left = 0;   // left edge of the first value column
};

class Detector {
 public:
  explicit Detector(std::vector<std::vector<Word>>& lines) : lines_(lines) {
    std::vector<double> heights;
    for (const auto& line : lines_) {
      for (const Word& w : line) heights.push_back(w.box.h());
    }
    em_ = std::max(1e-6, Median(std::move(heights)));
    used_.resize(lines_.size());
    for (std::size_t i = 0; i < lines_.size(); ++i) used_[i].assign(lines_[i].size(), false);
    // Rows of words on one baseline. GroupLines lets a line's band follow
    // its words, so in a table set without padding a label line between two
    // rows (a group label wrapped down its cell) pulls the numbers of both
    // rows into one line; here a word joins a row only when its centre is
    // within a third of a line of the centre of the row's first word.
    std::vector<Ref> all;
    for (std::size_t l = 0; l < lines_.size(); ++l) {
      for (std::size_t w = 0; w < lines_[l].size(); ++w) all.push_back({l, w});
    }
    std::sort(all.begin(), all.end(), [&](const Ref& a, const Ref& b) { return At(a).box.cy() < At(b).box.cy(); });
    std::vector<double> centre;
    for (const Ref& r : all) {
      const double cy = At(r).box.cy();
      std::size_t k = rows_.size();
      while (k > 0 && cy - centre[k - 1] <= 0.35 * em_) {
        --k;
        if (std::abs(cy - centre[k]) <= 0.35 * em_) break;
      }
      if (k == rows_.size() || std::abs(cy - centre[k]) > 0.35 * em_) {
        rows_.emplace_back();
        centre.push_back(cy);
        k = rows_.size() - 1;
      }
      rows_[k].push_back(r);
    }
    row_of_.resize(lines_.size());
    for (std::size_t l = 0; l < lines_.size(); ++l) row_of_[l].assign(lines_[l].size(), 0);
    for (std::size_t k = 0; k < rows_.size(); ++k) {
      std::sort(rows_[k].begin(), rows_[k].end(), [&](const Ref& a, const Ref& b) { return At(a).box.x0 < At(b).box.x0; });
      std::vector<Word> words;
      for (const Ref& r : rows_[k]) {
        words.push_back(At(r));
        row_of_[r.line][r.word] = k;
      }
      row_words_.push_back(std::move(words));
    }
  }

  const Word& At(const Ref& r) const { return lines_[r.line][r.word]; }

  std::vector<TextGrid> Run() {
    std::vector<TextGrid> out;
    std::size_t i = 0;
    while (i < rows_.size()) {
      std::size_t next = i + 1;
      Candidate run = Grow(i, next);
      if (run.strong >= 3) {
        if (auto grid = Build(run)) out.push_back(std::move(*grid));
      }
      i = std::max(next, i + 1);
    }
    // Take the tables' words out of the lines.
    std::vector<std::vector<Word>> rest;
    for (std::size_t l = 0; l < lines_.size(); ++l) {
      std::vector<Word> kept;
      for (std::size_t w = 0; w < lines_[l].size(); ++w) {
        if (!used_[l][w]) kept.push_back(std::move(lines_[l][w]));
      }
      if (!kept.empty()) rest.push_back(std::move(kept));
    }
    lines_ = std::move(rest);
    return out;
  }

 private:
  bool Free(std::size_t l) const {
    return std::none_of(rows_[l].begin(), rows_[l].end(), [&](const Ref& r) { return used_[r.line][r.word]; });
  }

  double LineTop(std::size_t l) const {
    double y = row_words_[l].front().box.y0;
    for (const Word& w : row_words_[l]) y = std::min(y, w.box.y0);
    return y;
  }
  double LineBottom(std::size_t l) const {
    double y = row_words_[l].front().box.y1;
    for (const Word& w : row_words_[l]) y = std::max(y, w.box.y1);
    return y;
  }

  // The run of rows of numbers starting at line `first` (which must end in
  // two numbers or more); `next` is where to look for the next run.
  Candidate Grow(std::size_t first, std::size_t& next) {
    Candidate run;
    if (!Free(first) || TrailingValues(row_words_[first], em_) < 2) return run;
    const auto values_of = [&](std::size_t l) {
      const std::size_t n = TrailingValues(row_words_[l], em_);
      return std::vector<Word>(row_words_[l].end() - static_cast<std::ptrdiff_t>(n), row_words_[l].end());
    };
    std::vector<Word> seen = values_of(first);  // the numbers of the run so far
    run.anchors.push_back(first);
    run.strong = 1;
    run.value_left = seen.front().box.x0;
    double bottom = LineBottom(first);
    next = first + 1;
    for (std::size_t l = first + 1; l < rows_.size() && Free(l); ++l) {
      // A blank space of three lines ends a table.
      if (LineTop(l) - bottom > 3 * em_) break;
      bottom = std::max(bottom, LineBottom(l));
      const std::vector<Word> vals = values_of(l);
      if (!vals.empty()) {
        // Its numbers must stand under numbers of the rows before.
        std::size_t aligned = 0;
        for (const Word& v : vals) {
          aligned += std::any_of(seen.begin(), seen.end(), [&](const Word& s) {
            return Overlaps(v.box.x0, v.box.x1, s.box.x0, s.box.x1, 0.3 * em_);
          });
        }
        if (2 * aligned < vals.size() + 1 || (vals.size() >= 2 && aligned < 2)) break;
        run.anchors.push_back(l);
        run.strong += vals.size() >= 2;
        run.value_left = std::min(run.value_left, vals.front().box.x0);
        seen.insert(seen.end(), vals.begin(), vals.end());
        next = l + 1;
        continue;
      }
      // A line between rows: label text left of the numbers, or short words
      // inside the value columns; a line across the columns is prose.
      const bool fits = std::all_of(row_words_[l].begin(), row_words_[l].end(), [&](const Word& w) {
        return w.box.x1 <= run.value_left + 0.5 * em_ || IsValueWord(w.text) || w.box.w() <= 2.5 * em_;
      });
      if (!fits) break;
    }
    return run;
  }

  std::optional<TextGrid> Build(const Candidate& run);

  std::vector<std::vector<Word>>& lines_;
  std::vector<std::vector<bool>> used_;
  std::vector<std::vector<Ref>> rows_;          // words on one baseline, left to right
  std::vector<std::vector<Word>> row_words_;    // their words
  std::vector<std::vector<std::size_t>> row_of_;  // per word of lines_: its row
  double em_ = 1;
};

std::optional<TextGrid> Detector::Build(const Candidate& run) {
  // Value columns: numbers of different rows whose extents overlap.
  struct Value {
    Box box;
    std::size_t anchor = 0;
  };
  std::vector<Value> values;
  std::vector<Row> anchor_bands(run.anchors.size());
  for (std::size_t a = 0; a < run.anchors.size(); ++a) {
    const auto& line = row_words_[run.anchors[a]];
    const std::size_t n = TrailingValues(line, em_);
    anchor_bands[a] = {line[line.size() - n].box.y0, line[line.size() - n].box.y1};
    for (std::size_t k = line.size() - n; k < line.size(); ++k) {
      values.push_back({line[k].box, a});
      anchor_bands[a].y0 = std::min(anchor_bands[a].y0, line[k].box.y0);
      anchor_bands[a].y1 = std::max(anchor_bands[a].y1, line[k].box.y1);
    }
  }
  std::sort(values.begin(), values.end(), [](const Value& a, const Value& b) { return a.box.x0 < b.box.x0; });
  std::vector<Column> cols;
  for (const Value& v : values) {
    if (cols.empty() || v.box.x0 > cols.back().x1 + 0.3 * em_) cols.push_back({v.box.x0, v.box.x1, {}});
    Column& c = cols.back();
    c.x1 = std::max(c.x1, v.box.x1);
    if (std::find(c.rows.begin(), c.rows.end(), v.anchor) == c.rows.end()) c.rows.push_back(v.anchor);
  }
  // A column is one that at least three rows share; numbers elsewhere must
  // be rare, or the "columns" are a coincidence of prose.
  std::vector<Column> kept;
  std::size_t in_kept = 0;
  for (const Column& c : cols) {
    if (c.rows.size() >= 3) kept.push_back(c);
  }
  for (const Value& v : values) {
    in_kept += std::any_of(kept.begin(), kept.end(),
                           [&](const Column& c) { return v.box.x0 >= c.x0 - 1e-9 && v.box.x1 <= c.x1 + 1e-9; });
  }
  if (kept.size() < 2 || 5 * in_kept < 4 * values.size()) return std::nullopt;
  const double value_left = kept.front().x0;
  const double top = anchor_bands.front().y0, bottom = anchor_bands.back().y1;

  // The words around the rows of numbers.
  std::vector<Ref> near;
  for (std::size_t l = 0; l < lines_.size(); ++l) {
    for (std::size_t w = 0; w < lines_[l].size(); ++w) {
      const Box& b = lines_[l][w].box;
      if (!used_[l][w] && b.y1 >= top - 8 * em_ && b.y0 <= bottom + 8 * em_) near.push_back({l, w});
    }
  }
  const auto word = [&](const Ref& r) -> const Word& { return lines_[r.line][r.word]; };
  const auto in_labels = [&](const Ref& r) { return word(r).box.cx() < value_left; };

  // Labels down a merged cell: single characters stacked at one x, a line
  // apart at most, three or more.
  std::vector<Ref> singles;
  for (const Ref& r : near) {
    if (in_labels(r) && IsVerticalChar(word(r).text)) singles.push_back(r);
  }
  std::sort(singles.begin(), singles.end(), [&](const Ref& a, const Ref& b) { return word(a).box.y0 < word(b).box.y0; });
  std::vector<std::vector<Ref>> runs;
  std::vector<bool> taken(singles.size(), false);
  for (std::size_t i = 0; i < singles.size(); ++i) {
    if (taken[i]) continue;
    std::vector<Ref> chain{singles[i]};
    std::vector<std::size_t> idx{i};
    for (std::size_t j = i + 1; j < singles.size(); ++j) {
      const Box& last = word(chain.back()).box;
      const Box& b = word(singles[j]).box;
      if (b.y0 - last.y1 > 0.6 * em_) break;
      if (!taken[j] && std::abs(b.cx() - last.cx()) <= 0.5 * em_ && b.y0 > last.cy()) {
        chain.push_back(singles[j]);
        idx.push_back(j);
      }
    }
    if (chain.size() < 3) continue;
    const double r0 = word(chain.front()).box.y0, r1 = word(chain.back()).box.y1;
    if (r1 < top - em_ || r0 > bottom + em_) continue;
    for (std::size_t k : idx) taken[k] = true;
    runs.push_back(std::move(chain));
  }
  // A vertical label broken by a page break leaves one or two characters on
  // a page: such a character is a piece of a vertical label where the
  // column of vertical labels is, or where it stands apart to the left of
  // the label on its line (三  （一）予以公开).
  std::vector<double> run_x;
  for (const auto& chain : runs) run_x.push_back(word(chain.front()).box.cx());
  for (std::size_t i = 0; i < singles.size(); ++i) {
    if (taken[i]) continue;
    const Ref& r = singles[i];
    const Box& b = word(r).box;
    if (b.cy() < top - em_ || b.cy() > bottom + em_) continue;
    bool piece = std::any_of(run_x.begin(), run_x.end(), [&](double x) { return std::abs(x - b.cx()) <= 0.5 * em_; });
    if (!piece) {
      bool left = false, apart = false;
      for (const Ref& o : rows_[row_of_[r.line][r.word]]) {
        const Box& q = At(o).box;
        if ((o.line == r.line && o.word == r.word) || used_[o.line][o.word] || q.cx() >= value_left) continue;
        left = left || q.x1 <= b.x0;
        apart = apart || q.x0 - b.x1 >= 1.5 * em_;
      }
      piece = apart && !left;
    }
    if (piece) runs.push_back({r});
  }
  const auto is_run_word = [&](const Ref& r) {
    for (const auto& run_words : runs) {
      for (const Ref& q : run_words) {
        if (q.line == r.line && q.word == r.word) return true;
      }
    }
    return false;
  };

  // Label words inside the rows' span, then fragments of the first and last
  // labels just above and below it (a wrapped label whose numbers are
  // centred). Not past a line of column headings, nor across a gap wider
  // than the space between two lines of one cell.
  std::vector<Ref> labels, values_area;
  std::vector<Ref> above, below;
  std::vector<Row> headings;
  for (const Ref& r : near) {
    if (is_run_word(r)) continue;
    const Box& b = word(r).box;
    if (b.cy() >= top && b.cy() <= bottom) {
      (in_labels(r) ? labels : values_area).push_back(r);
    } else if (b.x1 <= value_left + 0.5 * em_) {
      (b.cy() < top ? above : below).push_back(r);
    } else if (b.cy() < top) {
      headings.push_back({b.y0, b.y1});
    }
  }
  double ext_top = top, ext_bottom = bottom;
  // Above the first row, label lines as far up as the blank between two
  // rows are a row too (when no column headings are in between): the end
  // of a row that the page break cut, at the top of a page, which Assemble
  // joins back (ContinuesRow), or a row whose cells are blank.
  double row_gap = 0;
  for (std::size_t a = 0; a + 1 < anchor_bands.size(); ++a) {
    const double g = anchor_bands[a + 1].y0 - anchor_bands[a].y1;
    if (g > 0 && (row_gap == 0 || g < row_gap)) row_gap = g;
  }
  const double reach_up = std::max(0.35 * em_, std::min(1.5 * em_, 1.2 * row_gap));
  std::sort(above.begin(), above.end(), [&](const Ref& a, const Ref& b) { return word(a).box.y1 > word(b).box.y1; });
  for (const Ref& r : above) {
    const Box& b = word(r).box;
    const bool heading = std::any_of(headings.begin(), headings.end(), [&](const Row& h) { return b.y0 < h.y1 && h.y0 < b.y1; });
    if (heading || b.y1 < ext_top - reach_up) continue;
    ext_top = std::min(ext_top, b.y0);
    labels.push_back(r);
  }
  std::sort(below.begin(), below.end(), [&](const Ref& a, const Ref& b) { return word(a).box.y0 < word(b).box.y0; });
  for (const Ref& r : below) {
    const Box& b = word(r).box;
    if (b.y0 > ext_bottom + 0.35 * em_) continue;
    ext_bottom = std::max(ext_bottom, b.y1);
    labels.push_back(r);
  }
  for (const auto& run_words : runs) {
    ext_top = std::min(ext_top, word(run_words.front()).box.y0);
    ext_bottom = std::max(ext_bottom, word(run_words.back()).box.y1);
  }

  // Row borders: between two rows of numbers, at the widest blank between
  // the label lines there; two blanks about as wide leave a row of labels
  // alone between them (a row whose cells are all blank).
  std::vector<double> ys{ext_top};
  for (std::size_t a = 0; a + 1 < anchor_bands.size(); ++a) {
    const double ca = (anchor_bands[a].y0 + anchor_bands[a].y1) / 2;
    const double cb = (anchor_bands[a + 1].y0 + anchor_bands[a + 1].y1) / 2;
    std::vector<Row> spans{anchor_bands[a], anchor_bands[a + 1]};
    for (const Ref& r : labels) {
      const Box& b = word(r).box;
      if (b.cy() > ca && b.cy() < cb) spans.push_back({b.y0, b.y1});
    }
    std::sort(spans.begin(), spans.end(), [](const Row& x, const Row& y) { return x.y0 < y.y0; });
    std::vector<Row> gaps;  // blank bands between blocks of text
    double reach = spans.front().y1;
    for (std::size_t k = 1; k < spans.size(); ++k) {
      if (spans[k].y0 > reach) gaps.push_back({reach, spans[k].y0});
      reach = std::max(reach, spans[k].y1);
    }
    double widest = 0;
    for (const Row& g : gaps) widest = std::max(widest, g.y1 - g.y0);
    // Two rows of numbers are two rows even when text fills the space
    // between them (a group label set across the border): then the border
    // is halfway.
    const double need = std::max(0.3 * em_, 0.7 * widest);
    const std::size_t before = ys.size();
    for (const Row& g : gaps) {
      if (g.y1 - g.y0 >= need) ys.push_back((g.y0 + g.y1) / 2);
    }
    if (ys.size() == before) ys.push_back((ca + cb) / 2);
  }
  ys.push_back(ext_bottom);
  // A label block reaches as far above its numbers as below them (centred)
  // or not at all (set at the top of the cell): label lines above the first
  // row of numbers beyond that are a row of their own, typically the end of
  // a row that began on the previous page.
  {
    const Row& a0 = anchor_bands.front();
    const double ca = (a0.y0 + a0.y1) / 2;
    double reach_below = 0;
    for (const Ref& r : labels) {
      const Box& b = word(r).box;
      if (b.cy() > ca && b.cy() < ys[1]) reach_below = std::max(reach_below, b.y1 - a0.y1);
    }
    const double limit = a0.y0 - reach_below - 0.5 * em_;
    double split = ys.front();
    for (const Ref& r : labels) {
      const Box& b = word(r).box;
      if (b.cy() < a0.y0 && b.y0 < limit) split = std::max(split, b.y1);
    }
    if (split > ys.front() && split < ys[1]) ys.insert(ys.begin() + 1, split);
  }
  for (std::size_t k = 1; k < ys.size(); ++k) ys[k] = std::max(ys[k], ys[k - 1] + 1e-6);
  const int nrows = static_cast<int>(ys.size()) - 1;
  const auto row_of = [&](double y) {
    const int r = static_cast<int>(std::upper_bound(ys.begin(), ys.end(), y) - ys.begin()) - 1;
    return std::clamp(r, 0, nrows - 1);
  };

  // Columns: the vertical labels (one column per x), the labels, the values.
  std::vector<double> vx;  // centre of each column of vertical labels
  for (const auto& run_words : runs) {
    const double cx = word(run_words.front()).box.cx();
    if (std::none_of(vx.begin(), vx.end(), [&](double x) { return std::abs(x - cx) <= em_; })) vx.push_back(cx);
  }
  std::sort(vx.begin(), vx.end());
  // Per row, the label words in blocks that do not overlap across: the
  // rightmost block is the row's label, blocks left of it are group labels
  // written across in a column of their own (（三）/不予公/开 beside
  // 4.保护第三方合法权益), which get a column before the labels.
  std::vector<std::vector<Ref>> row_labels(static_cast<std::size_t>(nrows));
  for (const Ref& r : labels) row_labels[static_cast<std::size_t>(row_of(word(r).box.cy()))].push_back(r);
  std::vector<std::vector<bool>> row_grouped(static_cast<std::size_t>(nrows));
  bool any_group = false;
  for (std::size_t rr = 0; rr < row_labels.size(); ++rr) {
    auto& ws = row_labels[rr];
    std::sort(ws.begin(), ws.end(), [&](const Ref& a, const Ref& b) { return word(a).box.x0 < word(b).box.x0; });
    double reach = -1e300, last_block = 0;
    for (const Ref& r : ws) {
      const Box& b = word(r).box;
      if (b.x0 > reach + 0.25 * em_) last_block = b.x0;
      reach = std::max(reach, b.x1);
    }
    for (const Ref& r : ws) {
      row_grouped[rr].push_back(word(r).box.x0 < last_block);
      any_group = any_group || row_grouped[rr].back();
    }
  }
  const int nv = static_cast<int>(vx.size()) + (any_group ? 1 : 0);
  const int ncols = nv + 1 + static_cast<int>(kept.size());
  TextGrid out;
  Grid& grid = out.grid;
  grid.ys = ys;
  double left = value_left;
  for (const Ref& r : near) {
    if (is_run_word(r) || std::find_if(labels.begin(), labels.end(), [&](const Ref& q) {
          return q.line == r.line && q.word == r.word;
        }) != labels.end()) {
      left = std::min(left, word(r).box.x0);
    }
  }
  grid.xs.push_back(left);
  for (std::size_t k = 0; k < vx.size(); ++k) grid.xs.push_back(vx[k] + 0.75 * em_);
  if (any_group) grid.xs.push_back(grid.xs.back() + em_);
  for (std::size_t k = 0; k < kept.size(); ++k) {
    grid.xs.push_back(k == 0 ? value_left - 0.25 * em_ : (kept[k - 1].x1 + kept[k].x0) / 2);
  }
  grid.xs.push_back(kept.back().x1 + 0.25 * em_);
  for (std::size_t k = 1; k < grid.xs.size(); ++k) grid.xs[k] = std::max(grid.xs[k], grid.xs[k - 1] + 1e-6);
  grid.anchor.resize(static_cast<std::size_t>(nrows) * ncols);
  for (std::size_t k = 0; k < grid.anchor.size(); ++k) grid.anchor[k] = static_cast<int>(k);
  out.cell_words.resize(grid.anchor.size());
  const auto cell = [&](int r, int c) { return static_cast<std::size_t>(r) * ncols + c; };
  const auto take = [&](const Ref& r) { used_[r.line][r.word] = true; };

  for (const auto& run_words : runs) {
    const double cx = word(run_words.front()).box.cx();
    const int c = static_cast<int>(std::find_if(vx.begin(), vx.end(), [&](double x) { return std::abs(x - cx) <= em_; }) -
                                   vx.begin());
    const int r0 = row_of(word(run_words.front()).box.cy());
    const int r1 = row_of(word(run_words.back()).box.cy());
    Word joined;
    joined.box = word(run_words.front()).box;
    for (const Ref& r : run_words) {
      joined.text += word(r).text;
      joined.box = UnionBox(joined.box, word(r).box);
      joined.confidence = std::min(joined.confidence, word(r).confidence);
      take(r);
    }
    // Rows already spanned by another label of this column keep it.
    int end = r0;
    while (end + 1 <= r1 && grid.anchor[cell(end + 1, c)] == static_cast<int>(cell(end + 1, c))) ++end;
    for (int r = r0 + 1; r <= end; ++r) grid.anchor[cell(r, c)] = static_cast<int>(cell(r0, c));
    out.cell_words[static_cast<std::size_t>(grid.anchor[cell(r0, c)])].push_back(std::move(joined));
  }
  for (std::size_t rr = 0; rr < row_labels.size(); ++rr) {
    for (std::size_t i = 0; i < row_labels[rr].size(); ++i) {
      const Ref& r = row_labels[rr][i];
      const std::size_t k = cell(static_cast<int>(rr), row_grouped[rr][i] ? nv - 1 : nv);
      out.cell_words[static_cast<std::size_t>(grid.anchor[k])].push_back(word(r));
      take(r);
    }
  }
  for (const Ref& r : values_area) {
    const Box& b = word(r).box;
    std::size_t best = 0;
    double best_d = 1e300;
    for (std::size_t k = 0; k < kept.size(); ++k) {
      const double d = b.cx() < kept[k].x0 ? kept[k].x0 - b.cx() : b.cx() > kept[k].x1 ? b.cx() - kept[k].x1 : 0;
      if (d < best_d) {
        best_d = d;
        best = k;
      }
    }
    const std::size_t k = cell(row_of(b.cy()), nv + 1 + static_cast<int>(best));
    out.cell_words[static_cast<std::size_t>(grid.anchor[k])].push_back(word(r));
    take(r);
  }
  return out;
}

}  // namespace

bool IsValueText(std::string_view text) { return IsValueWord(text::Trim(text)); }

bool ContinuesRow(const std::vector<Cell>& prev, const std::vector<Cell>& row) {
  bool prev_values = false, row_text = false;
  for (std::size_t k = 1; k <= row.size(); ++k) {
    const Cell& c = row[row.size() - k];
    const Cell* p = k <= prev.size() ? &prev[prev.size() - k] : nullptr;
    const bool under_value = p != nullptr && !p->merged && IsValueText(p->text);
    prev_values = prev_values || under_value;
    if (under_value && (c.merged || !text::Trim(c.text).empty())) return false;
    if (c.merged || text::Trim(c.text).empty()) continue;
    if (IsValueText(c.text) || p == nullptr) return false;
    row_text = true;
  }
  return prev_values && row_text;
}

std::vector<Cell> JoinRows(std::vector<Cell> prev, const std::vector<Cell>& row) {
  for (std::size_t k = 1; k <= row.size() && k <= prev.size(); ++k) {
    const Cell& c = row[row.size() - k];
    Cell& p = prev[prev.size() - k];
    if (c.merged || text::Trim(c.text).empty()) continue;
    if (p.merged) {
      // The continued cell spans rows above: its text starts a cell here.
      p.merged = false;
      p.text = c.text;
    } else {
      p.text += p.text.empty() ? c.text : "\n" + c.text;
    }
  }
  return prev;
}

std::vector<TextGrid> FindTextGrids(std::vector<std::vector<Word>>& lines) {
  if (lines.size() < 3) return {};
  return Detector(lines).Run();
}

}  // namespace gongkai::readers::layout
