// Figures the text states vs the cells they speak of, and money in 元 vs the
// table's 万元 (factor-of-100/10000 slips).
#include <algorithm>
#include <cctype>
#include <cmath>

#include "audit/cells.h"
#include "audit/checks.h"
#include "audit/finding.h"
#include "audit/names.h"
#include "report/evidence.h"
#include "util/text.h"

namespace gongkai::audit {

namespace {

// The sum a target names; nullopt if one of its cells holds no number.
// Rows outside the report's layout (other.* vs other) are skipped.
std::optional<double> Sum(const Report& r, const NarrativeTarget& t, std::vector<CellRef>& cells) {
  double sum = 0;
  bool any = false;
  for (const std::string& row : t.rows) {
    for (const std::string& col : t.columns) {
      const CellRef ref{t.table, row, col};
      const CellValue* c = CellAt(r, ref);
      if (!c) continue;
      if (!c->value) return std::nullopt;
      sum += *c->value;
      any = true;
      cells.push_back(ref);
    }
  }
  if (!any) return std::nullopt;
  return sum;
}

double ToWanYuan(double v, std::string_view unit) {
  if (unit == "元") return v / 1e4;
  if (unit == "亿元") return v * 1e4;
  return v;
}

bool IsMoney(std::string_view unit) { return unit == "元" || unit == "万元" || unit == "亿元"; }

// The clause of the running text that states the figure, as a person would
// quote it: from the punctuation before it to the punctuation after its
// unit (at most 30 characters before, 12 after), without the spaces a PDF's
// text layer puts between characters ("行政事 业性收费" → "行政事业性收费").
std::string Quoted(const Report& r, const NarrativeFigure& f) {
  const std::string_view t = r.text;
  if (f.offset > t.size()) return "“" + std::string(Excerpt(r.text, f.offset, 16)) + "”";
  auto boundary = [](char32_t c) {
    return c == U'，' || c == U'。' || c == U'；' || c == U'！' || c == U'？' || c == U'：' || c == ',' ||
           c == ';' || c == '\t';  // not '\n': a PDF's lines break inside sentences
  };
  auto is_continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
  std::size_t begin = f.offset;
  for (int n = 0; begin > 0 && n < 30; ++n) {
    std::size_t p = begin - 1;
    while (p > 0 && is_continuation(t[p])) --p;
    std::size_t q = p;
    if (boundary(text::NextCodePoint(t, q))) break;
    begin = p;
  }
  std::size_t end = std::min(t.size(), f.offset + f.length);
  for (int n = 0; end < t.size() && n < 12; ++n) {
    std::size_t q = end;
    if (boundary(text::NextCodePoint(t, q))) break;
    end = q;
  }
  std::string out;
  bool space = false;
  for (std::size_t i = begin; i < end;) {
    const std::size_t at = i;
    const char32_t c = text::NextCodePoint(t, i);
    if (text::IsSpace(c)) {
      space = true;
      continue;
    }
    // A space is kept only between two ASCII letters ("App 下载" loses it).
    if (space && !out.empty() && c < 0x80 && std::isalpha(static_cast<unsigned char>(c)) &&
        std::isalpha(static_cast<unsigned char>(out.back()))) {
      out += ' ';
    }
    space = false;
    out.append(t.substr(at, i - at));
  }
  if (out.empty()) out = Excerpt(r.text, f.offset, 16);
  return "“" + out + "”";
}

// Where the text names a group of cells, the name of the whole.
std::string TargetName(const Report& r, const NarrativeTarget& t, const std::vector<CellRef>& cells) {
  if (cells.empty()) return TableName(t.table);
  if (cells.size() == 1) return CellName(r, cells.front());
  std::string rows, cols;
  std::vector<std::string> seen_rows, seen_cols;
  for (const CellRef& c : cells) {
    const std::string rn = RowName(r, c), cn = ColumnName(r, c);
    if (std::find(seen_rows.begin(), seen_rows.end(), rn) == seen_rows.end()) seen_rows.push_back(rn);
    if (std::find(seen_cols.begin(), seen_cols.end(), cn) == seen_cols.end()) seen_cols.push_back(cn);
  }
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : "、") + x;
    return s;
  };
  if (t.table == 4) return TableName(4) + join(seen_rows) + "的" + join(seen_cols) + (seen_rows.size() > 1 ? "之和" : "");
  return TableName(t.table) + join(seen_cols) + "列、" + join(seen_rows) + "行" +
         (seen_rows.size() * seen_cols.size() > 1 ? "之和" : "");
}

}  // namespace

