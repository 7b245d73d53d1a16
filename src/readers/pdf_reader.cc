// PDF: poppler-cpp's text layer (words with boxes and per-glyph boxes) plus a
// small greyscale rendering of each page from which the ruling lines of
// tables are found (see page_layout.h). Pages without a text layer (scans,
// "图片版" reports) go to the OCR reader page by page. A picture on a text
// page (a table pasted as a screenshot) is found on that rendering as ink no
// word accounts for, rendered again at OCR resolution and read in place
// (pictures.h): its words and ruling lines join the page's.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>

#include "readers/budget.h"
#include "readers/ocr.h"
#include "readers/scan_geometry.h"
#include "readers/page_layout.h"
#include "readers/pdf.h"
#include "readers/pictures.h"
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

// UTF-16 to UTF-8 here rather than by ustring::to_utf8, which opens and
// closes an iconv converter for every call (every word of every page: a
// tenth of a small PDF's reading in profiles). A ustring from text_list is
// iconv's own UTF-16, so always well formed; were a unit not (a lone
// surrogate), the text ends before it, as iconv's conversion stops there.
std::string Utf8(const poppler::ustring& u) {
  std::string out;
  out.reserve(u.size() * 3);
  for (std::size_t i = 0; i < u.size(); ++i) {
    char32_t c = u[i];
    if (c >= 0xDC00 && c <= 0xDFFF) break;
    if (c >= 0xD800 && c <= 0xDBFF) {
      if (i + 1 >= u.size() || u[i + 1] < 0xDC00 || u[i + 1] > 0xDFFF) break;
      c = 0x10000 + ((c - 0xD800) << 10) + (u[++i] - 0xDC00);
    }
    text::AppendCodePoint(out, c);
  }
  return out;
}


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

// Whether the file has any image XObject. Image dictionaries are never inside
// compressed object streams (streams cannot be), so the bytes say it without
// parsing: a text PDF without one skips the search for pictures entirely.
// (Inline images, BI…EI in a content stream, are not seen; producers use
// them for small images only.)
bool HasImageXObject(std::string_view bytes) {
  constexpr std::string_view kSubtype = "/Subtype";
  for (std::size_t at = bytes.find(kSubtype); at != std::string_view::npos; at = bytes.find(kSubtype, at + 1)) {
    std::size_t i = at + kSubtype.size();
    while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\r' || bytes[i] == '\n' || bytes[i] == '\t')) ++i;
    if (bytes.substr(i, 6) != "/Image") continue;
    const std::size_t end = i + 6;
    if (end >= bytes.size()) return true;
    const char c = bytes[end];
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return true;
  }
  return false;
}

// What the Flate-compressed streams that are not images say, read with zlib
// (inflating into a scratch buffer, stopping at budget::kMaxPdfStreamBytes)
// before poppler parses anything. A stream is its "stream" keyword after a
// dictionary naming /FlateDecode, within its object ("N 0 obj" in the 4 KB
// before). Streams that do not inflate (encrypted, damaged, another filter)
// are left to poppler and the worker's deadline.
struct StreamCensus {
  // The first stream whose inflated size is over the budget, as its offset.
  std::optional<std::size_t> oversized;
  // Whether a content stream sets text rendering mode 3 ("3 Tr": neither
  // filled nor stroked), as scanners and OCR programs write the text layer
  // they lay under a page's scanned image.
  bool invisible_text = false;
};

// Whether `text` holds the operator "3 Tr" as PDF tokens (whitespace around).
bool SetsInvisibleText(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'; };
  for (std::size_t at = text.find("Tr"); at != std::string_view::npos; at = text.find("Tr", at + 1)) {
    if (at + 2 < text.size() && !space(text[at + 2])) continue;
    std::size_t i = at;
    if (i == 0 || !space(text[i - 1])) continue;
    while (i > 0 && space(text[i - 1])) --i;
    if (i == 0 || text[i - 1] != '3') continue;
    if (i >= 2 && !space(text[i - 2])) continue;  // 13 Tr, .3 Tr
    return true;
  }
  return false;
}

// A zlib inflate state started on the first stream and reset for each next.
struct Inflater {
  z_stream z{};
  bool started = false;
  Inflater() = default;
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  ~Inflater() {
    if (started) inflateEnd(&z);
  }
  bool Start() {
    if (started) return inflateReset(&z) == Z_OK;
    started = inflateInit(&z) == Z_OK;
    return started;
  }
};

