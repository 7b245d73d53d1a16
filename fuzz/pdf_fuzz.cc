// Any bytes through the PDF reader (poppler's parser and text layer, the
// page layout, the borderless-table columns): a ReadError is a fine answer, a
// crash or a sanitizer report is not. OCR is off (tesseract on fuzzed page
// images is slow and not what is being tested), and so is the rendering for
// ruling lines (rule_dpi 0): it is poppler's rasteriser, most of the time of
// an input, and made the target run at 2 inputs/s. The grid finder has its
// own inputs in the page_layout tests; pages are capped at 20. A PdfSession
// lives as long as the process, as a batch's Pipeline does: without it poppler
// rebuilds its global tables for every input (2 ms, most of a small PDF's
// time). Seeds: fuzz/seeds/pdf (tools/fixtures/make_fuzz_pdfs.py), small, so
// that mutations stay in the reader and not in a CJK font program. Mutants
// whose ToUnicode CMap maps a code of three bytes make poppler zero a table
// of tens of MB per page (20-50 ms an input; a sixth of the corpus after a
// minute, four fifths of its time): run it as scripts/fuzz.sh does, with
// -entropic_scale_per_exec_time=1, so that they are mutated less often than
// the fast inputs (about 3 times the inputs per second).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "readers/pdf.h"
#include "readers/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  static const gongkai::readers::PdfSession session;  // the fuzz process's lifetime: a harness, not the library
  if (gongkai::readers::Detect(bytes) != gongkai::readers::Format::kPdf) return 0;
  try {
    (void)gongkai::readers::ReadPdf(
        bytes, gongkai::readers::PdfOptions{.ocr = false, .max_pages = 20, .rule_dpi = 0, .pictures = false});
  } catch (const gongkai::readers::ReadError&) {
  }
  return 0;
}
