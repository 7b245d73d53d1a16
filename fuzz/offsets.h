// The readers' promise that the fuzz targets check: every paragraph's text,
// and every unmerged cell's text, is found at its offset in Document::text
// (findings quote the source by those offsets).
#ifndef GONGKAI_FUZZ_OFFSETS_H_
#define GONGKAI_FUZZ_OFFSETS_H_

#include <cstdlib>

#include "document/document.h"

namespace gongkai::fuzz {

inline void CheckOffsets(const Document& doc) {
  for (const auto& b : doc.blocks) {
    if (b.kind == Block::Kind::kParagraph &&
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

}  // namespace gongkai::fuzz

#endif  // GONGKAI_FUZZ_OFFSETS_H_