StreamCensus CensusOfStreams(std::string_view bytes) {
  StreamCensus census;
  constexpr std::string_view kStream = "stream";
  constexpr std::size_t kKeep = 16;  // an operator split across two chunks
  // The scratch buffer is not zeroed (inflate writes before anything reads
  // it), and one zlib state serves every stream (inflateReset, not an
  // inflateInit with its 40 KB of state and window per stream): under the
  // fuzz target's sanitizer, allocations are most of a small PDF's census.
  constexpr std::size_t kScratch = 1u << 16;
  const std::unique_ptr<unsigned char[]> scratch = std::make_unique_for_overwrite<unsigned char[]>(kScratch);
  Inflater inflater;
  z_stream& z = inflater.z;
  std::string window;
  for (std::size_t at = bytes.find(kStream); at != std::string_view::npos; at = bytes.find(kStream, at + 1)) {
    if (at >= 3 && bytes.substr(at - 3, 3) == "end") continue;  // endstream
    std::size_t data = at + kStream.size();
    if (data < bytes.size() && bytes[data] == '\r') ++data;
    if (data >= bytes.size() || bytes[data] != '\n') continue;
    ++data;
    const std::size_t from = at > 4096 ? at - 4096 : 0;
    std::string_view dict = bytes.substr(from, at - from);
    const std::size_t obj = dict.rfind(" obj");
    if (obj == std::string_view::npos) continue;
    dict.remove_prefix(obj);
    if (dict.find("/Image") != std::string_view::npos) continue;
    if (dict.find("/Filter") == std::string_view::npos) {
      // An uncompressed stream: its bytes up to "endstream".
      const std::size_t end = bytes.find("endstream", data);
      const std::string_view raw = bytes.substr(data, end == std::string_view::npos ? std::string_view::npos : end - data);
      census.invisible_text = census.invisible_text || SetsInvisibleText(raw);
      if (end != std::string_view::npos) at = end;
      continue;
    }
    if (dict.find("/FlateDecode") == std::string_view::npos) continue;
    if (!inflater.Start()) return census;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + data));
    z.avail_in = static_cast<uInt>(std::min<std::size_t>(bytes.size() - data, std::numeric_limits<uInt>::max()));
    std::size_t out = 0;
    int rc = Z_OK;
    window.clear();
    while (rc == Z_OK && out <= budget::kMaxPdfStreamBytes) {
      z.next_out = scratch.get();
      z.avail_out = static_cast<uInt>(kScratch);
      rc = inflate(&z, Z_NO_FLUSH);
      const std::size_t got = kScratch - z.avail_out;
      out += got;
      if (!census.invisible_text) {
        window.append(reinterpret_cast<const char*>(scratch.get()), got);
        census.invisible_text = SetsInvisibleText(window);
        if (window.size() > kKeep) window.erase(0, window.size() - kKeep);
      }
      if (rc == Z_BUF_ERROR && z.avail_out != 0) break;  // input ended
    }
    const std::size_t used = z.total_in;
    if (out > budget::kMaxPdfStreamBytes) {
      census.oversized = at;
      return census;
    }
    if (used > 0) at = data + used - 1;  // past the stream's data
  }
  return census;
}

// Pixels of one image in a PDF: a scan at 600 dpi of an A3 page is 70 Mpx.
constexpr double kMaxPdfImagePixels = 80e6;

// The integer after `key` in the dictionary around `at` (between the "<<"
// before it and the ">>" after it, within 4 KB), or -1.
double DictNumber(std::string_view bytes, std::size_t at, std::string_view key) {
  const std::size_t from = at > 2048 ? at - 2048 : 0;
  const std::string_view window = bytes.substr(from, 4096);
  const std::size_t here = at - from;
  const std::size_t open = window.rfind("<<", here);
  const std::size_t close = window.find(">>", here);
  const std::size_t lo = open == std::string_view::npos ? 0 : open;
  const std::size_t hi = close == std::string_view::npos ? window.size() : close;
  for (std::size_t k = window.find(key, lo); k != std::string_view::npos && k < hi; k = window.find(key, k + 1)) {
    std::size_t i = k + key.size();
    if (i < window.size() && std::isalnum(static_cast<unsigned char>(window[i]))) continue;  // /Widths
    while (i < hi && (window[i] == ' ' || window[i] == '\r' || window[i] == '\n' || window[i] == '\t')) ++i;
    double v = 0;
    bool digits = false;
    while (i < hi && window[i] >= '0' && window[i] <= '9' && v < 1e12) {
      v = v * 10 + (window[i++] - '0');
      digits = true;
    }
    if (digits) return v;
  }
  return -1;
}

