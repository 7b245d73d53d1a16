// What the scan reader sees on one page of a scanned PDF: the page rendered
// as the PDF reader renders a page without a text layer (at 200 dpi, then at
// the resolution its text asks for), brought upright and square by
// scan::Normalize, then the ruling lines FindRuleLines finds (horizontal red,
// vertical blue) and the cells of FindGrids' tables (merged-cell borders
// green) drawn over it. A debugging aid for the damaged-scan fixtures, not
// part of any reader.
//
// usage: gongkai_layout_probe FILE.pdf PAGE OUT.png [X0 Y0 X1 Y1]   (a crop of the drawing, px)
//        gongkai_layout_probe FILE.pdf PAGE OUT.pgm   (the normalised page alone, 8-bit PGM)
//        gongkai_layout_probe FILE.pdf PAGE OUT.txt   (the words OCR reads on it: box, confidence, doubt)
// prints the geometry applied, every line (px) and every grid's size.
#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <tesseract/baseapi.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "readers/budget.h"
#include "readers/ocr.h"
#include "readers/page_layout.h"
#include "readers/scan_geometry.h"

namespace {

using gongkai::readers::layout::GrayImage;

GrayImage Render(const poppler::page& page, double dpi) {
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hints(0);
  const poppler::image img = renderer.render_page(&page, dpi, dpi);
  GrayImage out;
  out.width = img.width();
  out.height = img.height();
  out.dpi = dpi;
  out.units_per_pixel = 72 / dpi;
  out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
  for (int y = 0; y < out.height; ++y) {
    const auto* row = reinterpret_cast<const unsigned char*>(img.const_data()) + static_cast<std::ptrdiff_t>(y) * img.bytes_per_row();
    std::copy_n(row, out.width, out.pixels.begin() + static_cast<std::ptrdiff_t>(y) * out.width);
  }
  return out;
}

std::unique_ptr<tesseract::TessBaseAPI> Load(const char* lang, tesseract::OcrEngineMode mode) {
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  if (api->Init(gongkai::readers::FindTessdata().c_str(), lang, mode) != 0) return nullptr;
  api->SetVariable("debug_file", "/dev/null");
  return api;
}

}  // namespace

