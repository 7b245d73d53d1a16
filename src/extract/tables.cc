#include "extract/tables.h"

#include <algorithm>
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

// Findings about cells that hold no number: not found, blank, "/".
void ReportNulls(const std::string& table_name, int table, const std::string& row_key,
                 const std::string& row_label, const std::vector<std::string_view>& column_keys,
                 const std::vector<std::string_view>& column_labels, const std::vector<CellValue*>& cells,
                 const std::string& text, std::vector<Finding>& out) {
  bool any_found = false;
  for (const CellValue* c : cells) any_found |= c->found;
  if (!any_found) {
    Finding f;
    f.rule = "extract.row_missing";
    f.severity = "warning";
    f.table = table;
    f.row = row_key;
    f.message = table_name + "“" + row_label + "”行未能识别，该行" + std::to_string(cells.size()) +
                "个单元格记为空值（null），不作为0处理";
    out.push_back(std::move(f));
    return;
  }
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const CellValue& c = *cells[i];
    if (c.value) continue;
    Finding f;
    f.table = table;
    f.row = row_key;
    f.column = std::string(column_keys[i]);
    const std::string where = table_name + "“" + row_label + "”行" +
                              (column_labels[i].empty() ? "" : "“" + std::string(column_labels[i]) + "”列");
    if (!c.offset) {
      if (!c.found || c.raw.empty()) {
        f.rule = "extract.cell_blank";
        f.severity = "warning";
        f.message = where + "为空白或未能读出，记为空值（null），不作为0处理";
      }
    } else if (c.not_applicable) {
      f.rule = "extract.cell_not_applicable";
      f.severity = "info";
      f.message = where + "填写“" + c.raw + "”，视为不适用，记为空值（null）";
    }
    if (f.rule.empty()) {
      f.rule = "extract.cell_blank";
      f.severity = "warning";
      f.message = where + "为空白，记为空值（null），不作为0处理";
    }
    if (c.offset) {
      f.offset = c.offset;
      f.excerpt = Excerpt(text, *c.offset);
    }
    out.push_back(std::move(f));
  }
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
  };
  std::vector<std::optional<Accepted>> t2_runs(t2rows.size()), t3_runs(t3rows.size());
  bool t4_seen = false;

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
      if (Contains(header, "尚未审结") && Contains(header, "复议")) {
        const Run run = ReadValues(tokens, k, format::kTable4Groups * format::kTable4Columns);
        if (run.cells.size() >= format::kTable4Columns) {
          for (std::size_t i = 0; i < run.cells.size(); ++i) {
            report.table4.groups[i / format::kTable4Columns][i % format::kTable4Columns] =
                ToCell(run.cells[i], text);
          }
          if (run.cells.size() < format::kTable4Groups * format::kTable4Columns) {
            short_row(4, "", "行政复议、行政诉讼", run, format::kTable4Groups * format::kTable4Columns);
          }
          t4_seen = true;
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
    if (!slot || (!slot->from_table && from_table)) slot = Accepted{run, from_table};
    fragments.clear();
    fragment_tokens.clear();
    k = run.next - 1;
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
  for (std::size_t r = 0; r < t3rows.size(); ++r) {
    if (!t3_runs[r]) continue;
    const Run& run = t3_runs[r]->run;
    t3_seen[r] = true;
    report.table3.found = true;
    auto& cells = report.table3.rows[r];
    for (std::size_t i = 0; i < run.cells.size() && i < cells.size(); ++i) cells[i] = ToCell(run.cells[i], text);
    for (auto& c : cells) c.found = true;
    if (run.cells.size() < format::kTable3Columns) {
      short_row(3, std::string(t3rows[r].key), std::string(t3rows[r].label), run, format::kTable3Columns);
    }
  }

  // Which layout of （六）其他处理 the report printed.
  const bool split = t3_seen[static_cast<std::size_t>(format::Table3RowIndex("other.no_correction"))] ||
                     t3_seen[static_cast<std::size_t>(format::Table3RowIndex("other.no_fee"))] ||
                     t3_seen[static_cast<std::size_t>(format::Table3RowIndex("other.other"))];
  const bool single = t3_seen[static_cast<std::size_t>(format::Table3RowIndex("other"))];
  report.table3.other_split = split || (!single && version != format::Version::kV2019);

  // Null cells get a finding each; rows never found get one for the row.
  std::vector<std::string_view> t3_keys, t3_labels;
  for (const auto& c : format::Table3Columns()) {
    t3_keys.push_back(c.key);
    t3_labels.push_back(c.label);
  }
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
                  text, report.findings);
    }
  }
  if (report.table3.found) {
    for (std::size_t r = 0; r < t3rows.size(); ++r) {
      if (!Table3RowInLayout(report.table3, r)) continue;
      std::vector<CellValue*> cells;
      for (auto& c : report.table3.rows[r]) cells.push_back(&c);
      ReportNulls("表三", 3, std::string(t3rows[r].key), std::string(t3rows[r].label), t3_keys, t3_labels,
                  cells, text, report.findings);
    }
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
      ReportNulls("表四", 4, std::string(group.key), std::string(group.label), keys, labels, cells, text,
                  report.findings);
    }
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
    Finding f;
    f.rule = "extract.table_missing";
    f.severity = "error";
    f.table = m.table;
    f.message = std::string("未能识别") + m.name + "，其全部单元格记为空值（null）";
    report.findings.push_back(std::move(f));
  }
}

}  // namespace gongkai::extract
