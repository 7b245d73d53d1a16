// Ruling-line detection on scans (page_layout.h, FindGrids): faint borders
// next to dense text, and character strokes that must not become tables.
#include <gtest/gtest.h>

#include <cstdint>
#include <utility>

#include "readers/page_layout.h"

namespace gongkai::readers::layout {
namespace {

GrayImage BlankScan(int w, int h) {
  GrayImage img;
  img.width = w;
  img.height = h;
  img.pixels.assign(static_cast<std::size_t>(w) * h, 252);
  img.dpi = 200;
  img.units_per_pixel = 1;
  img.scanned = true;
  return img;
}

void Fill(GrayImage& img, int x0, int y0, int x1, int y1, std::uint8_t v) {
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) img.pixels[static_cast<std::size_t>(y) * img.width + x] = v;
  }
}

// "Text": dark strokes 3 px thick every 6 px, as dense as a wrapped label.
void Text(GrayImage& img, int x0, int y0, int x1, int y1) {
  for (int y = y0; y < y1; y += 6) Fill(img, x0, y, x1, y + 3, 40);
}

TEST(ScanRules, FaintBorderBesideDenseTextKeepsItsRow) {
  // Three rows of two columns; borders a pale grey (210) two pixels thick, as
  // a 0.5pt line scanned at 200 dpi. The border between rows 1 and 2 runs
  // between two blocks of dense text in the label column, which darken the
  // local mean so much that a test against the mean alone loses it there.
  GrayImage img = BlankScan(900, 400);
  const int ys[] = {40, 140, 240, 340};
  const int xs[] = {50, 500, 850};
  for (int y : ys) Fill(img, xs[0], y, xs[2] + 2, y + 2, 210);
  for (int x : xs) Fill(img, x, ys[0], x + 2, ys[3] + 2, 210);
  Text(img, 60, 150, 490, 236);
  Text(img, 60, 246, 490, 330);
  const std::vector<Grid> grids = FindGrids(img);
  ASSERT_EQ(grids.size(), 1u);
  ASSERT_EQ(grids[0].rows(), 3);
  ASSERT_EQ(grids[0].cols(), 2);
  for (std::size_t i = 0; i < grids[0].anchor.size(); ++i) EXPECT_EQ(grids[0].anchor[i], static_cast<int>(i)) << i;
}

TEST(ScanRules, HeaderBorderWithSubHeadingsJustBelowItKeepsItsRow) {
  // A header: 申请人情况 over three sub-headings (商业企业, 科研机构, ...)
  // whose text starts 4 px below the border between them, closer than a
  // line's width, so that paper lies on one side of that border only. The
  // border spans the sub-columns and goes on through their vertical rules,
  // which a character's stroke never does.
  GrayImage img = BlankScan(900, 400);
  Fill(img, 50, 40, 852, 42, 210);
  Fill(img, 50, 340, 852, 342, 210);
  Fill(img, 300, 140, 852, 142, 210);
  for (int x : {50, 300, 850}) Fill(img, x, 40, x + 2, 342, 210);
  for (int x : {450, 600}) Fill(img, x, 140, x + 2, 342, 210);
  // Sub-headings filling their cells, character by character (26 px wide,
  // 6 px apart), starting 4 px below the border.
  for (const auto& [x0, x1] : {std::pair{300, 450}, std::pair{450, 600}, std::pair{600, 850}}) {
    for (int x = x0 + 8; x + 26 <= x1 - 6; x += 32) Text(img, x, 146, x + 26, 200);
  }
  Text(img, 400, 70, 700, 100);
  const std::vector<Grid> grids = FindGrids(img);
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(grids[0].rows(), 2);
  EXPECT_EQ(grids[0].cols(), 4);
}

TEST(ScanRules, CrossingStrokesOfCharactersAreNotATable) {
  // A few strokes crossing like those of 年 or 井, character-sized.
  GrayImage img = BlankScan(400, 200);
  Fill(img, 100, 60, 170, 62, 60);
  Fill(img, 100, 90, 170, 92, 60);
  Fill(img, 120, 50, 122, 100, 60);
  Fill(img, 150, 50, 152, 100, 60);
  EXPECT_TRUE(FindGrids(img).empty());
  // And EraseRules leaves them for OCR to read.
  const GrayImage before = img;
  EraseRules(img);
  EXPECT_EQ(img.pixels, before.pixels);
}

}  // namespace
}  // namespace gongkai::readers::layout
