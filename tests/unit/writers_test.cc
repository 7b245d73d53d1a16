// Writers an office reads: the Chinese text formatter, CSV (BOM, wide
// layout, formula injection), XLSX (sheets, merged headers, frozen panes,
// autofilter, number formats, formulas, chart, print setup), the 整改通知
// (HTML, DOCX) and the rule catalogue's bases.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <filesystem>
#include <pugixml.hpp>
#include <regex>
#include <sstream>

#include "audit/rules.h"
#include "pipeline/pipeline.h"
#include "writers/cell_columns.h"
#include "writers/csv_writer.h"
#include "writers/notice_writer.h"
#include "writers/text_format.h"
#include "writers/xlsx_writer.h"

namespace gongkai::writers {
namespace {

std::string Seed(const char* name) { return std::string(GONGKAI_SOURCE_DIR) + "/tests/fixtures/seeds/" + name + ".txt"; }

std::string ZipEntryOf(zip_t* z, const char* entry) {
  zip_stat_t st;
  std::string out;
  if (zip_stat(z, entry, 0, &st) != 0) return out;
  zip_file_t* f = zip_fopen(z, entry, 0);
  if (!f) return out;
  out.resize(st.size);
  zip_fread(f, out.data(), st.size);
  zip_fclose(f);
  return out;
}

std::string ZipEntry(const std::string& path, const char* entry) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (!z) return "";
  std::string out = ZipEntryOf(z, entry);
  zip_discard(z);
  return out;
}

std::string ZipBytesEntry(const std::string& bytes, const char* entry) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* z = src ? zip_open_from_source(src, ZIP_RDONLY, &error) : nullptr;
  zip_error_fini(&error);
  if (!z) {
    zip_source_free(src);
    return "";
  }
  std::string out = ZipEntryOf(z, entry);
  zip_discard(z);
  return out;
}

std::size_t Count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size())) ++n;
  return n;
}

// ------------------------------------------------------------------ text

TEST(TextFormat, MoneyWithPrintedDecimalsNeverNoise) {
  EXPECT_EQ(text::Money(9116.360000000001, 2), "9116.36");
  EXPECT_EQ(text::Money(326.780865, 6), "326.780865");
  EXPECT_EQ(text::Money(5, 0), "5.00");  // money has at least two decimals
  EXPECT_EQ(text::Money(-0.0001, 2), "0.00");
  EXPECT_EQ(text::PrintedDecimals("1,234.50"), 2);
  EXPECT_EQ(text::PrintedDecimals("5"), 0);
}

TEST(TextFormat, NumbersNeverInExponentForm) {
  EXPECT_EQ(text::Number(75394400), "75394400");
  EXPECT_EQ(text::Number(7.5e15), "7500000000000000");
  EXPECT_EQ(text::Number(0.25), "0.25");
  EXPECT_EQ(text::ValueText(std::nullopt, false), "—");
}

TEST(TextFormat, SeverityAndVersionInChinese) {
  EXPECT_EQ(text::SeverityName("error"), "错误");
  EXPECT_EQ(text::SeverityName("warning"), "警告");
  EXPECT_EQ(text::SeverityName("info"), "提示");
  EXPECT_EQ(text::VersionShortName("v2019"), "2019版");
  EXPECT_NE(text::VersionName("v2021").find("国办公开办函〔2021〕30号"), std::string_view::npos);
}

TEST(TextFormat, PlacesAreParagraphsOrCellsNeverBytes) {
  EXPECT_EQ(text::ParagraphName("一\n\n二\n三", 0), "第1段");
  EXPECT_EQ(text::ParagraphName("一\n\n二\n三", 5), "第2段");   // "二", after a blank line
  EXPECT_EQ(text::ParagraphName("一\n\n二\n三", 9), "第3段");
  Report r;
  r.text = "标题\n正文第一段\n正文第二段";
  Finding f;
  f.offset = r.text.find("正文第二段");
  EXPECT_EQ(text::Place(r, f), "第3段");
  f.table = 3;
  f.row = "total";
  f.column = "natural_person";
  EXPECT_EQ(text::Place(r, f), "表三“自然人”列、“（七）总计”行");
}

