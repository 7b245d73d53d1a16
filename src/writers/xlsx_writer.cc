#include "writers/xlsx_writer.h"

#include <xlsxwriter.h>
#include <zip.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <set>
#include <stdexcept>

#include "audit/names.h"
#include "writers/cell_columns.h"
#include "writers/csv_writer.h"
#include "writers/text_format.h"

namespace gongkai::writers {

namespace {

// The leading columns of every table sheet.
constexpr const char* kLeading[] = {"单位", "地区", "年度", "格式", "发布日期", "错误数", "警告数"};
constexpr lxw_col_t kLead = 7;
constexpr uint8_t kPaperA4 = 9, kPaperA3 = 8;

struct Formats {
  lxw_format* title = nullptr;
  lxw_format* head = nullptr;
  lxw_format* text = nullptr;
  lxw_format* wrap = nullptr;
  lxw_format* count = nullptr;
  lxw_format* percent = nullptr;
  lxw_format* note = nullptr;
  lxw_format* money[7] = {};  // by decimals, 2..6

  explicit Formats(lxw_workbook* wb) {
    title = workbook_add_format(wb);
    format_set_bold(title);
    format_set_font_size(title, 16);
    head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_align(head, LXW_ALIGN_CENTER);
    format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(head);
    format_set_border(head, LXW_BORDER_THIN);
    format_set_bg_color(head, 0xDDE6F0);
    text = workbook_add_format(wb);
    format_set_border(text, LXW_BORDER_THIN);
    wrap = workbook_add_format(wb);
    format_set_border(wrap, LXW_BORDER_THIN);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    count = workbook_add_format(wb);
    format_set_num_format(count, "0");
    format_set_border(count, LXW_BORDER_THIN);
    percent = workbook_add_format(wb);
    format_set_num_format(percent, "0.0%");
    format_set_border(percent, LXW_BORDER_THIN);
    format_set_align(percent, LXW_ALIGN_RIGHT);
    note = workbook_add_format(wb);
    format_set_text_wrap(note);
    format_set_align(note, LXW_ALIGN_VERTICAL_TOP);
    for (int d = 2; d <= 6; ++d) {
      money[d] = workbook_add_format(wb);
      format_set_num_format(money[d], ("#,##0." + std::string(static_cast<std::size_t>(d), '0')).c_str());
      format_set_border(money[d], LXW_BORDER_THIN);
    }
  }
  lxw_format* Money(int decimals) const { return money[std::clamp(decimals, 2, 6)]; }
};

void Str(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, std::string_view s, lxw_format* f) {
  const std::string v = NeutraliseFormula(s);
  if (v.empty()) {
    worksheet_write_blank(ws, row, col, f);
  } else {
    worksheet_write_string(ws, row, col, v.c_str(), f);
  }
}

void Num(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, double v, lxw_format* f) {
  worksheet_write_number(ws, row, col, v, f);
}

// Rounding noise of sums (9116.360000000001) never reaches the file.
double Clean(double v) { return std::round(v * 1e6) / 1e6; }

std::string CellName(lxw_row_t row, lxw_col_t col) {
  char buf[32];
  lxw_rowcol_to_cell(buf, row, col);
  return buf;
}

// `pages_wide`: the sheet fitted to this many pages across (1 for all but
// 表三, whose 189 value columns would be unreadable on one page).
void PrintSetup(lxw_worksheet* ws, std::string_view title, uint8_t paper, lxw_row_t header_rows,
                uint16_t pages_wide = 1) {
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, paper);
  worksheet_fit_to_pages(ws, pages_wide, 0);
  worksheet_repeat_rows(ws, 0, header_rows - 1);
  worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
  const std::string header = "&C&14" + std::string(title);
  worksheet_set_header(ws, header.c_str());
  worksheet_set_footer(ws, "&C第 &P 页，共 &N 页");
}

std::string Today() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::size_t ColumnIndex(const std::vector<CellColumn>& all, int table, std::string_view row, std::string_view col) {
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].table == table && all[i].row_key == row && all[i].column_key == col) return i;
  }
  throw std::logic_error("no such cell column");
}

}  // namespace

