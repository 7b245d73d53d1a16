#include "extract/extract.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "extract/meta.h"
#include "extract/sections.h"
#include "format/labels.h"
#include "readers/reader.h"
#include "util/text.h"

namespace gongkai::extract {
namespace {

Report FromText(const std::string& text) { return Extract(readers::ReadText(text)); }

const CellValue& T2(const Report& r, std::string_view key, std::size_t col = 0) {
  const auto rows = format::Table2Rows(r.table2.version);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].key == key) return r.table2.rows.at(i).at(col);
  }
  throw std::out_of_range(std::string(key));
}

const CellValue& T3(const Report& r, std::string_view key, std::size_t col) {
  return r.table3.rows.at(static_cast<std::size_t>(format::Table3RowIndex(key))).at(col);
}

// The finding that explains a null cell, if any.
const Finding* FindingFor(const Report& r, int table, std::string_view row, std::string_view column) {
  for (const Finding& f : r.findings) {
    if (f.table == table && f.row == row && (f.column == column || f.column.empty())) return &f;
    for (const CellRef& c : f.cells) {
      if (c.table == table && c.row == row && c.column == column) return &f;
    }
  }
  return nullptr;
}

constexpr const char* kTable2Pipes =
    "二、主动公开政府信息情况\n"
    "第二十条第（一）项 |\n"
    "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
    "规章 | / | — |  |\n"
    "行政规范性文件 | 1 | 0 | 2 |\n"
    "第二十条第（五）项 |\n"
    "信息内容 | 本年处理决定数量 |\n"
    "行政许可 | 5 |\n"
    "第二十条第（六）项 |\n"
    "信息内容 | 本年处理决定数量 |\n"
    "行政处罚 | — |\n"
    "行政强制 | 0 |\n"
    "第二十条第（八）项 |\n"
    "信息内容 | 本年收费金额（单位：万元） |\n"
    "行政事业性收费 | 1,278.85 |\n";

TEST(ExtractNulls, SlashDashAndBlankAreNullWithFindings) {
  const Report r = FromText(kTable2Pipes);
  ASSERT_TRUE(r.table2.found);
  EXPECT_FALSE(T2(r, "regulations", 0).value);
  EXPECT_TRUE(T2(r, "regulations", 0).not_applicable);
  EXPECT_FALSE(T2(r, "regulations", 1).value);
  EXPECT_FALSE(T2(r, "regulations", 2).value);
  EXPECT_FALSE(T2(r, "punishment").value);
  EXPECT_EQ(T2(r, "normative_documents", 2).value, 2);
  EXPECT_EQ(T2(r, "licensing").value, 5);
  EXPECT_EQ(T2(r, "coercion").value, 0);
  EXPECT_DOUBLE_EQ(*T2(r, "fees_wan_yuan").value, 1278.85);

  const Finding* slash = FindingFor(r, 2, "regulations", "issued");
  ASSERT_NE(slash, nullptr);
  EXPECT_EQ(slash->rule, "extract.cell_not_applicable");
  EXPECT_NE(slash->message.find("/"), std::string::npos);
  const Finding* dash = FindingFor(r, 2, "regulations", "repealed");
  ASSERT_NE(dash, nullptr);
  EXPECT_EQ(dash->rule, "extract.cell_not_applicable");
  const Finding* blank = FindingFor(r, 2, "regulations", "in_force");
  ASSERT_NE(blank, nullptr);
  EXPECT_EQ(blank->rule, "extract.cell_blank");
  ASSERT_NE(FindingFor(r, 2, "punishment", ""), nullptr);
  // A cell that was read has no finding.
  EXPECT_EQ(FindingFor(r, 2, "licensing", ""), nullptr);
}

TEST(ExtractNulls, MissingRowIsNullNotZero) {
  // Table 三 without its （二）部分公开 row.
  const Report r = FromText(
      "一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3\n"
      "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n"
      "三、本年度办理结果 （一）予以公开 3 0 0 0 0 0 3\n"
      "（七）总计 3 0 0 0 0 0 3\n"
      "四、结转下年度继续办理 0 0 0 0 0 0 0\n");
  ASSERT_TRUE(r.table3.found);
  EXPECT_EQ(T3(r, "granted", 0).value, 3);
  for (std::size_t c = 0; c < format::kTable3Columns; ++c) {
    EXPECT_FALSE(T3(r, "partially_granted", c).value) << c;
  }
  const Finding* f = FindingFor(r, 3, "partially_granted", "");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->rule, "extract.row_missing");
  // Table 四 absent altogether: said so, all null.
  EXPECT_FALSE(r.table4.found);
  EXPECT_FALSE(r.table4.groups[0][0].value);
  bool table_missing = false;
  for (const Finding& g : r.findings) table_missing |= g.rule == "extract.table_missing" && g.table == 4;
  EXPECT_TRUE(table_missing);
}