TEST(TextFormat, CellNamesComeFromAReportWhoseFormHasTheCell) {
  Report v2019, v2021;
  v2019.table2.version = format::Version::kV2019;
  v2021.table2.version = format::Version::kV2021;
  const CellRef made{2, "regulations", "made"};
  const std::string name = text::CellNameIn({&v2019, &v2021}, made);
  EXPECT_EQ(name, "表二“规章”行“本年新制作数量”列");
  EXPECT_EQ(name.find("made"), std::string::npos);
  EXPECT_EQ(text::CellNameIn({&v2019, &v2021}, CellRef{2, "other_services", "change"}),
            "表二“其他对外管理服务事项”行“本年增/减”列");
}

TEST(TextFormat, TableAlignsByDisplayWidth) {
  EXPECT_EQ(text::DisplayWidth("表三"), 4u);
  EXPECT_EQ(text::DisplayWidth("ab"), 2u);
  text::Table t({"单位", "错误"});
  t.RightAlign({1});
  t.AddRow({"硚口区", "3"});
  t.AddRow({"ab", "12"});
  std::ostringstream out;
  t.Print(out);
  EXPECT_EQ(out.str(),
            "单位    错误\n"
            "------  ----\n"
            "硚口区     3\n"
            "ab        12\n");
}

TEST(TextFormat, FindingsWithoutRuleIdsUnlessVerbose) {
  const Report r = pipeline::ProcessFile(Seed("004-qiaokou-approval-2021"));
  ASSERT_FALSE(r.findings.empty());
  std::ostringstream plain, verbose;
  text::PrintFindings(plain, r, r.findings);
  text::FindingStyle style;
  style.verbose = true;
  text::PrintFindings(verbose, r, r.findings, style);
  EXPECT_NE(plain.str().find("【错误】"), std::string::npos);
  EXPECT_EQ(plain.str().find("narrative.unit"), std::string::npos) << plain.str();
  EXPECT_EQ(plain.str().find("字节"), std::string::npos);
  EXPECT_EQ(plain.str().find("未发现问题"), std::string::npos);
  EXPECT_NE(verbose.str().find("（规则 narrative.unit）"), std::string::npos) << verbose.str();
  std::ostringstream none;
  text::PrintFindings(none, r, {});
  EXPECT_EQ(none.str(), "  未发现问题\n");
}

// ------------------------------------------------------------------ CSV

TEST(CsvWriter, FormulaInjectionNeutralised) {
  EXPECT_EQ(NeutraliseFormula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
  EXPECT_EQ(NeutraliseFormula("+1"), "'+1");
  EXPECT_EQ(NeutraliseFormula("-1+2"), "'-1+2");
  EXPECT_EQ(NeutraliseFormula("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(NeutraliseFormula("硚口区"), "硚口区");
  EXPECT_EQ(CsvField("=1,2"), "\"'=1,2\"");
  Report r = pipeline::ProcessFile(Seed("000-qiaokou-approval-2023"));
  std::ostringstream out;
  WriteWideCsvRow(out, r, "=cmd|' /C calc'!A0", "@region");
  EXPECT_EQ(out.str().rfind("'=cmd|' /C calc'!A0,'@region,", 0), 0u) << out.str().substr(0, 80);
}

TEST(CsvWriter, WideLayoutOneRowPerReportWithChineseHeaders) {
  std::ostringstream out;
  WriteWideCsvHeader(out);
  const Report a = pipeline::ProcessFile(Seed("000-qiaokou-approval-2023"));
  const Report b = pipeline::ProcessFile(Seed("003-beilun-2023"));
  WriteWideCsvRow(out, a, "硚口区行政审批局", "硚口区");
  WriteWideCsvRow(out, b, "北仑区人民政府", "北仑区");
  const std::string csv = out.str();
  ASSERT_EQ(csv.rfind(std::string(kUtf8Bom), 0), 0u);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3);
  const std::string header = csv.substr(kUtf8Bom.size(), csv.find('\n') - kUtf8Bom.size());
  EXPECT_EQ(header.rfind("单位,地区,年度,格式,发布日期,错误数,警告数,", 0), 0u);
  EXPECT_NE(header.find("表三 （一）予以公开—总计"), std::string::npos) << header.substr(0, 300);
  EXPECT_NE(header.find("表二（2019版） 规章—本年新制作数量"), std::string::npos);
  EXPECT_EQ(header.find("granted"), std::string::npos);
  // Every line has as many fields as the header (no field contains a comma here).
  const std::size_t fields = static_cast<std::size_t>(std::count(header.begin(), header.end(), ',')) + 1;
  EXPECT_EQ(fields, 7 + AllCellColumns().size());
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    EXPECT_EQ(static_cast<std::size_t>(std::count(line.begin(), line.end(), ',')) + 1, fields);
  }
  EXPECT_EQ(csv.find("e+"), std::string::npos);
}

// ------------------------------------------------------------------ XLSX

class XlsxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() / ("gongkai-w-" + std::to_string(::getpid()) + ".xlsx")).string();
    XlsxWriter x(path_);
    Report a = pipeline::ProcessFile(Seed("000-qiaokou-approval-2023"));
    // A sum's rounding noise must not reach the file.
    for (std::size_t i = 0; i < a.table2.rows.size(); ++i) {
      if (format::Table2Rows(a.table2.version)[i].money) {
        a.table2.rows[i][0].value = 9116.360000000001;
        a.table2.rows[i][0].raw = "9116.36";
      }
    }
    x.Add(a, "硚口区行政审批局", "硚口区");
    x.Add(pipeline::ProcessFile(Seed("003-beilun-2023")), "=HYPERLINK(\"http://x\")", "北仑区");
    x.Add(pipeline::ProcessFile(Seed("004-qiaokou-approval-2021")), Unit{"硚口区行政审批局", "硚口区", {"已确认"}});
    // A report in the 2019 trial form: its Table 二 gets its own block.
    Report v19 = pipeline::ProcessFile(Seed("000-qiaokou-approval-2023"));
    v19.table2.version = format::Version::kV2019;
    v19.table2.rows.clear();
    for (const auto& row : format::Table2Rows(format::Version::kV2019)) {
      v19.table2.rows.emplace_back(row.columns.size());
    }
    v19.table2.rows[0][0].value = 3;  // 规章 本年新制作数量
    x.Add(v19, "硚口区行政审批局", "硚口区");
    x.Close();
  }
  void TearDown() override { std::filesystem::remove(path_); }
  std::string Sheet(int n) const { return ZipEntry(path_, ("xl/worksheets/sheet" + std::to_string(n) + ".xml").c_str()); }
  std::string path_;
};

