#include "readers/pictures.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "readers/reader.h"
#include "util/text.h"

namespace gongkai::readers::pictures {

namespace {

using layout::Box;
using layout::GrayImage;
using layout::Word;

// Darker than this on a rendering is ink. Light: the thin borders of a
// picture drawn at a lower resolution than its own come out light grey
// (~200), and they are what holds a pictured table together.
constexpr std::uint8_t kInk = 224;

// Calls f(width, height) for every connected mark of ink (4-connected)
// inside [x0,x1)x[y0,y1) of `on`.
template <typename F>
void ForEachMark(const std::vector<std::uint8_t>& on, int w, int x0, int y0, int x1, int y1, F&& f) {
  const int bw = x1 - x0, bh = y1 - y0;
  std::vector<std::uint8_t> seen(static_cast<std::size_t>(bw) * bh, 0);
  std::vector<int> stack;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      const std::size_t local = static_cast<std::size_t>(y - y0) * bw + (x - x0);
      if (!on[static_cast<std::size_t>(y) * w + x] || seen[local]) continue;
      int mx0 = x, mx1 = x, my0 = y, my1 = y;
      seen[local] = 1;
      stack.assign(1, static_cast<int>(local));
      while (!stack.empty()) {
        const int cur = stack.back();
        stack.pop_back();
        const int cx = cur % bw + x0, cy = cur / bw + y0;
        mx0 = std::min(mx0, cx);
        mx1 = std::max(mx1, cx);
        my0 = std::min(my0, cy);
        my1 = std::max(my1, cy);
        const int nx[4] = {cx - 1, cx + 1, cx, cx};
        const int ny[4] = {cy, cy, cy - 1, cy + 1};
        for (int k = 0; k < 4; ++k) {
          if (nx[k] < x0 || nx[k] >= x1 || ny[k] < y0 || ny[k] >= y1) continue;
          const std::size_t nl = static_cast<std::size_t>(ny[k] - y0) * bw + (nx[k] - x0);
          if (seen[nl] || !on[static_cast<std::size_t>(ny[k]) * w + nx[k]]) continue;
          seen[nl] = 1;
          stack.push_back(static_cast<int>(nl));
        }
      }
      f(mx1 - mx0 + 1, my1 - my0 + 1);
    }
  }
}

// Marks counted when character-sized: taller than a dot, smaller than a
// border or a photo.
int CountMarks(const std::vector<std::uint8_t>& on, int w, int x0, int y0, int x1, int y1, double dpi) {
  const int min_h = std::max(2, static_cast<int>(dpi * 0.04));
  const int max_side = static_cast<int>(dpi * 0.5);
  int marks = 0;
  ForEachMark(on, w, x0, y0, x1, y1, [&](int mw, int mh) { marks += mh >= min_h && mh <= max_side && mw <= max_side; });
  return marks;
}

}  // namespace

