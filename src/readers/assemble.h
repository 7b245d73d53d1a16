// Shared by the markup readers (HTML, DOCX): the blocks a reader found, in
// reading order, before they are laid out into Document::text. Assemble()
// writes the text and computes every block and cell offset in one place, so
// that each reader only has to find paragraphs and grids.
#ifndef GONGKAI_READERS_ASSEMBLE_H_
#define GONGKAI_READERS_ASSEMBLE_H_

#include <cstddef>
#include <string>
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
// The text is laid out in the script it was written in: Read() converts
// Traditional script afterwards (readers::Simplifier), keeping the original.
Document Assemble(std::vector<RawBlock> blocks, std::vector<std::string> warnings);

}  // namespace gongkai::readers

#endif  // GONGKAI_READERS_ASSEMBLE_H_
