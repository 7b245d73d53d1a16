// The PDF reader (poppler-cpp). Scanned pages go to the OCR reader, and so
// do pictures of text on text pages.
#ifndef GONGKAI_READERS_PDF_H_
#define GONGKAI_READERS_PDF_H_

#include <memory>
#include <string_view>

#include "document/document.h"
#include "readers/budget.h"

namespace gongkai::readers {

struct PdfOptions {
  bool ocr = true;       // read pages without a text layer with tesseract
  double ocr_dpi = 200;  // rendering resolution for OCR: a scan's own, usually
  int max_pages = budget::kMaxPages;  // more is not an annual report
  // Resolution of the rendering on which ruling lines (and pictures) are
  // found on text pages; 0: no rendering, tables only from the alignment of
  // words (the fuzz target: rendering is poppler's cost, not this reader's).
  double rule_dpi = 100;
  // Pictures on text pages (a table pasted as a screenshot) read by OCR in
  // place; needs `ocr`.
  bool pictures = true;
  // Their rendering resolution: pictures are often pasted shrunk to fit the
  // page, and 300 dpi gives back the pixels of a 200-dpi picture shrunk to
  // two thirds (what tesseract needs for a table's digits).
  double picture_dpi = 300;
  int max_pictures = 30;  // more are not read (seconds of OCR each); a warning says so
};

// Keeps poppler's process-wide parameters (its GlobalParams: glyph-name and
// CMap tables, font substitutes) built while it lives. poppler-cpp builds them
// with the first open document and frees them with the last, which costs about
// 2 ms per document: ten times the reading of a one-page PDF. Whatever reads
// many PDFs one after another (a Pipeline, a reading worker, a fuzz target)
// holds one, so they are built once. Optional: ReadPdf is the same without it.
// Thread-safe (poppler-cpp counts the holders under a mutex); move-only.
class PdfSession {
 public:
  PdfSession();
  ~PdfSession();
  PdfSession(PdfSession&&) noexcept;
  PdfSession& operator=(PdfSession&&) noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Throws ReadError for encrypted, corrupt or truncated files.
Document ReadPdf(std::string_view bytes, const PdfOptions& options = {});

}  // namespace gongkai::readers

#endif  // GONGKAI_READERS_PDF_H_
