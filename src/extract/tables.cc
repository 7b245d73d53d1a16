#include "extract/tables.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "extract/label_match.h"
#include "report/evidence.h"
#include "util/number.h"
#include "util/text.h"

namespace gongkai::extract {

namespace {

using Kind = Token::Kind;

bool Contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

format::Version VersionFromMarkers(const std::string& joined, const Table2MarkerKeys& markers) {
  int v19 = 0, v21 = 0;
  for (const std::string& m : markers.v2019) v19 += Contains(joined, m);
  for (const std::string& m : markers.v2021) v21 += Contains(joined, m);
  if (v19 == 0 && v21 == 0) return format::Version::kUnknown;
  return v19 > v21 ? format::Version::kV2019 : format::Version::kV2021;
}

// The values after a label: numbers, "/" and blank cells, up to `need`.
struct Run {
  std::vector<const Token*> cells;  // nullptr: a blank cell
  std::size_t next = 0;             // first token after the run
};

Run ReadValues(const std::vector<Token>& tokens, std::size_t start, std::size_t need) {
  Run run;
  bool passed_row_end = false;
  bool any_in_row = false;
  std::size_t i = start;
  for (; i < tokens.size() && run.cells.size() < need; ++i) {
    const Token& t = tokens[i];
    if (IsValue(t)) {
      run.cells.push_back(&t);
      any_in_row = true;
    } else if (t.kind == Kind::kEmpty) {
      // A blank cell in the label's row is a blank value; blank cells that
      // open a later row are the merged label columns of that row.
      if (!passed_row_end || any_in_row) run.cells.push_back(nullptr);
    } else if (t.kind == Kind::kRowEnd) {
      if (t.hard && !run.cells.empty()) break;
      passed_row_end = true;
      any_in_row = false;
    } else {
      break;  // text: the next label
    }
  }
  // Trailing blank cells of a short row are not values.
  while (!run.cells.empty() && run.cells.back() == nullptr && run.cells.size() < need) run.cells.pop_back();
  run.next = i;
  return run;
}

// Narrative, not a table: "共处理行政许可 37957 件，" in PDF text.
bool LooksLikeProse(const std::vector<Token>& tokens, const Run& run) {
  for (const Token* c : run.cells) {
    if (c && c->in_table) return false;
  }
  for (const Token* c : run.cells) {
    if (c && !c->unit.empty() && c->unit != "万元") return true;
  }
  if (run.next < tokens.size() && tokens[run.next].kind == Kind::kText) {
    const std::string& k = tokens[run.next].key;
    for (std::string_view p : {"件", "个", "项", "条", "元", "万", ",", ".", "、", ";", ":", "%", ")", "。", "次", "人"}) {
      if (k.compare(0, p.size(), p) == 0) return true;
    }
  }
  return false;
}

CellValue ToCell(const Token* t, const std::string& text) {
  CellValue c;
  c.found = true;
  if (t == nullptr) return c;  // blank
  c.offset = t->offset;
  c.raw = text.substr(t->offset, t->length);
  if (t->kind == Kind::kNumber) {
    c.value = t->value;
  } else {
    c.not_applicable = true;
  }
  return c;
}

std::string JoinRaw(const Run& run, const std::string& text) {
  std::string s;
  for (const Token* c : run.cells) {
    if (!s.empty()) s += ' ';
    s += c ? text.substr(c->offset, c->length) : "（空）";
  }
  return s;
}

// Findings about cells that hold no number: not found, blank, "/". A row
// never found is one finding of its own; blank and "/" cells are collected
// in `nulls` and written by FlushNulls, one finding per kind and table.
struct NullCell {
  std::string rule;      // extract.cell_blank or extract.cell_not_applicable
  std::string where;     // "表三“（一）予以公开”行“商业企业”列"
  std::string row_label;
  std::string column_label;
  std::string raw;       // "/" as printed, empty for a blank
  CellRef cell;
  std::optional<std::size_t> offset;
};

void ReportNulls(const std::string& table_name, int table, const std::string& row_key,
                 const std::string& row_label, const std::vector<std::string_view>& column_keys,
                 const std::vector<std::string_view>& column_labels, const std::vector<CellValue*>& cells,
                 std::string_view omitted_reason, std::vector<NullCell>& nulls, std::vector<Finding>& out) {
  bool any_found = false;
  for (const CellValue* c : cells) any_found |= c->found;
  if (!any_found && !omitted_reason.empty()) {
    Finding f;
    f.rule = "extract.row_omitted";
    f.severity = "info";
    f.table = table;
    f.row = row_key;
    f.message = table_name + "未列“" + row_label + "”行（" + std::string(omitted_reason) + "），该行" +
                std::to_string(cells.size()) + "个单元格按未填处理，不计为0";
    out.push_back(std::move(f));
    return;
  }
  if (!any_found) {
    Finding f;
    f.rule = "extract.row_missing";
    f.severity = "warning";
    f.table = table;
    f.row = row_key;
    f.message = table_name + "“" + row_label + "”行未能识别，该行" + std::to_string(cells.size()) +
                "个单元格按未填处理，不计为0";
    out.push_back(std::move(f));
    return;
  }
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const CellValue& c = *cells[i];
    if (c.value) continue;
    NullCell n;
    n.cell = CellRef{table, row_key, std::string(column_keys[i])};
    n.row_label = row_label;
    n.column_label = std::string(column_labels[i]);
    n.where = table_name + "“" + row_label + "”行" + (n.column_label.empty() ? "" : "“" + n.column_label + "”列");
    n.rule = c.offset && c.not_applicable ? "extract.cell_not_applicable" : "extract.cell_blank";
    if (c.offset && c.not_applicable) n.raw = c.raw;
    n.offset = c.offset;
    nulls.push_back(std::move(n));
  }
}

// The places of several null cells in a few words: rows with the same
// columns together, "“（一）予以公开”“（二）部分公开”行的“商业企业”“科研机构”列".
std::string Places(const std::vector<const NullCell*>& cells) {
  struct RowCols {
    std::string row;
    std::vector<std::string> columns;
  };
  std::vector<RowCols> rows;
  for (const NullCell* c : cells) {
    if (rows.empty() || rows.back().row != c->row_label) rows.push_back({c->row_label, {}});
    std::string col = c->column_label.empty() ? "" : "“" + c->column_label + "”";
    if (!c->raw.empty()) col += "（填“" + c->raw + "”）";
    rows.back().columns.push_back(col);
  }
  std::string out;
  for (std::size_t i = 0; i < rows.size();) {
    std::size_t j = i + 1;
    while (j < rows.size() && rows[j].columns == rows[i].columns) ++j;
    if (!out.empty()) out += "；";
    const std::size_t n = j - i;
    if (n <= 3) {
      for (std::size_t k = i; k < j; ++k) out += "“" + rows[k].row + "”";
    } else {
      out += "“" + rows[i].row + "”至“" + rows[j - 1].row + "”共" + std::to_string(n);
    }
    out += "行";
    std::string cols;
    for (const auto& c : rows[i].columns) cols += c;
    if (!cols.empty()) out += (n > 1 ? "的" : "") + cols + "列";
    i = j;
  }
  return out;
}

// One finding per null cell when a table has one of its kind; one finding
// naming every cell (Finding::cells) when it has several, so that 125 blank
// cells of one table are one finding, not 125.
void FlushNulls(const std::string& table_name, const std::vector<NullCell>& nulls, const std::string& text,
                std::vector<Finding>& out) {
  for (std::string_view rule : {"extract.cell_blank", "extract.cell_not_applicable"}) {
    std::vector<const NullCell*> of_rule;
    for (const NullCell& n : nulls) {
      if (n.rule == rule) of_rule.push_back(&n);
    }
    if (of_rule.empty()) continue;
    const bool blank = rule == "extract.cell_blank";
    Finding f;
    f.rule = std::string(rule);
    f.severity = blank ? "warning" : "info";
    const NullCell& first = *of_rule.front();
    f.table = first.cell.table;
    f.row = first.cell.row;
    f.column = first.cell.column;
    if (of_rule.size() == 1) {
      if (blank) {
        f.message = first.where + (first.offset ? "为空白，按未填处理，不计为0"
                                                : "为空白或未能读出，按未填处理，不计为0");
      } else {
        f.message = first.where + "填写“" + first.raw + "”，视为不适用，按未填处理";
      }
    } else {
      for (const NullCell* n : of_rule) f.cells.push_back(n->cell);
      const std::string count = std::to_string(of_rule.size());
      f.message = blank ? table_name + "共" + count + "个单元格为空白或未能读出，按未填处理，不计为0：" +
                              Places(of_rule)
                        : table_name + "共" + count + "个单元格填写“/”“—”等，视为不适用，按未填处理：" +
                              Places(of_rule);
    }
    for (const NullCell* n : of_rule) {
      if (n->offset) {
        f.offset = n->offset;
        f.excerpt = Excerpt(text, *n->offset);
        break;
      }
    }
    out.push_back(std::move(f));
  }
}

// The grid columns of Table 三's seven column headers (自然人 … 总计) in one
// table block, left to right.
struct HeaderColumns {
  int block = -1;
  std::array<int, format::kTable3Columns> columns{};
};

// For each table block whose cells name all seven column headers of Table 三
// in order, where they stand.
std::vector<HeaderColumns> Table3Headers(const std::vector<Token>& tokens) {
  std::array<std::string, format::kTable3Columns> keys;
  for (std::size_t j = 0; j < keys.size(); ++j) keys[j] = FoldVariants(text::MatchKey(format::Table3Columns()[j].label));
  std::vector<HeaderColumns> out;
  HeaderColumns cur;
  std::array<bool, format::kTable3Columns> seen{};
  auto flush = [&]() {
    bool all = cur.block >= 0;
    for (std::size_t j = 0; j < seen.size(); ++j) all = all && seen[j] && (j == 0 || cur.columns[j] > cur.columns[j - 1]);
    if (all) out.push_back(cur);
    cur = HeaderColumns{};
    seen.fill(false);
  };
  for (const Token& t : tokens) {
    if (t.block < 0) continue;
    if (t.block != cur.block) {
      flush();
      cur.block = t.block;
    }
    if (t.kind != Kind::kText) continue;
    const std::string_view key = t.key;
    for (std::size_t j = 0; j < keys.size(); ++j) {
      if (!seen[j] && (key == keys[j] || FoldVariants(key) == keys[j])) {
        seen[j] = true;
        cur.columns[j] = t.column;
        break;
      }
    }
  }
  flush();
  return out;
}

// The values of the row whose first value is tokens[k], each under the
// header whose column it sits in: a blank cell, or a value printed a column
// further, then costs that cell only. nullopt when the row's cells do not
// line up with the headers (a value under no header, two under one, out of
// order): the values are then read in order.
std::optional<std::vector<const Token*>> PlaceByColumn(const std::vector<Token>& tokens, std::size_t k,
                                                       const std::vector<HeaderColumns>& headers) {
  if (k >= tokens.size() || tokens[k].block < 0) return std::nullopt;
  const int block = tokens[k].block;
  const HeaderColumns* h = nullptr;
  for (const HeaderColumns& c : headers) {
    if (c.block == block) h = &c;
  }
  if (!h) return std::nullopt;
  std::vector<const Token*> placed(format::kTable3Columns, nullptr);
  std::size_t last = 0;
  bool any = false;
  for (std::size_t i = k; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind == Kind::kRowEnd || t.kind == Kind::kText) break;
    if (t.kind == Kind::kEmpty) continue;
    if (t.block != block) return std::nullopt;
    std::size_t j = 0;
    while (j < h->columns.size() && h->columns[j] != t.column) ++j;
    if (j == h->columns.size() || placed[j] || (any && j <= last)) return std::nullopt;
    placed[j] = &t;
    last = j;
    any = true;
  }
  if (!any) return std::nullopt;
  return placed;
}

