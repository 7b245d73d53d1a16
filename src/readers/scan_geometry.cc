#include "readers/scan_geometry.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>
#include <vector>

#include "readers/gray_pix.h"

namespace gongkai::readers::scan {

namespace {

using layout::FromPix;
using layout::PixPtr;
using layout::ToPix;

struct BoxaDeleter {
  void operator()(Boxa* b) const { boxaDestroy(&b); }
};

// The median character height of a kTargetDpi rendering of an ordinary
// report's pages (text of 10.5–16 pt, mostly table digits and body text).
constexpr double kReferenceTextHeight = 26;

// Ink of the page, black on white: the background (uneven light, a grey
// copier) flattened by leptonica's background normalisation first.
PixPtr Binarize(Pix* gray) {
  PixPtr norm(pixBackgroundNormSimple(gray, nullptr, nullptr));
  return PixPtr(pixThresholdToBinary(norm ? norm.get() : gray, 140));
}

double MedianComponentHeight(Pix* binary) {
  const int w = pixGetWidth(binary), h = pixGetHeight(binary);
  // Ruling lines (runs longer than any character at any plausible scale)
  // out: they join a table's characters to one component.
  const int longest = std::max(40, std::min(w, h) / 12);
  PixPtr hl(pixOpenBrick(nullptr, binary, longest, 1));
  PixPtr vl(pixOpenBrick(nullptr, binary, 1, longest));
  PixPtr text(pixCopy(nullptr, binary));
  if (!hl || !vl || !text) return 0;
  pixSubtract(text.get(), text.get(), hl.get());
  pixSubtract(text.get(), text.get(), vl.get());
  std::unique_ptr<Boxa, BoxaDeleter> boxes(pixConnCompBB(text.get(), 8));
  if (!boxes) return 0;
  std::vector<int> heights;
  const int n = boxaGetCount(boxes.get());
  for (int i = 0; i < n; ++i) {
    l_int32 bx = 0, by = 0, bw = 0, bh = 0;
    boxaGetBoxGeometry(boxes.get(), i, &bx, &by, &bw, &bh);
    // Character-like: not a speck, not a long stroke, not a block; the
    // larger side, so that a page turned sideways measures the same.
    const int big = std::max(bw, bh), small = std::min(bw, bh);
    if (big < 6 || big > h / 8 || small * 4 < big) continue;
    heights.push_back(big);
  }
  if (heights.size() < 40) return 0;  // too little text to tell
  // The upper quartile: blur, noise and JPEG break strokes of characters
  // into pieces (and top-bottom characters are two components), which pull
  // the median down; whole characters are the larger components.
  const std::size_t q = heights.size() * 3 / 4;
  std::nth_element(heights.begin(), heights.begin() + static_cast<std::ptrdiff_t>(q), heights.end());
  return heights[q];
}

// A page photographed at a slant (a phone held over it) is a trapezoid:
// its horizontal lines tilt more at one end of the page than at the other,
// and its vertical lines likewise. leptonica measures the skew of
// horizontal slices of the page, fits it linearly along the page and
// builds the projective transform that makes them level
// (pixGetLocalSkewTransform, as pixDeskewLocal does for binary images);
// applied to the grey page, once as it is and once turned a quarter for its
// vertical lines. Only when the skew varies over the page by more than
// kMinLocalSkew degrees: a flat scan is left untouched.
constexpr float kMinLocalSkew = 0.15f;

bool Keystone(PixPtr& gray, PixPtr& bin) {
  const int h = pixGetHeight(bin.get());
  l_float32 a = 0, b = 0;
  Numa* angles = pixGetLocalSkewAngles(bin.get(), 10, 0, 0, 0, 0, 0, &a, &b, 0);
  if (angles == nullptr) return false;
  numaDestroy(&angles);
  if (std::abs(a * h) < kMinLocalSkew) return false;
  Pta* ptas = nullptr;
  Pta* ptad = nullptr;
  if (pixGetLocalSkewTransform(bin.get(), 10, 0, 0, 0, 0, 0, &ptas, &ptad) != 0) return false;
  PixPtr g(pixProjectivePtaGray(gray.get(), ptad, ptas, 255));
  PixPtr bi(pixProjectiveSampledPta(bin.get(), ptad, ptas, L_BRING_IN_WHITE));
  ptaDestroy(&ptas);
  ptaDestroy(&ptad);
  if (!g || !bi) return false;
  gray = std::move(g);
  bin = std::move(bi);
  return true;
}

// Keystone along both directions; true if the page was changed.
bool Unwarp(PixPtr& gray, PixPtr& bin) {
  bool changed = Keystone(gray, bin);
  PixPtr tg(pixRotateOrth(gray.get(), 1));
  PixPtr tb(pixRotateOrth(bin.get(), 1));
  if (!tg || !tb || !Keystone(tg, tb)) return changed;
  PixPtr g(pixRotateOrth(tg.get(), 3));
  PixPtr b(pixRotateOrth(tb.get(), 3));
  if (!g || !b) return changed;
  gray = std::move(g);
  bin = std::move(b);
  return true;
}

// How sure chi_sim's LSTM is of what it reads on `view` (grey, background
// flattened): the mean confidence of its characters, 0..100, or -1 when it
// reads nothing. Upright text reads at 92–99 on damaged scans; the same
// text upside down at 82–88, as garbage.
double ReadingConfidence(tesseract::TessBaseAPI& reader, Pix* view) {
  reader.SetPageSegMode(tesseract::PSM_AUTO);
  reader.SetImage(view);
  reader.SetSourceResolution(200);
  double sum = 0;
  int n = 0;
  if (reader.Recognize(nullptr) == 0) {
    std::unique_ptr<tesseract::ResultIterator> it(reader.GetIterator());
    if (it) {
      do {
        if (it->Empty(tesseract::RIL_SYMBOL)) continue;
        sum += it->Confidence(tesseract::RIL_SYMBOL);
        ++n;
      } while (it->Next(tesseract::RIL_SYMBOL));
    }
  }
  reader.Clear();
  return n >= 10 ? sum / n : -1;
}

// Three bands across the page (at a quarter, half and three quarters of its
// height, each 8 % of it: a few lines of text or table rows), stacked: a
// sample of the page for ReadingConfidence at a fraction of a page's cost.
// An image too short for bands of a few lines (a strip of a table) is its
// own sample.
PixPtr SampleBands(Pix* view) {
  const int w = static_cast<int>(pixGetWidth(view)), h = static_cast<int>(pixGetHeight(view));
  const int bh = h * 8 / 100;
  if (bh < 120) return PixPtr(pixCopy(nullptr, view));
  PixPtr stack(pixCreate(w, 3 * bh, 8));
  if (!stack) return stack;
  pixSetAll(stack.get());
  for (int k = 0; k < 3; ++k) {
    pixRasterop(stack.get(), 0, k * bh, w, bh, PIX_SRC, view, 0, std::max(0, h * (k + 1) / 4 - bh / 2));
  }
  return stack;
}

// Tesseract's orientation detection is right on damaged scans far more
// often than its confidence says (upright and turned pages of JPEG-damaged
// reports at 3.9–5), so an answer under kSureOrientation is checked by
// reading: a sample of the page as detected and turned half round, read by
// chi_sim; the way its characters read with more confidence, by at least
// kReadingMargin, is up. A check that cannot tell leaves the page as it is.
constexpr float kSureOrientation = 5;
constexpr double kReadingMargin = 3;

// Clockwise quarter turns that bring the page up (0..3), or 0.
int UprightTurns(Pix* view, tesseract::TessBaseAPI& osd, tesseract::TessBaseAPI* reader) {
  pixSetResolution(view, 200, 200);
  osd.SetImage(view);
  int deg = 0;
  float conf = 0, script_conf = 0;
  const char* script = nullptr;
  const bool osd_ok = osd.DetectOrientationScript(&deg, &conf, &script, &script_conf);
  osd.Clear();
  if (!osd_ok || (deg != 0 && deg != 90 && deg != 180 && deg != 270)) return 0;
  // deg is the page's clockwise rotation: turn it back.
  const int detected = (360 - deg) / 90 % 4;
  if (conf >= kSureOrientation) return detected;
  if (reader == nullptr) return 0;
  PixPtr turned(pixRotateOrth(view, detected));
  PixPtr sample = turned ? SampleBands(turned.get()) : nullptr;
  PixPtr opposite = sample ? PixPtr(pixRotateOrth(sample.get(), 2)) : nullptr;
  if (!sample || !opposite) return 0;
  const double as_detected = ReadingConfidence(*reader, sample.get());
  const double turned_over = ReadingConfidence(*reader, opposite.get());
  if (as_detected >= 0 && as_detected >= turned_over + kReadingMargin) return detected;
  if (turned_over >= 0 && turned_over >= as_detected + kReadingMargin) return (detected + 2) % 4;
  return 0;
}

}  // namespace

double TextHeight(const layout::GrayImage& image) {
  if (image.empty()) return 0;
  PixPtr pix = ToPix(image);
  if (!pix) return 0;
  PixPtr bin = Binarize(pix.get());
  return bin ? MedianComponentHeight(bin.get()) : 0;
}

double ScaleToTarget(const layout::GrayImage& image) {
  const double th = TextHeight(image);
  if (th <= 0) return 1;
  const double k = std::clamp(kReferenceTextHeight / th, 0.25, 4.0);
  return k > 0.8 && k < 1.25 ? 1 : k;
}

layout::GrayImage Normalize(layout::GrayImage image, tesseract::TessBaseAPI* osd, Geometry* geometry,
                            tesseract::TessBaseAPI* reader) {
  Geometry g;
  if (image.empty()) return image;
  PixPtr pix = ToPix(image);
  if (!pix) return image;
  PixPtr bin = Binarize(pix.get());
  if (!bin) return image;
  g.text_height = MedianComponentHeight(bin.get());
  if (g.text_height > 0) {
    const double k = std::clamp(kReferenceTextHeight / g.text_height, 0.25, 4.0);
    if (k <= 0.8 || k >= 1.25) {
      PixPtr scaled(pixScale(pix.get(), static_cast<float>(k), static_cast<float>(k)));
      if (scaled) {
        pix = std::move(scaled);
        g.scale = k;
        bin = Binarize(pix.get());
        if (!bin) return image;
      }
    }
  }
  // Which way up: tesseract's orientation and script detection (legacy
  // model osd.traineddata) on the grey page with its background flattened
  // (on leptonica's binarisation of a blurred page it turns upright pages
  // over); an answer of low confidence checked by reading (UprightTurns).
  if (osd != nullptr) {
    PixPtr norm(pixBackgroundNormSimple(pix.get(), nullptr, nullptr));
    const int quads = UprightTurns(norm ? norm.get() : pix.get(), *osd, reader);
    if (quads != 0) {
      PixPtr turned(pixRotateOrth(pix.get(), quads));
      PixPtr bturned(pixRotateOrth(bin.get(), quads));
      if (turned && bturned) {
        pix = std::move(turned);
        bin = std::move(bturned);
        g.quarter_turns = quads;
      }
    }
  }
  // Square to the axes: leptonica's skew search (a sweep, then a binary
  // search) on the text lines and ruling lines. Its confidence on a table
  // page is low (1.3–3: the rules of many short cells), still right in sign
  // and size to a tenth of a degree; smaller angles are left alone.
  l_float32 angle = 0, conf = 0;
  const int skew_ok = pixFindSkewSweepAndSearch(bin.get(), &angle, &conf, 2, 2, 5.0f, 0.2f, 0.01f);
  if (skew_ok == 0 && conf >= 1.0f && std::abs(angle) >= 0.1f) {
    PixPtr rotated(pixRotate(pix.get(), angle * (std::numbers::pi_v<float> / 180), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE,
                             0, 0));
    PixPtr brotated(pixRotate(bin.get(), angle * (std::numbers::pi_v<float> / 180), L_ROTATE_SHEAR,
                              L_BRING_IN_WHITE, 0, 0));
    if (rotated && brotated) {
      pix = std::move(rotated);
      bin = std::move(brotated);
      g.skew_degrees = angle;
    }
  }
  g.unwarped = Unwarp(pix, bin);
  layout::GrayImage out = FromPix(pix.get(), image);
  // The resolution its text stands for: the target when it was rescaled;
  // otherwise the image's own unless its text says otherwise (a file that
  // claims 72 dpi for a 200-dpi scan).
  double dpi = image.dpi;
  if (g.scale != 1) {
    dpi = kTargetDpi;
  } else if (g.text_height > 0) {
    const double text_dpi = kTargetDpi * g.text_height / kReferenceTextHeight;
    if (text_dpi > 1.25 * dpi || text_dpi < 0.8 * dpi) dpi = text_dpi;
  }
  out.dpi = std::clamp(dpi, 50.0, 1200.0);
  out.units_per_pixel = 72.0 / out.dpi;
  out.scanned = true;
  if (geometry != nullptr) *geometry = g;
  return out;
}

}  // namespace gongkai::readers::scan
