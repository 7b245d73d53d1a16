// The document model every reader produces and the extractor consumes: the
// text of a report as blocks of paragraphs and table grids, whatever format it
// came in. Readers know nothing of annual reports; the extractor knows nothing
// of file formats. This is the only contract between the two.
#ifndef GONGKAI_DOCUMENT_DOCUMENT_H_
#define GONGKAI_DOCUMENT_DOCUMENT_H_

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace gongkai {

// One cell of a table grid. Merged cells are resolved by the reader: a cell
// spanning several columns appears once, followed by cells with `merged` set
// (empty text) so that every row of a grid keeps its column positions.
struct Cell {
  std::string text;        // UTF-8, line breaks inside the cell kept as '\n'
  std::size_t offset = 0;  // byte offset of the cell's text in Document::text
  bool merged = false;     // continuation of a merged (rowspan/colspan) cell
};

struct Block {
  enum class Kind { kParagraph, kTable };
  Kind kind = Kind::kParagraph;
  std::string text;        // paragraph text (one line of the source for plain text)
  std::size_t offset = 0;  // byte offset in Document::text
  std::vector<std::vector<Cell>> rows;  // table rows (kTable only)
};

// A point where Document::text and Document::original are known to say the
// same thing: `text` bytes into the one, `original` bytes into the other.
struct OffsetAnchor {
  std::size_t text = 0;
  std::size_t original = 0;
  bool operator==(const OffsetAnchor&) const = default;
};

// Byte `offset` of one side of the anchors (`from`: OffsetAnchor::text or
// ::original) on the other side (`to`); see OriginalOffset.
inline std::size_t MapOffset(const std::vector<OffsetAnchor>& anchors, std::size_t offset,
                             std::size_t OffsetAnchor::*from, std::size_t OffsetAnchor::*to) {
  if (anchors.empty()) return offset;
  auto next = std::upper_bound(anchors.begin(), anchors.end(), offset,
                               [from](std::size_t o, const OffsetAnchor& a) { return o < a.*from; });
  if (next == anchors.begin()) return anchors.front().*to;
  const OffsetAnchor& a = *(next - 1);
  const std::size_t into = offset - a.*from;
  if (next == anchors.end()) return a.*to + into;
  const bool alike = next->text - a.text == next->original - a.original;
  return alike ? a.*to + into : a.*to;
}

// Where byte `offset` of a converted text falls in its original, given the
// anchors of Document::original_anchors. Between two anchors the texts are
// byte for byte alike when both stretches have the same length (a converted
// character is as long as the one it replaces: nearly always), so the offset
// moves along; otherwise the stretch was rewritten as a whole and every
// offset inside it maps to its start. Without anchors: `offset` itself.
inline std::size_t OriginalOffset(const std::vector<OffsetAnchor>& anchors, std::size_t offset) {
  return MapOffset(anchors, offset, &OffsetAnchor::text, &OffsetAnchor::original);
}

// A stretch of Document::text the reader could not read with confidence (an
// OCR word of low confidence, a table cell whose readings disagree), with the
// reader's note. Kept with its place so that the extractor can name the table
// cell a doubtful reading went into, not only the page.
struct Doubt {
  std::size_t offset = 0;  // byte offset in Document::text
  std::size_t length = 0;  // bytes
  std::string note;        // Chinese, e.g. "第2页表格单元格文字识别存疑：读作“27”…"
};

struct Document {
  // The whole text in reading order, UTF-8. Offsets of blocks and cells point
  // into it; findings quote it as evidence.
  std::string text;
  std::vector<Block> blocks;
  // Messages from the reader about what it could not read with confidence
  // (an OCR word of low confidence, an undecodable byte sequence).
  std::vector<std::string> warnings;
  // Doubts with their place in `text`, in text order (OCR). A reader reports
  // a doubt either here or in `warnings`, never in both.
  std::vector<Doubt> doubts;

  // The text as the source wrote it, when `text` is a conversion of it
  // (Traditional script converted to Simplified so that the official labels
  // match; readers::Simplifier): laid out line for line and cell for cell
  // like `text`, so that evidence can quote the report's own words. Empty
  // when `text` is the source's text.
  std::string original;
  // Offsets of `text` → offsets of `original` (OriginalOffset()): sorted in
  // both, the first {0, 0}, the last {text.size(), original.size()}, and one
  // at each end of a stretch whose length the conversion changed. Line and
  // cell separators are never converted, so every block and cell offset maps
  // to the start of the same block or cell in `original`. Empty when
  // `original` is.
  std::vector<OffsetAnchor> original_anchors;

  // The date the page says it was published, as printed ("2024-01-18",
  // "2024年1月18日"), when the format carries one outside the text (an HTML
  // page's <meta name="PubDate"> or the "发布时间：…" above its article);
  // empty otherwise. Not part of `text`.
  std::string published;

  // Byte offsets in `text` where each page begins (PDF, scans), ascending,
  // the first 0; empty for formats without pages. PageAt() names the page.
  std::vector<std::size_t> page_offsets;
};

// The 1-based page holding byte `offset` of the text, 0 when the document
// has no pages.
inline int PageAt(const std::vector<std::size_t>& page_offsets, std::size_t offset) {
  if (page_offsets.empty()) return 0;
  const auto it = std::upper_bound(page_offsets.begin(), page_offsets.end(), offset);
  return static_cast<int>(it - page_offsets.begin());
}

}  // namespace gongkai

#endif  // GONGKAI_DOCUMENT_DOCUMENT_H_
