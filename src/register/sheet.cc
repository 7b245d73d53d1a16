#include "register/sheet.h"

#include <unicode/ucnv.h>
#include <zip.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <pugixml.hpp>

#include "util/number.h"
#include "util/text.h"

namespace gongkai::reg {

namespace {

std::string ToUtf8(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (text::IsValidUtf8(bytes)) return std::string(bytes);
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    UErrorCode status = U_ZERO_ERROR;
    const char* from = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    std::string out(bytes.size() * 2 + 4, '\0');
    const int32_t n = ucnv_convert("UTF-8", from, out.data(), static_cast<int32_t>(out.size()), bytes.data() + 2,
                                   static_cast<int32_t>(bytes.size() - 2), &status);
    if (U_FAILURE(status)) throw SheetError("表格文件编码无法识别 / cannot decode the CSV (UTF-16)");
    out.resize(static_cast<std::size_t>(n));
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::string out(bytes.size() * 2 + 4, '\0');
  const int32_t n = ucnv_convert("UTF-8", "GB18030", out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                                 static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) throw SheetError("表格文件既不是 UTF-8 也不是 GB18030 编码 / the CSV is neither UTF-8 nor GB18030");
  out.resize(static_cast<std::size_t>(n));
  return out;
}

char Delimiter(std::string_view text) {
  const std::string_view first = text.substr(0, text.find('\n'));
  std::size_t comma = 0, semicolon = 0, tab = 0;
  for (char c : first) {
    comma += c == ',';
    semicolon += c == ';';
    tab += c == '\t';
  }
  if (tab > comma && tab >= semicolon) return '\t';
  if (semicolon > comma) return ';';
  return ',';
}

}  // namespace

std::string CellName(std::size_t row, std::size_t column) {
  std::string letters;
  std::size_t c = column + 1;
  while (c > 0) {
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    c = (c - 1) / 26;
  }
  return letters + std::to_string(row + 1);
}

Sheet ReadCsv(std::string_view bytes) {
  Sheet sheet;
  sheet.format = "csv";
  if (bytes.find('\0') != std::string_view::npos && !(bytes.size() >= 2 && (bytes[0] == '\xFF' || bytes[0] == '\xFE'))) {
    throw SheetError("表格文件不是文本表格（含二进制内容）/ the file is binary, not CSV");
  }
  const std::string text = ToUtf8(bytes);
  const char sep = Delimiter(text);
  std::vector<SheetCell> row;
  std::string cell;
  bool quoted = false, any = false;
  auto end_cell = [&] {
    SheetCell c;
    c.text = std::move(cell);
    cell.clear();
    if (!c.text.empty() && c.text[0] == '=') c.formula = true, c.formula_without_value = true;
    row.push_back(std::move(c));
  };
  auto end_row = [&] {
    end_cell();
    sheet.rows.push_back(std::move(row));
    row.clear();
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cell += ch;
      }
      continue;
    }
    if (ch == '"' && cell.empty()) {
      quoted = true;
      any = true;
    } else if (ch == sep) {
      end_cell();
      any = true;
    } else if (ch == '\r' || ch == '\n') {
      if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row();
    } else {
      cell += ch;
      any = true;
    }
  }
  if (quoted) throw SheetError("表格文件末尾有未闭合的引号 / unterminated quote in the CSV");
  if (any || !cell.empty() || !row.empty()) end_row();
  return sheet;
}

namespace {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};

std::optional<std::string> Entry(zip_t* z, const std::string& name) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(z, name.c_str(), 0, &st) != 0) return std::nullopt;
  constexpr zip_uint64_t kLimit = 512ull << 20;
  if (st.size > kLimit) throw SheetError("XLSX 中 " + name + " 过大 / part too large: " + name);
  zip_file_t* f = zip_fopen(z, name.c_str(), 0);
  if (!f) return std::nullopt;
  std::string out(st.size, '\0');
  const zip_int64_t n = zip_fread(f, out.data(), st.size);
  zip_fclose(f);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) throw SheetError("XLSX 中 " + name + " 已损坏 / corrupt part: " + name);
  return out;
}