std::vector<Box> FindPictureRegions(const GrayImage& image, const std::vector<Word>& words) {
  std::vector<Box> out;
  if (image.empty() || image.units_per_pixel <= 0) return out;
  const int w = image.width, h = image.height;
  const double u = image.units_per_pixel;
  const double dpi = image.dpi > 0 ? image.dpi : 72;
  // Ink that no word of the text layer accounts for. Word boxes are padded a
  // little: glyphs overhang their boxes by a pixel or two.
  std::vector<std::uint8_t> free(static_cast<std::size_t>(w) * h);
  for (std::size_t i = 0; i < free.size(); ++i) free[i] = image.pixels[i] < kInk;
  const int pad = std::max(1, static_cast<int>(std::lround(dpi / 50)));
  for (const Word& wd : words) {
    const int x0 = std::clamp(static_cast<int>(std::floor(wd.box.x0 / u)) - pad, 0, w);
    const int x1 = std::clamp(static_cast<int>(std::ceil(wd.box.x1 / u)) + pad, 0, w);
    const int y0 = std::clamp(static_cast<int>(std::floor(wd.box.y0 / u)) - pad, 0, h);
    const int y1 = std::clamp(static_cast<int>(std::ceil(wd.box.y1 / u)) + pad, 0, h);
    for (int y = y0; y < y1; ++y) std::fill_n(free.begin() + static_cast<std::ptrdiff_t>(y) * w + x0, x1 - x0, 0);
  }
  // Coarse cells of about a twelfth of an inch; a cell is on when it holds
  // free ink. Cells up to two apart are joined: the gaps between characters
  // and lines of a picture's text are narrower than that, so a picture
  // becomes one component while separate drawings stay apart.
  const int cs = std::max(4, static_cast<int>(std::lround(dpi / 12)));
  const int gw = (w + cs - 1) / cs, gh = (h + cs - 1) / cs;
  std::vector<int> count(static_cast<std::size_t>(gw) * gh, 0);
  bool any = false;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      if (free[static_cast<std::size_t>(y) * w + x]) {
        ++count[static_cast<std::size_t>(y / cs) * gw + x / cs];
        any = true;
      }
    }
  }
  if (!any) return out;  // the common case: every mark on the page is a word
  std::vector<int> comp(count.size(), -1);
  std::vector<int> stack;
  std::vector<Box> boxes;  // components' bounding boxes, in pixels
  int next = 0;
  for (int gy = 0; gy < gh; ++gy) {
    for (int gx = 0; gx < gw; ++gx) {
      const std::size_t start = static_cast<std::size_t>(gy) * gw + gx;
      if (count[start] < 2 || comp[start] >= 0) continue;  // single pixels: specks
      int cx0 = gx, cx1 = gx, cy0 = gy, cy1 = gy;
      comp[start] = next;
      stack.assign(1, static_cast<int>(start));
      while (!stack.empty()) {
        const int cur = stack.back();
        stack.pop_back();
        const int x = cur % gw, y = cur / gw;
        cx0 = std::min(cx0, x);
        cx1 = std::max(cx1, x);
        cy0 = std::min(cy0, y);
        cy1 = std::max(cy1, y);
        for (int dy = -2; dy <= 2; ++dy) {
          for (int dx = -2; dx <= 2; ++dx) {
            const int nx = x + dx, ny = y + dy;
            if (nx < 0 || nx >= gw || ny < 0 || ny >= gh) continue;
            const std::size_t n = static_cast<std::size_t>(ny) * gw + nx;
            if (count[n] < 2 || comp[n] >= 0) continue;
            comp[n] = next;
            stack.push_back(static_cast<int>(n));
          }
        }
      }
      ++next;
      boxes.push_back(Box{static_cast<double>(cx0 * cs), static_cast<double>(cy0 * cs),
                          static_cast<double>(std::min(w, (cx1 + 1) * cs)), static_cast<double>(std::min(h, (cy1 + 1) * cs))});
    }
  }
  // Pieces of one picture whose borders are too faint to join them (a
  // borderless table's columns, wide empty cells) are close to each other:
  // boxes within a quarter inch are one picture.
  const double gap = dpi / 4;
  for (bool merged = true; merged;) {
    merged = false;
    for (std::size_t i = 0; i < boxes.size() && !merged; ++i) {
      for (std::size_t j = i + 1; j < boxes.size(); ++j) {
        const Box& a = boxes[i];
        const Box& b = boxes[j];
        if (a.x0 - gap > b.x1 || b.x0 - gap > a.x1 || a.y0 - gap > b.y1 || b.y0 - gap > a.y1) continue;
        boxes[i] = Box{std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
        boxes.erase(boxes.begin() + static_cast<std::ptrdiff_t>(j));
        merged = true;
        break;
      }
    }
  }
  for (const Box& b : boxes) {
    // Large enough to hold a table or a paragraph: an inch wide and
    // several lines of text high. A seal is as large, but its marks are
    // few and it is dropped by colour and by what OCR makes of it.
    if (b.w() < dpi * 1.0 || b.h() < dpi * 0.4) continue;
    const int px0 = static_cast<int>(b.x0), py0 = static_cast<int>(b.y0);
    const int px1 = static_cast<int>(b.x1), py1 = static_cast<int>(b.y1);
    if (CountMarks(free, w, px0, py0, px1, py1, dpi) < 15) continue;
    // A picture has (almost) no words of the text layer on it. Free ink
    // among many words is text whose boxes are smaller than its glyphs
    // (fonts with odd metrics): reading it again would duplicate it.
    double covered = 0;
    for (const Word& wd : words) {
      const double ix = std::min(wd.box.x1 / u, b.x1) - std::max(wd.box.x0 / u, b.x0);
      const double iy = std::min(wd.box.y1 / u, b.y1) - std::max(wd.box.y0 / u, b.y0);
      if (ix > 0 && iy > 0) covered += ix * iy;
    }
    if (covered > 0.15 * b.w() * b.h()) continue;
    // A margin around it, for the tesseract's sake and for borders the
    // faint rendering lost.
    const int m = cs;
    out.push_back(Box{std::max(0, px0 - m) * u, std::max(0, py0 - m) * u, std::min(w, px1 + m) * u,
                      std::min(h, py1 + m) * u});
  }
  return out;
}

