// Shared by the markup readers (HTML, DOCX): the blocks a reader found, in
// reading order, before they are laid out into Document::text. Assemble()
// writes the text and computes every block and cell offset in one place, so
// that each reader only has to find paragraphs and grids.
#ifndef GONGKAI_READERS_ASSEMBLE_H_
#define GONGKAI_READERS_ASSEMBLE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"

namespace gongkai::readers {

struct RawCell {
  std::string text;     // '\n' between the cell's lines
  bool merged = false;  // a position covered by a span, or no cell at all
  // For a merged position: the row and column of the cell that covers it
  // (above or to the left); its own position when no cell covers it.
  std::size_t origin_row = 0;
  std::size_t origin_col = 0;
};

struct RawBlock {
  bool table = false;
  std::string text;                         // paragraph
  std::vector<std::vector<RawCell>> rows;   // table
};

// Lays the blocks out as Document::text: paragraphs one per line, table rows
// one per line with cells separated by '\t'. Merged cells get the offset of
// the cell they continue (their text stays empty). Paragraph and cell text is
// trimmed; empty paragraphs and empty tables are dropped.
//
// If the text is written in Traditional script (most of it is; see
// LooksTraditional), every string is converted to Simplified with OpenCC
// (t2s.json) first, because the official labels are matched in Simplified.
// Document::text then holds the Simplified text and a warning says so: the
// Traditional original is not kept (the Document has no place for a second
// text, and offsets must point into the text the extractor read).
Document Assemble(std::vector<RawBlock> blocks, std::vector<std::string> warnings);

// True when the text is written in Traditional script: enough characters
// that exist only in Traditional, among the commonest of report text.
bool LooksTraditional(std::string_view text);

}  // namespace gongkai::readers

#endif  // GONGKAI_READERS_ASSEMBLE_H_