pugi::xml_document Parse(const std::string& xml, const std::string& name) {
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size())) throw SheetError("XLSX 中 " + name + " 不是有效的 XML / bad XML: " + name);
  return doc;
}

// Local name of an element (prefixes such as x: are allowed).
std::string_view Local(const pugi::xml_node& n) {
  std::string_view s = n.name();
  const auto colon = s.find(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}
pugi::xml_node Child(const pugi::xml_node& n, std::string_view local) {
  for (pugi::xml_node c : n.children()) {
    if (Local(c) == local) return c;
  }
  return {};
}
std::string AllText(const pugi::xml_node& n) {
  // <si><t>…</t></si> or rich text <si><r><t>…</t></r>…</si>; phonetic runs (rPh) are not shown.
  std::string out;
  for (pugi::xml_node c : n.children()) {
    if (Local(c) == "t") out += c.text().get();
    else if (Local(c) == "r") out += AllText(c);
  }
  return out;
}

// "C12" → (11, 2).
bool ParseRef(std::string_view ref, std::size_t& row, std::size_t& col) {
  std::size_t i = 0, c = 0, r = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') c = c * 26 + static_cast<std::size_t>(ref[i++] - 'A' + 1);
  if (c == 0 || i == ref.size()) return false;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9') r = r * 10 + static_cast<std::size_t>(ref[i++] - '0');
  if (r == 0 || i != ref.size()) return false;
  row = r - 1;
  col = c - 1;
  return true;
}

std::string NumberText(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  return number::Format(v);
}

}  // namespace

