#include "writers/text_format.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "audit/names.h"
#include "util/number.h"

namespace gongkai::writers::text {

std::string_view SeverityName(std::string_view severity) {
  if (severity == "error") return "错误";
  if (severity == "warning") return "警告";
  if (severity == "info") return "提示";
  return severity;
}

std::string_view VersionName(format::Version v) {
  switch (v) {
    case format::Version::kV2021: return "2021年格式（国办公开办函〔2021〕30号）";
    case format::Version::kV2019: return "2019年试行格式（国办公开办函〔2019〕60号）";
    case format::Version::kLegacy: return "2019年以前的格式";
    case format::Version::kUnknown: break;
  }
  return "格式未识别";
}

namespace {

format::Version VersionOf(std::string_view key) {
  for (format::Version v : {format::Version::kV2021, format::Version::kV2019, format::Version::kLegacy}) {
    if (format::VersionKey(v) == key) return v;
  }
  return format::Version::kUnknown;
}

}  // namespace

std::string_view VersionName(std::string_view key) { return VersionName(VersionOf(key)); }

std::string_view VersionShortName(std::string_view key) {
  switch (VersionOf(key)) {
    case format::Version::kV2021: return "2021版";
    case format::Version::kV2019: return "2019版";
    case format::Version::kLegacy: return "旧版";
    case format::Version::kUnknown: break;
  }
  return "未识别";
}

std::string_view LevelName(std::string_view level) {
  static constexpr std::pair<std::string_view, std::string_view> kLevels[] = {
      {"province", "省级"}, {"city", "市级"}, {"district", "县级"}, {"county", "县级"},
      {"street", "乡镇（街道）"}, {"town", "乡镇（街道）"}, {"department", "部门"}, {"unit", "单位"}};
  for (const auto& [key, name] : kLevels) {
    if (key == level) return name;
  }
  return level;
}

int PrintedDecimals(std::string_view raw) {
  const std::size_t dot = raw.find('.');
  if (dot == std::string_view::npos) return 0;
  int n = 0;
  for (std::size_t i = dot + 1; i < raw.size() && raw[i] >= '0' && raw[i] <= '9'; ++i) ++n;
  return n;
}

std::string Fixed(double v, int decimals) {
  decimals = std::clamp(decimals, 0, 6);
  if (!std::isfinite(v)) return "—";
  char buf[512];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  // "-0.00" is 0.
  if (s[0] == '-' && s.find_first_of("123456789") == std::string::npos) s.erase(0, 1);
  return s;
}

std::string Money(double v, int printed_decimals) { return Fixed(v, std::clamp(printed_decimals, 2, 6)); }

std::string Number(double v) {
  if (!std::isfinite(v)) return "—";
  if (std::fabs(v) >= 1e15) return Fixed(v, 0);
  return number::Format(v);
}

namespace {

const format::Table2Row* Table2RowOf(const Report& r, std::string_view key) {
  for (const auto& row : format::Table2Rows(r.table2.version)) {
    if (row.key == key) return &row;
  }
  return nullptr;
}

bool HasCell(const Report& r, const CellRef& ref) {
  if (ref.table != 2) return true;
  const format::Table2Row* row = Table2RowOf(r, ref.row);
  if (!row) return false;
  if (ref.column.empty()) return true;
  return std::any_of(row->columns.begin(), row->columns.end(), [&](const auto& c) { return c.key == ref.column; });
}

}  // namespace

bool IsMoney(const Report& r, const CellRef& ref) {
  if (ref.table != 2) return false;
  const format::Table2Row* row = Table2RowOf(r, ref.row);
  return row && row->money && ref.column == "amount";
}

std::string MoneyUnit(const Report& r, const CellRef& ref) {
  if (!IsMoney(r, ref)) return "";
  if (r.table2.version == format::Version::kV2019) return r.table2.procurement_unit;
  return "万元";
}

std::string ValueText(const std::optional<double>& v, bool money, int decimals) {
  if (!v) return "—";
  return money ? Money(*v, decimals) : Number(*v);
}

std::string CellText(const Report& r, const CellRef& ref, const CellValue& c) {
  return ValueText(c.value, IsMoney(r, ref), PrintedDecimals(c.raw));
}

std::string CellNameIn(const std::vector<const Report*>& reports, const CellRef& ref) {
  for (auto it = reports.rbegin(); it != reports.rend(); ++it) {
    if (*it && HasCell(**it, ref)) return audit::CellName(**it, ref);
  }
  return reports.empty() || !reports.back() ? ref.row : audit::CellName(*reports.back(), ref);
}

std::string ParagraphName(std::string_view text, std::size_t offset) {
  if (offset > text.size()) return "";
  int n = 0;
  bool content = false;
  for (std::size_t i = 0; i < offset; ++i) {
    const char ch = text[i];
    if (ch == '\n') {
      if (content) ++n;
      content = false;
    } else if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\f') {
      content = true;
    }
  }
  return "第" + std::to_string(n + 1) + "段";
}

