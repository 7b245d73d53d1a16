// The PDF reader (poppler-cpp). Scanned pages go to the OCR reader, and so
// do pictures of text on text pages.
#ifndef GONGKAI_READERS_PDF_H_
#define GONGKAI_READERS_PDF_H_

#include <string_view>

#include "document/document.h"

namespace gongkai::readers {

struct PdfOptions {
  bool ocr = true;       // read pages without a text layer with tesseract
  double ocr_dpi = 200;  // rendering resolution for OCR: a scan's own, usually
  int max_pages = 2000;  // more is not an annual report
  // Pictures on text pages (a table pasted as a screenshot) read by OCR in
  // place; needs `ocr`.
  bool pictures = true;
  // Their rendering resolution: pictures are often pasted shrunk to fit the
  // page, and 300 dpi gives back the pixels of a 200-dpi picture shrunk to
  // two thirds (what tesseract needs for a table's digits).
  double picture_dpi = 300;
  int max_pictures = 30;  // more are not read (seconds of OCR each); a warning says so
};

// Throws ReadError for encrypted, corrupt or truncated files.
Document ReadPdf(std::string_view bytes, const PdfOptions& options = {});

}  // namespace gongkai::readers

#endif  // GONGKAI_READERS_PDF_H_
