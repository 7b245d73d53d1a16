// XLSX: xl/workbook.xml names the sheets, xl/_rels/workbook.xml.rels where
// their parts are, xl/sharedStrings.xml the strings, xl/styles.xml which
// cells are dates. Each sheet's cells become a grid (merged ranges resolved),
// split into paragraphs and table blocks (office.h).
#include <pugixml.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "readers/assemble.h"
#include "readers/office.h"
#include "readers/reader.h"
#include "readers/zip_parts.h"
#include "readers/xml_names.h"
#include "util/text.h"

namespace gongkai::readers {

namespace {

using xml::Attr;  // r:id is written with whatever prefix
using xml::Child;
constexpr auto Local = xml::LocalName;

pugi::xml_document Parse(std::string& xml, const std::string& part) {
  pugi::xml_document doc;
  if (!doc.load_buffer_inplace(xml.data(), xml.size())) {
    throw ReadError("XLSX 文件已损坏（" + part + " 不是有效的 XML）", "corrupt XLSX (" + part + " is not valid XML)");
  }
  return doc;
}

// The text of an <si> or <is>: every <t>, except those of phonetic runs.
std::string RichText(const pugi::xml_node& n) {
  std::string out;
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    const std::string_view name = Local(c.name());
    if (name == "t") {
      out += c.text().get();
    } else if (name == "r") {
      out += RichText(c);
    }
  }
  return out;
}

// "B12" → column 1, row 11 (0-based). False when it is not a cell reference.
bool ParseRef(std::string_view ref, int& row, int& col) {
  std::size_t i = 0;
  long c = 0;
  while (i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) {
    c = c * 26 + ((ref[i] | 0x20) - 'a' + 1);
    if (c > 20000) return false;
    ++i;
  }
  if (i == 0 || i == ref.size()) return false;
  long r = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return false;
    r = r * 10 + (ref[i] - '0');
    if (r > 10000000) return false;
  }
  if (r == 0) return false;
  row = static_cast<int>(r - 1);
  col = static_cast<int>(c - 1);
  return true;
}

// A number as the cell holds it: integers without a decimal point, others
// with the shortest digits that read back the same, never in exponent form.
std::string FormatNumber(std::string_view raw) {
  char* end = nullptr;
  const std::string s(raw);
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || !std::isfinite(v)) return s;
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  for (int digits = 1; digits <= 17; ++digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    if (std::strtod(buf, nullptr) == v || digits == 17) {
      std::string out = buf;
      while (!out.empty() && out.back() == '0') out.pop_back();
      if (!out.empty() && out.back() == '.') out.pop_back();
      return out;
    }
  }
  return s;
}

// Excel's serial date (1900 system; 60 is the 29 February 1900 that never was).
std::string SerialDate(double serial) {
  long days = static_cast<long>(std::floor(serial));
  if (days < 1 || days > 2958465) return FormatNumber(std::to_string(serial));
  if (days > 60) --days;
  // Days since 1899-12-31 → civil date (Howard Hinnant's algorithm, from 1970-01-01).
  const long z = days - 25568 + 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
}

// Which cell styles (cellXfs indices) show a date.
std::set<int> DateStyles(ZipParts& zip) {
  std::set<int> out;
  std::optional<std::string> xml = zip.Read("xl/styles.xml");
  if (!xml) return out;
  pugi::xml_document doc;
  if (!doc.load_buffer_inplace(xml->data(), xml->size())) return out;
  const pugi::xml_node root = doc.document_element();
  std::set<int> date_formats = {14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58};
  if (const pugi::xml_node fmts = Child(root, "numFmts")) {
    for (pugi::xml_node f = fmts.first_child(); f; f = f.next_sibling()) {
      std::string code = Attr(f, "formatCode");
      // Quoted literals and [colour] sections say nothing about dates.
      std::string bare;
      bool quoted = false, bracket = false;
      for (char c : code) {
        if (c == '"') quoted = !quoted;
        else if (!quoted && c == '[') bracket = true;
        else if (!quoted && c == ']') bracket = false;
        else if (!quoted && !bracket) bare += static_cast<char>(c | 0x20);
      }
      if (bare.find('y') != std::string::npos || (bare.find('d') != std::string::npos && bare.find('m') != std::string::npos)) {
        date_formats.insert(std::atoi(Attr(f, "numFmtId")));
      }
    }
  }
  if (const pugi::xml_node xfs = Child(root, "cellXfs")) {
    int i = 0;
    for (pugi::xml_node xf = xfs.first_child(); xf; xf = xf.next_sibling(), ++i) {
      if (Local(xf.name()) != "xf") continue;
      if (date_formats.count(std::atoi(Attr(xf, "numFmtId")))) out.insert(i);
    }
  }
  return out;
}

