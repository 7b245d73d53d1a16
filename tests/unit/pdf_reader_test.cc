#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <string>

#include "readers/page_layout.h"
#include "readers/pdf.h"
#include "readers/pictures.h"
#include "readers/reader.h"

namespace gongkai::readers {
namespace {

using layout::Box;
using layout::GrayImage;
using layout::Page;
using layout::Word;

std::string Slurp(const std::string& rel) {
  std::ifstream in(std::string(GONGKAI_SOURCE_DIR) + "/" + rel, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

Word W(std::string text, double x0, double y0, double x1, double y1) {
  Word w;
  w.text = std::move(text);
  w.box = {x0, y0, x1, y1};
  return w;
}

// A white 100x100 image, one unit per pixel, with black lines drawn on it.
GrayImage Blank(int w = 400, int h = 400) {
  GrayImage img;
  img.width = w;
  img.height = h;
  img.dpi = 100;
  img.units_per_pixel = 1;
  img.pixels.assign(static_cast<std::size_t>(w) * h, 255);
  return img;
}
void HLine(GrayImage& img, int y, int x0, int x1) {
  for (int x = x0; x <= x1; ++x) img.pixels[static_cast<std::size_t>(y) * img.width + x] = 0;
}
void VLine(GrayImage& img, int x, int y0, int y1) {
  for (int y = y0; y <= y1; ++y) img.pixels[static_cast<std::size_t>(y) * img.width + x] = 0;
}

TEST(PdfLayout, PageNumbers) {
  EXPECT_TRUE(layout::IsPageNumber("- 3 -"));
  EXPECT_TRUE(layout::IsPageNumber("—12—"));
  EXPECT_TRUE(layout::IsPageNumber("第3页"));
  EXPECT_TRUE(layout::IsPageNumber("第 3 页 共 10 页"));
  EXPECT_TRUE(layout::IsPageNumber("3/10"));
  EXPECT_TRUE(layout::IsPageNumber("７"));
  EXPECT_FALSE(layout::IsPageNumber("一、总体情况"));
  EXPECT_FALSE(layout::IsPageNumber("行政许可 37957"));
  EXPECT_FALSE(layout::IsPageNumber("0 0 0"));
}

TEST(PdfLayout, LinesByVerticalOverlapWordsLeftToRight) {
  const auto lines = layout::GroupLines({W("37957", 200, 101, 240, 111), W("第二行", 10, 130, 40, 142),
                                          W("行政许可", 10, 100, 60, 112)});
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(layout::LineText(lines[0]), "行政许可 37957");
  EXPECT_EQ(layout::LineText(lines[1]), "第二行");
}

TEST(PdfLayout, CloseCjkWordsJoinWithoutSpace) {
  // OCR gives Chinese characters one by one, a little apart.
  EXPECT_EQ(layout::LineText({W("行", 0, 0, 10, 10), W("政", 13, 0, 23, 10), W("7", 40, 0, 45, 10)}), "行政 7");
}

TEST(PdfLayout, GridWithMergedCell) {
  // 3 columns x 2 rows; the left cell spans both rows.
  GrayImage img = Blank();
  HLine(img, 50, 50, 350);
  HLine(img, 150, 150, 350);  // no border under the left cell
  HLine(img, 250, 50, 350);
  for (int x : {50, 150, 250, 350}) VLine(img, x, 50, 250);
  const auto grids = layout::FindGrids(img);
  ASSERT_EQ(grids.size(), 1u);
  const auto& g = grids[0];
  EXPECT_EQ(g.rows(), 2);
  EXPECT_EQ(g.cols(), 3);
  EXPECT_EQ(g.anchor[3], 0);  // row 1, col 0 continues row 0, col 0
  EXPECT_EQ(g.anchor[4], 4);
}

TEST(PdfLayout, TextAndStrokesAreNoGrid) {
  GrayImage img = Blank();
  HLine(img, 100, 50, 350);  // an underline
  VLine(img, 60, 20, 40);    // a stroke
  EXPECT_TRUE(layout::FindGrids(img).empty());
}

// A scanned table's borders are often a light grey (a 0.5pt line at 200 dpi,
// blurred, drawn resampled): 200–210 on paper of ~250, with paper noise.
// A fixed ink threshold misses them; the local-contrast mask must not.
TEST(PdfLayout, FaintScannedBordersStillMakeAGrid) {
  GrayImage img = Blank();
  img.scanned = true;
  img.dpi = 200;
  // Paper noise: a deterministic speckle between 240 and 255.
  for (std::size_t i = 0; i < img.pixels.size(); ++i) img.pixels[i] = static_cast<std::uint8_t>(240 + (i * 7919) % 16);
  const auto faint_h = [&](int y, int x0, int x1) {
    for (int x = x0; x <= x1; ++x) {
      img.pixels[static_cast<std::size_t>(y) * img.width + x] = 205;
      img.pixels[static_cast<std::size_t>(y + 1) * img.width + x] = 212;
    }
  };
  const auto faint_v = [&](int x, int y0, int y1) {
    for (int y = y0; y <= y1; ++y) {
      img.pixels[static_cast<std::size_t>(y) * img.width + x] = 205;
      img.pixels[static_cast<std::size_t>(y) * img.width + x + 1] = 212;
    }
  };
  for (int y : {40, 120, 200, 280, 360}) faint_h(y, 40, 361);
  for (int x : {40, 200, 360}) faint_v(x, 40, 361);
  const auto grids = layout::FindGrids(img);
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(grids[0].rows(), 4);
  EXPECT_EQ(grids[0].cols(), 2);
}

// A scanned table on a grid of 80 px cells at 200 dpi: borders at 40, 120,
// 200, 280, 360 (rows) and 40, 200, 360 (columns), 2 px, grey `ink`.
GrayImage ScannedTable(std::uint8_t paper, std::uint8_t ink) {
  GrayImage img = Blank();
  img.scanned = true;
  img.dpi = 200;
  std::fill(img.pixels.begin(), img.pixels.end(), paper);
  for (int y : {40, 120, 200, 280, 360}) {
    for (int x = 40; x <= 361; ++x) {
      img.pixels[static_cast<std::size_t>(y) * img.width + x] = ink;
      img.pixels[static_cast<std::size_t>(y + 1) * img.width + x] = ink;
    }
  }
  for (int x : {40, 200, 360}) {
    for (int y = 40; y <= 361; ++y) {
      img.pixels[static_cast<std::size_t>(y) * img.width + x] = ink;
      img.pixels[static_cast<std::size_t>(y) * img.width + x + 1] = ink;
    }
  }
  return img;
}

// A faint border blurred over seven pixel rows (a third of its darkness
// three rows off its middle) over half a cell's width: darker than the paper
// a line's width away, not than the rows just beside it. The cells on both
// sides of it stay apart (it was found only where it is darker, and the
// rows of the first column were merged).
TEST(PdfLayout, FaintBlurredStretchOfABorderStillSeparatesCells) {
  GrayImage img = ScannedTable(255, 150);
  const int darkness[] = {3, 4, 5, 7, 5, 4, 3};  // rows 197..203
  for (int x = 42; x < 200; ++x) {
    for (int k = 0; k < 7; ++k) {
      const int y = 197 + k;
      const bool blurred = x < 130;
      img.pixels[static_cast<std::size_t>(y) * img.width + x] =
          static_cast<std::uint8_t>(blurred ? 255 - darkness[k] : (y == 200 || y == 201 ? 150 : 255));
    }
  }
  const auto grids = layout::FindGrids(img);
  ASSERT_EQ(grids.size(), 1u);
  ASSERT_EQ(grids[0].rows(), 4);
  ASSERT_EQ(grids[0].cols(), 2);
  EXPECT_EQ(grids[0].anchor[2 * 2 + 0], 4);  // row 2, column 0: a cell of its own
}

// The strokes of 本年 set just right of a column line: a horizontal run from
// the line through both characters, crossed by 本's vertical stroke, which
// reaches up to the row's border. Two runs crossing two lines each, but each
// with an end in the middle of the cell: no row, no column of the table.
TEST(PdfLayout, StrokesBesideABorderMakeNoRowOrColumn) {
  GrayImage img = ScannedTable(250, 120);
  for (int x = 202; x <= 266; ++x) {
    img.pixels[static_cast<std::size_t>(225) * img.width + x] = 60;
    img.pixels[static_cast<std::size_t>(226) * img.width + x] = 60;
  }
  for (int y = 203; y <= 252; ++y) {
    img.pixels[static_cast<std::size_t>(y) * img.width + 230] = 60;
    img.pixels[static_cast<std::size_t>(y) * img.width + 231] = 60;
  }
  const auto grids = layout::FindGrids(img);
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(grids[0].rows(), 4);
  EXPECT_EQ(grids[0].cols(), 2);
}

// A photographed page after its keystone is corrected: the rows' borders
// still tilt by a degree, drifting 14 px across the table's width (more
// than a line's thickness may be), each 2 px thick wherever it is. They are
// borders, and are erased along their tilt, not over the band they drift
// over: a character's stroke 6 px beside a border's end stays.
TEST(PdfLayout, SlightlyTiltedBordersOfAPhotoMakeAGrid) {
  GrayImage img = Blank(800, 400);
  img.scanned = true;
  img.dpi = 200;
  std::fill(img.pixels.begin(), img.pixels.end(), 235);
  const double slope = 0.02;
  const auto px = [&](int x, int y) -> std::uint8_t& { return img.pixels[static_cast<std::size_t>(y) * img.width + x]; };
  for (int y0 : {40, 120, 200, 280}) {
    for (int x = 40; x <= 760; ++x) {
      const int y = y0 + static_cast<int>(std::lround(slope * (x - 40)));
      px(x, y) = 110;
      px(x, y + 1) = 110;
    }
  }
  for (int x0 : {40, 400, 760}) {
    for (int y = 40; y <= 296; ++y) {
      const int x = x0 - static_cast<int>(std::lround(slope * (y - 40)));
      px(x, y) = 110;
      px(x + 1, y) = 110;
    }
  }
  // A stroke of text 6 px under the second border at its left end.
  for (int x = 60; x < 70; ++x) px(x, 128) = 30;
  const auto grids = layout::FindGrids(img);
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(grids[0].rows(), 3);
  EXPECT_EQ(grids[0].cols(), 2);
  layout::EraseRules(img);
  EXPECT_EQ(px(65, 128), 30);
  int left = 0;
  for (int x = 50; x <= 750; ++x) left += px(x, 120 + static_cast<int>(std::lround(slope * (x - 40)))) < 200;
  EXPECT_EQ(left, 0);
}

// Ruling lines of a scan on grey paper (a photo, a copy) are painted the
// paper's grey: a white stripe along a cell's border makes OCR's
// binarisation of the cell take its paper for ink.
TEST(PdfLayout, RulesOfAScanAreErasedInThePapersGrey) {
  GrayImage img = ScannedTable(200, 90);
  layout::EraseRules(img);
  for (const auto& [x, y] : {std::pair{100, 120}, std::pair{100, 121}, std::pair{200, 100}, std::pair{40, 300}}) {
    EXPECT_EQ(img.pixels[static_cast<std::size_t>(y) * img.width + x], 200) << x << "," << y;
  }
  GrayImage clean = Blank();
  HLine(clean, 50, 50, 350);
  HLine(clean, 150, 50, 350);
  VLine(clean, 50, 50, 150);
  VLine(clean, 350, 50, 150);
  VLine(clean, 200, 50, 150);
  layout::EraseRules(clean);
  EXPECT_EQ(clean.pixels[static_cast<std::size_t>(50) * clean.width + 100], 255);  // a rendering's paper is white
}

// Word tables with grey borders (e.g. #BFBFBF) rendered without antialiasing.
TEST(PdfLayout, GreyBordersOfARenderedPageMakeAGrid) {
  GrayImage img = Blank();
  for (int y : {50, 150, 250}) {
    for (int x = 50; x <= 350; ++x) img.pixels[static_cast<std::size_t>(y) * img.width + x] = 191;
  }
  for (int x : {50, 200, 350}) {
    for (int y = 50; y <= 250; ++y) img.pixels[static_cast<std::size_t>(y) * img.width + x] = 191;
  }
  const auto grids = layout::FindGrids(img);
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(grids[0].rows(), 2);
  EXPECT_EQ(grids[0].cols(), 2);
}

// A page of a table of 2 columns whose rows are at `ys`, with cells' words.
Page TablePage(int first_row_y, std::vector<std::pair<std::string, std::string>> rows, int page_no) {
  Page p;
  p.width = 400;
  p.height = 400;
  p.image = Blank();
  const int rh = 30;
  const int y_end = first_row_y + rh * static_cast<int>(rows.size());
  for (std::size_t i = 0; i <= rows.size(); ++i) HLine(p.image, first_row_y + rh * static_cast<int>(i), 50, 350);
  for (int x : {50, 250, 350}) VLine(p.image, x, first_row_y, y_end);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double y = first_row_y + rh * static_cast<double>(i) + 10;
    p.words.push_back(W(rows[i].first, 60, y, 200, y + 12));
    p.words.push_back(W(rows[i].second, 260, y, 280, y + 12));
  }
  p.words.push_back(W("-", 180, 380, 185, 390));
  p.words.push_back(W(std::to_string(page_no), 190, 380, 196, 390));
  p.words.push_back(W("-", 200, 380, 205, 390));
  p.words.push_back(W("某区2023年报告", 150, 5, 250, 17));  // running header
  return p;
}

TEST(PdfLayout, TableContinuedOnNextPageIsJoinedAndPageFurnitureDropped) {
  std::vector<Page> pages;
  Page p1 = TablePage(300, {{"规章", "0"}, {"行政许可", "37957"}}, 1);
  p1.words.push_back(W("二、主动公开政府信息情况", 50, 100, 300, 112));
  pages.push_back(std::move(p1));
  pages.push_back(TablePage(40, {{"行政处罚", "5"}}, 2));
  Page p3 = TablePage(40, {{"行政强制", "1"}}, 3);
  p3.words.push_back(W("五、存在的主要问题", 50, 200, 300, 212));
  pages.push_back(std::move(p3));
  const Document doc = layout::Assemble(std::move(pages));
  // heading, one table of four rows, closing paragraph; no "- 1 -", no header.
  ASSERT_EQ(doc.blocks.size(), 3u) << doc.text;
  EXPECT_EQ(doc.blocks[0].text, "二、主动公开政府信息情况");
  const Block& t = doc.blocks[1];
  ASSERT_EQ(t.kind, Block::Kind::kTable);
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.rows[1][0].text, "行政许可");
  EXPECT_EQ(t.rows[1][1].text, "37957");
  EXPECT_EQ(t.rows[3][0].text, "行政强制");
  EXPECT_EQ(doc.text.substr(t.rows[1][1].offset, 5), "37957");
  EXPECT_EQ(doc.blocks[2].text, "五、存在的主要问题");
  EXPECT_EQ(doc.text.find("报告"), std::string::npos);
  EXPECT_EQ(doc.text.find("- 2 -"), std::string::npos);
}

TEST(PdfLayout, WordOverACellBorderIsSplitByGlyphs) {
  Page p = TablePage(100, {{"规章", "0"}}, 1);
  p.words.clear();
  Word w = W("规章0", 200, 110, 262, 122);
  w.glyphs = {{"规", {200, 110, 212, 122}}, {"章", {213, 110, 225, 122}}, {"0", {255, 110, 262, 122}}};
  p.words.push_back(w);
  const Document doc = layout::Assemble({p});
  ASSERT_EQ(doc.blocks.size(), 1u);
  ASSERT_EQ(doc.blocks[0].rows.size(), 1u);
  EXPECT_EQ(doc.blocks[0].rows[0][0].text, "规章");
  EXPECT_EQ(doc.blocks[0].rows[0][1].text, "0");
}

TEST(PdfReader, CorruptTruncatedEncryptedAreReadErrors) {
  EXPECT_THROW(ReadPdf("%PDF-1.4\nthis is not a pdf at all\n"), ReadError);
  EXPECT_THROW(ReadPdf("%PDF-"), ReadError);
  const std::string pdf = Slurp("tests/fixtures/pdf/001-duodao-2023.pdf");
  ASSERT_GT(pdf.size(), 10000u);
  EXPECT_THROW(ReadPdf(std::string_view(pdf).substr(0, 3000)), ReadError);
  try {
    ReadPdf(Slurp("tests/unit/data/encrypted.pdf"));
    FAIL() << "an encrypted PDF was read";
  } catch (const ReadError& e) {
    EXPECT_NE(std::string(e.zh()).find("加密"), std::string::npos) << e.zh();
    EXPECT_NE(std::string(e.en()).find("encrypted"), std::string::npos);
  }
  // Every other truncation: an error or a document, never a crash.
  for (std::size_t cut = pdf.size() / 7; cut < pdf.size(); cut += pdf.size() / 7) {
    try {
      (void)ReadPdf(std::string_view(pdf).substr(0, cut), PdfOptions{.ocr = false});
    } catch (const ReadError&) {
    }
  }
}

// A PDF of one page from its content stream (uncompressed, no images).
std::string OnePagePdf(const std::string& content) {
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> at;
  const auto obj = [&](const std::string& body) {
    at.push_back(pdf.size());
    pdf += std::to_string(at.size()) + " 0 obj\n" + body + "\nendobj\n";
  };
  obj("<< /Type /Catalog /Pages 2 0 R >>");
  obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>");
  obj("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream");
  obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(at.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t a : at) {
    char line[24];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", a);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(at.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// Invisible text ("3 Tr") is a scan's text layer only under a page-sized
// image: without one (hidden text in a born-digital page) it is read as text.
TEST(PdfReader, InvisibleTextWithoutAPageImageIsReadAsText) {
  const std::string pdf = OnePagePdf("BT /F1 12 Tf 3 Tr 72 720 Td (Annual report 2023) Tj ET");
  const Document doc = ReadPdf(pdf);
  ASSERT_FALSE(doc.blocks.empty());
  EXPECT_NE(doc.blocks.front().text.find("Annual report 2023"), std::string::npos) << doc.blocks.front().text;
  for (const std::string& w : doc.warnings) EXPECT_EQ(w.find("文字层未采用"), std::string::npos) << w;
}

TEST(PdfReader, FixtureTablesJoinedAcrossPagesWithoutPageNumbers) {
  const std::string pdf = Slurp("tests/fixtures/pdf/001-duodao-2023.pdf");
  ASSERT_EQ(Detect(pdf), Format::kPdf);
  const Document doc = Read(pdf, Format::kPdf);
  EXPECT_TRUE(doc.warnings.empty());
  // Table 三 runs over two pages in this PDF: its first and last rows are in
  // one table block.
  int tables_with_both = 0;
  for (const Block& b : doc.blocks) {
    if (b.kind != Block::Kind::kTable) {
      EXPECT_FALSE(layout::IsPageNumber(b.text)) << b.text;
      EXPECT_NE(b.text, "政府信息公开工作年度报告");
      continue;
    }
    bool first = false, last = false;
    for (const auto& row : b.rows) {
      for (const Cell& c : row) {
        first = first || c.text == "一、本年新收政府信息公开申请数量";
        last = last || c.text == "四、结转下年度继续办理";
        EXPECT_EQ(doc.text.substr(c.offset, c.text.size()), c.text);
      }
    }
    tables_with_both += first && last;
  }
  EXPECT_EQ(tables_with_both, 1);
}


// ---------------------------------------------------------------- pictures

// Draws a filled rectangle (a character-sized mark) on a test image.
void Mark(GrayImage& img, int x0, int y0, int w, int h) {
  for (int y = y0; y < y0 + h; ++y) {
    for (int x = x0; x < x0 + w; ++x) img.pixels[static_cast<std::size_t>(y) * img.width + x] = 0;
  }
}

// A page at 100 dpi, one unit per pixel: lines of character-sized marks.
GrayImage TextPage(int x0, int y0, int lines, int chars) {
  GrayImage img = Blank(800, 1000);
  for (int l = 0; l < lines; ++l) {
    for (int c = 0; c < chars; ++c) Mark(img, x0 + c * 14, y0 + l * 20, 10, 11);
  }
  return img;
}

TEST(Pictures, InkWithoutWordsIsAPicture) {
  GrayImage img = TextPage(100, 100, 8, 30);  // 3 inches by 1.6
  const auto regions = pictures::FindPictureRegions(img, {});
  ASSERT_EQ(regions.size(), 1u);
  EXPECT_LE(regions[0].x0, 100);
  EXPECT_GE(regions[0].x1, 100 + 29 * 14 + 10);
  EXPECT_LE(regions[0].y0, 100);
  EXPECT_GE(regions[0].y1, 100 + 7 * 20 + 11);
}

TEST(Pictures, InkUnderWordsIsText) {
  GrayImage img = TextPage(100, 100, 8, 30);
  std::vector<Word> words;
  for (int l = 0; l < 8; ++l) words.push_back(W("字", 100, 100 + l * 20, 100 + 29 * 14 + 10, 111 + l * 20));
  EXPECT_TRUE(pictures::FindPictureRegions(img, words).empty());
  // Boxes too small for their glyphs (fonts with odd metrics) leave ink
  // free under every line: still text, not a picture.
  words.clear();
  for (int l = 0; l < 8; ++l) {
    for (int c = 0; c < 30; ++c) words.push_back(W("字", 100 + c * 14, 100 + l * 20, 105 + c * 14, 111 + l * 20));
  }
  ASSERT_EQ(pictures::FindPictureRegions(img, {words.begin(), words.begin() + 1}).size(), 1u);
  EXPECT_TRUE(pictures::FindPictureRegions(img, words).empty());
}

TEST(Pictures, SmallMarksAndTableBordersAreNoPicture) {
  // A small emblem: too small to hold a table.
  GrayImage img = TextPage(100, 100, 2, 4);
  EXPECT_TRUE(pictures::FindPictureRegions(img, {}).empty());
  // A table drawn as vectors whose text is in the text layer: only its long
  // borders are ink without words, and borders are not characters.
  GrayImage grid = Blank(800, 1000);
  for (int y = 100; y <= 400; y += 30) Mark(grid, 100, y, 500, 1);
  for (int x = 100; x <= 600; x += 100) Mark(grid, x, 100, 1, 301);
  EXPECT_TRUE(pictures::FindPictureRegions(grid, {}).empty());
}

TEST(Pictures, SealRedIsPaperAndGarbleIsNotText) {
  EXPECT_EQ(pictures::GreyForOcr(0xd8, 0x14, 0x1c), 255);  // seal red
  EXPECT_EQ(pictures::GreyForOcr(0, 0, 0), 0);
  EXPECT_LT(pictures::GreyForOcr(40, 40, 40), 64);
  EXPECT_GT(pictures::GreyForOcr(250, 250, 250), 240);
  GrayImage blank = Blank(300, 300);
  EXPECT_FALSE(pictures::HasInk(blank));
  Mark(blank, 50, 50, 100, 20);
  EXPECT_TRUE(pictures::HasInk(blank));
  std::vector<Word> garble = {W("茜", 0, 0, 1, 1), W("|", 0, 0, 1, 1), W("攻", 0, 0, 1, 1)};
  for (Word& w : garble) w.confidence = 20;
  EXPECT_FALSE(pictures::LooksLikeText(garble));
  std::vector<Word> text = {W("一、本年新收", 0, 0, 1, 1), W("27", 0, 0, 1, 1), W("0", 0, 0, 1, 1), W("总计", 0, 0, 1, 1)};
  for (Word& w : text) w.confidence = 90;
  EXPECT_TRUE(pictures::LooksLikeText(text));
}

TEST(Pictures, KindFromMagicBytes) {
  EXPECT_EQ(pictures::PictureKind("\x89PNG\r\n\x1a\n...."), "png");
  EXPECT_EQ(pictures::PictureKind("\xFF\xD8\xFF\xE0"), "jpeg");
  std::string emf(44, '\0');
  emf[0] = 1;
  emf.replace(40, 4, " EMF");
  EXPECT_EQ(pictures::PictureKind(emf), "emf");
  EXPECT_EQ(pictures::PictureKind("\xD7\xCD\xC6\x9A...."), "wmf");
  EXPECT_EQ(pictures::PictureKind("hello"), "");
  std::string why;
  EXPECT_TRUE(pictures::DecodePicture(emf, 5, why).empty());
  EXPECT_NE(why.find("EMF"), std::string::npos);
  EXPECT_TRUE(pictures::DecodePicture("\x89PNG\r\n\x1a\nbroken", 5, why).empty());
}

// A LibreOffice PDF whose Table 三 is a 200-dpi picture (shrunk to fit the
// page), with a red seal after the last paragraph
// (tools/fixtures/make_picture_fixtures.sh).
TEST(PdfReader, TablePictureIsReadInPlaceSealIsNot) {
  const std::string pdf = Slurp("tests/fixtures/picture/001-duodao-2023-table3.pdf");
  ASSERT_GT(pdf.size(), 10000u);
  const Document doc = ReadPdf(pdf);
  // The table from the picture is a grid between the text before and after.
  const std::size_t before = doc.text.find("收到和处理政府信息公开申请情况");
  const std::size_t after = doc.text.find("政府信息公开行政复议、行政诉讼情况");
  ASSERT_NE(before, std::string::npos);
  ASSERT_NE(after, std::string::npos);
  bool table3 = false;
  for (const Block& b : doc.blocks) {
    if (b.kind != Block::Kind::kTable || b.offset < before || b.offset > after) continue;
    for (const auto& row : b.rows) {
      for (const Cell& c : row) {
        table3 = table3 || c.text.find("申请人情况") != std::string::npos;
        EXPECT_EQ(doc.text.substr(c.offset, c.text.size()), c.text);
      }
    }
  }
  EXPECT_TRUE(table3) << doc.text;
  // Said to be read by OCR, on the page it is on; nothing from the seal.
  bool said = false;
  for (const std::string& w : doc.warnings) {
    said = said || w.find("第3页的表格图片经文字识别读取") != std::string::npos;
    EXPECT_EQ(w.find("第5页"), std::string::npos) << w;
  }
  EXPECT_TRUE(said);
  // Without picture reading the text is what it was: no table there.
  const Document plain = ReadPdf(pdf, PdfOptions{.pictures = false});
  EXPECT_EQ(plain.text.find("申请人情况"), std::string::npos);
  EXPECT_TRUE(plain.warnings.empty());
}

// Text PDFs without pictures: the same document with picture reading on or
// off (the search is skipped when the file has no image at all).
TEST(PdfReader, TextPdfUnchangedByPictureReading) {
  const std::string pdf = Slurp("tests/fixtures/pdf/003-beilun-2023.pdf");
  const Document a = ReadPdf(pdf);
  const Document b = ReadPdf(pdf, PdfOptions{.pictures = false});
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(a.warnings, b.warnings);
}

}  // namespace
}  // namespace gongkai::readers