XlsxWriter::XlsxWriter(std::string path) : path_(std::move(path)) {}

XlsxWriter::~XlsxWriter() {
  if (closed_) return;
  try {
    Close();
  } catch (const std::exception&) {
    // A destructor does not throw; callers who care call Close().
  }
}

void XlsxWriter::Add(const Report& report, const Unit& unit) {
  const std::vector<CellColumn> all = AllCellColumns();
  Row row;
  row.agency = unit.agency.empty() ? report.meta.agency : unit.agency;
  row.region = unit.region;
  row.year = report.meta.year;
  row.version = std::string(text::VersionShortName(format::VersionKey(report.meta.format_version)));
  row.published_on = report.meta.published_on;
  row.table2_version =
      report.table2.version == format::Version::kV2019 ? format::Version::kV2019 : format::Version::kV2021;
  row.values.resize(all.size());
  row.decimals.resize(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    const CellValue* c = CellOf(report, all[i]);
    if (!c || !c->value) continue;
    row.values[i] = *c->value;
    row.decimals[i] = static_cast<signed char>(std::clamp(text::PrintedDecimals(c->raw), 0, 6));
  }
  const std::size_t unit_index = rows_.size();
  for (std::size_t k = 0; k < report.findings.size(); ++k) {
    const Finding& f = report.findings[k];
    row.errors += f.severity == "error";
    row.warnings += f.severity == "warning";
    FindingRow fr;
    fr.unit = unit_index;
    fr.severity = std::string(text::SeverityName(f.severity));
    if (f.table) {
      const CellRef ref{*f.table, f.row, f.column};
      fr.table = audit::TableName(*f.table);
      if (!f.row.empty()) fr.row = Unquote(audit::RowName(report, ref));
      if (!f.column.empty()) fr.column = Unquote(audit::ColumnName(report, ref));
    }
    fr.message = f.message;
    fr.excerpt = f.original.empty() ? f.excerpt : f.original;
    fr.place = text::TextPlace(report, f);
    if (k < unit.review.size()) fr.review = unit.review[k];
    fr.rule = f.rule;
    findings_.push_back(std::move(fr));
  }
  rows_.push_back(std::move(row));
}

namespace {

// libxlsxwriter prints every number with "%.16G", which writes the double
// nearest 9116.36 as 9116.360000000001 (and 75394.4 as 75394.39999999999):
// no rounding before writing can avoid it. The worksheets are therefore
// rewritten once the workbook is closed: each <v>NUMBER</v> with the shortest
// of %.15G/%.16G/%.17G that reads back as the same double, so a cell holds
// what the report printed. A worksheet too large to hold in memory is left
// as libxlsxwriter wrote it (the values are the same doubles).
std::string ShortestNumber(std::string_view printed) {
  const std::string s(printed);
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return s;
  for (int digits = 15; digits <= 17; ++digits) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.*G", digits, v);
    if (std::strtod(buf, nullptr) == v) return buf;
  }
  return s;
}

std::string TidyNumbers(std::string_view xml) {
  std::string out;
  out.reserve(xml.size());
  std::size_t at = 0;
  for (std::size_t p; (p = xml.find("<v>", at)) != std::string_view::npos;) {
    const std::size_t begin = p + 3, end = xml.find("</v>", begin);
    if (end == std::string_view::npos) break;
    out.append(xml.substr(at, begin - at));
    const std::string_view v = xml.substr(begin, end - begin);
    // Shared-string indices and short numbers are left alone.
    out += v.size() > 15 ? ShortestNumber(v) : std::string(v);
    at = end;
  }
  out.append(xml.substr(at));
  return out;
}

