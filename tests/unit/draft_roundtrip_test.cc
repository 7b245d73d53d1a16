// gongkai draft, read back: over many generated data sets (zero-heavy tables,
// the 2019 trial layout, decimals in the fee cell, section text given or
// left to the skeleton), the draft as DOCX and as HTML passes the audit with
// no error and extracting it gives exactly the data it was made from.
#include <gtest/gtest.h>

#include <random>

#include "format/labels.h"
#include "pipeline/pipeline.h"
#include "writers/draft_writer.h"
#include "writers/json_reader.h"
#include "writers/json_writer.h"

namespace gongkai::writers {
namespace {

CellValue V(double v) {
  CellValue c;
  c.value = v;
  c.found = true;
  return c;
}

struct Gen {
  std::mt19937 rng;
  bool zero_heavy;
  int N(int max) {
    if (zero_heavy && rng() % 10 < 8) return 0;
    const int kind = static_cast<int>(rng() % 4);
    if (kind == 0) return 0;
    if (kind == 1) return static_cast<int>(rng() % 10);
    if (kind == 2) return static_cast<int>(rng() % 200);
    return static_cast<int>(rng() % static_cast<unsigned>(max + 1));
  }
};

Report Generate(unsigned seed) {
  Gen g{std::mt19937(seed), seed % 3 == 0};
  static const char* kAgencies[] = {"某市某区人民政府办公室", "某县自然资源和规划局", "某街道办事处", "某市生态环境局", "某区行政审批局"};
  Report r;
  r.meta.agency = kAgencies[seed % 5];
  const int year = 2019 + static_cast<int>(seed % 7);
  r.meta.year = year;
  const bool v2019 = year < 2021;
  r.meta.format_version = v2019 ? format::Version::kV2019 : format::Version::kV2021;
  if (seed % 2) r.meta.published_on = std::to_string(year + 1) + "-01-" + (seed % 4 == 1 ? "18" : "20");
  // Table 二
  r.table2.version = v2019 ? format::Version::kV2019 : format::Version::kV2021;
  r.table2.found = true;
  const auto rows2 = format::Table2Rows(r.table2.version);
  for (const auto& spec : rows2) {
    std::vector<CellValue> cells;
    for (std::size_t c = 0; c < spec.columns.size(); ++c) {
      double v = g.N(90000);
      if (spec.money && (spec.key != "procurement" || c == 1) && g.rng() % 2) v += static_cast<double>(g.rng() % 100000) / 100000.0;
      if (spec.columns[c].key == std::string_view("change") && g.rng() % 3 == 0) v = -v;
      cells.push_back(V(v));
    }
    r.table2.rows.push_back(std::move(cells));
  }
  if (v2019) r.table2.procurement_unit = seed % 4 == 0 ? "万元" : "";
  // Table 三: outcomes and carried forward first, then new + carried over to match.
  r.table3.found = true;
  r.table3.other_split = !v2019;
  const auto rows3 = format::Table3Rows();
  r.table3.rows.resize(rows3.size());
  const std::size_t total_col = format::kTable3Columns - 1;
  for (auto& row : r.table3.rows) {
    for (auto& c : row) c = CellValue{};
  }
  std::array<double, format::kTable3Columns> outcomes{}, forward{}, fresh{}, carried{};
  for (std::size_t i = 0; i < rows3.size(); ++i) {
    if (!Table3RowInLayout(r.table3, i) || !rows3[i].outcome) continue;
    double sum = 0;
    for (std::size_t c = 0; c < total_col; ++c) {
      const double v = c == 0 ? g.N(400) : g.N(20) / 4;
      r.table3.rows[i][c] = V(v);
      sum += v;
      outcomes[c] += v;
    }
    r.table3.rows[i][total_col] = V(sum);
  }
  for (std::size_t c = 0; c < total_col; ++c) {
    forward[c] = g.N(30);
    const double all = outcomes[c] + forward[c];
    carried[c] = all > 0 ? static_cast<double>(g.rng() % (static_cast<unsigned>(all) / 4 + 1)) : 0;
    fresh[c] = all - carried[c];
  }
  auto put = [&](std::string_view key, const std::array<double, format::kTable3Columns>& vals) {
    auto& row = r.table3.rows[static_cast<std::size_t>(format::Table3RowIndex(key))];
    double sum = 0;
    for (std::size_t c = 0; c < total_col; ++c) {
      row[c] = V(vals[c]);
      sum += vals[c];
    }
    row[total_col] = V(sum);
  };
  put("new_received", fresh);
  put("carried_over", carried);
  put("total", outcomes);
  put("carried_forward", forward);
  // Table 四
  r.table4.found = true;
  for (auto& group : r.table4.groups) {
    double sum = 0;
    for (std::size_t c = 0; c + 1 < format::kTable4Columns; ++c) {
      group[c] = V(g.N(8) % 9);
      sum += *group[c].value;
    }
    group[format::kTable4Columns - 1] = V(sum);
  }
  // Sections: some given, the others left to the skeleton.
  if (seed % 4 == 2) {
    Section s;
    s.number = 5;
    s.heading = "五、存在的主要问题及改进情况";
    s.text = "一是主动公开的深度和广度有待加强。二是政策解读的形式还不够丰富。下一步将加强培训，提升公开质量。";
    r.sections.push_back(s);
  }
  return r;
}

void ExpectSameData(const Report& want, const Report& got, const std::string& what) {
  EXPECT_EQ(got.meta.agency, want.meta.agency) << what;
  EXPECT_EQ(got.meta.year, want.meta.year) << what;
  EXPECT_EQ(got.meta.format_version, want.meta.format_version) << what;
  EXPECT_EQ(got.meta.published_on, want.meta.published_on) << what;
  const Json a = ToJson(want), b = ToJson(got);
  EXPECT_EQ(b["table2"], a["table2"]) << what << "\n" << b["table2"].dump() << "\n" << a["table2"].dump();
  EXPECT_EQ(b["table3"], a["table3"]) << what << "\n" << b["table3"].dump() << "\n" << a["table3"].dump();
  EXPECT_EQ(b["table4"], a["table4"]) << what;
  for (const Section& s : want.sections) {
    bool found = false;
    for (const Section& t : got.sections) found = found || (t.number == s.number && t.text.find(s.text) != std::string::npos);
    EXPECT_TRUE(found) << what << " section " << s.number;
  }
  EXPECT_EQ(got.sections.size(), 6u) << what;
  for (const Finding& f : got.findings) EXPECT_NE(f.severity, "error") << what << ": " << f.rule << " " << f.message;
}

TEST(DraftRoundTrip, GeneratedDataSetsReadBackExactly) {
  const pipeline::Pipeline p;
  for (unsigned seed = 1; seed <= 60; ++seed) {
    const Report r = Generate(seed);
    // Through JSON first: the draft's input is the gongkai.report/1 document.
    const Report in = ReportFromJson(ToJson(r));
    const Report docx = p.ProcessBytes(DraftDocx(in), "draft.docx");
    ExpectSameData(r, docx, "docx seed " + std::to_string(seed));
    const Report html = p.ProcessBytes(DraftHtml(in), "draft.html");
    ExpectSameData(r, html, "html seed " + std::to_string(seed));
    if (HasFailure()) break;
  }
}

TEST(DraftRoundTrip, SkeletonSentencesCarryTheTablesFigures) {
  Report r = Generate(7);
  const auto s3 = DraftSectionText(r, 3);
  ASSERT_EQ(s3.size(), 1u);
  const double fresh = *r.table3.rows[static_cast<std::size_t>(format::Table3RowIndex("new_received"))][6].value;
  EXPECT_NE(s3[0].find("本年度新收政府信息公开申请" + std::to_string(static_cast<long long>(fresh)) + "件"), std::string::npos) << s3[0];
  // A null cell leaves its sentence out rather than printing 0.
  r.table3.rows[static_cast<std::size_t>(format::Table3RowIndex("new_received"))][6].value.reset();
  EXPECT_EQ(DraftSectionText(r, 3)[0].find("新收"), std::string::npos);
}

TEST(DraftRoundTrip, OfficialLayoutInTheDocx) {
  const std::string html = DraftHtml(Generate(4));
  for (const char* s : {"一、总体情况", "六、其他需要报告的事项", "本年收费金额（单位：万元）", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                        "rowspan=\"3\" colspan=\"3\"", "法人或其他组织", "（三）不予公开", "未经复议直接起诉"}) {
    EXPECT_NE(html.find(s), std::string::npos) << s;
  }
  const std::string docx = DraftDocx(Generate(4));
  EXPECT_EQ(docx.substr(0, 2), "PK");
}

}  // namespace
}  // namespace gongkai::writers
