// Any bytes through the DOCX reader (libzip from memory, pugixml, numbering,
// grid spans): a ReadError is a fine answer; a crash, a sanitizer report or
// a Document whose offsets do not point at its text is not. Seed the corpus
// with tests/fixtures/docx. Pictures are not read by OCR: tesseract on
// fuzzed images is slow and not what is being tested here.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "offsets.h"
#include "readers/docx.h"
#include "readers/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    gongkai::fuzz::CheckOffsets(gongkai::readers::ReadDocx(bytes, gongkai::readers::DocxOptions{.ocr = false}));
  } catch (const gongkai::readers::ReadError&) {
  }
  return 0;
}