// A column header of Table 四 printed with one wrong character ("尚末审结").
struct Table4Typo {
  std::size_t column;   // index into format::Table4Columns()
  std::string printed;
};

// True if `header` (MatchKeys joined) is the header of Table 四: a group
// (行政复议 or 行政诉讼) and three or more of its four result columns, each
// spelt right or with one character wrong; those so misspelt in `typos`.
bool IsTable4Header(const std::string& header, std::vector<Table4Typo>& typos) {
  const auto columns = format::Table4Columns();
  // The result columns (all but 总计), in the form's words; 尚未审结 last.
  constexpr std::size_t kResults = format::kTable4Columns - 1;
  bool group = Contains(header, "复议");
  for (const auto& g : format::Table4Groups()) group |= Contains(header, g.label);
  if (!group) return false;
  if (Contains(header, columns[kResults - 1].label)) return true;
  std::size_t exact = 0;
  for (std::size_t c = 0; c < kResults; ++c) exact += Contains(header, columns[c].label);
  // Some misspelt: compare every window of the header with the labels,
  // one substitution allowed (the labels are four characters).
  std::u32string wide;
  for (std::size_t i = 0; i < header.size();) wide += text::NextCodePoint(header, i);
  std::size_t found = exact;
  for (std::size_t c = 0; c < kResults; ++c) {
    if (Contains(header, columns[c].label)) continue;
    std::u32string label;
    const std::string_view l = columns[c].label;
    for (std::size_t i = 0; i < l.size();) label += text::NextCodePoint(l, i);
    for (std::size_t at = 0; at + label.size() <= wide.size(); ++at) {
      std::size_t wrong = 0;
      for (std::size_t j = 0; j < label.size() && wrong <= 1; ++j) wrong += wide[at + j] != label[j];
      if (wrong == 1) {
        std::string printed;
        for (std::size_t j = 0; j < label.size(); ++j) text::AppendCodePoint(printed, wide[at + j]);
        typos.push_back({c, std::move(printed)});
        ++found;
        break;
      }
    }
  }
  if (found >= kResults - 1) return true;
  typos.clear();
  return false;
}