// An image XObject whose declared /Width × /Height is over the pixel budget
// ("30000×30000 像素/px"), found in the bytes before poppler decodes it.
// (An image in a compressed object stream is not seen here; the worker's
// memory limit still holds.)
std::optional<std::string> OversizedImage(std::string_view bytes) {
  constexpr std::string_view kImage = "/Image";
  for (std::size_t at = bytes.find(kImage); at != std::string_view::npos; at = bytes.find(kImage, at + 1)) {
    const double w = DictNumber(bytes, at, "/Width"), h = DictNumber(bytes, at, "/Height");
    if (w > 0 && h > 0 && w * h > kMaxPdfImagePixels) return budget::Pixels(w, h);
  }
  return std::nullopt;
}

// Image XObjects large enough to be a page's scan (a page of A5 at 150 dpi is
// 1.1 Mpx; a table pasted in a report is rarely over a few hundred thousand).
int PageSizedImages(std::string_view bytes) {
  constexpr std::string_view kSubtype = "/Subtype";
  int count = 0;
  for (std::size_t at = bytes.find(kSubtype); at != std::string_view::npos; at = bytes.find(kSubtype, at + 1)) {
    std::size_t i = at + kSubtype.size();
    while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\r' || bytes[i] == '\n' || bytes[i] == '\t')) ++i;
    if (bytes.substr(i, 6) != "/Image") continue;
    const double w = DictNumber(bytes, at, "/Width"), h = DictNumber(bytes, at, "/Height");
    if (w > 0 && h > 0 && w * h >= 1e6) ++count;
  }
  return count;
}

// A region of the page (page units) rendered in colour at `dpi` and turned
// grey for OCR (seal red dropped, pictures.h). `origin` is where the image's
// first pixel sits on the page, in page units.
layout::GrayImage RenderRegion(const poppler::page& page, const layout::Box& box, double dpi, layout::Box& origin) {
  layout::GrayImage out;
  const int x = static_cast<int>(std::floor(box.x0 * dpi / 72));
  const int y = static_cast<int>(std::floor(box.y0 * dpi / 72));
  const int w = static_cast<int>(std::ceil(box.x1 * dpi / 72)) - x;
  const int h = static_cast<int>(std::ceil(box.y1 * dpi / 72)) - y;
  if (w <= 0 || h <= 0) return out;
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_argb32);
  renderer.set_render_hints(0);
  const poppler::image img = renderer.render_page(&page, dpi, dpi, x, y, w, h);
  if (!img.is_valid() || img.format() != poppler::image::format_argb32) return out;
  out.width = img.width();
  out.height = img.height();
  out.dpi = dpi;
  out.units_per_pixel = 72.0 / dpi;
  out.scanned = true;  // a picture: JPEG noise and blurred borders, as in a scan
  out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
  const char* data = img.const_data();
  for (int r = 0; r < out.height; ++r) {
    const char* row = data + static_cast<std::ptrdiff_t>(r) * img.bytes_per_row();
    for (int c = 0; c < out.width; ++c) {
      std::uint32_t v = 0;
      std::memcpy(&v, row + static_cast<std::ptrdiff_t>(c) * 4, 4);  // native-endian 0xAARRGGBB
      out.pixels[static_cast<std::size_t>(r) * out.width + c] = pictures::GreyForOcr(
          static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v));
    }
  }
  origin = {x * 72.0 / dpi, y * 72.0 / dpi, (x + w) * 72.0 / dpi, (y + h) * 72.0 / dpi};
  return out;
}

void Shift(layout::Box& b, double dx, double dy) {
  b.x0 += dx;
  b.x1 += dx;
  b.y0 += dy;
  b.y1 += dy;
}