void CheckNarrative(Report& r) {
  for (const NarrativeFigure& f : r.narrative) {
    const bool money = IsMoney(f.unit);
    const double stated = money ? ToWanYuan(f.value, f.unit) : f.value;
    // A figure printed with d decimals stands for ±half its last digit; a
    // count rounded to a place ("1.2万件", decimals -3) likewise.
    const double tolerance = money            ? ToWanYuan(0.5 * std::pow(10.0, -f.decimals), f.unit) + 1e-9
                             : f.decimals < 0 ? 0.5 * std::pow(10.0, -f.decimals) + 1e-9
                                              : 1e-9;
    bool matched = false, computable = false;
    std::optional<double> primary;
    std::vector<CellRef> primary_cells;
    const NarrativeTarget* primary_target = nullptr;
    for (const NarrativeTarget& t : f.alternatives) {
      std::vector<CellRef> cells;
      const auto v = Sum(r, t, cells);
      if (!v) continue;
      if (!computable) {
        primary = v;
        primary_cells = cells;
        primary_target = &t;
      }
      computable = true;
      if (std::fabs(*v - stated) <= tolerance) matched = true;
    }
    if (!computable || matched) continue;
    const std::string where = TargetName(r, *primary_target, primary_cells);
    if (money && *primary > 0) {
      // Unit or decimal-point slips: the ratio is a power of ten of 100 or more.
      const double ratio = stated / *primary;
      const double exponent = std::log10(ratio);
      const double rounded = std::round(exponent);
      if (std::fabs(rounded) >= 2 && std::fabs(exponent - rounded) < 1e-3) {
        r.findings.push_back(MakeFinding(
            r, "narrative.unit",
            "正文" + Quoted(r, f) + "称" + Num(f.value) + f.unit + "（合" + Num(stated) + "万元），而" + where + "为" +
                Num(*primary) + "万元（合" + Num(*primary * 1e4) + "元），两者相差" + Num(std::pow(10.0, std::fabs(rounded))) +
                "倍，疑为单位（元/万元）或小数点错误",
            primary_cells, f.offset));
        continue;
      }
    }
    std::string also;
    for (std::size_t k = 1; k < f.alternatives.size(); ++k) {
      std::vector<CellRef> cells;
      if (const auto v = Sum(r, f.alternatives[k], cells)) {
        also += "，" + TargetName(r, f.alternatives[k], cells) + "为" + Num(*v);
      }
    }
    // A figure without a unit is a statement that there were none ("未收到…申请").
    const std::string stated_as = f.unit.empty() ? "称没有（即0），" : "所述" + Num(f.value) + f.unit;
    if (f.ambiguous) {
      // The text may count something else: say what was compared, as a warning.
      r.findings.push_back(MakeFinding(r, "narrative.unclear",
                                       "正文" + Quoted(r, f) + stated_as + "所指不明确（上下文未说明是政府信息公开申请），按" +
                                           where + "比较为" + Num(*primary) + (money ? "万元" : "") + "，两者不一致" +
                                           also + "，请人工核对",
                                       primary_cells, f.offset));
      continue;
    }
    const std::string rule = "narrative.table" + std::to_string(primary_target->table);
    r.findings.push_back(MakeFinding(r, rule,
                                     "正文" + Quoted(r, f) + stated_as + "与" + where + "(" + Num(*primary) +
                                         (money ? "万元" : "") + ")不符" + also,
                                     primary_cells, f.offset));
  }
}

}  // namespace gongkai::audit
