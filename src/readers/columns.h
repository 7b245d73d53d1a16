// Borderless tables ("stream" detection): tables whose ruling lines are
// missing or too faint to find, recognised from the alignment of their words.
//
// A run of lines whose numbers fall into the same column positions line after
// line is a table: the numbers anchor its rows and give its value columns;
// everything to the left of the first value column is the row label. Around
// each row of numbers, label fragments above and below (a label wrapped over
// two lines, with the numbers vertically centred between them) join its label
// cell; rows are separated at the widest vertical gap between two rows of
// numbers. Text written one character per line at the left (a row-group label
// down a merged cell: 三/、/本/年/度/…) becomes a cell of its own that spans
// the rows it runs along.
//
// The result has the shape of a ruled table (page_layout.h), so the caller
// treats both alike. Only alignment is used, nothing a report says: readers
// know nothing of reports. Prose never becomes a table: it takes at least
// three lines that end in two or more numbers, in two or more columns shared
// by at least three of those lines, with no line between them running across
// the columns.
#ifndef GONGKAI_READERS_COLUMNS_H_
#define GONGKAI_READERS_COLUMNS_H_

#include <string_view>
#include <vector>

#include "readers/page_layout.h"

namespace gongkai::readers::layout {

struct TextGrid {
  Grid grid;
  // The words of each elementary cell (row-major, as Grid::anchor); merged
  // positions are empty, their words are in the anchor cell.
  std::vector<std::vector<Word>> cell_words;
};

// Finds the borderless tables among the lines of one page (as GroupLines
// returns them: top to bottom, words left to right) and takes their words out
// of `lines`; lines left empty are removed. Sizes are relative to the text
// height, so page points (PDF) and image pixels (OCR) work alike.
std::vector<TextGrid> FindTextGrids(std::vector<std::vector<Word>>& lines);

// A number or a not-applicable mark ("27", "1,278.85", "/", "—"): what the
// value cells of a table hold.
bool IsValueText(std::string_view text);

// Whether `row`, the first row of a table continued at the top of a page, is
// the end of `prev`, the last row before the page break (a row that Word lets
// break across pages: "3.补正后申请内容" | 1 | 0 … then "仍不明确" on the
// next page). It is when `row` holds no number, its cells under `prev`'s
// numbers are blank (not spanned by a heading), and it has text elsewhere.
// Cells are matched from the right: the two pages' tables may differ in their
// columns of vertical labels.
bool ContinuesRow(const std::vector<Cell>& prev, const std::vector<Cell>& row);

// `prev` with the text of `row` appended cell by cell ('\n' between), matched
// from the right as ContinuesRow does.
std::vector<Cell> JoinRows(std::vector<Cell> prev, const std::vector<Cell>& row);

}  // namespace gongkai::readers::layout

#endif  // GONGKAI_READERS_COLUMNS_H_
