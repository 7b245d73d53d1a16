// Any bytes through the DOCX reader (libzip from memory, pugixml, numbering,
// grid spans): a ReadError is a fine answer; a crash, a sanitizer report or
// a Document whose offsets do not point at its text is not. Seed the corpus
// with tests/fixtures/docx.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "readers/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const gongkai::Document doc = gongkai::readers::Read(bytes, gongkai::readers::Format::kDocx);
    for (const auto& b : doc.blocks) {
      if (b.kind == gongkai::Block::Kind::kParagraph &&
          (b.offset + b.text.size() > doc.text.size() || doc.text.compare(b.offset, b.text.size(), b.text) != 0)) {
        std::abort();
      }
      for (const auto& row : b.rows) {
        for (const auto& c : row) {
          if (c.offset + c.text.size() > doc.text.size()) std::abort();
          if (!c.merged && doc.text.compare(c.offset, c.text.size(), c.text) != 0) std::abort();
        }
      }
    }
  } catch (const gongkai::readers::ReadError&) {
  }
  return 0;
}
