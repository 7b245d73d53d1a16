// Page geometry of scans from the image itself (scan_geometry.h): the text
// height gives the scale whatever resolution the file claims, the skew is
// found and undone, and a table drawn askew comes out square.
#include <gtest/gtest.h>

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "readers/page_layout.h"
#include "readers/scan_geometry.h"

namespace gongkai::readers::scan {
namespace {

// A page of "text": `lines` lines of character-sized blocks (`ch` pixels
// square, with a stroke gap so that each is one component), and a ruled
// table of 4 x 3 cells below it.
layout::GrayImage Page(int ch, double dpi) {
  layout::GrayImage img;
  img.width = 60 * ch;
  img.height = 80 * ch;
  img.pixels.assign(static_cast<std::size_t>(img.width) * img.height, 250);
  img.dpi = dpi;
  img.units_per_pixel = 72.0 / dpi;
  img.scanned = true;
  const auto fill = [&](int x0, int y0, int x1, int y1, std::uint8_t v) {
    for (int y = std::max(0, y0); y < std::min(img.height, y1); ++y) {
      for (int x = std::max(0, x0); x < std::min(img.width, x1); ++x) {
        img.pixels[static_cast<std::size_t>(y) * img.width + x] = v;
      }
    }
  };
  const int stroke = std::max(2, ch / 8);
  for (int line = 0; line < 30; ++line) {
    const int y = 4 * ch + line * 2 * ch;
    for (int c = 0; c < 40; ++c) {
      const int x = 5 * ch + c * ch * 5 / 4;
      // A character: a frame with a bar across (口 with a stroke: 日).
      fill(x, y, x + ch, y + stroke, 30);
      fill(x, y + ch - stroke, x + ch, y + ch, 30);
      fill(x, y, x + stroke, y + ch, 30);
      fill(x + ch - stroke, y, x + ch, y + ch, 30);
      fill(x, y + ch / 2, x + ch, y + ch / 2 + stroke, 30);
    }
  }
  const int ty = 66 * ch, tx = 5 * ch;
  for (int r = 0; r <= 4; ++r) fill(tx, ty + r * 3 * ch, tx + 48 * ch, ty + r * 3 * ch + 2, 60);
  for (int c = 0; c <= 3; ++c) fill(tx + c * 16 * ch, ty, tx + c * 16 * ch + 2, ty + 12 * ch, 60);
  return img;
}

layout::GrayImage Rotate(const layout::GrayImage& in, double degrees) {
  Pix* pix = pixCreate(in.width, in.height, 8);
  for (int y = 0; y < in.height; ++y) {
    for (int x = 0; x < in.width; ++x) pixSetPixel(pix, x, y, in.pixels[static_cast<std::size_t>(y) * in.width + x]);
  }
  Pix* rot = pixRotate(pix, static_cast<float>(degrees * std::numbers::pi / 180), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0);
  layout::GrayImage out = in;
  for (int y = 0; y < in.height; ++y) {
    for (int x = 0; x < in.width; ++x) {
      l_uint32 v = 0;
      pixGetPixel(rot, x, y, &v);
      out.pixels[static_cast<std::size_t>(y) * in.width + x] = static_cast<std::uint8_t>(v);
    }
  }
  pixDestroy(&pix);
  pixDestroy(&rot);
  return out;
}

TEST(ScanGeometry, TextOfTheTargetSizeIsLeftAtItsScale) {
  const layout::GrayImage img = Page(26, 200);
  EXPECT_NEAR(TextHeight(img), 26, 2);
  EXPECT_EQ(ScaleToTarget(img), 1);
}

TEST(ScanGeometry, SmallTextIsScaledUpWhateverTheFileSays) {
  // A 100-dpi scan whose file claims 300 dpi: the text says how to scale.
  const layout::GrayImage img = Page(13, 300);
  EXPECT_NEAR(ScaleToTarget(img), 2, 0.2);
  Geometry g;
  const layout::GrayImage out = Normalize(img, nullptr, &g);
  EXPECT_NEAR(g.scale, 2, 0.2);
  EXPECT_NEAR(out.width, img.width * g.scale, 2);
  EXPECT_EQ(out.dpi, kTargetDpi);
  EXPECT_DOUBLE_EQ(out.units_per_pixel, 72.0 / kTargetDpi);
}

TEST(ScanGeometry, LargeTextIsScaledDown) {
  // A 200-dpi scan in a PDF page of a nominal 72 dpi, rendered at 200 dpi.
  const layout::GrayImage img = Page(72, 200);
  EXPECT_NEAR(ScaleToTarget(img), 26.0 / 72, 0.05);
}

TEST(ScanGeometry, SkewIsFoundAndTheTableComesOutSquare) {
  const layout::GrayImage img = Rotate(Page(26, 200), 1.2);
  // Askew, the table's borders are staircases: no grid of 4 x 3.
  Geometry g;
  const layout::GrayImage out = Normalize(img, nullptr, &g);
  EXPECT_NEAR(g.skew_degrees, -1.2, 0.15);
  const std::vector<layout::Grid> grids = layout::FindGrids(out);
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(grids[0].rows(), 4);
  EXPECT_EQ(grids[0].cols(), 3);
}

TEST(ScanGeometry, AnUprightSquarePageIsNotTurnedOrRotated) {
  Geometry g;
  const layout::GrayImage img = Page(26, 200);
  const layout::GrayImage out = Normalize(img, nullptr, &g);
  EXPECT_EQ(g.quarter_turns, 0);
  EXPECT_EQ(g.skew_degrees, 0);
  EXPECT_EQ(out.width, img.width);
  EXPECT_EQ(out.height, img.height);
}

TEST(ScanGeometry, APageWithoutTextIsLeftAlone) {
  layout::GrayImage img;
  img.width = 400;
  img.height = 600;
  img.pixels.assign(static_cast<std::size_t>(img.width) * img.height, 250);
  img.dpi = 200;
  EXPECT_EQ(TextHeight(img), 0);
  EXPECT_EQ(ScaleToTarget(img), 1);
}

}  // namespace
}  // namespace gongkai::readers::scan