std::string TextPlace(const Report& r, const Finding& f) {
  if (f.page) return "第" + std::to_string(*f.page) + "页";
  if (f.offset && !r.text.empty()) {
    if (const int page = PageAt(r.page_offsets, *f.offset); page > 0) return "第" + std::to_string(page) + "页";
    return ParagraphName(r.text, *f.offset);
  }
  return "";
}

std::string Place(const Report& r, const Finding& f) {
  if (f.table && !f.row.empty() && !f.column.empty()) {
    return audit::CellName(r, CellRef{*f.table, f.row, f.column});
  }
  if (f.table && !f.row.empty()) {
    return audit::TableName(*f.table) + audit::RowName(r, CellRef{*f.table, f.row, ""}) + "行";
  }
  if (f.table) return audit::TableName(*f.table);
  return TextPlace(r, f);
}

void PrintFindings(std::ostream& out, const Report& r, const std::vector<Finding>& findings,
                   const FindingStyle& style) {
  static constexpr std::string_view kLevels[] = {"error", "warning", "info"};
  if (findings.empty()) {
    out << style.indent << "未发现问题\n";
    return;
  }
  std::map<std::string_view, int> count;
  for (const Finding& f : findings) ++count[f.severity];
  std::vector<std::string_view> levels(std::begin(kLevels), std::end(kLevels));
  for (const Finding& f : findings) {
    if (std::find(levels.begin(), levels.end(), f.severity) == levels.end()) levels.push_back(f.severity);
  }
  for (std::string_view level : levels) {
    if (count[level] == 0) continue;
    out << style.indent << "【" << SeverityName(level) << "】" << count[level] << " 项\n";
    int n = 0;
    for (const Finding& f : findings) {
      if (f.severity != level) continue;
      out << style.indent << "  " << ++n << ". " << f.message;
      if (style.verbose) out << "（规则 " << f.rule << "）";
      out << "\n";
      // A place only when the message does not already name it.
      const std::string place = Place(r, f);
      const bool named = !place.empty() && f.message.find(place) != std::string::npos;
      if (!f.excerpt.empty()) {
        out << style.indent << "     ";
        if (!place.empty() && !named) out << "位置：" << place << "；";
        // A report converted from Traditional script is quoted as written,
        // then as converted.
        if (!f.original.empty()) {
          out << "原文：“" << f.original << "”；简体：“" << f.excerpt << "”";
        } else {
          out << "原文：“" << f.excerpt << "”";
        }
        if (const std::string at = TextPlace(r, f); !at.empty() && place.rfind("第", 0) != 0) out << "（" << at << "）";
        out << "\n";
      } else if (!place.empty() && !named && place.rfind("表", 0) != 0) {
        out << style.indent << "     位置：" << place << "\n";
      }
    }
  }
}

std::size_t DisplayWidth(std::string_view s) {
  std::size_t width = 0;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) {
      ++width;
      continue;
    }
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
    const int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    width += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return width;
}

Table::Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}

void Table::AddRow(std::vector<std::string> cells) {
  for (std::string& c : cells) std::replace_if(c.begin(), c.end(), [](char ch) { return ch == '\t' || ch == '\n'; }, ' ');
  cells.resize(std::max(cells.size(), headers_.size()));
  rows_.push_back(std::move(cells));
}

void Table::Print(std::ostream& out, std::string_view indent) const {
  std::vector<std::size_t> width(headers_.size());
  for (std::size_t c = 0; c < headers_.size(); ++c) width[c] = DisplayWidth(headers_[c]);
  for (const auto& row : rows_) {
    if (row.size() > width.size()) width.resize(row.size());
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], DisplayWidth(row[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string s(indent);
    for (std::size_t c = 0; c < width.size(); ++c) {
      const std::string& v = c < cells.size() ? cells[c] : std::string();
      const std::size_t pad = width[c] - DisplayWidth(v);
      const bool right = std::find(right_.begin(), right_.end(), c) != right_.end();
      if (c + 1 == width.size() && !right) {
        s += v;  // no trailing blanks
        break;
      }
      if (right) s.append(pad, ' ');
      s += v;
      if (!right) s.append(pad, ' ');
      if (c + 1 < width.size()) s += "  ";
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    out << s << "\n";
  };
  line(headers_);
  std::vector<std::string> rule;
  for (std::size_t w : width) rule.push_back(std::string(w, '-'));
  line(rule);
  for (const auto& row : rows_) line(row);
}

}  // namespace gongkai::writers::text
