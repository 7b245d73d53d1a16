// Labels matched by their order as well as their spelling (typos), rows left
// out, values placed by the column they sit under, null cells reported once
// per table, and reading failures said as such.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "audit/audit.h"
#include "extract/extract.h"
#include "extract/label_match.h"
#include "format/labels.h"
#include "readers/reader.h"
#include "util/text.h"

namespace gongkai::extract {
namespace {

Report FromText(const std::string& text) { return Extract(readers::ReadText(text)); }

const CellValue& T3(const Report& r, std::string_view key, std::size_t col) {
  return r.table3.rows.at(static_cast<std::size_t>(format::Table3RowIndex(key))).at(col);
}

std::vector<const Finding*> WithRule(const Report& r, std::string_view rule) {
  std::vector<const Finding*> out;
  for (const Finding& f : r.findings) {
    if (f.rule == rule) out.push_back(&f);
  }
  return out;
}

// Table 三 in the pdftotext layout, each row's label and its seven values on
// one line; the row labelled `official` is printed as `printed`.
std::string Table3Text(const std::string& official = "", const std::string& printed = "") {
  std::string s = "三、收到和处理政府信息公开申请情况\n";
  for (const auto& row : format::Table3Rows()) {
    if (!row.in_v2021_split) continue;
    std::string label(row.label);
    if (!official.empty() && label == official) label = printed;
    const int v = row.key == "total" || row.key == "granted" || row.key == "new_received" ? 3 : 0;
    const std::string n = std::to_string(v);
    s += label + " " + n + " 0 0 0 0 0 " + n + "\n";
  }
  return s;
}

TEST(LabelCloseness, MissingCharactersInTheMiddleStayClose) {
  const LabelMatcher m(format::Version::kV2021);
  const std::string key = text::MatchKey("5.要求行政机关已获取信息");
  const std::vector<std::string_view> frags{key};
  const auto row = static_cast<std::size_t>(format::Table3RowIndex("not_processed.confirmation"));
  const auto close = m.Closest(frags, 3, row);
  EXPECT_LT(close.cost, 0.5);
  // Another row of the same table is far.
  const auto other = static_cast<std::size_t>(format::Table3RowIndex("denied.state_secret"));
  EXPECT_GT(m.Closest(frags, 3, other).cost, 0.7);
}

TEST(LabelAlignment, RowWithCharactersMissingFindsItsPlaceBetweenItsNeighbours) {
  const Report r = FromText(Table3Text("5.要求行政机关确认或重新出具已获取信息", "5.要求行政机关已获取信息"));
  ASSERT_TRUE(r.table3.found);
  EXPECT_TRUE(T3(r, "not_processed.confirmation", 0).found);
  EXPECT_EQ(T3(r, "not_processed.confirmation", 0).value, 0);
  EXPECT_TRUE(WithRule(r, "extract.row_missing").empty());
  const auto typos = WithRule(r, "extract.label_typo");
  ASSERT_EQ(typos.size(), 1u);
  EXPECT_EQ(typos[0]->row, "not_processed.confirmation");
  EXPECT_EQ(typos[0]->severity, "info");
  EXPECT_NE(typos[0]->message.find("5.要求行政机关已获取信息"), std::string::npos) << typos[0]->message;
  EXPECT_NE(typos[0]->message.find("5.要求行政机关确认或重新出具已获取信息"), std::string::npos);
}

TEST(LabelAlignment, WrongCharacterAndMissingOneInAShortLabel) {
  const Report r = FromText(Table3Text("3.补正后申请内容仍不明确", "3.补正后申请内谷仍不明"));
  EXPECT_TRUE(T3(r, "unavailable.unclear_after_correction", 6).found);
  EXPECT_EQ(T3(r, "unavailable.unclear_after_correction", 6).value, 0);
  ASSERT_EQ(WithRule(r, "extract.label_typo").size(), 1u);
}

TEST(LabelAlignment, AnUnrelatedLineInTheGapIsNotARow) {
  // The label of 2.重复申请 replaced by words of another kind: the row stays
  // missing and nothing else is read into it.
  const Report r = FromText(Table3Text("2.重复申请", "合计页码说明"));
  EXPECT_FALSE(T3(r, "not_processed.duplicate", 0).found);
  EXPECT_EQ(WithRule(r, "extract.row_missing").size(), 1u);
  EXPECT_TRUE(WithRule(r, "extract.label_typo").empty());
}

TEST(LabelAlignment, RunningTextIsNotAligned) {
  // Figures of the narrative between two tables are never rows.
  const Report r = FromText(Table3Text("2.重复申请", "") +
                            "四、政府信息公开行政复议、行政诉讼情况\n本年度重复申请较多 5 0 0 0 0 0 5 件。\n");
  EXPECT_FALSE(T3(r, "not_processed.duplicate", 0).found);
}

TEST(RowsLeftOut, RegulationsRowLeftOutIsNotUnreadable) {
  const Report r = FromText(
      "二、主动公开政府信息情况\n"
      "第二十条第（一）项 |\n"
      "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
      "行政规范性文件 | 1 | 0 | 2 |\n"
      "第二十条第（五）项 |\n"
      "信息内容 | 本年处理决定数量 |\n"
      "行政许可 | 5 |\n");
  ASSERT_TRUE(r.table2.found);
  const auto omitted = WithRule(r, "extract.row_omitted");
  ASSERT_EQ(omitted.size(), 1u);
  EXPECT_EQ(omitted[0]->row, "regulations");
  EXPECT_NE(omitted[0]->message.find("未列“规章”行"), std::string::npos) << omitted[0]->message;
  for (const Finding* f : WithRule(r, "extract.row_missing")) EXPECT_NE(f->row, "regulations");
  EXPECT_FALSE(r.table2.rows[0][0].value);
}

TEST(NullCells, ManyBlankCellsOfOneTableAreOneFinding) {
  std::string s = "三、收到和处理政府信息公开申请情况\n";
  for (const auto& row : format::Table3Rows()) {
    if (!row.in_v2021_split) continue;
    s += std::string(row.label) + " | 0 |  |  |  |  |  | 0 |\n";
  }
  const Report r = FromText(s);
  ASSERT_TRUE(r.table3.found);
  const auto blank = WithRule(r, "extract.cell_blank");
  ASSERT_EQ(blank.size(), 1u);
  EXPECT_EQ(blank[0]->cells.size(), 125u);
  EXPECT_EQ(blank[0]->table, 3);
  EXPECT_NE(blank[0]->message.find("共125个单元格"), std::string::npos) << blank[0]->message;
  EXPECT_NE(blank[0]->message.find("“商业企业”“科研机构”“社会公益组织”“法律服务机构”“其他”列"), std::string::npos)
      << blank[0]->message;
}

TEST(NullCells, OneBlankCellKeepsItsOwnFinding) {
  std::string s = "三、收到和处理政府信息公开申请情况\n";
  for (const auto& row : format::Table3Rows()) {
    if (!row.in_v2021_split) continue;
    s += std::string(row.label) + (row.key == "granted" ? " |  | 0 | 0 | 0 | 0 | 0 | 0 |\n" : " | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n");
  }
  const Report r = FromText(s);
  const auto blank = WithRule(r, "extract.cell_blank");
  ASSERT_EQ(blank.size(), 1u);
  EXPECT_TRUE(blank[0]->cells.empty());
  EXPECT_EQ(blank[0]->row, "granted");
  EXPECT_EQ(blank[0]->column, "natural_person");
}

// Table 三 as an HTML grid, the official header (自然人 … 总计 under 申请人情况).
std::string Table3Html(const std::string& granted_cells) {
  std::string s =
      "<html><body><p>三、收到和处理政府信息公开申请情况</p><table>"
      "<tr><td rowspan=3 colspan=2>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>"
      "<td colspan=7>申请人情况</td></tr>"
      "<tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>"
      "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>";
  for (const auto& row : format::Table3Rows()) {
    if (!row.in_v2021_split) continue;
    s += "<tr><td colspan=2>" + std::string(row.label) + "</td>";
    if (row.key == "granted") {
      s += granted_cells;
    } else {
      const std::string v = row.key == "new_received" || row.key == "total" ? "3" : "0";
      s += "<td>" + v + "</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>" + v + "</td>";
    }
    s += "</tr>";
  }
  return s + "</table></body></html>";
}

TEST(ColumnsByPosition, ValueSpanningTheNextColumnCostsOnlyThatCell) {
  const Report r = Extract(readers::ReadHtml(
      Table3Html("<td colspan=2>3</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td>")));
  ASSERT_TRUE(r.table3.found);
  EXPECT_EQ(T3(r, "granted", 0).value, 3);
  EXPECT_FALSE(T3(r, "granted", 1).value);
  EXPECT_EQ(T3(r, "granted", 5).value, 0);
  EXPECT_EQ(T3(r, "granted", 6).value, 3);
  EXPECT_TRUE(WithRule(r, "extract.row_short").empty());
  Report audited = r;
  audit::Audit(audited);
  for (const Finding& f : audited.findings) EXPECT_NE(f.severity, "error") << f.rule << " " << f.message;
}

TEST(ColumnsByPosition, WellFormedGridReadsAsBefore) {
  const Report r = Extract(readers::ReadHtml(
      Table3Html("<td>3</td><td>0</td><td>0</td><td>0</td><td>0</td><td></td><td>3</td>")));
  EXPECT_EQ(T3(r, "granted", 0).value, 3);
  EXPECT_FALSE(T3(r, "granted", 5).value);
  EXPECT_EQ(T3(r, "granted", 6).value, 3);
}

TEST(ReadingFailures, SectionHeadingMisspeltIsFoundByOrder) {
  const Report r = FromText(
      "一、总体情况\n正文。\n二、主动公开政府信息情况\n正文。\n三、收到和处理政府信息公开申请情况\n正文。\n"
      "四、政府信息公开行政夏议、行政诉讼倩况\n正文。\n五、存在的主要间题及改进情况\n正文。\n六、其他需要报告的事项\n无。\n");
  ASSERT_EQ(r.sections.size(), 6u);
  EXPECT_EQ(r.sections[3].heading, "四、政府信息公开行政夏议、行政诉讼倩况");
  EXPECT_EQ(r.sections[4].heading, "五、存在的主要间题及改进情况");
}

TEST(ReadingFailures, SectionNotFoundWhereItsTableWasReadIsAReadingFailure) {
  Report r = FromText("一、总体情况\n正文。\n二、主动公开政府信息情况\n正文。\n" + Table3Text().substr(Table3Text().find('\n') + 1) +
                      "五、存在的主要问题及改进情况\n正文。\n六、其他需要报告的事项\n无。\n");
  audit::Audit(r);
  bool missing3 = false, unread3 = false;
  for (const Finding& f : r.findings) {
    if (f.rule == "format.section_missing" && f.message.find("三、收到和处理") != std::string::npos) missing3 = true;
    if (f.rule == "read.section_unread" && f.message.find("三、收到和处理") != std::string::npos) {
      unread3 = true;
      EXPECT_NE(f.message.find("未能识别"), std::string::npos);
      EXPECT_NE(f.message.find("“二、主动公开政府信息情况”与“五、存在的主要问题及改进情况”之间"), std::string::npos)
          << f.message;
      EXPECT_EQ(f.severity, "warning");
    }
  }
  EXPECT_FALSE(missing3);
  EXPECT_TRUE(unread3);
}

TEST(ReadingFailures, TableNotReadSaysWhereItShouldBe) {
  const Report r = FromText("一、总体情况\n正文。\n四、政府信息公开行政复议、行政诉讼情况\n见下表。\n"
                            "五、存在的主要问题及改进情况\n正文。\n");
  bool placed = false;
  for (const Finding& f : r.findings) {
    if (f.rule == "extract.table_missing" && f.table == 4) {
      placed = f.message.find("第四部分“四、政府信息公开行政复议、行政诉讼情况”中未能读取到该表") != std::string::npos;
      EXPECT_TRUE(placed) << f.message;
      EXPECT_TRUE(f.offset.has_value());
    }
  }
  EXPECT_TRUE(placed);
}

}  // namespace
}  // namespace gongkai::extract