// What the arithmetic of Table 三 says cell (row, c) must hold, from the other
// rows (the outcomes sum to （七）总计; 一 + 二 = （七）总计 + 四), when all the
// cells it needs are read and sure.
std::optional<double> Implied(const Table3& t, std::size_t row, std::size_t c, const std::vector<bool>& unsure) {
  const auto rows = format::Table3Rows();
  auto at = [&](std::size_t i) -> std::optional<double> {
    if (unsure[i] || i >= t.rows.size()) return std::nullopt;
    return t.rows[i][c].value;
  };
  auto index = [](std::string_view key) { return static_cast<std::size_t>(format::Table3RowIndex(key)); };
  const std::size_t n = index("new_received"), k = index("carried_over"), total = index("total"),
                    f = index("carried_forward");
  auto outcomes_but = [&](std::size_t skip) -> std::optional<double> {
    double sum = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (!rows[i].outcome || !Table3RowInLayout(t, i) || i == skip) continue;
      const auto v = at(i);
      if (!v) return std::nullopt;
      sum += *v;
    }
    return sum;
  };
  if (rows[row].outcome) {
    const auto tv = at(total);
    const auto rest = outcomes_but(row);
    if (!tv || !rest) return std::nullopt;
    return *tv - *rest;
  }
  const auto nv = at(n), kv = at(k), tv = at(total), fv = at(f);
  if (row == total) return outcomes_but(row);
  if (row == n && kv && tv && fv) return *tv + *fv - *kv;
  if (row == k && nv && tv && fv) return *tv + *fv - *nv;
  if (row == f && nv && kv && tv) return *nv + *kv - *tv;
  return std::nullopt;
}

