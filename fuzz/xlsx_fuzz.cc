// Any bytes through the XLSX reader (libzip from memory with part and total
// caps, pugixml, shared strings, merged ranges, cell references): a
// ReadError is a fine answer; a crash, a sanitizer report, a runaway grid or
// a Document whose offsets do not point at its text is not. Seed the corpus
// with tests/fixtures/xlsx.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "offsets.h"
#include "readers/office.h"
#include "readers/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    gongkai::fuzz::CheckOffsets(gongkai::readers::ReadXlsx(bytes));
  } catch (const gongkai::readers::ReadError&) {
  }
  return 0;
}
