// Any bytes through the OFD reader (libzip, pugixml, part references,
// DeltaX "g" runs, CTMs, path data drawn into the rule image, then the page
// layout): a ReadError is a fine answer; a crash, a sanitizer report or a
// Document whose offsets do not point at its text is not. Images are not
// read by OCR (slow, and not what is tested here). Seed the corpus with
// tests/fixtures/ofd.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "offsets.h"
#include "readers/office.h"
#include "readers/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    gongkai::fuzz::CheckOffsets(gongkai::readers::ReadOfd(bytes, gongkai::readers::OfdOptions{.ocr = false}));
  } catch (const gongkai::readers::ReadError&) {
  }
  return 0;
}