int main(int argc, char** argv) {
  namespace gr = gongkai::readers;
  if (argc != 4 && argc != 8) {
    std::fprintf(stderr, "usage: %s FILE.pdf PAGE OUT.png [X0 Y0 X1 Y1]\n", argv[0]);
    return 2;
  }
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(argv[1]));
  const int index = std::atoi(argv[2]) - 1;
  if (!doc || index < 0 || index >= doc->pages()) {
    std::fprintf(stderr, "cannot open page %s of %s\n", argv[2], argv[1]);
    return 1;
  }
  std::unique_ptr<poppler::page> page(doc->create_page(index));
  // As the PDF reader does: within the pixel budget for OCR.
  const double area = page->page_rect().width() * page->page_rect().height();
  const auto within = [&](double dpi) {
    return area * (dpi / 72) * (dpi / 72) > gr::budget::kMaxOcrPixels ? 72 * std::sqrt(gr::budget::kMaxOcrPixels / area)
                                                                       : dpi;
  };
  const double first_dpi = within(200);
  GrayImage image = Render(*page, first_dpi);
  if (const double scale = gr::scan::ScaleToTarget(image); scale != 1) {
    if (const double dpi = within(first_dpi * scale); std::abs(dpi - first_dpi) > 0.05 * first_dpi) {
      image = Render(*page, dpi);
    }
  }
  image.scanned = true;
  auto osd = Load("osd", tesseract::OEM_TESSERACT_ONLY);
  auto reader = Load("chi_sim", tesseract::OEM_LSTM_ONLY);
  gr::scan::Geometry geometry;
  image = gr::scan::Normalize(std::move(image), osd.get(), &geometry, reader.get());
  std::printf("scale %.3f turns %d skew %.2f text %.1f px unwarped %d -> %dx%d at %.0f dpi\n", geometry.scale,
              geometry.quarter_turns, geometry.skew_degrees, geometry.text_height, geometry.unwarped ? 1 : 0,
              image.width, image.height, image.dpi);

  const int w = image.width, h = image.height;
  if (const std::string out = argv[3]; out.size() > 4 && out.substr(out.size() - 4) == ".pgm") {
    std::FILE* f = std::fopen(argv[3], "wb");
    if (f == nullptr) return 1;
    std::fprintf(f, "P5\n%d %d\n255\n", w, h);
    const bool ok = std::fwrite(image.pixels.data(), 1, image.pixels.size(), f) == image.pixels.size();
    return std::fclose(f) == 0 && ok ? 0 : 1;
  }
  if (const std::string out = argv[3]; out.size() > 4 && out.substr(out.size() - 4) == ".txt") {
    std::FILE* f = std::fopen(argv[3], "w");
    if (f == nullptr) return 1;
    gr::OcrEngine engine;
    std::vector<std::string> warnings;
    const double u = image.units_per_pixel;
    const gr::layout::Page read = engine.Recognize(std::move(image), index + 1, warnings);
    for (const gr::layout::Word& word : read.words) {
      std::fprintf(f, "%5.0f %5.0f %5.0f %5.0f %3.0f %s%s%s\n", word.box.x0 / u, word.box.y0 / u, word.box.x1 / u,
                   word.box.y1 / u, word.confidence, word.text.c_str(), word.doubt.empty() ? "" : "  ? ",
                   word.doubt.c_str());
    }
    for (const std::string& warning : warnings) std::fprintf(f, "! %s\n", warning.c_str());
    return std::fclose(f) == 0 ? 0 : 1;
  }
  Pix* pix = pixCreate(w, h, 32);
  const auto put = [&](int x, int y, int r, int g, int b) {
    if (x >= 0 && y >= 0 && x < w && y < h) pixSetRGBPixel(pix, x, y, r, g, b);
  };
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const int v = image.pixels[static_cast<std::size_t>(y) * w + x];
      put(x, y, v, v, v);
    }
  }
  for (const gr::layout::RuleLine& line : gr::layout::FindRuleLines(image)) {
    std::printf("%c %7.1f %5d..%5d\n", line.horizontal ? 'h' : 'v', line.pos, line.from, line.to);
    const int p = static_cast<int>(std::lround(line.pos));
    for (int t = line.from; t <= line.to; ++t) {
      for (int d = -1; d <= 1; ++d) {
        if (line.horizontal) {
          put(t, p + d, 255, 0, 0);
        } else {
          put(p + d, t, 0, 0, 255);
        }
      }
    }
  }
  const double u = image.units_per_pixel;
  for (const gr::layout::Grid& g : gr::layout::FindGrids(image)) {
    const int rows = static_cast<int>(g.ys.size()) - 1, cols = static_cast<int>(g.xs.size()) - 1;
    int cells = 0;
    for (std::size_t i = 0; i < g.anchor.size(); ++i) cells += g.anchor[i] == static_cast<int>(i);
    std::printf("grid %d rows x %d cols, %d cells, y %.0f..%.0f px\n", rows, cols, cells, g.ys.front() / u,
                g.ys.back() / u);
    // A border between two elementary cells of different merged cells.
    const auto px = [&](double units) { return static_cast<int>(std::lround(units / u)); };
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < cols; ++c) {
        const int a = g.anchor[static_cast<std::size_t>(r * cols + c)];
        if (c + 1 < cols && g.anchor[static_cast<std::size_t>(r * cols + c + 1)] != a) {
          for (int y = px(g.ys[r]); y <= px(g.ys[r + 1]); ++y) put(px(g.xs[c + 1]) + 3, y, 0, 170, 0);
        }
        if (r + 1 < rows && g.anchor[static_cast<std::size_t>((r + 1) * cols + c)] != a) {
          for (int x = px(g.xs[c]); x <= px(g.xs[c + 1]); ++x) put(x, px(g.ys[r + 1]) + 3, 0, 170, 0);
        }
      }
    }
  }
  if (argc == 8) {
    const int x0 = std::atoi(argv[4]), y0 = std::atoi(argv[5]);
    Box* box = boxCreate(x0, y0, std::atoi(argv[6]) - x0, std::atoi(argv[7]) - y0);
    Pix* crop = pixClipRectangle(pix, box, nullptr);
    boxDestroy(&box);
    if (crop) {
      pixDestroy(&pix);
      pix = crop;
    }
  }
  const int bad = pixWrite(argv[3], pix, IFF_PNG);
  pixDestroy(&pix);
  return bad ? 1 : 0;
}