TEST_F(XlsxTest, SheetsNamedInChineseInOrder) {
  const std::string wb = ZipEntry(path_, "xl/workbook.xml");
  ASSERT_FALSE(wb.empty());
  std::size_t at = 0;
  for (const char* sheet : {"总览", "表二", "表三", "表四", "问题清单"}) {
    const std::size_t p = wb.find(std::string("name=\"") + sheet + "\"");
    ASSERT_NE(p, std::string::npos) << sheet;
    EXPECT_GT(p, at) << sheet;
    at = p;
  }
  // Header rows repeated on every printed page.
  EXPECT_NE(wb.find("_xlnm.Print_Titles"), std::string::npos);
}

TEST_F(XlsxTest, TwoLevelHeaderMergedFrozenFiltered) {
  const std::string t3 = Sheet(3);
  EXPECT_NE(t3.find("<mergeCell ref=\"A1:G1\"/>"), std::string::npos);
  // 26 rows of Table 三 (both （六） layouts), each over its 7 columns.
  EXPECT_EQ(Count(t3, "<mergeCell "), 1u + 26u);
  EXPECT_NE(t3.find("1.申请人无正当理由逾期不补正"), std::string::npos);
  EXPECT_NE(t3.find(">（六）其他处理<"), std::string::npos);
  EXPECT_NE(t3.find("<pane xSplit=\"1\" ySplit=\"2\""), std::string::npos) << t3.substr(0, 800);
  EXPECT_NE(t3.find("<autoFilter ref=\"A2:"), std::string::npos);
  EXPECT_NE(t3.find("<cols>"), std::string::npos);
  EXPECT_NE(t3.find("orientation=\"landscape\""), std::string::npos);
  EXPECT_NE(t3.find("fitToHeight=\"0\""), std::string::npos);
  EXPECT_NE(t3.find("fitToPage=\"1\""), std::string::npos);
  for (const char* lead : {"单位", "地区", "年度", "格式", "发布日期", "错误数", "警告数"}) {
    EXPECT_NE(t3.find(std::string(">") + lead + "<"), std::string::npos) << lead;
  }
  // Table 二: both form versions present, so both blocks, each labelled.
  const std::string t2 = Sheet(2);
  EXPECT_NE(t2.find("（2019版）规章"), std::string::npos);
  EXPECT_NE(t2.find("（2021版）规章"), std::string::npos);
  EXPECT_NE(t2.find(">本年新制作数量<"), std::string::npos);
}

