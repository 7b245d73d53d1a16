// The OCR reader: tesseract (chi_sim) on page images, words with confidences
// laid out like a PDF's text layer (page_layout.h).
#ifndef GONGKAI_READERS_OCR_H_
#define GONGKAI_READERS_OCR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"
#include "readers/page_layout.h"

namespace tesseract {
class TessBaseAPI;
}

namespace gongkai::readers {

// Words below this confidence (0–100) are reported as doubtful (Word::doubt).
inline constexpr float kLowConfidence = 75;

// The tessdata folder holding chi_sim.traineddata: $TESSDATA_PREFIX (itself
// or its tessdata/), then Debian's /usr/share/tesseract-ocr/*/tessdata.
// Empty if none.
std::string FindTessdata();

// One tesseract instance, owned by one reader call (tesseract is not
// re-entrant across threads; loading chi_sim takes a fraction of a second,
// so a file's pages share it).
class OcrEngine {
 public:
  OcrEngine();  // throws ReadError if tesseract or chi_sim is missing
  ~OcrEngine();
  OcrEngine(const OcrEngine&) = delete;
  OcrEngine& operator=(const OcrEngine&) = delete;

  // Recognises one page image; the page comes back in the image's page units
  // with its image kept for table detection. Words of low confidence are
  // noted on the word (Word::doubt, "第N页 …"); what has no place (a page
  // that could not be read) is appended to `warnings`.
  layout::Page Recognize(layout::GrayImage image, int page_number, std::vector<std::string>& warnings);

  // A whole scanned page (a page of a scanned PDF, an image file): first
  // brought to one geometry (scan_geometry.h: text size, upright, deskewed),
  // then recognised; the page comes back in the normalised image's units.
  // Not for a picture cropped from a page, whose words must keep the crop's
  // coordinates (use Recognize).
  layout::Page RecognizePage(layout::GrayImage image, int page_number, std::vector<std::string>& warnings);

 private:
  // Reads one table cell (`crop`, cw x ch pixels, at (dx, dy) on the page):
  // as text, and a value cell again with a digits-only whitelist; keeps the
  // surer reading and notes a doubt on its words.
  void ReadCell(const std::vector<std::uint8_t>& crop, int cw, int ch, double u, int dx, int dy, int page_number,
                std::vector<layout::Word>& out, std::vector<std::string>& warnings);

  // The Latin model, loaded on first need, for a second opinion on digits;
  // null if eng.traineddata is not installed.
  tesseract::TessBaseAPI* Digits();

  // The orientation model (osd.traineddata, Debian's tesseract-ocr-osd),
  // loaded on first need; null if not installed: pages are then not turned.
  tesseract::TessBaseAPI* Osd();

  std::unique_ptr<tesseract::TessBaseAPI> api_;
  std::unique_ptr<tesseract::TessBaseAPI> digits_;
  bool digits_ready_ = false;
  std::unique_ptr<tesseract::TessBaseAPI> osd_;
  bool osd_ready_ = false;
};

// PNG, JPEG or TIFF (every page of a multi-page TIFF). Throws ReadError.
Document ReadImage(std::string_view bytes);

}  // namespace gongkai::readers

#endif  // GONGKAI_READERS_OCR_H_