TEST(ExtractProse, FiguresInRunningTextAreNotTableCells) {
  const Report r = FromText(
      "二、主动公开政府信息情况\n"
      "2021 年硚口区行政审批局共处理行政许可 37957 件，行政事\n"
      "业性收费共 326780865 元。\n"
      "全年办理 行政处罚 641 件，行政强制 27 次。\n");
  EXPECT_FALSE(T2(r, "licensing").value);
  EXPECT_FALSE(T2(r, "punishment").value);
  EXPECT_FALSE(T2(r, "coercion").value);
  EXPECT_FALSE(T2(r, "fees_wan_yuan").value);
}

TEST(ExtractMeta, TitleSplitOverLinesAndSignature) {
  const Report r = FromText(
      "硚口区行政审批局2023年政府\n"
      "信息公开工作年度报告\n"
      "\n"
      "一、总体情况\n"
      "2023年，我局坚持公开为常态。\n"
      "六、其他需要报告的事项\n"
      "如对本报告有疑问，请与我局联系（地址：硚口区解放大道213号，电话：027-83616771）。\n"
      "\n"
      "           硚口区行政审批局\n"
      "           二〇二四年一月十八日\n");
  EXPECT_EQ(r.meta.title, "硚口区行政审批局2023年政府信息公开工作年度报告");
  EXPECT_EQ(r.meta.agency, "硚口区行政审批局");
  EXPECT_EQ(r.meta.year, 2023);
  EXPECT_EQ(r.meta.published_on, "2024-01-18");
  EXPECT_EQ(r.meta.phone, "027-83616771");
  EXPECT_EQ(r.meta.address, "硚口区解放大道213号");
}

TEST(ExtractMeta, NoTitleAgencyFromSignature) {
  const Report r = FromText(
      "依据《中华人民共和国政府信息公开条例》规定，编制本报告。统计期限从2023年1月1日起至2023年12月31日止。\n"
      "一、总体情况\n"
      "2023年，我们坚持以公开为常态。\n"
      "六、其他需要报告的事项\n"
      "无。\n"
      "\n"
      "硚口区教育局\n"
      "2024年1月24日\n");
  EXPECT_EQ(r.meta.title, "");
  EXPECT_EQ(r.meta.agency, "硚口区教育局");
  EXPECT_EQ(r.meta.year, 2023);
  EXPECT_EQ(r.meta.published_on, "2024-01-24");
}

TEST(ParseDate, PrintedForms) {
  EXPECT_EQ(ParseDate("2024年1月18日"), "2024-01-18");
  EXPECT_EQ(ParseDate("二〇二四年一月十八日"), "2024-01-18");
  EXPECT_EQ(ParseDate("二〇二三年十二月三十一日"), "2023-12-31");
  EXPECT_EQ(ParseDate("2024-01-18"), "2024-01-18");
  EXPECT_EQ(ParseDate("2024.1.18"), "2024-01-18");
  EXPECT_FALSE(ParseDate("2024年13月1日"));
  EXPECT_FALSE(ParseDate("2024年1月18日印发"));
}

TEST(Sections, HeadingNumberings) {
  auto heading = [](const char* printed, int number, bool primary_only) {
    return IsSectionHeading(text::MatchKey(printed), number, primary_only);
  };
  EXPECT_TRUE(heading("一、总体情况", 1, true));
  EXPECT_TRUE(heading("总体情况", 1, true));
  EXPECT_TRUE(heading("第四部分 政府信息公开行政复议、行政诉讼情况", 4, true));
  EXPECT_TRUE(heading("1.总体情况", 1, true));
  EXPECT_TRUE(heading("3、收到和处理政府信息公开申请情况", 3, true));
  // Paraphrased headings, accepted in the second pass.
  EXPECT_TRUE(heading("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", 4, false));
  EXPECT_TRUE(heading("五、政府信息公开工作存在的主要问题及改进情况", 5, false));
  EXPECT_TRUE(heading("六、其他事项", 6, false));
  // An Arabic number is a section's only if it is that section's number.
  EXPECT_FALSE(heading("2.总体情况", 1, false));
  EXPECT_FALSE(heading("1.属于国家秘密", 1, false));
  EXPECT_FALSE(heading("（一）政府信息公开工作存在的问题", 5, false));
  EXPECT_FALSE(heading("2023年，我局存在的主要问题是公开不够及时。", 5, false));
}

