// Doubtful readings (OCR) keep their place: the layout turns a word's note
// into a Document::Doubt at the word's bytes, and the extractor reports it at
// the table cell whose value was read there.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "format/labels.h"
#include "readers/page_layout.h"
#include "readers/reader.h"

namespace gongkai {
namespace {

using readers::layout::Page;
using readers::layout::Word;

Word W(std::string text, double x0, double y0, double x1, double y1, std::string doubt = "") {
  Word w;
  w.text = std::move(text);
  w.box = {x0, y0, x1, y1};
  w.doubt = std::move(doubt);
  return w;
}

// The text each doubt covers.
std::vector<std::string> Covered(const Document& doc) {
  std::vector<std::string> out;
  for (const Doubt& d : doc.doubts) out.push_back(doc.text.substr(d.offset, d.length));
  return out;
}

TEST(Doubts, ParagraphWordKeepsItsPlace) {
  Page page;
  page.width = 600;
  page.height = 800;
  page.words = {W("共收到申请", 100, 300, 160, 310), W("27", 175, 300, 190, 310, "读作“27”存疑"),
                W("件", 205, 300, 215, 310)};
  const Document doc = readers::layout::Assemble({page});
  ASSERT_EQ(doc.doubts.size(), 1u);
  EXPECT_EQ(Covered(doc), std::vector<std::string>{"27"});
  EXPECT_EQ(doc.doubts[0].note, "读作“27”存疑");
}

TEST(Doubts, TableCellWordKeepsItsPlace) {
  // A borderless table (columns.h): four rows of a label and three numbers,
  // one number doubtful.
  Page page;
  page.width = 600;
  page.height = 800;
  const char* labels[] = {"甲项", "乙项", "丙项", "丁项"};
  for (int r = 0; r < 4; ++r) {
    const double y = 200 + r * 30;
    page.words.push_back(W(labels[r], 60, y, 100, y + 10));
    for (int k = 0; k < 3; ++k) {
      const bool doubtful = r == 2 && k == 1;
      page.words.push_back(W(std::to_string(r * 10 + k + 5), 200 + k * 60, y, 214 + k * 60, y + 10,
                             doubtful ? "读作“26”存疑" : ""));
    }
  }
  const Document doc = readers::layout::Assemble({page});
  bool table = false;
  for (const Block& b : doc.blocks) table = table || b.kind == Block::Kind::kTable;
  ASSERT_TRUE(table);
  ASSERT_EQ(doc.doubts.size(), 1u);
  EXPECT_EQ(Covered(doc), std::vector<std::string>{"26"});
  // The doubt starts where the cell does.
  bool at_cell = false;
  for (const Block& b : doc.blocks) {
    for (const auto& row : b.rows) {
      for (const Cell& c : row) at_cell = at_cell || (c.offset == doc.doubts[0].offset && c.text == "26");
    }
  }
  EXPECT_TRUE(at_cell);
}

std::string Seed(const std::string& name) {
  std::ifstream in(std::filesystem::path(GONGKAI_SOURCE_DIR) / "tests/fixtures/seeds" / name,
                   std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Doubts, ExtractorNamesTheCell) {
  Document doc = readers::ReadText(Seed("001-duodao-2023.txt"));
  ASSERT_TRUE(doc.doubts.empty());
  const extract::Extractor extractor;
  const Report clean = extractor.Extract(doc);
  // Doubt the value of Table 三 （七）总计 × 总计 where it was read.
  const auto row = static_cast<std::size_t>(format::Table3RowIndex("total"));
  const auto& total = clean.table3.rows.at(row).back();
  ASSERT_TRUE(total.offset.has_value());
  doc.doubts.push_back(Doubt{*total.offset, total.raw.size(), "读作存疑"});
  // One doubt outside every table: the first character of the agency's name
  // where it was read.
  ASSERT_FALSE(clean.meta.agency.empty());
  const std::size_t agency_at = clean.text.find(clean.meta.agency);
  ASSERT_NE(agency_at, std::string::npos);
  doc.doubts.insert(doc.doubts.begin(), Doubt{agency_at, 3, "标题存疑"});
  const Report r = extractor.Extract(doc);
  std::vector<const Finding*> doubts;
  for (const Finding& f : r.findings) {
    if (f.rule == "read.uncertain") doubts.push_back(&f);
  }
  ASSERT_EQ(doubts.size(), 2u);
  EXPECT_EQ(doubts[0]->message.rfind("标题存疑", 0), 0u);
  EXPECT_FALSE(doubts[0]->table.has_value());
  EXPECT_EQ(doubts[0]->offset, agency_at);
  EXPECT_EQ(doubts[1]->message, "读作存疑");
  EXPECT_EQ(doubts[1]->table, 3);
  EXPECT_EQ(doubts[1]->row, "total");
  EXPECT_EQ(doubts[1]->column, "total");
  EXPECT_EQ(doubts[1]->offset, total.offset);
  // The first doubt is where the agency's name was read: it says so.
  EXPECT_NE(doubts[0]->message.find("单位名称“" + r.meta.agency + "”"), std::string::npos);
  EXPECT_EQ(doubts[1]->message.find("单位名称"), std::string::npos);
  // …and a fact the corpus reads (corpus::AgencyNameDoubted) marks it.
  using Fact = std::pair<std::string, std::string>;
  EXPECT_EQ(doubts[0]->facts, (std::vector<Fact>{{"agency_doubted", "true"}}));
  EXPECT_TRUE(doubts[1]->facts.empty());
  // Nothing else changed: the values are the same.
  EXPECT_EQ(r.table3.rows.at(row).back().value, total.value);
}

}  // namespace
}  // namespace gongkai