namespace gongkai::extract {
namespace {

TEST(Table4Header, OneWrongCharacterInAColumnHeaderStillReadsTheTable) {
  const Report r = FromText(
      "四、政府信息公开行政复议、行政诉讼情况\n"
      "行政复议 行政诉讼\n"
      "结果维持 结果纠正 其他结果 尚末审结 总计 未经复议直接起诉 复议后起诉\n"
      "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n");
  ASSERT_TRUE(r.table4.found);
  EXPECT_EQ(r.table4.groups[0][0].value, 1);
  EXPECT_EQ(r.table4.groups[0][4].value, 1);
  const auto typos = WithRule(r, "extract.label_typo");
  ASSERT_EQ(typos.size(), 1u);
  EXPECT_EQ(typos[0]->table, 4);
  EXPECT_EQ(typos[0]->column, "pending");
  EXPECT_NE(typos[0]->message.find("尚末审结"), std::string::npos);
}

TEST(Table4Header, ProseNamingTwoResultsIsNoHeader) {
  const Report r = FromText(
      "四、政府信息公开行政复议、行政诉讼情况\n本年度行政复议结果维持1件，结果纠正0件 1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n");
  EXPECT_FALSE(r.table4.found);
}

TEST(Table2Labels, ShortLabelWithAWrongCharacterFindsItsRowByOrder) {
  const Report r = FromText(
      "二、主动公开政府信息情况\n"
      "第二十条第（一）项 |\n"
      "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
      "规章 | 0 | 0 | 0 |\n"
      "行政规范性文件 | 1 | 0 | 2 |\n"
      "第二十条第（五）项 |\n"
      "信息内容 | 本年处理决定数量 |\n"
      "行政许诃 | 5 |\n"
      "第二十条第（六）项 |\n"
      "信息内容 | 本年处理决定数量 |\n"
      "行政处罚 | 2 |\n");
  ASSERT_TRUE(r.table2.found);
  EXPECT_EQ(r.table2.rows[2][0].value, 5);
  const auto typos = WithRule(r, "extract.label_typo");
  ASSERT_EQ(typos.size(), 1u);
  EXPECT_EQ(typos[0]->row, "licensing");
}

}  // namespace
}  // namespace gongkai::extract

