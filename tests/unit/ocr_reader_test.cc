#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "readers/ocr.h"
#include "readers/reader.h"

namespace gongkai::readers {
namespace {

std::string Slurp(const std::string& rel) {
  std::ifstream in(std::string(GONGKAI_SOURCE_DIR) + "/" + rel, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST(OcrReader, FindsChineseLanguageData) { EXPECT_FALSE(FindTessdata().empty()); }

TEST(OcrReader, GarbageImageIsAReadError) {
  EXPECT_THROW(ReadImage("\x89PNG\r\n\x1a\nnot really"), ReadError);
  EXPECT_THROW(ReadImage(std::string("\xFF\xD8\xFF", 3)), ReadError);
}

// Two rows of Table 三 cut from a 200-dpi scan of a LibreOffice PDF: ruled
// cells read one by one into a grid, labels and values in their own cells.
TEST(OcrReader, ScannedTableRowsBecomeAGrid) {
  const std::string png = Slurp("tests/unit/data/ocr_table_rows.png");
  ASSERT_EQ(Detect(png), Format::kImage);
  const Document doc = Read(png, Format::kImage);
  ASSERT_EQ(doc.blocks.size(), 1u) << doc.text;
  const Block& t = doc.blocks[0];
  ASSERT_EQ(t.kind, Block::Kind::kTable);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][0].text, "一、本年新收政府信息公开申请数量");
  EXPECT_EQ(t.rows[1][0].text, "二、上年结转政府信息公开申请数量");
  for (std::size_t c = 1; c + 2 < t.rows[1].size(); ++c) EXPECT_EQ(t.rows[1][c].text, "0") << c;
  EXPECT_EQ(t.rows[0][1].text, "27");
  // Whatever was read with low confidence is reported with what was read.
  for (const std::string& w : doc.warnings) EXPECT_NE(w.find("读作"), std::string::npos) << w;
}

}  // namespace
}  // namespace gongkai::readers
