// PDF: poppler-cpp's text layer (words with boxes and per-glyph boxes) plus a
// small greyscale rendering of each page from which the ruling lines of
// tables are found (see page_layout.h). Pages without a text layer (scans,
// "图片版" reports) go to the OCR reader page by page.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <limits>
#include <memory>
#include <mutex>

#include "readers/ocr.h"
#include "readers/page_layout.h"
#include "readers/pdf.h"
#include "readers/reader.h"
#include "util/text.h"

namespace gongkai::readers {

namespace {

// Poppler prints "Syntax Error" lines to stderr for every damaged object; a
// batch over real reports would drown its own messages in them. The handler
// is poppler's process-wide setting; it is set once to the same no-op and
// never changes afterwards.
void SilencePoppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

std::string Utf8(const poppler::ustring& u) {
  const poppler::byte_array b = u.to_utf8();
  return std::string(b.begin(), b.end());
}

// Ruling lines are found on a rendering at this resolution: enough for a
// 0.5pt border to be a pixel wide, cheap enough to do on every page.
constexpr double kRuleDpi = 100;

layout::GrayImage Render(const poppler::page& page, double dpi) {
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  // No antialiasing: a thin border stays black instead of a light grey.
  renderer.set_render_hints(0);
  const poppler::image img = renderer.render_page(&page, dpi, dpi);
  layout::GrayImage out;
  if (!img.is_valid() || img.format() != poppler::image::format_gray8) return out;
  out.width = img.width();
  out.height = img.height();
  out.dpi = dpi;
  out.units_per_pixel = 72.0 / dpi;
  out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
  const char* data = img.const_data();
  for (int y = 0; y < out.height; ++y) {
    const auto* row = reinterpret_cast<const std::uint8_t*>(data + static_cast<std::ptrdiff_t>(y) * img.bytes_per_row());
    std::copy(row, row + out.width, out.pixels.begin() + static_cast<std::ptrdiff_t>(y) * out.width);
  }
  return out;
}

std::vector<layout::Word> PageWords(const poppler::page& page) {
  std::vector<layout::Word> words;
  for (const poppler::text_box& tb : page.text_list()) {
    const poppler::ustring u = tb.text();
    layout::Word w;
    const poppler::rectf r = tb.bbox();
    w.box = {r.left(), r.top(), r.right(), r.bottom()};
    // Glyph boxes: ustring is UTF-16; poppler gives one box per code unit of
    // the BMP, which is where every character of these reports lives.
    for (std::size_t i = 0; i < u.size(); ++i) {
      const char32_t c = u[i];
      if (c >= 0xD800 && c <= 0xDFFF) {  // a surrogate pair: keep the word whole
        w.glyphs.clear();
        break;
      }
      layout::Glyph g;
      text::AppendCodePoint(g.text, c);
      const poppler::rectf gr = tb.char_bbox(i);
      g.box = {gr.left(), gr.top(), gr.right(), gr.bottom()};
      if (gr.width() <= 0 && gr.height() <= 0) g.box = w.box;
      if (!text::Trim(g.text).empty()) w.glyphs.push_back(std::move(g));
    }
    w.text = Utf8(u);
    // Drop whitespace inside a word (some producers emit U+3000 as text).
    std::string clean;
    for (const auto& piece : text::SplitWhitespace(w.text)) clean += piece.text;
    w.text = std::move(clean);
    if (w.text.empty()) continue;
    words.push_back(std::move(w));
  }
  return words;
}

}  // namespace

Document ReadPdf(std::string_view bytes, const PdfOptions& options) {
  SilencePoppler();
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw ReadError("PDF 文件过大", "PDF file too large");
  }
  std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!pdf) {
    // Poppler cannot tell us more than "it failed": say what is likely.
    if (bytes.find("/Encrypt") != std::string_view::npos) {
      throw ReadError("PDF 已加密（需要密码），无法读取", "the PDF is encrypted (password protected)");
    }
    throw ReadError("PDF 文件已损坏或不完整，无法打开", "the PDF is corrupt or truncated and cannot be opened");
  }
  if (pdf->is_locked()) {
    throw ReadError("PDF 已加密（需要密码），无法读取", "the PDF is encrypted (password protected)");
  }
  const int n = pdf->pages();
  if (n <= 0) throw ReadError("PDF 没有页面（文件可能已损坏）", "the PDF has no pages (it may be corrupt)");
  if (n > options.max_pages) {
    throw ReadError("PDF 页数过多（" + std::to_string(n) + " 页），不像是一份年度报告",
                    "the PDF has too many pages (" + std::to_string(n) + "); not an annual report");
  }

  std::vector<layout::Page> pages;
  std::vector<int> scanned;  // pages with no text layer
  for (int i = 0; i < n; ++i) {
    std::unique_ptr<poppler::page> page(pdf->create_page(i));
    layout::Page lp;
    if (!page) {
      pages.push_back(std::move(lp));
      continue;
    }
    const poppler::rectf size = page->page_rect(poppler::media_box);
    lp.width = size.width();
    lp.height = size.height();
    lp.words = PageWords(*page);
    if (lp.words.empty()) {
      scanned.push_back(i);
    } else {
      lp.image = Render(*page, kRuleDpi);
    }
    pages.push_back(std::move(lp));
  }

  std::vector<std::string> warnings;
  if (!scanned.empty()) {
    if (!options.ocr) {
      throw ReadError("PDF 没有文字层（扫描件），且未启用文字识别",
                      "the PDF has no text layer (a scan) and OCR is disabled");
    }
    // Scanned pages: rendered and read by tesseract, with one engine for the
    // whole file.
    OcrEngine engine;
    for (int i : scanned) {
      std::unique_ptr<poppler::page> page(pdf->create_page(i));
      if (!page) continue;
      layout::GrayImage img = Render(*page, options.ocr_dpi);
      if (img.empty()) continue;
      img.scanned = true;
      layout::Page lp = engine.Recognize(std::move(img), i + 1, warnings);
      // OCR works in pixels; the layout only needs one unit per page.
      pages[static_cast<std::size_t>(i)] = std::move(lp);
    }
  }

  Document doc = layout::Assemble(std::move(pages));
  doc.warnings.insert(doc.warnings.begin(), warnings.begin(), warnings.end());
  if (doc.blocks.empty()) {
    throw ReadError("PDF 中没有可读取的文字", "no readable text in the PDF");
  }
  return doc;
}

}  // namespace gongkai::readers
