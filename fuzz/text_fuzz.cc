// Any bytes detected as text through the text reader, the extractor and the
// audit: a ReadError is a fine answer, a crash or a sanitizer report is not.
// (HTML, DOCX and PDF have fuzz targets of their own; OCR is too slow to fuzz.)
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pipeline/pipeline.h"
#include "readers/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (gongkai::readers::Detect(bytes) != gongkai::readers::Format::kText) return 0;
  try {
    (void)gongkai::pipeline::ProcessBytes(bytes, "fuzz");
  } catch (const gongkai::readers::ReadError&) {
  }
  return 0;
}
