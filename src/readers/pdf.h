// The PDF reader (poppler-cpp). Scanned pages go to the OCR reader.
#ifndef GONGKAI_READERS_PDF_H_
#define GONGKAI_READERS_PDF_H_

#include <string_view>

#include "document/document.h"

namespace gongkai::readers {

struct PdfOptions {
  bool ocr = true;       // read pages without a text layer with tesseract
  double ocr_dpi = 200;  // rendering resolution for OCR: a scan's own, usually
  int max_pages = 2000;  // more is not an annual report
};

// Throws ReadError for encrypted, corrupt or truncated files.
Document ReadPdf(std::string_view bytes, const PdfOptions& options = {});

}  // namespace gongkai::readers

#endif  // GONGKAI_READERS_PDF_H_