// A row of Table 三 read from text with fewer values than columns (a blank
// cell printed as nothing): every way of putting its values in order into
// the seven columns is tried against the row's own sum and what the other
// rows imply for each column. The cells on which all the placements that
// agree with the arithmetic agree are kept, the others are null. Returns the
// columns left null, or nullopt when no placement agrees (or the row came
// from a grid, whose blank cells are cells): then the values stay in order.
std::optional<std::vector<std::size_t>> PlaceByArithmetic(Table3& t, std::size_t row, const Run& run,
                                                          const std::vector<bool>& unsure,
                                                          const std::string& text) {
  constexpr std::size_t kCols = format::kTable3Columns;
  const std::size_t k = run.cells.size();
  if (k == 0 || k >= kCols) return std::nullopt;
  for (const Token* c : run.cells) {
    if (!c || c->kind != Kind::kNumber) return std::nullopt;
  }
  std::array<std::optional<double>, kCols> implied;
  for (std::size_t c = 0; c < kCols; ++c) implied[c] = Implied(t, row, c, unsure);
  bool agreed_any = false;
  std::array<const Token*, kCols> agreed{};
  std::array<bool, kCols> differ{};
  for (unsigned mask = 0; mask < (1u << kCols); ++mask) {
    if (static_cast<std::size_t>(std::popcount(mask)) != k) continue;
    std::array<const Token*, kCols> placed{};
    std::size_t next = 0;
    for (std::size_t c = 0; c < kCols; ++c) {
      if (mask & (1u << c)) placed[c] = run.cells[next++];
    }
    bool ok = true;
    double applicants = 0;
    for (std::size_t c = 0; c < kCols && ok; ++c) {
      const double v = placed[c] ? placed[c]->value : 0;
      if (implied[c] && std::fabs(*implied[c] - v) > 1e-9) ok = false;
      if (c + 1 < kCols) applicants += v;
    }
    if (ok && placed[kCols - 1] && std::fabs(applicants - placed[kCols - 1]->value) > 1e-9) ok = false;
    if (!ok) continue;
    if (!agreed_any) {
      agreed = placed;
      agreed_any = true;
      continue;
    }
    for (std::size_t c = 0; c < kCols; ++c) {
      const bool same = (!placed[c] && !agreed[c]) || (placed[c] && agreed[c] && placed[c]->value == agreed[c]->value);
      if (!same) differ[c] = true;
    }
  }
  if (!agreed_any) return std::nullopt;
  std::vector<std::size_t> unknown;
  auto& cells = t.rows[row];
  for (std::size_t c = 0; c < kCols; ++c) {
    cells[c] = ToCell(differ[c] ? nullptr : agreed[c], text);
    if (differ[c]) unknown.push_back(c);
  }
  return unknown;
}

// Values after a label that matched no row, kept for the alignment by order.
struct Unplaced {
  std::vector<std::string> fragments;        // MatchKeys of the words before the values
  std::vector<std::size_t> fragment_tokens;  // their tokens
  Run run;
  std::size_t at = 0;  // token of the first value
  bool from_table = false;
  bool used = false;
};

