// The readers' promise that the fuzz targets check: every paragraph's text,
// and every unmerged cell's text, is found at its offset in Document::text
// (findings quote the source by those offsets). A Document converted from
// Traditional script also keeps its original: the anchors run from {0, 0}
// to the ends of both texts in order, every line and cell break of the text
// maps to the same break in the original, and every block and cell offset to
// the start of a character there (evidence quotes the original by them).
#ifndef GONGKAI_FUZZ_OFFSETS_H_
#define GONGKAI_FUZZ_OFFSETS_H_

#include <cstdlib>

#include "document/document.h"

namespace gongkai::fuzz {

inline void CheckOriginal(const Document& doc) {
  const auto& anchors = doc.original_anchors;
  if (doc.original.empty()) {
    if (!anchors.empty()) std::abort();
    return;
  }
  if (anchors.empty() || anchors.front() != OffsetAnchor{0, 0} ||
      anchors.back() != OffsetAnchor{doc.text.size(), doc.original.size()}) {
    std::abort();
  }
  for (std::size_t i = 1; i < anchors.size(); ++i) {
    if (anchors[i].text < anchors[i - 1].text || anchors[i].original < anchors[i - 1].original) std::abort();
  }
  for (std::size_t i = 0; i < doc.text.size(); ++i) {
    if (doc.text[i] != '\n' && doc.text[i] != '\t') continue;
    const std::size_t o = OriginalOffset(anchors, i);
    if (o >= doc.original.size() || doc.original[o] != doc.text[i]) std::abort();
  }
  auto starts_character = [&](std::size_t offset) {
    const std::size_t o = OriginalOffset(anchors, offset);
    if (o > doc.original.size()) std::abort();
    if (o < doc.original.size() && (static_cast<unsigned char>(doc.original[o]) & 0xC0) == 0x80) std::abort();
  };
  for (const auto& b : doc.blocks) {
    starts_character(b.offset);
    for (const auto& row : b.rows) {
      for (const auto& c : row) starts_character(c.offset);
    }
  }
}

inline void CheckOffsets(const Document& doc) {
  CheckOriginal(doc);
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
  // Doubts lie inside the text, in text order.
  std::size_t last = 0;
  for (const auto& d : doc.doubts) {
    if (d.offset < last || d.offset + d.length > doc.text.size() || d.note.empty()) std::abort();
    last = d.offset;
  }
}

}  // namespace gongkai::fuzz

#endif  // GONGKAI_FUZZ_OFFSETS_H_