namespace gongkai::extract {
namespace {

// Table 三 as text rows with `row` printed as `printed` (its values).
std::string Table3TextWithRow(std::string_view row_key, const std::string& printed) {
  std::string s = "三、收到和处理政府信息公开申请情况\n";
  for (const auto& row : format::Table3Rows()) {
    if (!row.in_v2021_split) continue;
    const bool three = row.key == "total" || row.key == "granted" || row.key == "new_received";
    const std::string values = three ? "2 1 0 0 0 0 3" : "0 0 0 0 0 0 0";
    s += std::string(row.label) + " " + (row.key == row_key ? printed : values) + "\n";
  }
  return s;
}

TEST(ShortTextRows, TheArithmeticPlacesABlankItCanLocate) {
  // 予以公开 (2 1 0 0 0 0 3) printed with one of its four zeros left blank:
  // the arithmetic places 2, 1 and 3; which zero is blank it cannot tell.
  const Report r = FromText(Table3TextWithRow("granted", "2 1 0 0 0 3"));
  EXPECT_EQ(T3(r, "granted", 0).value, 2);
  EXPECT_EQ(T3(r, "granted", 1).value, 1);
  EXPECT_EQ(T3(r, "granted", 6).value, 3);
  for (std::size_t c = 2; c < 6; ++c) EXPECT_FALSE(T3(r, "granted", c).value) << c;
  const auto short_rows = WithRule(r, "extract.row_short");
  ASSERT_EQ(short_rows.size(), 1u);
  EXPECT_EQ(short_rows[0]->cells.size(), 4u);
  EXPECT_NE(short_rows[0]->message.find("勾稽关系推定"), std::string::npos);
  Report audited = r;
  audit::Audit(audited);
  for (const Finding& f : audited.findings) EXPECT_NE(f.severity, "error") << f.rule << " " << f.message;
}

TEST(ShortTextRows, NoPlacementAgreesTheValuesStayInOrderAndTheAuditSaysWhy) {
  // Six values that no placement makes add up (the row sums to 3, prints 5).
  Report r = FromText(Table3TextWithRow("granted", "2 1 0 0 0 5"));
  EXPECT_EQ(T3(r, "granted", 5).value, 5);
  const auto short_rows = WithRule(r, "extract.row_short");
  ASSERT_EQ(short_rows.size(), 1u);
  EXPECT_NE(short_rows[0]->message.find("按顺序填入"), std::string::npos);
  audit::Audit(r);
  bool softened = false;
  for (const Finding& f : r.findings) {
    if (f.rule.starts_with("table3.")) {
      EXPECT_NE(f.severity, "error") << f.message;
      softened |= f.message.find("不一定是报告的错误") != std::string::npos;
    }
  }
  EXPECT_TRUE(softened);
}

}  // namespace
}  // namespace gongkai::extract