// The label as printed, from fragment `first` on (leading fragments that are
// only group labels or headers left out): "1.属于国家秘蜜".
std::string PrintedLabel(const std::vector<Token>& tokens, const std::vector<std::size_t>& fragment_tokens,
                         std::size_t first, const LabelMatcher& matcher, const std::string& text) {
  if (fragment_tokens.empty()) return {};
  while (first + 1 < fragment_tokens.size() && matcher.IsHeaderOnly(tokens[fragment_tokens[first]].key)) ++first;
  if (first >= fragment_tokens.size()) first = fragment_tokens.size() - 1;
  const Token& a = tokens[fragment_tokens[first]];
  const Token& z = tokens[fragment_tokens.back()];
  std::string raw = text.substr(a.offset, z.offset + z.length - a.offset);
  std::string out;
  bool space = false;
  for (char c : raw) {
    const bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '|';
    if (ws) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace

Table2MarkerKeys::Table2MarkerKeys() {
  for (auto m : format::Table2Markers(format::Version::kV2019)) v2019.push_back(text::MatchKey(m));
  for (auto m : format::Table2Markers(format::Version::kV2021)) v2021.push_back(text::MatchKey(m));
}

format::Version DetectTable2Version(const std::vector<Token>& tokens) {
  return DetectTable2Version(tokens, Table2MarkerKeys());
}

format::Version DetectTable2Version(const std::vector<Token>& tokens, const Table2MarkerKeys& markers) {
  std::size_t size = 0;
  for (const Token& t : tokens) {
    if (t.kind == Kind::kText) size += t.key.size();
  }
  std::string joined;
  joined.reserve(size);
  for (const Token& t : tokens) {
    if (t.kind == Kind::kText) joined += t.key;
  }
  return VersionFromMarkers(joined, markers);
}

format::Version Table2Layout(format::Version version) {
  return version == format::Version::kV2019 ? format::Version::kV2019 : format::Version::kV2021;
}

void ExtractTables(const std::vector<Token>& tokens, format::Version version, const std::string& text,
                   Report& report) {
  ExtractTables(tokens, version, text, LabelMatcher(Table2Layout(version)), report);
}

void ExtractTables(const std::vector<Token>& tokens, format::Version version, const std::string& text,
                   const LabelMatcher& matcher, Report& report) {
  const format::Version t2v = Table2Layout(version);
  const auto t2rows = format::Table2Rows(t2v);
  const auto t3rows = format::Table3Rows();
  report.table2.version = t2v;
  report.table2.rows.assign(t2rows.size(), {});
  for (std::size_t r = 0; r < t2rows.size(); ++r) report.table2.rows[r].resize(t2rows[r].columns.size());
  report.table3.rows.assign(t3rows.size(), {});

  std::vector<std::string_view> fragments;
  std::vector<std::size_t> fragment_tokens;
  struct Accepted {
    Run run;
    bool from_table;
    std::size_t at = 0;   // token of the first value
    std::string printed;  // the label as printed when it is not the official spelling
    bool aligned = false; // placed by the alignment of unmatched labels
  };
  std::vector<std::optional<Accepted>> t2_runs(t2rows.size()), t3_runs(t3rows.size());
  bool t4_seen = false;
  std::size_t t4_at = tokens.size();
  // Values after a label no row's spelling matched: kept for the alignment
  // by order below.
  std::vector<Unplaced> unplaced;

  auto header_text = [&]() {
    std::string s;
    for (auto f : fragments) s += f;
    return s;
  };
  auto short_row = [&](int table, const std::string& key, const std::string& label, const Run& run,
                       std::size_t need) {
    Finding f;
    f.rule = "extract.row_short";
    f.severity = "warning";
    f.table = table;
    f.row = key;
    f.message = std::string(table == 2 ? "表二" : table == 3 ? "表三" : "表四") + "“" + label + "”行只读到" +
                std::to_string(run.cells.size()) + "个数值（应为" + std::to_string(need) + "个）：" +
                JoinRaw(run, text) + "；数值按顺序填入，其余记为空值，位置可能有误";
    if (!run.cells.empty() && run.cells.front()) {
      f.offset = run.cells.front()->offset;
      f.excerpt = Excerpt(text, *f.offset);
    }
    report.findings.push_back(std::move(f));
  };

  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const Token& t = tokens[k];
    if (t.kind == Kind::kText) {
      fragments.push_back(t.key);
      fragment_tokens.push_back(k);
      if (fragments.size() > 64) {
        fragments.erase(fragments.begin());
        fragment_tokens.erase(fragment_tokens.begin());
      }
      continue;
    }
    if (t.kind == Kind::kRowEnd) continue;
    if (fragments.empty()) continue;
    const bool value = IsValue(t);

    // Table 四: fifteen values after its header (结果维持 … 尚未审结 … 总计).
    if (value && !t4_seen) {
      const std::string header = header_text();
      std::vector<Table4Typo> t4_typos;
      if (IsTable4Header(header, t4_typos)) {
        const Run run = ReadValues(tokens, k, format::kTable4Groups * format::kTable4Columns);
        if (run.cells.size() >= format::kTable4Columns) {
          for (std::size_t i = 0; i < run.cells.size(); ++i) {
            report.table4.groups[i / format::kTable4Columns][i % format::kTable4Columns] =
                ToCell(run.cells[i], text);
          }
          if (run.cells.size() < format::kTable4Groups * format::kTable4Columns) {
            short_row(4, "", "行政复议、行政诉讼", run, format::kTable4Groups * format::kTable4Columns);
          }
          for (const Table4Typo& typo : t4_typos) {
            Finding f;
            f.rule = "extract.label_typo";
            f.severity = "info";
            f.table = 4;
            f.column = std::string(format::Table4Columns()[typo.column].key);
            f.message = "表四表头印作“" + typo.printed + "”，与格式规定的“" +
                        std::string(format::Table4Columns()[typo.column].label) + "”不同；按表头的顺序认定该列，数值照此读入";
            if (run.cells.front()) {
              f.offset = run.cells.front()->offset;
              f.excerpt = Excerpt(text, *f.offset);
            }
            report.findings.push_back(std::move(f));
          }
          t4_seen = true;
          t4_at = k;
          report.table4.found = true;
          fragments.clear();
          fragment_tokens.clear();
          k = run.next - 1;
          continue;
        }
      }
    }

    const auto m = matcher.Match(fragments);
    if (!m) {
      if (value) {
        const Run run = ReadValues(tokens, k, format::kTable3Columns);
        if (!run.cells.empty() && !LooksLikeProse(tokens, run)) {
          Unplaced u;
          const std::size_t from = fragments.size() > 12 ? fragments.size() - 12 : 0;
          for (std::size_t i = from; i < fragments.size(); ++i) {
            u.fragments.emplace_back(fragments[i]);
            u.fragment_tokens.push_back(fragment_tokens[i]);
          }
          u.run = run;
          u.at = k;
          u.from_table = run.cells.front() ? run.cells.front()->in_table : true;
          unplaced.push_back(std::move(u));
          k = run.next - 1;
        }
        fragments.clear();
        fragment_tokens.clear();
      }
      continue;
    }
    const std::size_t need = m->table == 2 ? t2rows[m->row].columns.size() : format::kTable3Columns;
    const Run run = ReadValues(tokens, k, need);
    if (run.cells.empty() || LooksLikeProse(tokens, run)) {
      if (value) {
        fragments.clear();
        fragment_tokens.clear();
      }
      continue;
    }
    // The first reading of a row wins, except that a row read from a real
    // table replaces one read from running text (a page's hidden or quoted
    // copy of the table, a sentence that happens to start with a label).
    auto& slot = m->table == 2 ? t2_runs[m->row] : t3_runs[m->row];
    const bool from_table = run.cells.front() ? run.cells.front()->in_table : true;
    if (!slot || (!slot->from_table && from_table)) {
      slot = Accepted{run, from_table, k, {}, false};
      if (!m->exact) slot->printed = PrintedLabel(tokens, fragment_tokens, m->first_fragment, matcher, text);
    }
    fragments.clear();
    fragment_tokens.clear();
    k = run.next - 1;
  }

  // Labels no spelling matched, aligned to the rows still missing by their
  // order: the rows of each table come in the form's order, so a label
  // between the rows found before and after a gap can only be one of the
  // rows of that gap (Needleman–Wunsch over the gap, the cost of a pair the
  // edit distance of the labels).
  auto first_at = [](const auto& runs, std::size_t fallback) {
    for (const auto& a : runs) {
      if (a) return a->at;
    }
    return fallback;
  };
  auto last_at = [](const auto& runs, std::size_t fallback) {
    std::optional<std::size_t> at;
    for (const auto& a : runs) {
      if (a) at = a->at;
    }
    return at.value_or(fallback);
  };
  std::vector<std::string_view> t2_omitted(t2rows.size()), t3_omitted(t3rows.size());
  auto align = [&](int table, auto& runs, std::size_t lo_bound, std::size_t hi_bound,
                   std::vector<std::string_view>& omitted) {
    const std::size_t n = runs.size();
    bool any = false;
    for (const auto& a : runs) any |= a.has_value();
    if (!any) return;  // no table here: nothing to align running text to
    auto need_of = [&](std::size_t r) {
      return table == 2 ? t2rows[r].columns.size() : format::kTable3Columns;
    };
    std::size_t r = 0;
    while (r < n) {
      if (runs[r]) {
        ++r;
        continue;
      }
      const std::size_t a = r;
      while (r < n && !runs[r]) ++r;
      const std::size_t b = r;  // rows [a, b) missing
      const bool has_prev = a > 0, has_next = b < n;
      const std::size_t lo = has_prev ? runs[a - 1]->at : lo_bound;
      const std::size_t hi = has_next ? runs[b]->at : hi_bound;
      std::vector<Unplaced*> cands;
      for (Unplaced& u : unplaced) {
        if (!u.used && u.at > lo && u.at < hi) cands.push_back(&u);
      }
      const bool closed = has_prev && has_next;
      const std::size_t m = cands.size();
      if (m > 0 && lo < hi) {
        const double limit = closed ? (m == 1 && b - a == 1 ? 0.6 : 0.5) : 0.34;
        // cost[i][j]: candidate i as row a + j, or above 1 when it cannot be.
        std::vector<std::vector<double>> cost(m, std::vector<double>(b - a, 2.0));
        for (std::size_t i = 0; i < m; ++i) {
          std::vector<std::string_view> frags(cands[i]->fragments.begin(), cands[i]->fragments.end());
          for (std::size_t j = 0; j < b - a; ++j) {
            const std::size_t row = a + j;
            const std::size_t got = cands[i]->run.cells.size();
            const std::size_t need = need_of(row);
            if (got > need || (got < need && !cands[i]->from_table)) continue;
            const double c = matcher.Closest(frags, table, row).cost;
            if (c <= limit) cost[i][j] = c;
          }
        }
        // Fewest labels and rows left unpaired (each costs 1), then the
        // least distance.
        const std::size_t w = b - a + 1;
        std::vector<double> dp((m + 1) * w, 0.0);
        for (std::size_t i = 0; i <= m; ++i) {
          for (std::size_t j = 0; j < w; ++j) {
            if (i == 0 || j == 0) {
              dp[i * w + j] = static_cast<double>(i + j);
              continue;
            }
            double v = std::min(dp[(i - 1) * w + j], dp[i * w + j - 1]) + 1.0;
            if (cost[i - 1][j - 1] <= 1.0) v = std::min(v, dp[(i - 1) * w + j - 1] + cost[i - 1][j - 1]);
            dp[i * w + j] = v;
          }
        }
        std::size_t i = m, j = b - a;
        while (i > 0 && j > 0) {
          const double here = dp[i * w + j];
          if (cost[i - 1][j - 1] <= 1.0 && here == dp[(i - 1) * w + j - 1] + cost[i - 1][j - 1]) {
            Unplaced& u = *cands[i - 1];
            u.used = true;
            const std::size_t row = a + j - 1;
            std::vector<std::string_view> frags(u.fragments.begin(), u.fragments.end());
            const auto close = matcher.Closest(frags, table, row);
            runs[row] = Accepted{u.run, u.from_table, u.at,
                                 PrintedLabel(tokens, u.fragment_tokens, close.first_fragment, matcher, text), true};
            --i;
            --j;
          } else if (here == dp[(i - 1) * w + j] + 1.0) {
            --i;
          } else {
            --j;
          }
        }
      }
      // A row the form lets an agency leave out was left out, unless values
      // stand unread where it would be: a table row no label was matched
      // to, or a label that looks like it.
      for (std::size_t row = a; row < b; ++row) {
        if (runs[row]) continue;
        bool unread = false;
        for (const Unplaced* u : cands) {
          if (u->used) continue;
          std::vector<std::string_view> frags(u->fragments.begin(), u->fragments.end());
          unread |= u->from_table || matcher.Closest(frags, table, row).cost <= 0.75;
        }
        if (unread) continue;
        for (const auto& o : format::OmittableRows()) {
          const std::string_view key = table == 2 ? t2rows[row].key : t3rows[row].key;
          if (o.table == table && o.key == key) omitted[row] = o.reason;
        }
      }
    }
  };
  const std::size_t t3_first = first_at(t3_runs, t4_at);
  align(2, t2_runs, 0, std::min(t3_first, t4_at), t2_omitted);
  align(3, t3_runs, last_at(t2_runs, 0), t4_at, t3_omitted);
  for (int table : {2, 3}) {
    auto& runs = table == 2 ? t2_runs : t3_runs;
    for (std::size_t r = 0; r < runs.size(); ++r) {
      if (!runs[r] || runs[r]->printed.empty()) continue;
      const std::string_view label = table == 2 ? t2rows[r].label : t3rows[r].label;
      Finding f;
      f.rule = "extract.label_typo";
      f.severity = "info";
      f.table = table;
      f.row = std::string(table == 2 ? t2rows[r].key : t3rows[r].key);
      f.message = std::string(table == 2 ? "表二" : "表三") + "行名印作“" + runs[r]->printed + "”，与格式规定的“" +
                  std::string(label) + "”不同；" +
                  (runs[r]->aligned ? "按前后行的顺序和文字认定为该行" : "按文字相近认定为该行") + "，数值照此读入";
      const std::size_t at = tokens[runs[r]->at].offset;
      f.offset = at;
      f.excerpt = Excerpt(text, at);
      report.findings.push_back(std::move(f));
    }
  }

  std::vector<bool> t2_seen(t2rows.size()), t3_seen(t3rows.size());
  for (std::size_t r = 0; r < t2rows.size(); ++r) {
    if (!t2_runs[r]) continue;
    const Run& run = t2_runs[r]->run;
    const std::size_t need = t2rows[r].columns.size();
    t2_seen[r] = true;
    report.table2.found = true;
    auto& cells = report.table2.rows[r];
    for (std::size_t i = 0; i < run.cells.size() && i < cells.size(); ++i) {
      cells[i] = ToCell(run.cells[i], text);
      if (run.cells[i] && t2rows[r].key == "procurement" && i == 1) {
        report.table2.procurement_unit = run.cells[i]->unit;
      }
    }
    for (auto& c : cells) c.found = true;
    if (run.cells.size() < need) short_row(2, std::string(t2rows[r].key), std::string(t2rows[r].label), run, need);
  }
  const std::vector<HeaderColumns> t3_headers = Table3Headers(tokens);
  std::vector<bool> t3_short(t3rows.size());
  for (std::size_t r = 0; r < t3rows.size(); ++r) {
    if (!t3_runs[r]) continue;
    if (auto placed = PlaceByColumn(tokens, t3_runs[r]->at, t3_headers)) t3_runs[r]->run.cells = std::move(*placed);
    const Run& run = t3_runs[r]->run;
    t3_seen[r] = true;
    report.table3.found = true;
    auto& cells = report.table3.rows[r];
    for (std::size_t i = 0; i < run.cells.size() && i < cells.size(); ++i) cells[i] = ToCell(run.cells[i], text);
    for (auto& c : cells) c.found = true;
    if (run.cells.size() < format::kTable3Columns) t3_short[r] = true;
  }

  // Which layout of （六）其他处理 the report printed.
  const bool split = t3_seen[static_cast<std::size_t>(format::Table3RowIndex("other.no_correction"))] ||
                     t3_seen[static_cast<std::size_t>(format::Table3RowIndex("other.no_fee"))] ||
                     t3_seen[static_cast<std::size_t>(format::Table3RowIndex("other.other"))];
  const bool single = t3_seen[static_cast<std::size_t>(format::Table3RowIndex("other"))];
  report.table3.other_split = split || (!single && version != format::Version::kV2019);

  // Rows of Table 三 with fewer values than columns: placed by the table's
  // arithmetic where it tells (the values of text rows carry no column),
  // else in order with a warning that they may sit in the wrong column.
  for (std::size_t r = 0; r < t3rows.size(); ++r) {
    if (!t3_short[r]) continue;
    const Run& run = t3_runs[r]->run;
    const std::string label(t3rows[r].label);
    const auto unsure = PlaceByArithmetic(report.table3, r, run, t3_short, text);
    if (!unsure) {
      short_row(3, std::string(t3rows[r].key), label, run, format::kTable3Columns);
      continue;
    }
    Finding f;
    f.rule = "extract.row_short";
    f.severity = "warning";
    f.table = 3;
    f.row = std::string(t3rows[r].key);
    f.message = "表三“" + label + "”行只读到" + std::to_string(run.cells.size()) + "个数值（应为" +
                std::to_string(format::kTable3Columns) + "个）：" + JoinRaw(run, text) +
                "；按本表各行各列的勾稽关系推定各数值所在的列";
    if (!unsure->empty()) {
      f.message += "，";
      for (std::size_t c : *unsure) f.message += "“" + std::string(format::Table3Columns()[c].label) + "”";
      f.message += "列中有空白，无法确定是哪一列，均按未填处理";
    }
    for (std::size_t c : *unsure) f.cells.push_back(CellRef{3, f.row, std::string(format::Table3Columns()[c].key)});
    if (!run.cells.empty() && run.cells.front()) {
      f.offset = run.cells.front()->offset;
      f.excerpt = Excerpt(text, *f.offset);
    }
    report.findings.push_back(std::move(f));
  }

  // Null cells get a finding each; rows never found get one for the row.
  std::vector<std::string_view> t3_keys, t3_labels;
  for (const auto& c : format::Table3Columns()) {
    t3_keys.push_back(c.key);
    t3_labels.push_back(c.label);
  }
  std::vector<NullCell> nulls;
  if (report.table2.found) {
    for (std::size_t r = 0; r < t2rows.size(); ++r) {
      std::vector<std::string_view> keys, labels;
      std::vector<CellValue*> cells;
      for (std::size_t i = 0; i < t2rows[r].columns.size(); ++i) {
        keys.push_back(t2rows[r].scalar ? std::string_view() : t2rows[r].columns[i].key);
        labels.push_back(t2rows[r].columns[i].label);
        cells.push_back(&report.table2.rows[r][i]);
      }
      ReportNulls("表二", 2, std::string(t2rows[r].key), std::string(t2rows[r].label), keys, labels, cells,
                  t2_omitted[r], nulls, report.findings);
    }
    FlushNulls("表二", nulls, text, report.findings);
    nulls.clear();
  }
  if (report.table3.found) {
    for (std::size_t r = 0; r < t3rows.size(); ++r) {
      if (!Table3RowInLayout(report.table3, r)) continue;
      std::vector<CellValue*> cells;
      for (auto& c : report.table3.rows[r]) cells.push_back(&c);
      ReportNulls("表三", 3, std::string(t3rows[r].key), std::string(t3rows[r].label), t3_keys, t3_labels,
                  cells, t3_omitted[r], nulls, report.findings);
    }
    FlushNulls("表三", nulls, text, report.findings);
    nulls.clear();
  }
  if (report.table4.found) {
    std::vector<std::string_view> keys, labels;
    for (const auto& c : format::Table4Columns()) {
      keys.push_back(c.key);
      labels.push_back(c.label);
    }
    for (std::size_t g = 0; g < format::kTable4Groups; ++g) {
      std::vector<CellValue*> cells;
      for (auto& c : report.table4.groups[g]) cells.push_back(&c);
      const auto& group = format::Table4Groups()[g];
      ReportNulls("表四", 4, std::string(group.key), std::string(group.label), keys, labels, cells, {}, nulls,
                  report.findings);
    }
    FlushNulls("表四", nulls, text, report.findings);
    nulls.clear();
  }
  struct Missing {
    bool found;
    int table;
    const char* name;
  };
  for (const Missing& m : {Missing{report.table2.found, 2, "表二 主动公开政府信息情况"},
                           Missing{report.table3.found, 3, "表三 收到和处理政府信息公开申请情况"},
                           Missing{report.table4.found, 4, "表四 政府信息公开行政复议、行政诉讼情况"}}) {
    if (m.found) continue;
    // A warning: that the table could not be read is no proof the report
    // lacks it (spec/OUTPUT.md: an error means the report is wrong).
    Finding f;
    f.rule = "extract.table_missing";
    f.severity = "warning";
    f.table = m.table;
    f.message = std::string("未能识别") + m.name + "，其全部单元格按未填处理";
    report.findings.push_back(std::move(f));
  }
}

}  // namespace gongkai::extract
