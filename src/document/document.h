// The document model every reader produces and the extractor consumes: the
// text of a report as blocks of paragraphs and table grids, whatever format it
// came in. Readers know nothing of annual reports; the extractor knows nothing
// of file formats. This is the only contract between the two.
#ifndef GONGKAI_DOCUMENT_DOCUMENT_H_
#define GONGKAI_DOCUMENT_DOCUMENT_H_

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

struct Document {
  // The whole text in reading order, UTF-8. Offsets of blocks and cells point
  // into it; findings quote it as evidence.
  std::string text;
  std::vector<Block> blocks;
  // Messages from the reader about what it could not read with confidence
  // (an OCR word of low confidence, an undecodable byte sequence).
  std::vector<std::string> warnings;
};

}  // namespace gongkai

#endif  // GONGKAI_DOCUMENT_DOCUMENT_H_