struct Sheet {
  std::string name;
  std::string part;
  bool hidden = false;
};

std::vector<Sheet> Sheets(ZipParts& zip) {
  std::optional<std::string> wb = zip.Read("xl/workbook.xml");
  if (!wb) throw ReadError("XLSX 文件缺少工作簿（xl/workbook.xml）", "XLSX file without a workbook (xl/workbook.xml)");
  const pugi::xml_document doc = Parse(*wb, "xl/workbook.xml");
  std::map<std::string, std::string> targets;
  if (std::optional<std::string> rels = zip.Read("xl/_rels/workbook.xml.rels")) {
    pugi::xml_document rdoc;
    if (rdoc.load_buffer_inplace(rels->data(), rels->size())) {
      for (pugi::xml_node r = rdoc.document_element().first_child(); r; r = r.next_sibling()) {
        targets[Attr(r, "Id")] = ResolvePart("xl/workbook.xml", Attr(r, "Target"));
      }
    }
  }
  std::vector<Sheet> out;
  const pugi::xml_node sheets = Child(doc.document_element(), "sheets");
  int n = 0;
  for (pugi::xml_node s = sheets.first_child(); s; s = s.next_sibling()) {
    if (Local(s.name()) != "sheet") continue;
    ++n;
    Sheet sh;
    sh.name = Attr(s, "name");
    const std::string state = Attr(s, "state");
    sh.hidden = state == "hidden" || state == "veryHidden";
    const auto it = targets.find(Attr(s, "id"));
    sh.part = it != targets.end() ? it->second : "xl/worksheets/sheet" + std::to_string(n) + ".xml";
    out.push_back(std::move(sh));
  }
  return out;
}

struct Grid {
  int rows = 0, cols = 0;
  std::vector<std::string> text;  // rows * cols
  std::vector<int> origin;        // rows * cols: the anchoring cell of a merge, or -1
  std::string& at(int r, int c) { return text[static_cast<std::size_t>(r) * cols + c]; }
};

