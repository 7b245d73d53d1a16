// Any bytes through format detection, the reader it picks and the extractor:
// a ReadError is a fine answer, a crash or a sanitizer report is not.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pipeline/pipeline.h"
#include "readers/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    (void)gongkai::pipeline::ProcessBytes(bytes, "fuzz");
  } catch (const gongkai::readers::ReadError&) {
  }
  return 0;
}