// Replaces the picture's pixels on the page's ruling-line rendering with the
// borders of the tables found in it at OCR resolution (`grids`, page units),
// each merged cell drawn as its own rectangle, so that the layout finds the
// same tables from the one rendering it reads.
void PasteGrids(layout::GrayImage& image, const layout::Box& region, const std::vector<layout::Grid>& grids) {
  const double u = image.units_per_pixel;
  const int w = image.width, h = image.height;
  const auto px = [&](double units, int limit) { return std::clamp(static_cast<int>(std::lround(units / u)), 0, limit - 1); };
  for (int y = px(region.y0, h); y <= px(region.y1, h); ++y) {
    for (int x = px(region.x0, w); x <= px(region.x1, w); ++x) image.pixels[static_cast<std::size_t>(y) * w + x] = 255;
  }
  const auto hline = [&](double y, double x0, double x1) {
    const int yy = px(y, h);
    for (int x = px(x0, w); x <= px(x1, w); ++x) image.pixels[static_cast<std::size_t>(yy) * w + x] = 0;
  };
  const auto vline = [&](double x, double y0, double y1) {
    const int xx = px(x, w);
    for (int y = px(y0, h); y <= px(y1, h); ++y) image.pixels[static_cast<std::size_t>(y) * w + xx] = 0;
  };
  for (const layout::Grid& g : grids) {
    const int cols = g.cols();
    for (std::size_t i = 0; i < g.anchor.size(); ++i) {
      if (g.anchor[i] != static_cast<int>(i)) continue;
      // The merged cell's far corner: the last elementary cell it anchors.
      int r1 = static_cast<int>(i) / cols, c1 = static_cast<int>(i) % cols;
      for (std::size_t j = i; j < g.anchor.size(); ++j) {
        if (g.anchor[j] != static_cast<int>(i)) continue;
        r1 = std::max(r1, static_cast<int>(j) / cols);
        c1 = std::max(c1, static_cast<int>(j) % cols);
      }
      const double x0 = g.xs[i % cols], y0 = g.ys[i / cols];
      const double x1 = g.xs[static_cast<std::size_t>(c1) + 1], y1 = g.ys[static_cast<std::size_t>(r1) + 1];
      hline(y0, x0, x1);
      hline(y1, x0, x1);
      vline(x0, y0, y1);
      vline(x1, y0, y1);
    }
  }
}

// Reads the picture in `region` of a text page with OCR and puts its words
// and tables in place on `lp`. Returns false when the region holds nothing
// that reads as text (a seal, a logo, a photograph): the page is left as it
// was.
bool ReadPicture(const poppler::page& page, const layout::Box& region, double dpi, int page_number,
                 pictures::LazyOcr& ocr, layout::Page& lp, std::vector<std::string>& warnings) {
  layout::Box origin;
  layout::GrayImage crop = RenderRegion(page, region, dpi, origin);
  if (crop.empty()) return false;
  // Text-layer words that overlap the region (a caption next to the
  // picture) are already read: paper here, so that they are not read twice.
  const double u = crop.units_per_pixel;
  for (const layout::Word& wd : lp.words) {
    const int x0 = std::clamp(static_cast<int>((wd.box.x0 - origin.x0) / u), 0, crop.width);
    const int x1 = std::clamp(static_cast<int>(std::ceil((wd.box.x1 - origin.x0) / u)), 0, crop.width);
    const int y0 = std::clamp(static_cast<int>((wd.box.y0 - origin.y0) / u), 0, crop.height);
    const int y1 = std::clamp(static_cast<int>(std::ceil((wd.box.y1 - origin.y0) / u)), 0, crop.height);
    for (int y = y0; y < y1; ++y) {
      std::fill_n(crop.pixels.begin() + static_cast<std::ptrdiff_t>(y) * crop.width + x0, x1 - x0, 255);
    }
  }
  if (!pictures::HasInk(crop)) return false;  // a red seal: nothing left once its red is paper
  OcrEngine* engine = ocr.Get();
  if (engine == nullptr) {
    warnings.push_back("第" + std::to_string(page_number) + "页有图片未识别（" + ocr.error() + "）");
    return false;
  }
  std::vector<std::string> notes;
  layout::Page got = engine->Recognize(std::move(crop), page_number, notes);
  if (!pictures::LooksLikeText(got.words)) return false;
  std::vector<layout::Grid> grids = layout::FindGrids(got.image);
  for (layout::Grid& g : grids) {
    for (double& x : g.xs) x += origin.x0;
    for (double& y : g.ys) y += origin.y0;
  }
  std::size_t chars = 0;
  for (layout::Word& wd : got.words) {
    Shift(wd.box, origin.x0, origin.y0);
    for (layout::Glyph& gl : wd.glyphs) Shift(gl.box, origin.x0, origin.y0);
    chars += wd.glyphs.empty() ? 1 : wd.glyphs.size();
    lp.words.push_back(std::move(wd));
  }
  PasteGrids(lp.image, origin, grids);
  warnings.push_back("第" + std::to_string(page_number) + "页的" + (grids.empty() ? "图片" : "表格图片") + "经文字识别读取（约" +
                     std::to_string(chars) + "字），请核对原件");
  warnings.insert(warnings.end(), notes.begin(), notes.end());
  return true;
}

}  // namespace

