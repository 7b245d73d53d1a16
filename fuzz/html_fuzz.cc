// Any bytes through the HTML reader (charset sniffing, ICU decoding, libxml2,
// article detection, span expansion, OpenCC): a ReadError is a fine answer; a
// crash, a sanitizer report or a Document whose offsets do not point at its
// text is not.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "readers/reader.h"

namespace {

void CheckOffsets(const gongkai::Document& doc) {
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
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    CheckOffsets(gongkai::readers::Read(bytes, gongkai::readers::Format::kHtml));
  } catch (const gongkai::readers::ReadError&) {
  }
  return 0;
}
