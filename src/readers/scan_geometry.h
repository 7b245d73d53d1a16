// The geometry of a scanned page, from the image itself: how large its text
// is (and so the scan's real resolution, whatever the PDF page size or the
// image file claims), which way up it is, and how far it is askew. The OCR
// reader brings every page to one geometry before tables are looked for:
// upright, square to the image's axes, text at the size tesseract reads best.
//
// Stateless functions on images the caller owns; thread-safe. The rules are
// general ones (text height, line skew, script orientation), with no
// knowledge of any particular report.
#ifndef GONGKAI_READERS_SCAN_GEOMETRY_H_
#define GONGKAI_READERS_SCAN_GEOMETRY_H_

#include <string>

#include "readers/page_layout.h"

namespace tesseract {
class TessBaseAPI;
}

namespace gongkai::readers::scan {

// The resolution pages are brought to, and the text height it stands for:
// at 200 dpi the body text of a report (小四–三号, 12–16 pt) is 33–44 px and
// a table's digits (五号–小四) 20–26 px, sizes tesseract's chi_sim reads
// well; a cell's digits are read again at twice that (ocr_reader.cc).
inline constexpr double kTargetDpi = 200;

// The typical height in pixels of the page's characters (the median height
// of connected components of character size, ruling lines left out), or 0
// when the page has too little text to tell.
double TextHeight(const layout::GrayImage& image);

// By how much the image should be scaled so that its text is the size of a
// kTargetDpi scan of an ordinary report: 1 when it already is (within a
// quarter) or when the page has too little text to tell; clamped to 1/4..4.
double ScaleToTarget(const layout::GrayImage& image);

// What Normalize did to a page (for notes and tests).
struct Geometry {
  double scale = 1;        // applied resampling factor
  int quarter_turns = 0;   // clockwise quarter turns applied to make it upright
  double skew_degrees = 0; // rotation applied to square it (leptonica's sign)
  double text_height = 0;  // measured before scaling, pixels
  bool unwarped = false;    // a photo's keystone corrected
};

// Brings a scanned page to the target geometry: rescaled (ScaleToTarget),
// turned upright (tesseract's orientation detection with `osd`, an API
// initialised with the "osd" language; null: not turned; an answer of low
// confidence is checked by reading a sample of the page both ways up with
// `reader`, an API initialised with "chi_sim", when given), deskewed
// (leptonica's skew search on the binarised page; up to 5 degrees), and a
// photographed page's keystone corrected (leptonica's local skew).
// The returned image has dpi = kTargetDpi · its text's measured scale and
// units_per_pixel = 72 / dpi, scanned = true.
// `osd` and `reader` are used and left cleared; the caller owns them and must
// not use them from another thread meanwhile.
layout::GrayImage Normalize(layout::GrayImage image, tesseract::TessBaseAPI* osd, Geometry* geometry,
                            tesseract::TessBaseAPI* reader = nullptr);

}  // namespace gongkai::readers::scan

#endif  // GONGKAI_READERS_SCAN_GEOMETRY_H_