// Reads one sheet into a grid; `clipped` counts cells beyond the limits.
Grid ReadSheet(std::string& xml, const std::string& part, const std::vector<std::string>& shared,
               const std::set<int>& dates, const SheetOptions& options, long& clipped) {
  const pugi::xml_document doc = Parse(xml, part);
  const pugi::xml_node root = doc.document_element();
  struct Value {
    int row, col;
    std::string text;
  };
  std::vector<Value> values;
  int max_row = -1, max_col = -1;
  const pugi::xml_node data = Child(root, "sheetData");
  int next_row = 0;
  for (pugi::xml_node row = data.first_child(); row; row = row.next_sibling()) {
    if (Local(row.name()) != "row") continue;
    int r = next_row;
    if (const char* rr = Attr(row, "r"); *rr) r = std::max(0, std::atoi(rr) - 1);
    next_row = r + 1;
    int next_col = 0;
    for (pugi::xml_node c = row.first_child(); c; c = c.next_sibling()) {
      if (Local(c.name()) != "c") continue;
      int cr = r, cc = next_col;
      if (const char* ref = Attr(c, "r"); *ref) {
        if (!ParseRef(ref, cr, cc)) continue;
      }
      next_col = cc + 1;
      const std::string type = Attr(c, "t");
      std::string text;
      if (type == "inlineStr") {
        text = RichText(Child(c, "is"));
      } else {
        const std::string v = Child(c, "v").text().get();
        if (type == "s") {
          const long i = std::atol(v.c_str());
          if (i >= 0 && static_cast<std::size_t>(i) < shared.size() && !v.empty()) text = shared[static_cast<std::size_t>(i)];
        } else if (type == "str" || type == "e") {
          text = v;
        } else if (type == "b") {
          text = v == "1" ? "TRUE" : "FALSE";
        } else if (!v.empty()) {
          text = dates.count(std::atoi(Attr(c, "s"))) ? SerialDate(std::strtod(v.c_str(), nullptr)) : FormatNumber(v);
        }
      }
      if (text::Trim(text).empty()) continue;
      if (cr >= options.max_rows || cc >= options.max_cols) {
        ++clipped;
        continue;
      }
      max_row = std::max(max_row, cr);
      max_col = std::max(max_col, cc);
      values.push_back({cr, cc, std::move(text)});
    }
  }
  Grid g;
  if (max_row < 0) return g;
  g.rows = max_row + 1;
  g.cols = max_col + 1;
  g.text.assign(static_cast<std::size_t>(g.rows) * g.cols, "");
  g.origin.assign(g.text.size(), -1);
  for (Value& v : values) g.at(v.row, v.col) = std::move(v.text);
  if (const pugi::xml_node merges = Child(root, "mergeCells")) {
    for (pugi::xml_node m = merges.first_child(); m; m = m.next_sibling()) {
      const std::string ref = Attr(m, "ref");
      const std::size_t colon = ref.find(':');
      int r0, c0, r1, c1;
      if (colon == std::string::npos || !ParseRef(std::string_view(ref).substr(0, colon), r0, c0) ||
          !ParseRef(std::string_view(ref).substr(colon + 1), r1, c1)) {
        continue;
      }
      if (r0 > r1) std::swap(r0, r1);
      if (c0 > c1) std::swap(c0, c1);
      if (r0 >= g.rows || c0 >= g.cols) continue;
      r1 = std::min(r1, g.rows - 1);
      c1 = std::min(c1, g.cols - 1);
      const int anchor = r0 * g.cols + c0;
      if (g.origin[static_cast<std::size_t>(anchor)] >= 0) continue;  // overlapping ranges: the first wins
      for (int r = r0; r <= r1; ++r) {
        for (int c = c0; c <= c1; ++c) {
          if (r == r0 && c == c0) continue;
          auto& o = g.origin[static_cast<std::size_t>(r) * g.cols + c];
          if (o >= 0) continue;
          o = anchor;
          g.at(r, c).clear();  // Excel keeps only the anchor's value
        }
      }
    }
  }
  return g;
}

// Rows → blocks. A row with a single cell of text is a paragraph (a title,
// a note, a heading) unless it sits between two table rows and its cell does
// not span the table's width (a label whose figures are all blank); runs of
// rows with two or more cells of text are table blocks, cut at empty rows.
void SheetBlocks(const Grid& g, std::vector<RawBlock>& out) {
  enum Kind { kEmpty, kSingle, kMulti };
  std::vector<Kind> kind(static_cast<std::size_t>(g.rows), kEmpty);
  std::vector<int> single_col(static_cast<std::size_t>(g.rows), -1);
  std::vector<int> span(static_cast<std::size_t>(g.rows), 1);
  for (int r = 0; r < g.rows; ++r) {
    int n = 0;
    for (int c = 0; c < g.cols; ++c) {
      const auto i = static_cast<std::size_t>(r) * g.cols + c;
      if (g.origin[i] >= 0 || text::Trim(g.text[i]).empty()) continue;
      ++n;
      single_col[static_cast<std::size_t>(r)] = c;
    }
    kind[static_cast<std::size_t>(r)] = n == 0 ? kEmpty : n == 1 ? kSingle : kMulti;
    if (n == 1) {
      const int c0 = single_col[static_cast<std::size_t>(r)];
      const int anchor = r * g.cols + c0;
      int w = 1;
      for (int c = c0 + 1; c < g.cols && g.origin[static_cast<std::size_t>(r) * g.cols + c] == anchor; ++c) ++w;
      span[static_cast<std::size_t>(r)] = w;
    }
  }
  // The columns a table uses: from its rows' first to last cell of text.
  int r = 0;
  while (r < g.rows) {
    const Kind k = kind[static_cast<std::size_t>(r)];
    if (k == kEmpty) {
      ++r;
      continue;
    }
    if (k == kSingle) {
      RawBlock p;
      p.text = g.text[static_cast<std::size_t>(r) * g.cols + single_col[static_cast<std::size_t>(r)]];
      // Line breaks inside a title cell are one paragraph's wrapping.
      for (char& ch : p.text) {
        if (ch == '\n' || ch == '\r') ch = ' ';
      }
      out.push_back(std::move(p));
      ++r;
      continue;
    }
    // A table: multi rows, and single rows between them that do not span it.
    int end = r;  // last table row
    int c0 = g.cols, c1 = -1;
    for (int i = r; i < g.rows; ++i) {
      const Kind ki = kind[static_cast<std::size_t>(i)];
      if (ki == kEmpty) break;
      if (ki == kMulti) {
        end = i;
        continue;
      }
      // A single row: part of the table if a multi row follows before an
      // empty one and it does not span the whole table.
      int j = i + 1;
      while (j < g.rows && kind[static_cast<std::size_t>(j)] == kSingle) ++j;
      if (j >= g.rows || kind[static_cast<std::size_t>(j)] != kMulti) break;
      if (span[static_cast<std::size_t>(i)] >= std::max(3, g.cols - 1)) break;
    }
    for (int i = r; i <= end; ++i) {
      for (int c = 0; c < g.cols; ++c) {
        const auto idx = static_cast<std::size_t>(i) * g.cols + c;
        if (g.origin[idx] < 0 && text::Trim(g.text[idx]).empty()) continue;
        c0 = std::min(c0, c);
        c1 = std::max(c1, c);
      }
    }
    RawBlock t;
    t.table = true;
    for (int i = r; i <= end; ++i) {
      std::vector<RawCell> row;
      for (int c = c0; c <= c1; ++c) {
        const auto idx = static_cast<std::size_t>(i) * g.cols + c;
        RawCell cell;
        const int o = g.origin[idx];
        const int orow = o >= 0 ? o / g.cols : i;
        if (o >= 0 && orow >= r && o % g.cols >= c0) {
          cell.merged = true;
          cell.origin_row = static_cast<std::size_t>(orow - r);
          cell.origin_col = static_cast<std::size_t>(o % g.cols - c0);
        } else {
          cell.text = g.text[idx];
          cell.origin_row = static_cast<std::size_t>(i - r);
          cell.origin_col = static_cast<std::size_t>(c - c0);
        }
        row.push_back(std::move(cell));
      }
      t.rows.push_back(std::move(row));
    }
    out.push_back(std::move(t));
    r = end + 1;
  }
}

}  // namespace