double MarkHeight(const GrayImage& image) {
  if (image.empty()) return 0;
  std::vector<std::uint8_t> on(image.pixels.size());
  for (std::size_t i = 0; i < on.size(); ++i) on[i] = image.pixels[i] < 128;
  std::vector<int> heights;
  const int tallest = std::max(8, image.height / 8);
  ForEachMark(on, image.width, 0, 0, image.width, image.height, [&](int mw, int mh) {
    if (mh >= 4 && mh <= tallest && mw <= 4 * mh) heights.push_back(mh);  // not specks, borders, rules
  });
  if (heights.size() < 20) return 0;
  std::nth_element(heights.begin(), heights.begin() + static_cast<std::ptrdiff_t>(heights.size() / 2), heights.end());
  return heights[heights.size() / 2];
}

std::uint8_t GreyForOcr(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  if (r > 120 && r > g + 60 && r > b + 60) return 255;
  return static_cast<std::uint8_t>((299 * r + 587 * g + 114 * b + 500) / 1000);
}

bool HasInk(const GrayImage& image) {
  if (image.empty()) return false;
  const auto dark = static_cast<std::size_t>(
      std::count_if(image.pixels.begin(), image.pixels.end(), [](std::uint8_t v) { return v < 128; }));
  return dark >= 200 && dark * 500 >= image.pixels.size();
}

bool LooksLikeText(const std::vector<Word>& words) {
  int good = 0;
  for (const Word& wd : words) {
    if (wd.confidence < 60) continue;
    bool letters = false;
    std::size_t i = 0;
    while (i < wd.text.size()) {
      const char32_t c = text::NextCodePoint(wd.text, i);
      letters = letters || (c >= U'0' && c <= U'9') || (c >= 0x4E00 && c <= 0x9FFF);
    }
    good += letters;
  }
  return good >= 3 && 2 * good >= static_cast<int>(words.size());
}

std::string_view PictureKind(std::string_view b) {
  const auto starts = [&](std::string_view magic) { return b.substr(0, magic.size()) == magic; };
  if (starts("\x89PNG\r\n\x1a\n")) return "png";
  if (starts("\xFF\xD8\xFF")) return "jpeg";
  if (starts("GIF87a") || starts("GIF89a")) return "gif";
  if (starts("BM")) return "bmp";
  if (starts(std::string_view("II*\0", 4)) || starts(std::string_view("MM\0*", 4))) return "tiff";
  if (starts(std::string_view("\x01\0\0\0", 4)) && b.size() >= 44 && b.substr(40, 4) == " EMF") return "emf";
  if (starts("\xD7\xCD\xC6\x9A") || starts(std::string_view("\x01\0\x09\0", 4))) return "wmf";
  return "";
}

