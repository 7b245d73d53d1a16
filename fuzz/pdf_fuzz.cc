// Any bytes through the PDF reader (poppler + page layout): a ReadError is a
// fine answer, a crash or a sanitizer report is not. OCR is off: tesseract
// on fuzzed page images is slow and not what is being tested here.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "readers/pdf.h"
#include "readers/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (gongkai::readers::Detect(bytes) != gongkai::readers::Format::kPdf) return 0;
  try {
    (void)gongkai::readers::ReadPdf(bytes, gongkai::readers::PdfOptions{.ocr = false, .max_pages = 50});
  } catch (const gongkai::readers::ReadError&) {
  }
  return 0;
}
