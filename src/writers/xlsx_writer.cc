#include "writers/xlsx_writer.h"

#include <xlsxwriter.h>

#include <stdexcept>
#include <vector>

#include "writers/csv_writer.h"

namespace gongkai::writers {

namespace {

constexpr lxw_col_t kLeading = 4;  // agency, region, year, format_version

void Str(lxw_worksheet* ws, unsigned row, lxw_col_t col, std::string_view s) {
  const std::string v(s);
  worksheet_write_string(ws, row, col, v.c_str(), nullptr);
}

// The form's label of a cell, e.g. "（一）予以公开 / 自然人".
std::string Label(int table, std::string_view row, std::string_view col, format::Version v) {
  auto find = [](auto span, std::string_view key) -> std::string {
    for (const auto& e : span) {
      if (e.key == key) return std::string(e.label);
    }
    return std::string(key);
  };
  if (table == 2) {
    for (const auto& r : format::Table2Rows(v)) {
      if (r.key == row) return std::string(r.label) + " / " + find(r.columns, col);
    }
  }
  if (table == 3) return find(format::Table3Rows(), row) + " / " + find(format::Table3Columns(), col);
  if (table == 4) return find(format::Table4Groups(), row) + " / " + find(format::Table4Columns(), col);
  return std::string(row) + " / " + std::string(col);
}

}  // namespace

XlsxWriter::XlsxWriter(const std::string& path) {
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  wb_ = workbook_new_opt(path.c_str(), &options);
  if (!wb_) throw std::runtime_error("cannot create " + path);
}

XlsxWriter::~XlsxWriter() {
  if (wb_) workbook_close(wb_);
}

XlsxWriter::Sheet& XlsxWriter::SheetFor(const std::string& name, const Report& shape) {
  auto it = sheets_.find(name);
  if (it != sheets_.end()) return it->second;
  Sheet s;
  s.ws = workbook_add_worksheet(wb_, name.c_str());
  if (!s.ws) throw std::runtime_error("cannot add sheet " + name);
  const int table = name[5] - '0';  // "tableN…"
  // Constant-memory mode cannot go back to a row: all keys, then all labels.
  std::vector<std::pair<std::string, std::string>> heads;
  ForEachCell(shape, [&](int t, std::string_view row, std::string_view column, const CellValue&) {
    if (t == table) heads.emplace_back(std::string(row) + "." + std::string(column), Label(t, row, column, shape.table2.version));
  });
  const char* lead[] = {"agency", "region", "year", "format_version"};
  for (lxw_col_t c = 0; c < kLeading; ++c) Str(s.ws, 0, c, lead[c]);
  for (std::size_t i = 0; i < heads.size(); ++i) Str(s.ws, 0, static_cast<lxw_col_t>(kLeading + i), heads[i].first);
  const char* lead_zh[] = {"单位", "地区", "年度", "格式"};
  for (lxw_col_t c = 0; c < kLeading; ++c) Str(s.ws, 1, c, lead_zh[c]);
  for (std::size_t i = 0; i < heads.size(); ++i) Str(s.ws, 1, static_cast<lxw_col_t>(kLeading + i), heads[i].second);
  return sheets_.emplace(name, s).first->second;
}

void XlsxWriter::Add(const Report& report, std::string_view agency, std::string_view region) {
  // Table 三 always in the split layout's columns plus the single row, so
  // that every unit lines up in one sheet whatever its layout.
  Report shape;
  shape.table2.version = report.table2.version;
  const auto t2 = format::Table2Rows(report.table2.version);
  shape.table2.rows.assign(t2.size(), {});
  for (std::size_t i = 0; i < t2.size(); ++i) shape.table2.rows[i].resize(t2[i].columns.size());
  const std::string t2name =
      std::string("table2_") + std::string(format::VersionKey(report.table2.version == format::Version::kV2019
                                                                   ? format::Version::kV2019
                                                                   : format::Version::kV2021));
  shape.table3.rows.assign(format::Table3Rows().size(), {});
  for (const std::string& name : {t2name, std::string("table3_split"), std::string("table3_single"), std::string("table4")}) {
    Report layout = shape;
    layout.table3.other_split = name != "table3_single";
    if (name == "table3_split" && !report.table3.other_split) continue;
    if (name == "table3_single" && report.table3.other_split) continue;
    Sheet& s = SheetFor(name, layout);
    const int table = name[5] - '0';
    Str(s.ws, s.row, 0, agency);
    Str(s.ws, s.row, 1, region);
    if (report.meta.year) worksheet_write_number(s.ws, s.row, 2, *report.meta.year, nullptr);
    Str(s.ws, s.row, 3, format::VersionKey(report.meta.format_version));
    lxw_col_t col = kLeading;
    ForEachCell(report, [&](int t, std::string_view, std::string_view, const CellValue& c) {
      if (t != table) return;
      if (c.value) worksheet_write_number(s.ws, s.row, col, *c.value, nullptr);
      ++col;
    });
    ++s.row;
  }
  if (!findings_.ws) {
    // Created after the table sheets of the first report, so it comes last.
    findings_.ws = workbook_add_worksheet(wb_, "findings");
    const char* head[] = {"agency", "region", "year", "rule", "severity", "table", "row", "column", "message"};
    for (lxw_col_t c = 0; c < 9; ++c) Str(findings_.ws, 0, c, head[c]);
    findings_.row = 1;
  }
  for (const Finding& f : report.findings) {
    lxw_worksheet* ws = findings_.ws;
    const unsigned r = findings_.row++;
    Str(ws, r, 0, agency);
    Str(ws, r, 1, region);
    if (report.meta.year) worksheet_write_number(ws, r, 2, *report.meta.year, nullptr);
    Str(ws, r, 3, f.rule);
    Str(ws, r, 4, f.severity);
    if (f.table) worksheet_write_number(ws, r, 5, *f.table, nullptr);
    Str(ws, r, 6, f.row);
    Str(ws, r, 7, f.column);
    Str(ws, r, 8, f.message);
  }
}

void XlsxWriter::Close() {
  lxw_workbook* wb = wb_;
  wb_ = nullptr;
  if (wb && workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("cannot write the XLSX file");
}

}  // namespace gongkai::writers