namespace {

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// Pictures larger than this many pixels are not screenshots of a table.
constexpr double kMaxPixels = 40e6;

// A 32-bit picture as grey for OCR (GreyForOcr), printed at `ppi`.
GrayImage Grey(Pix* pix, double ppi);

}  // namespace

GrayImage DecodePicture(std::string_view bytes, double width_in, std::string& why) {
  GrayImage out;
  const std::string_view kind = PictureKind(bytes);
  if (kind.empty() || kind == "emf" || kind == "wmf") {
    why = kind.empty() ? "格式无法识别" : kind == "emf" ? "为 EMF 矢量图" : "为 WMF 矢量图";
    return out;
  }
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
  // The header first: a few bytes can declare a gigapixel picture.
  if (pixReadHeaderMem(data, bytes.size(), &format, &w, &h, &bps, &spp, &cmap) != 0 || w <= 0 || h <= 0) {
    why = "文件已损坏";
    return out;
  }
  if (static_cast<double>(w) * h > kMaxPixels) {
    why = "尺寸过大（" + std::to_string(w) + "×" + std::to_string(h) + " 像素）";
    return out;
  }
  PixPtr pix(pixReadMem(data, bytes.size()));
  if (!pix) {
    why = "文件已损坏";
    return out;
  }
  // Transparent pixels are paper (their colour is often black).
  if (pixGetSpp(pix.get()) == 4) pix.reset(pixAlphaBlendUniform(pix.get(), 0xffffff00));
  if (pix) pix.reset(pixConvertTo32(pix.get()));
  if (!pix) {
    why = "无法解码";
    return out;
  }
  // Printed size → pixels per inch, for the size thresholds of the layout.
  double ppi = width_in > 0 ? w / width_in : 200;
  out = Grey(pix.get(), ppi);
  // What matters to tesseract is how many pixels a character has, not how
  // large it is printed: a screen capture (96 ppi) has table digits 7–8
  // pixels high even when printed large, and they are read far better
  // scaled up to the ~17 of a 200-dpi scan, where a page of text at 200 dpi
  // is read well. Very large characters are scaled down, which reads as
  // well and costs less.
  const double mark = MarkHeight(out);
  double k = 1;
  if (mark > 0 && mark < 13) k = std::min(3.0, 22 / mark);
  if (mark > 40) k = 20 / mark;
  if (k != 1) {
    if (PixPtr scaled{pixScale(pix.get(), static_cast<l_float32>(k), static_cast<l_float32>(k))}) {
      out = Grey(scaled.get(), ppi * k);
    }
  }
  return out;
}

namespace {

GrayImage Grey(Pix* pix, double ppi) {
  GrayImage out;
  out.width = static_cast<int>(pixGetWidth(pix));
  out.height = static_cast<int>(pixGetHeight(pix));
  out.dpi = ppi;
  out.units_per_pixel = 72.0 / ppi;
  out.scanned = true;  // JPEG noise, blurred borders: read as a scan is
  out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
  const l_uint32* px = pixGetData(pix);
  const int wpl = pixGetWpl(pix);
  for (int y = 0; y < out.height; ++y) {
    const l_uint32* line = px + static_cast<std::ptrdiff_t>(y) * wpl;
    for (int x = 0; x < out.width; ++x) {
      l_int32 r = 0, g = 0, b = 0;
      extractRGBValues(line[x], &r, &g, &b);
      out.pixels[static_cast<std::size_t>(y) * out.width + x] =
          GreyForOcr(static_cast<std::uint8_t>(r), static_cast<std::uint8_t>(g), static_cast<std::uint8_t>(b));
    }
  }
  return out;
}

}  // namespace

OcrEngine* LazyOcr::Get() {
  if (!tried_) {
    tried_ = true;
    try {
      engine_ = std::make_unique<OcrEngine>();
    } catch (const ReadError& e) {
      error_ = e;
    }
  }
  return engine_.get();
}

OcrEngine& LazyOcr::GetOrThrow() {
  if (OcrEngine* e = Get()) return *e;
  throw *error_;
}

}  // namespace gongkai::readers::pictures