// Every variant, whatever its heading numbering, has its six sections found.
TEST(VariantFixtures, AllSixSectionsFound) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(GONGKAI_SOURCE_DIR) / "tests/fixtures/variants";
  int reports = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    SCOPED_TRACE(entry.path().filename().string());
    const Report r = Extract(readers::ReadText(readers::LoadFile(entry.path().string())));
    std::vector<int> numbers;
    for (const Section& s : r.sections) numbers.push_back(s.number);
    EXPECT_EQ(numbers, (std::vector<int>{1, 2, 3, 4, 5, 6}));
    ++reports;
  }
  EXPECT_GE(reports, 17);
}

// Every cell a variant fixture expects as null must come out null, with a
// finding that names it (tools/score.py does not score expected nulls).
TEST(VariantFixtures, ExpectedNullsAreNullWithFindings) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(GONGKAI_SOURCE_DIR) / "tests/fixtures/variants";
  int nulls_checked = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    const std::string suffix = ".expected.json";
    if (name.size() <= suffix.size() || name.substr(name.size() - suffix.size()) != suffix) continue;
    const fs::path txt = dir / (name.substr(0, name.size() - suffix.size()) + ".txt");
    if (!fs::exists(txt)) continue;
    std::ifstream in(entry.path());
    const nlohmann::json expected = nlohmann::json::parse(in);
    const Report r = Extract(readers::ReadText(readers::LoadFile(txt.string())));
    SCOPED_TRACE(name);

    for (const auto& [row, value] : expected["table2"].items()) {
      const auto rows = format::Table2Rows(r.table2.version);
      for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].key != row) continue;
        for (std::size_t c = 0; c < rows[i].columns.size(); ++c) {
          const nlohmann::json& v = rows[i].scalar ? value : value[std::string(rows[i].columns[c].key)];
          if (!v.is_null()) continue;
          const std::string column = rows[i].scalar ? "" : std::string(rows[i].columns[c].key);
          EXPECT_FALSE(r.table2.rows[i][c].value) << row << "." << column;
          EXPECT_NE(FindingFor(r, 2, row, column), nullptr) << row << "." << column;
          ++nulls_checked;
        }
      }
    }
    for (const auto& [row, values] : expected["table3"].items()) {
      for (std::size_t c = 0; c < values.size(); ++c) {
        if (!values[c].is_null()) continue;
        const std::string column(format::Table3Columns()[c].key);
        EXPECT_FALSE(T3(r, row, c).value) << row << "." << column;
        EXPECT_NE(FindingFor(r, 3, row, column), nullptr) << row << "." << column;
        ++nulls_checked;
      }
    }
    const auto groups = format::Table4Groups();
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const auto& values = expected["table4"][std::string(groups[g].key)];
      for (std::size_t c = 0; c < values.size(); ++c) {
        if (!values[c].is_null()) continue;
        const std::string column(format::Table4Columns()[c].key);
        EXPECT_FALSE(r.table4.groups[g][c].value);
        EXPECT_NE(FindingFor(r, 4, groups[g].key, column), nullptr);
        ++nulls_checked;
      }
    }
  }
  // The fixtures do print "/", "—" and blank cells; a test that checks none is no test.
  EXPECT_GE(nulls_checked, 10);
}

TEST(ExtractPreference, TableRowReplacesTheSameRowReadFromRunningText) {
  // A page that quotes a row in running text (or hides a stale copy of the
  // table) before the real table: the table's values win.
  const std::string text =
      "三、收到和处理政府信息公开申请情况\n"
      "一、本年新收政府信息公开申请数量 99 99 99 99 99 99 99\n"
      "一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n"
      "二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n";
  const Report r = FromText(text);
  EXPECT_EQ(T3(r, "new_received", 0).value, 5);
  EXPECT_EQ(T3(r, "new_received", 6).value, 5);
  EXPECT_EQ(T3(r, "carried_over", 0).value, 1);
}

TEST(ExtractPreference, FirstTableReadingOfARowIsKept) {
  // Two real tables with the same row (a report quoting last year's table
  // after its own): the first is the report's.
  const std::string text =
      "一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n\n"
      "说明\n\n"
      "一、本年新收政府信息公开申请数量 | 7 | 0 | 0 | 0 | 0 | 0 | 7 |\n";
  const Report r = FromText(text);
  EXPECT_EQ(T3(r, "new_received", 0).value, 5);
}

}  // namespace
}  // namespace gongkai::extract