Sheet ReadXlsx(std::string_view bytes) {
  Sheet sheet;
  sheet.format = "xlsx";
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!src) throw SheetError("无法读取 XLSX / cannot read the XLSX");
  std::unique_ptr<zip_t, ZipCloser> z(zip_open_from_source(src, ZIP_RDONLY, &error));
  zip_error_fini(&error);
  if (!z) {
    zip_source_free(src);
    throw SheetError("XLSX 文件已损坏（不是有效的 zip）/ the XLSX is not a valid zip archive");
  }
  const auto workbook = Entry(z.get(), "xl/workbook.xml");
  if (!workbook) throw SheetError("不是 Excel 工作簿（缺少 xl/workbook.xml）/ not an XLSX workbook");
  const pugi::xml_document wb = Parse(*workbook, "xl/workbook.xml");
  const pugi::xml_node wbroot = wb.document_element();
  if (pugi::xml_node pr = Child(wbroot, "workbookPr")) {
    const std::string d = pr.attribute("date1904").as_string();
    sheet.date1904 = d == "1" || d == "true";
  }
  pugi::xml_node first = Child(Child(wbroot, "sheets"), "sheet");
  if (!first) throw SheetError("工作簿中没有工作表 / the workbook has no worksheet");
  sheet.name = first.attribute("name").as_string();
  std::string rid;
  for (pugi::xml_attribute a : first.attributes()) {
    std::string_view n = a.name();
    if (n.size() >= 3 && n.substr(n.size() - 3) == ":id") rid = a.value();
  }
  std::string target = "worksheets/sheet1.xml";
  if (const auto rels = Entry(z.get(), "xl/_rels/workbook.xml.rels")) {
    const pugi::xml_document rd = Parse(*rels, "xl/_rels/workbook.xml.rels");
    for (pugi::xml_node r : rd.document_element().children()) {
      if (r.attribute("Id").as_string() == rid) target = r.attribute("Target").as_string();
    }
  }
  std::string path = target.starts_with("/") ? target.substr(1) : "xl/" + target;
  std::vector<std::string> shared;
  if (const auto ss = Entry(z.get(), "xl/sharedStrings.xml")) {
    const pugi::xml_document sd = Parse(*ss, "xl/sharedStrings.xml");
    for (pugi::xml_node si : sd.document_element().children()) {
      if (Local(si) == "si") shared.push_back(AllText(si));
    }
  }
  const auto ws = Entry(z.get(), path);
  if (!ws) throw SheetError("XLSX 中缺少工作表 " + path + " / worksheet missing: " + path);
  const pugi::xml_document sd = Parse(*ws, path);
  const pugi::xml_node root = sd.document_element();
  constexpr std::size_t kMaxRows = 2'000'000, kMaxColumns = 200;
  for (pugi::xml_node r : Child(root, "sheetData").children()) {
    if (Local(r) != "row") continue;
    std::size_t row_index = sheet.rows.size();
    if (const auto a = r.attribute("r")) row_index = static_cast<std::size_t>(a.as_ullong()) - 1;
    if (row_index >= kMaxRows) throw SheetError("工作表行数过多 / too many rows");
    if (row_index < sheet.rows.size()) row_index = sheet.rows.size();
    sheet.rows.resize(row_index + 1);
    auto& row = sheet.rows[row_index];
    for (pugi::xml_node c : r.children()) {
      if (Local(c) != "c") continue;
      std::size_t ri = row_index, ci = row.size();
      if (const auto a = c.attribute("r")) {
        if (!ParseRef(a.as_string(), ri, ci)) ci = row.size();
      }
      if (ci >= kMaxColumns) continue;
      if (row.size() <= ci) row.resize(ci + 1);
      SheetCell& cell = row[ci];
      const std::string type = c.attribute("t").as_string();
      const pugi::xml_node v = Child(c, "v");
      const pugi::xml_node f = Child(c, "f");
      cell.formula = static_cast<bool>(f);
      if (cell.formula && v && std::string_view(v.text().get()).empty()) {
        cell.formula_without_value = true;  // <v></v>: never computed
      } else if (type == "inlineStr") {
        cell.text = AllText(Child(c, "is"));
      } else if (!v) {
        cell.formula_without_value = cell.formula;
      } else if (type == "s") {
        const auto k = static_cast<std::size_t>(v.text().as_ullong());
        if (k < shared.size()) cell.text = shared[k];
      } else if (type == "str" || type == "e") {
        cell.text = v.text().get();
      } else if (type == "b") {
        cell.text = v.text().as_int() ? "是" : "否";
      } else {
        const std::string raw = v.text().get();
        char* end = nullptr;
        const double d = std::strtod(raw.c_str(), &end);
        if (end && *end == '\0' && !raw.empty()) {
          cell.number = d;
          cell.text = NumberText(d);
        } else {
          cell.text = raw;
        }
      }
    }
  }
  // Merged cells: the covered cells take the top-left cell's content and say so.
  for (pugi::xml_node m : Child(root, "mergeCells").children()) {
    const std::string ref = m.attribute("ref").as_string();
    const auto colon = ref.find(':');
    std::size_t r0, c0, r1, c1;
    if (colon == std::string::npos || !ParseRef(ref.substr(0, colon), r0, c0) || !ParseRef(ref.substr(colon + 1), r1, c1)) continue;
    if (r1 >= sheet.rows.size()) sheet.rows.resize(std::min(r1 + 1, kMaxRows));
    if (r0 >= sheet.rows.size() || c1 >= kMaxColumns) continue;
    const SheetCell top = c0 < sheet.rows[r0].size() ? sheet.rows[r0][c0] : SheetCell{};
    for (std::size_t r = r0; r <= r1 && r < sheet.rows.size(); ++r) {
      for (std::size_t c = c0; c <= c1; ++c) {
        if (r == r0 && c == c0) continue;
        auto& row = sheet.rows[r];
        if (row.size() <= c) row.resize(c + 1);
        row[c] = top;
        row[c].merged_from = CellName(r0, c0);
      }
    }
  }
  return sheet;
}

Sheet ReadSheet(std::string_view bytes) {
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return ReadXlsx(bytes);
  if (bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
    throw SheetError("旧版 Excel（.xls）文件无法直接读取，请另存为 .xlsx 或 .csv / .xls is not supported: save as .xlsx or .csv");
  }
  return ReadCsv(bytes);
}

}  // namespace gongkai::reg