void TidyWorksheets(const std::string& path) {
  constexpr zip_uint64_t kMaxSheet = 512ull << 20;
  int err = 0;
  zip_t* z = zip_open(path.c_str(), 0, &err);
  if (!z) throw std::runtime_error("无法重新打开 XLSX 文件 / cannot reopen " + path);
  const zip_int64_t n = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* name = zip_get_name(z, static_cast<zip_uint64_t>(i), 0);
    if (!name || std::strncmp(name, "xl/worksheets/sheet", 19) != 0) continue;
    zip_stat_t st;
    if (zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
        st.size > kMaxSheet) {
      continue;
    }
    std::string xml(static_cast<std::size_t>(st.size), '\0');
    zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
    if (!f) continue;
    const zip_int64_t got = zip_fread(f, xml.data(), st.size);
    zip_fclose(f);
    if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) continue;
    const std::string tidy = TidyNumbers(xml);
    if (tidy == xml) continue;
    void* buf = std::malloc(tidy.size());
    if (!buf) continue;
    std::memcpy(buf, tidy.data(), tidy.size());
    zip_source_t* src = zip_source_buffer(z, buf, tidy.size(), 1);
    if (!src) {
      std::free(buf);
      continue;
    }
    if (zip_file_replace(z, static_cast<zip_uint64_t>(i), src, 0) != 0) zip_source_free(src);
  }
  if (zip_close(z) != 0) {
    const std::string why = zip_strerror(z);
    zip_discard(z);
    throw std::runtime_error("无法写入 XLSX 文件 / cannot write " + path + ": " + why);
  }
}

}  // namespace

void XlsxWriter::Close() {
  if (closed_) return;
  closed_ = true;
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path_.c_str(), &options);
  if (!wb) throw std::runtime_error("无法创建文件 / cannot create " + path_);
  Write(wb);
  const lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    throw std::runtime_error("无法写入 XLSX 文件 / cannot write " + path_ + ": " + lxw_strerror(err));
  }
  TidyWorksheets(path_);
}

