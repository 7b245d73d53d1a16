// Ruling-line detection on scans (page_layout.h, FindGrids): faint borders
// next to dense text, and character strokes that must not become tables.
#include <gtest/gtest.h>

#include <cstdint>

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