Document ReadXlsx(std::string_view bytes, const SheetOptions& options) {
  ZipParts zip(bytes, "XLSX");
  if (!zip.Has("xl/workbook.xml")) {
    throw ReadError("ZIP 压缩包中没有 Excel 工作簿（xl/workbook.xml），不是 XLSX 文件",
                    "zip archive without xl/workbook.xml; not an XLSX file");
  }
  const std::vector<Sheet> sheets = Sheets(zip);
  std::vector<std::string> shared;
  if (std::optional<std::string> ss = zip.Read("xl/sharedStrings.xml")) {
    const pugi::xml_document doc = Parse(*ss, "xl/sharedStrings.xml");
    for (pugi::xml_node si = doc.document_element().first_child(); si; si = si.next_sibling()) {
      if (Local(si.name()) == "si") shared.push_back(RichText(si));
    }
  }
  const std::set<int> dates = DateStyles(zip);
  std::vector<RawBlock> blocks;
  std::vector<std::string> warnings;
  int missing = 0;
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const Sheet& sh = sheets[i];
    std::optional<std::string> xml = zip.Read(sh.part);
    if (!xml) {
      ++missing;
      warnings.push_back("工作表“" + sh.name + "”的内容缺失（" + sh.part + "），未能读取");
      continue;
    }
    long clipped = 0;
    const Grid g = ReadSheet(*xml, sh.part, shared, dates, options, clipped);
    if (clipped > 0) {
      warnings.push_back("工作表“" + sh.name + "”超过 " + std::to_string(options.max_rows) + " 行或 " +
                         std::to_string(options.max_cols) + " 列，其余 " + std::to_string(clipped) + " 个单元格未读取");
    }
    if (g.rows == 0) continue;
    if (sh.hidden) warnings.push_back("工作表“" + sh.name + "”为隐藏工作表，其内容也已读取，请核对是否属于报告");
    SheetBlocks(g, blocks);
  }
  Document doc = Assemble(std::move(blocks), std::move(warnings));
  if (doc.blocks.empty()) {
    if (missing > 0) {
      throw ReadError("XLSX 文件不完整：工作表内容缺失", "incomplete XLSX file: the sheets' parts are missing");
    }
    throw ReadError("XLSX 工作簿中没有文字", "the XLSX workbook contains no text");
  }
  return doc;
}

}  // namespace gongkai::readers