void XlsxWriter::Write(lxw_workbook* wb) const {
  const Formats fmt(wb);
  const std::vector<CellColumn> all = AllCellColumns();
  lxw_worksheet* overview = workbook_add_worksheet(wb, std::string(kOverview).c_str());
  lxw_worksheet* sheets[3] = {workbook_add_worksheet(wb, std::string(kTable2).c_str()),
                              workbook_add_worksheet(wb, std::string(kTable3).c_str()),
                              workbook_add_worksheet(wb, std::string(kTable4).c_str())};
  lxw_worksheet* issues = workbook_add_worksheet(wb, std::string(kFindings).c_str());
  if (!overview || !sheets[0] || !sheets[1] || !sheets[2] || !issues) throw std::runtime_error("cannot add sheets");

  // ---- 表二 / 表三 / 表四
  bool has_v2019 = false, has_v2021 = false;
  for (const Row& r : rows_) (r.table2_version == format::Version::kV2019 ? has_v2019 : has_v2021) = true;
  if (!has_v2019 && !has_v2021) has_v2021 = true;
  static constexpr std::string_view kTitles[] = {"表二 主动公开政府信息情况", "表三 收到和处理政府信息公开申请情况",
                                                 "表四 政府信息公开行政复议、行政诉讼情况"};
  for (int table = 2; table <= 4; ++table) {
    lxw_worksheet* ws = sheets[table - 2];
    std::vector<std::size_t> cols;
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (all[i].table != table) continue;
      if (table == 2 && all[i].version == format::Version::kV2019 && !has_v2019) continue;
      if (table == 2 && all[i].version == format::Version::kV2021 && !has_v2021) continue;
      cols.push_back(i);
    }
    const bool both = table == 2 && has_v2019 && has_v2021;
    // Constant-memory mode writes rows in order: a row's height is set
    // before its first cell, and never for a row after the current one.
    worksheet_set_row(ws, 0, 36, nullptr);
    // Row 0: the leading block, then each row label over its columns.
    worksheet_merge_range(ws, 0, 0, 0, kLead - 1, "报告", fmt.head);
    for (std::size_t k = 0; k < cols.size();) {
      std::size_t end = k + 1;
      const CellColumn& c = all[cols[k]];
      while (end < cols.size() && all[cols[end]].row_label == c.row_label && all[cols[end]].version == c.version) ++end;
      std::string label = c.row_label;
      if (both) label = (c.version == format::Version::kV2019 ? "（2019版）" : "（2021版）") + label;
      const auto first = static_cast<lxw_col_t>(kLead + k), last = static_cast<lxw_col_t>(kLead + end - 1);
      if (first == last) {
        Str(ws, 0, first, label, fmt.head);
      } else {
        worksheet_merge_range(ws, 0, first, 0, last, label.c_str(), fmt.head);
      }
      k = end;
    }
    worksheet_set_row(ws, 1, 48, nullptr);
    for (lxw_col_t c = 0; c < kLead; ++c) Str(ws, 1, c, kLeading[c], fmt.head);
    for (std::size_t k = 0; k < cols.size(); ++k) {
      const CellColumn& c = all[cols[k]];
      std::string label = c.column_label;
      if (c.money && c.version == format::Version::kV2019) label += "（单位按报告所填）";
      Str(ws, 1, static_cast<lxw_col_t>(kLead + k), label, fmt.head);
    }
    lxw_row_t r = 2;
    for (const Row& row : rows_) {
      Str(ws, r, 0, row.agency, fmt.text);
      Str(ws, r, 1, row.region, fmt.text);
      if (row.year) {
        Num(ws, r, 2, *row.year, fmt.count);
      } else {
        Str(ws, r, 2, "", fmt.text);
      }
      Str(ws, r, 3, row.version, fmt.text);
      Str(ws, r, 4, row.published_on, fmt.text);
      Num(ws, r, 5, row.errors, fmt.count);
      Num(ws, r, 6, row.warnings, fmt.count);
      for (std::size_t k = 0; k < cols.size(); ++k) {
        const std::size_t i = cols[k];
        const auto col = static_cast<lxw_col_t>(kLead + k);
        if (!row.values[i]) {
          worksheet_write_blank(ws, r, col, fmt.text);
          continue;
        }
        Num(ws, r, col, all[i].money ? Clean(*row.values[i]) : *row.values[i],
            all[i].money ? fmt.Money(row.decimals[i]) : fmt.count);
      }
      ++r;
    }
    const auto last_col = static_cast<lxw_col_t>(kLead + cols.size() - 1);
    worksheet_freeze_panes(ws, 2, 1);
    worksheet_autofilter(ws, 1, 0, std::max<lxw_row_t>(r - 1, 1), last_col);
    worksheet_set_column(ws, 0, 0, 30, nullptr);
    worksheet_set_column(ws, 1, 1, 12, nullptr);
    worksheet_set_column(ws, 2, 2, 7, nullptr);
    worksheet_set_column(ws, 3, 3, 8, nullptr);
    worksheet_set_column(ws, 4, 4, 11, nullptr);
    worksheet_set_column(ws, 5, 6, 7, nullptr);
    worksheet_set_column(ws, kLead, last_col, table == 2 ? 13 : 9, nullptr);
    // 表三 on A3 about 28 value columns a page (four rows of the form), the
    // unit's name repeated at the left of every page.
    const auto pages = static_cast<uint16_t>(table == 3 ? (cols.size() + 27) / 28 : 1);
    PrintSetup(ws, kTitles[table - 2], table == 3 ? kPaperA3 : kPaperA4, 2, pages);
    worksheet_repeat_columns(ws, 0, 0);
  }

  // ---- 问题清单
  {
    static constexpr const char* kHead[] = {"单位", "地区", "年度", "严重程度", "表格", "行", "列",
                                            "问题说明", "原文摘录", "位置", "审核状态", "规则编号"};
    static constexpr double kWidth[] = {26, 10, 6, 8, 6, 22, 16, 60, 40, 8, 10, 20};
    constexpr lxw_col_t n = 12;
    worksheet_set_row(issues, 0, 24, nullptr);
    for (lxw_col_t c = 0; c < n; ++c) {
      Str(issues, 0, c, kHead[c], fmt.head);
      worksheet_set_column(issues, c, c, kWidth[c], nullptr);
    }
    lxw_row_t r = 1;
    for (const FindingRow& f : findings_) {
      const Row& u = rows_[f.unit];
      // Wrapped text: the row as high as its longest cell needs (a spreadsheet
      // does not grow rows written with a fixed default height on opening).
      const std::size_t lines = std::max({std::size_t{1}, (text::DisplayWidth(f.message) + 57) / 58,
                                          (text::DisplayWidth(f.excerpt) + 37) / 38,
                                          (text::DisplayWidth(u.agency) + 23) / 24});
      worksheet_set_row(issues, r, 15.0 * static_cast<double>(lines), nullptr);
      Str(issues, r, 0, u.agency, fmt.wrap);
      Str(issues, r, 1, u.region, fmt.wrap);
      if (u.year) {
        Num(issues, r, 2, *u.year, fmt.wrap);
      } else {
        Str(issues, r, 2, "", fmt.wrap);
      }
      Str(issues, r, 3, f.severity, fmt.wrap);
      Str(issues, r, 4, f.table, fmt.wrap);
      Str(issues, r, 5, f.row, fmt.wrap);
      Str(issues, r, 6, f.column, fmt.wrap);
      Str(issues, r, 7, f.message, fmt.wrap);
      Str(issues, r, 8, f.excerpt, fmt.wrap);
      Str(issues, r, 9, f.place, fmt.wrap);
      Str(issues, r, 10, f.review, fmt.wrap);
      Str(issues, r, 11, f.rule, fmt.wrap);
      ++r;
    }
    worksheet_freeze_panes(issues, 1, 1);
    worksheet_autofilter(issues, 0, 0, std::max<lxw_row_t>(r - 1, 1), n - 1);
    PrintSetup(issues, "问题清单", kPaperA4, 1);
  }

  // ---- 总览
  struct Region {
    std::set<std::string> units;
    int reports = 0, with_errors = 0, errors = 0, warnings = 0;
    double disclosed = 0, handled = 0, corrected = 0, decided = 0;
    int disclosure_left_out = 0, correction_left_out = 0;
  };
  const std::size_t granted = ColumnIndex(all, 3, "granted", "total");
  const std::size_t partial = ColumnIndex(all, 3, "partially_granted", "total");
  const std::size_t handled = ColumnIndex(all, 3, "total", "total");
  // Reports of several years are counted per year and region, never mixed in
  // one row (a unit's 2022 and 2023 reports are two years' work, not one);
  // the rows are ordered by year, then region.
  std::set<int> years;
  for (const Row& row : rows_) {
    if (row.year) years.insert(*row.year);
  }
  const bool by_year = years.size() > 1;
  std::map<std::pair<int, std::string>, Region> regions;  // (year or 0, region)
  std::set<std::string> all_units;
  for (const Row& row : rows_) {
    const std::string region = row.region.empty() ? "（地区未知）" : row.region;
    Region& g = regions[{by_year ? row.year.value_or(0) : 0, region}];
    g.units.insert(row.agency);
    all_units.insert(row.agency);
    ++g.reports;
    g.with_errors += row.errors > 0;
    g.errors += row.errors;
    g.warnings += row.warnings;
    // A report with a null term is left out of the rate, never counted as 0.
    if (row.values[granted] && row.values[partial] && row.values[handled]) {
      g.disclosed += *row.values[granted] + *row.values[partial];
      g.handled += *row.values[handled];
    } else {
      ++g.disclosure_left_out;
    }
    double corrected = 0, decided = 0;
    bool complete = true;
    for (const auto& group : format::Table4Groups()) {
      const auto& c = row.values[ColumnIndex(all, 4, group.key, "corrected")];
      const auto& t = row.values[ColumnIndex(all, 4, group.key, "total")];
      const auto& p = row.values[ColumnIndex(all, 4, group.key, "pending")];
      if (!c || !t || !p) {
        complete = false;
        break;
      }
      corrected += *c;
      decided += *t - *p;
    }
    if (complete) {
      g.corrected += corrected;
      g.decided += decided;
    } else {
      ++g.correction_left_out;
    }
  }
  static constexpr const char* kHead[] = {"地区", "单位数", "报告数", "有错误的报告数", "错误数", "警告数",
                                          "予以公开＋部分公开（件）", "办理结果总计（件）", "公开率",
                                          "结果纠正（件）", "已审结（件）", "纠错率", "公开率未计入的报告数",
                                          "纠错率未计入的报告数"};
  constexpr lxw_col_t n = 14;
  auto label = [&](const std::pair<int, std::string>& key) {
    if (!by_year) return key.second;
    return (key.first ? std::to_string(key.first) + "年度 " : std::string("（年度未知） ")) + key.second;
  };
  std::string year_text;
  for (int y : years) year_text += (year_text.empty() ? "" : "、") + std::to_string(y);
  worksheet_set_row(overview, 0, 30, nullptr);
  worksheet_merge_range(overview, 0, 0, 0, n - 1, "政府信息公开工作年度报告核查总览", fmt.title);
  const std::string sub = "共 " + std::to_string(rows_.size()) + " 份报告、" + std::to_string(all_units.size()) +
                          " 个单位；年度：" + (year_text.empty() ? "未识别" : year_text) + "；生成日期：" + Today();
  worksheet_merge_range(overview, 1, 0, 1, n - 1, sub.c_str(), nullptr);
  constexpr lxw_row_t kHeadRow = 3;
  worksheet_set_row(overview, kHeadRow, 48, nullptr);
  for (lxw_col_t c = 0; c < n; ++c) Str(overview, kHeadRow, c, kHead[c], fmt.head);
  lxw_row_t r = kHeadRow + 1;
  const lxw_row_t first = r;
  auto rate = [&](lxw_row_t row, lxw_col_t col, lxw_col_t num, lxw_col_t den, double a, double b) {
    const std::string formula =
        "=IF(" + CellName(row, den) + ">0," + CellName(row, num) + "/" + CellName(row, den) + ",\"不适用\")";
    if (b > 0) {
      worksheet_write_formula_num(overview, row, col, formula.c_str(), fmt.percent, a / b);
    } else {
      worksheet_write_formula_str(overview, row, col, formula.c_str(), fmt.percent, "不适用");
    }
  };
  for (const auto& [key, g] : regions) {
    Str(overview, r, 0, label(key), fmt.text);
    Num(overview, r, 1, static_cast<double>(g.units.size()), fmt.count);
    Num(overview, r, 2, g.reports, fmt.count);
    Num(overview, r, 3, g.with_errors, fmt.count);
    Num(overview, r, 4, g.errors, fmt.count);
    Num(overview, r, 5, g.warnings, fmt.count);
    Num(overview, r, 6, g.disclosed, fmt.count);
    Num(overview, r, 7, g.handled, fmt.count);
    rate(r, 8, 6, 7, g.disclosed, g.handled);
    Num(overview, r, 9, g.corrected, fmt.count);
    Num(overview, r, 10, g.decided, fmt.count);
    rate(r, 11, 9, 10, g.corrected, g.decided);
    Num(overview, r, 12, g.disclosure_left_out, fmt.count);
    Num(overview, r, 13, g.correction_left_out, fmt.count);
    ++r;
  }
  const lxw_row_t last = r - 1;
  // 合计: the sums of the parts (not of the rates); units counted once.
  Str(overview, r, 0, by_year ? "合计（" + year_text + "年度）" : std::string("合计"), fmt.head);
  Num(overview, r, 1, static_cast<double>(all_units.size()), fmt.count);
  Region total;
  for (const auto& [key, g] : regions) {
    total.reports += g.reports;
    total.with_errors += g.with_errors;
    total.errors += g.errors;
    total.warnings += g.warnings;
    total.disclosed += g.disclosed;
    total.handled += g.handled;
    total.corrected += g.corrected;
    total.decided += g.decided;
    total.disclosure_left_out += g.disclosure_left_out;
    total.correction_left_out += g.correction_left_out;
  }
  const double sums[n] = {0, 0, double(total.reports), double(total.with_errors), double(total.errors),
                          double(total.warnings), total.disclosed, total.handled, 0, total.corrected,
                          total.decided, 0, double(total.disclosure_left_out), double(total.correction_left_out)};
  for (lxw_col_t c = 2; c < n; ++c) {
    if (c == 8 || c == 11) continue;
    const std::string f = "=SUM(" + CellName(first, c) + ":" + CellName(std::max(first, last), c) + ")";
    worksheet_write_formula_num(overview, r, c, f.c_str(), fmt.count, rows_.empty() ? 0 : sums[c]);
  }
  rate(r, 8, 6, 7, total.disclosed, total.handled);
  rate(r, 11, 9, 10, total.corrected, total.decided);
  r += 2;
  static constexpr const char* kNotes[] = {
      "公开率 ＝（表三“（一）予以公开”＋“（二）部分公开”）÷“（七）总计”，均取“总计”列；地区的公开率为各报告分子之和除以分母之和，不是各单位比率的平均。",
      "纠错率 ＝ 表四“结果纠正”之和 ÷（“总计”之和 － “尚未审结”之和），行政复议、未经复议直接起诉、复议后起诉三组合计，即本年已审结案件中被纠正的比例。",
      "所需单元格有空值（报告未填、填“/”或无法读出）的报告不计入比率，计数见最后两列；分母为0时显示“不适用”，不是0%。",
      "单位数按单位计（同一单位多份报告只计一次），报告数按份计。表三中（六）其他处理按三项分列的报告填三项，按一行填报的报告填“（六）其他处理”；空白单元格不是0。",
  };
  std::vector<std::string> notes(std::begin(kNotes), std::end(kNotes));
  if (by_year) {
    notes.push_back("所列报告属于" + std::to_string(years.size()) + "个年度（" + year_text +
                    "）：各行按年度和地区分列，不同年度不合并计算；合计行为各年度之和，其中单位数按单位计（同一单位各年度只计一次）。");
  }
  for (const std::string& note : notes) {
    worksheet_set_row(overview, r, 30, nullptr);
    worksheet_merge_range(overview, r, 0, r, n - 1, note.c_str(), fmt.note);
    ++r;
  }
  worksheet_set_column(overview, 0, 0, 22, nullptr);
  worksheet_set_column(overview, 1, n - 1, 11, nullptr);
  worksheet_freeze_panes(overview, kHeadRow + 1, 1);
  if (!regions.empty()) {
    worksheet_autofilter(overview, kHeadRow, 0, last, n - 1);
    lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_COLUMN);
    const std::string sheet(kOverview);
    for (lxw_col_t c : {lxw_col_t{2}, lxw_col_t{3}}) {
      lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
      chart_series_set_categories(s, sheet.c_str(), first, 0, last, 0);
      chart_series_set_values(s, sheet.c_str(), first, c, last, c);
      chart_series_set_name_range(s, sheet.c_str(), kHeadRow, c);
    }
    chart_title_set_name(chart, by_year ? "各年度各地区报告数与有错误的报告数" : "各地区报告数与有错误的报告数");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    // Counts of reports: whole numbers on the axis, never 2.5.
    int most = 0;
    for (const auto& [key, g] : regions) most = std::max(most, g.reports);
    if (most <= 10) chart_axis_set_major_unit(chart->y_axis, 1);
    chart_axis_set_min(chart->y_axis, 0);
    chart_axis_set_num_format(chart->y_axis, "0");
    lxw_chart_options place = {};
    place.x_scale = 1.6;
    place.y_scale = 1.2;
    worksheet_insert_chart_opt(overview, r + 1, 0, chart, &place);
  }
  PrintSetup(overview, "政府信息公开工作年度报告核查总览", kPaperA4, kHeadRow + 1);
}

}  // namespace gongkai::writers