// A document held open only for the parameters it keeps alive: the smallest
// PDF poppler opens (one empty page), read from this constant text.
constexpr std::string_view kSessionPdf =
    "%PDF-1.4\n"
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>\nendobj\n"
    "trailer\n<< /Size 4 /Root 1 0 R >>\n%%EOF\n";

struct PdfSession::Impl {
  std::unique_ptr<poppler::document> doc;
};

PdfSession::PdfSession() : impl_(std::make_unique<Impl>()) {
  SilencePoppler();
  // (No xref table: poppler reconstructs it, quietly. A null document would
  // only mean the parameters are built per document again, as without this.)
  impl_->doc.reset(poppler::document::load_from_raw_data(kSessionPdf.data(), static_cast<int>(kSessionPdf.size())));
}
PdfSession::~PdfSession() = default;
PdfSession::PdfSession(PdfSession&&) noexcept = default;
PdfSession& PdfSession::operator=(PdfSession&&) noexcept = default;

Document ReadPdf(std::string_view bytes, const PdfOptions& options) {
  SilencePoppler();
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw ReadError("PDF 文件过大", "PDF file too large");
  }
  const StreamCensus streams = CensusOfStreams(bytes);
  if (const std::optional<std::size_t> at = streams.oversized) {
    throw budget::OverBudget("PDF 中第 " + std::to_string(*at) + " 字节处压缩数据解压后的大小",
                             "inflated size of the compressed stream at byte " + std::to_string(*at) + " of the PDF",
                             "> " + budget::Bytes(budget::kMaxPdfStreamBytes), budget::Bytes(budget::kMaxPdfStreamBytes));
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
    throw budget::OverBudget("PDF 页数", "PDF pages", std::to_string(n), std::to_string(options.max_pages));
  }
  if (const std::optional<std::string> big = OversizedImage(bytes)) {
    throw budget::OverBudget("PDF 中图片的像素", "pixels of an image in the PDF", *big,
                             std::to_string(static_cast<long long>(kMaxPdfImagePixels / 1e6)) + " M");
  }

  // Pages are read one at a time: rendered, their tables found, their
  // rendering freed (layout::ReleaseImage) before the next page is rendered.
  std::vector<layout::Page> pages;
  pages.reserve(static_cast<std::size_t>(n));
  std::vector<std::string> warnings;
  // One engine for the whole file, loaded only if a page needs it.
  pictures::LazyOcr ocr;
  const bool find_pictures = options.ocr && options.pictures && HasImageXObject(bytes);
  // A scan with a text layer ("searchable PDF": the scanner's or another OCR
  // program's text, invisible under each page's image): its text is the other
  // program's reading (characters spaced apart, digits misread) placed on the
  // image's nominal page size, which says nothing of the scan's resolution.
  // Its pages are read as scans are, from the image, and the note says so.
  // Known by both marks: invisible text, and a page-sized image per page.
  const bool rescan = options.ocr && streams.invisible_text && PageSizedImages(bytes) >= n;
  if (rescan) {
    warnings.push_back("本文件为带文字层的扫描件（文字层不可见，由扫描软件识别所得），文字层未采用，各页按扫描图像重新识别");
  }
  int tried = 0, left = 0;
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
    if (!rescan) lp.words = PageWords(*page);
    if (lp.words.empty()) {
      // A page without a text layer: rendered and read by tesseract.
      if (!options.ocr) {
        throw ReadError("PDF 没有文字层（扫描件），且未启用文字识别",
                        "the PDF has no text layer (a scan) and OCR is disabled");
      }
      // The PDF's page size says nothing of the scan's resolution (images
      // written at a nominal 72 or 96 dpi, or fitted to A3 or letter): the
      // page is rendered first to measure its text, at ocr_dpi or, on a page
      // whose size at ocr_dpi is over the pixel budget (a 200-dpi scan
      // written at 72 dpi is a page 2.8 times too large), at the resolution
      // the budget allows; then again at the resolution its text asks for,
      // within the budget. No image handed to OCR is over the budget.
      const double area = static_cast<double>(size.width()) * size.height();
      const auto within = [&](double dpi) {
        return area > 0 && area * (dpi / 72) * (dpi / 72) > budget::kMaxOcrPixels
                   ? 72 * std::sqrt(budget::kMaxOcrPixels / area)
                   : dpi;
      };
      const double first_dpi = within(options.ocr_dpi);
      if (first_dpi < 36) {
        // Not a page of paper at any resolution a person could read.
        char at_dpi[32];
        std::snprintf(at_dpi, sizeof at_dpi, "%g dpi", options.ocr_dpi);
        const double k = options.ocr_dpi / 72;
        throw budget::OverBudget("第" + std::to_string(i + 1) + "页（扫描页面，" + at_dpi + "）的像素",
                                 "pixels of scanned page " + std::to_string(i + 1) + " at " + at_dpi,
                                 budget::Pixels(size.width() * k, size.height() * k),
                                 std::to_string(static_cast<long long>(budget::kMaxOcrPixels / 1e6)) + " M");
      }
      OcrEngine& engine = ocr.GetOrThrow();
      layout::GrayImage img = Render(*page, first_dpi);
      if (!img.empty()) {
        if (const double scale = scan::ScaleToTarget(img); scale != 1) {
          const double dpi = within(first_dpi * scale);
          if (std::abs(dpi - first_dpi) > 0.05 * first_dpi) {
            layout::GrayImage again = Render(*page, dpi);
            if (!again.empty()) img = std::move(again);
          }
        }
        img.scanned = true;
        // OCR works in pixels; the layout only needs one unit per page.
        lp = engine.RecognizePage(std::move(img), i + 1, warnings);
      }
    } else {
      // The rendering for ruling lines: at a lower resolution on a page too
      // large for the pixel budget.
      // (PdfOptions::rule_dpi: 100, enough for a 0.5pt border to be a pixel
      // wide, cheap enough to do on every page.)
      double dpi = options.rule_dpi;
      const double area = std::max(1.0, static_cast<double>(size.width()) * size.height());
      if (area * (dpi / 72) * (dpi / 72) > budget::kMaxRenderPixels) {
        dpi = 72 * std::sqrt(budget::kMaxRenderPixels / area);
        warnings.push_back("第" + std::to_string(i + 1) + "页幅面过大（" +
                           std::to_string(static_cast<long long>(size.width())) + "×" +
                           std::to_string(static_cast<long long>(size.height())) + " 点），表格线按较低分辨率查找");
      }
      if (dpi > 0) lp.image = Render(*page, dpi);
      // Pictures on a text page (a table pasted as a screenshot).
      if (find_pictures && !lp.image.empty()) {
        for (const layout::Box& region : pictures::FindPictureRegions(lp.image, lp.words)) {
          // Each picture costs seconds of OCR: a file full of them (a photo
          // album, a brochure) is read up to a limit, and says so.
          if (tried >= options.max_pictures) {
            ++left;
            continue;
          }
          ++tried;
          // A picture too large for the pixel budget at its resolution is
          // read at a lower one (not below 150 dpi), or not at all.
          double pdpi = options.picture_dpi;
          const double parea = std::max(1.0, region.w() * region.h());
          if (parea * (pdpi / 72) * (pdpi / 72) > budget::kMaxOcrPixels) {
            pdpi = 72 * std::sqrt(budget::kMaxOcrPixels / parea);
          }
          if (pdpi < 150) {
            warnings.push_back("第" + std::to_string(i + 1) + "页有图片过大，未识别");
            continue;
          }
          ReadPicture(*page, region, pdpi, i + 1, ocr, lp, warnings);
        }
      }
    }
    layout::ReleaseImage(lp);
    pages.push_back(std::move(lp));
  }
  if (left > 0) warnings.push_back("另有 " + std::to_string(left) + " 幅图片未识别（图片过多）");

  Document doc = layout::Assemble(std::move(pages));
  doc.warnings.insert(doc.warnings.begin(), warnings.begin(), warnings.end());
  if (doc.blocks.empty()) {
    throw ReadError("PDF 中没有可读取的文字", "no readable text in the PDF");
  }
  return doc;
}

}  // namespace gongkai::readers