TEST_F(XlsxTest, NumberFormatsAndNoRoundingNoise) {
  const std::string styles = ZipEntry(path_, "xl/styles.xml");
  EXPECT_NE(styles.find("formatCode=\"0\""), std::string::npos);
  EXPECT_NE(styles.find("formatCode=\"#,##0.00\""), std::string::npos);
  EXPECT_NE(styles.find("formatCode=\"0.0%\""), std::string::npos);
  const std::string t2 = Sheet(2);
  // libxlsxwriter prints 16 significant digits ("%.16G"), which is
  // 9116.360000000001 for the double nearest to 9116.36 itself: the file
  // holds the number as printed, and the cell shows two decimals.
  const std::size_t at = t2.find("<v>9116.36</v>");
  ASSERT_NE(at, std::string::npos) << t2.substr(0, 3000);
  EXPECT_EQ(t2.find("9116.360000000001"), std::string::npos);
  for (int n = 1; n <= 5; ++n) {
    EXPECT_FALSE(std::regex_search(Sheet(n), std::regex("<v>-?[0-9]+\\.[0-9]*(0000000|9999999)[0-9]*</v>"))) << n;
  }
  const std::size_t cell = t2.rfind("<c ", at);
  EXPECT_NE(t2.substr(cell, at - cell).find(" s=\""), std::string::npos);
}

TEST_F(XlsxTest, FormulaInjectionNeutralisedInCells) {
  for (int n = 2; n <= 5; ++n) {
    const std::string s = Sheet(n);
    EXPECT_EQ(s.find("<t>=HYPERLINK"), std::string::npos) << n;
    EXPECT_EQ(s.find("<f>HYPERLINK"), std::string::npos) << n;
  }
  EXPECT_NE(Sheet(2).find("'=HYPERLINK"), std::string::npos);
}

TEST_F(XlsxTest, OverviewCountsUnitsWithStatedFormulasAndChart) {
  const std::string o = Sheet(1);
  // Four reports of two units in two regions, of 2021 and 2023: one row per
  // year and region (2021 硚口区, 2023 北仑区, 2023 硚口区), years never mixed.
  EXPECT_NE(o.find("共 4 份报告、2 个单位"), std::string::npos) << o.substr(0, 3000);
  EXPECT_NE(o.find("<f>IF(H5&gt;0,G5/H5,\"不适用\")</f>"), std::string::npos) << o.substr(0, 2000);
  EXPECT_NE(o.find("<f>SUM(C5:C7)</f>"), std::string::npos);
  const std::size_t y2021 = o.find("2021年度 硚口区"), y2023 = o.find("2023年度 北仑区");
  ASSERT_NE(y2021, std::string::npos);
  ASSERT_NE(y2023, std::string::npos);
  EXPECT_LT(y2021, y2023);
  EXPECT_NE(o.find("2023年度 硚口区"), std::string::npos);
  EXPECT_NE(o.find("合计（2021、2023年度）"), std::string::npos);
  EXPECT_NE(o.find("不同年度不合并计算"), std::string::npos);
  EXPECT_NE(o.find("公开率 ＝（表三“（一）予以公开”＋“（二）部分公开”）÷“（七）总计”"), std::string::npos);
  EXPECT_NE(o.find("纠错率 ＝ 表四“结果纠正”之和"), std::string::npos);
  EXPECT_FALSE(ZipEntry(path_, "xl/charts/chart1.xml").empty());
}

TEST_F(XlsxTest, FindingsListInChineseWithReviewStatus) {
  const std::string f = Sheet(5);
  for (const char* head : {"严重程度", "表格", "行", "列", "问题说明", "原文摘录", "审核状态"}) {
    EXPECT_NE(f.find(std::string(">") + head + "<"), std::string::npos) << head;
  }
  EXPECT_NE(f.find(">错误<"), std::string::npos);
  EXPECT_NE(f.find(">已确认<"), std::string::npos);
  EXPECT_EQ(f.find(">error<"), std::string::npos);
  EXPECT_EQ(f.find(">fees_wan_yuan<"), std::string::npos);
  EXPECT_NE(f.find("<pane xSplit=\"1\" ySplit=\"1\""), std::string::npos);
}

// ------------------------------------------------------------------ 整改通知

TEST(NoticeWriter, HtmlNamesTheUnitFindingsAndPlaceholders) {
  const Report r = pipeline::ProcessFile(Seed("004-qiaokou-approval-2021"));
  const std::string html = NoticeHtml(r, Unit{"硚口区行政审批局", "硚口区", {}}, NoticeOptions{});
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("关于硚口区行政审批局2021年度政府信息公开工作年度报告存在问题的整改通知"), std::string::npos);
  EXPECT_NE(html.find("〔　　　　〕　　号"), std::string::npos);
  EXPECT_NE(html.find("硚口区行政审批局："), std::string::npos);
  EXPECT_NE(html.find("系自动核查发现"), std::string::npos);
  const auto items = NoticeItems(r, Unit{}, NoticeOptions{});
  ASSERT_FALSE(items.empty());
  for (const NoticeItem& item : items) {
    EXPECT_NE(item.severity, "提示");
    EXPECT_NE(html.find(item.message.substr(0, 30)), std::string::npos) << item.message;
  }
  EXPECT_NE(html.find("依据："), std::string::npos);
  EXPECT_EQ(html.find("narrative.unit"), std::string::npos);
}

TEST(NoticeWriter, OnlyConfirmedFindingsWhenAsked) {
  const Report r = pipeline::ProcessFile(Seed("004-qiaokou-approval-2021"));
  Unit u{"硚口区行政审批局", "硚口区", std::vector<std::string>(r.findings.size(), "已驳回")};
  std::size_t confirmed = r.findings.size();
  for (std::size_t k = 0; k < r.findings.size(); ++k) {
    if (r.findings[k].severity == "error") {
      u.review[k] = "已确认";
      confirmed = k;
      break;
    }
  }
  ASSERT_LT(confirmed, r.findings.size());
  NoticeOptions o;
  o.statuses = {"已确认"};
  const auto items = NoticeItems(r, u, o);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].message, r.findings[confirmed].message);
  EXPECT_NE(NoticeHtml(r, u, o).find("均已经人工复核确认"), std::string::npos);
}

TEST(NoticeWriter, DocxIsAWordPackageWithTheNotice) {
  const Report r = pipeline::ProcessFile(Seed("004-qiaokou-approval-2021"));
  NoticeOptions o;
  o.issuer = "硚口区人民政府办公室";
  o.doc_number = "硚政办〔2027〕1号";
  o.date = "2027年2月10日";
  const std::string docx = NoticeDocx(r, Unit{"硚口区行政审批局", "硚口区", {}}, o);
  ASSERT_FALSE(docx.empty());
  EXPECT_NE(ZipBytesEntry(docx, "[Content_Types].xml").find("wordprocessingml.document.main+xml"), std::string::npos);
  EXPECT_NE(ZipBytesEntry(docx, "_rels/.rels").find("word/document.xml"), std::string::npos);
  const std::string xml = ZipBytesEntry(docx, "word/document.xml");
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  std::string all;
  for (const pugi::xpath_node& t : doc.select_nodes("//w:t")) all += t.node().text().get();
  EXPECT_NE(all.find("硚政办〔2027〕1号"), std::string::npos);
  EXPECT_NE(all.find("2027年2月10日"), std::string::npos);
  EXPECT_NE(all.find("一、存在的问题"), std::string::npos);
  EXPECT_NE(all.find("二、整改要求"), std::string::npos);
  EXPECT_NE(all.find(NoticeItems(r, Unit{}, o).front().message), std::string::npos);
  EXPECT_TRUE(doc.select_node("//w:sectPr/w:pgSz"));
}

// ------------------------------------------------------------------ rules

TEST(RuleCatalogue, EveryRuleHasABasisAndEveryFindingARule) {
  for (const audit::Rule& r : audit::Rules()) {
    EXPECT_FALSE(r.basis.empty()) << r.id;
    EXPECT_FALSE(r.what.empty()) << r.id;
  }
  for (const char* seed : {"000-qiaokou-approval-2023", "001-duodao-2023", "002-qiaokou-grid-2023", "003-beilun-2023",
                           "004-qiaokou-approval-2021"}) {
    for (const Finding& f : pipeline::ProcessFile(Seed(seed)).findings) {
      EXPECT_NO_THROW(audit::RuleById(f.rule)) << f.rule;
    }
  }
}

}  // namespace
}  // namespace gongkai::writers
