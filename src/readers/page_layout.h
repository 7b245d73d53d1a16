// Page layout shared by the PDF and OCR readers: positioned words (from
// poppler's text layer or from tesseract) and, when available, a greyscale
// rendering of the page, turned into the document model.
//
// Tables are found from their ruling lines ("lattice" detection on the page
// image): Word/WPS exports and scans of them draw every cell border, and the
// lines give rows, columns and merged cells exactly, where the alignment of
// text alone is ambiguous (wrapped labels, vertically centred numbers, group
// labels written one character per line). Tables without them are found
// from the alignment of their words (columns.h) and become table blocks the
// same way. Other text becomes one paragraph per line with words separated
// by spaces, as pdftotext would write it; the extractor also reads
// "label v v v v v v v" rows from such lines.
#ifndef GONGKAI_READERS_PAGE_LAYOUT_H_
#define GONGKAI_READERS_PAGE_LAYOUT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"

namespace gongkai::readers::layout {

// A rectangle in page units (PDF points, or image pixels for OCR), y down.
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double cx() const { return (x0 + x1) / 2; }
  double cy() const { return (y0 + y1) / 2; }
  double w() const { return x1 - x0; }
  double h() const { return y1 - y0; }
};

struct Glyph {
  std::string text;  // one code point, UTF-8
  Box box;
};

struct Word {
  std::string text;  // UTF-8, no whitespace
  Box box;
  float confidence = 100;     // 0..100; OCR only
  std::string doubt;          // the reader's note when the word is doubtful
                              // (OCR); becomes a Document::Doubt
  std::vector<Glyph> glyphs;  // per-character boxes when known (PDF): lets a
                              // word that runs across a cell border be split
};

// 8-bit grey, 0 = black, row-major without padding.
struct GrayImage {
  int width = 0, height = 0;
  std::vector<std::uint8_t> pixels;
  double units_per_pixel = 1;  // page units per image pixel
  double dpi = 72;             // pixels per inch, for size thresholds
  // A scan (grey, blurred, noisy borders) rather than a clean rendering:
  // borders are looked for with a lighter ink threshold and allowed breaks,
  // which on a clean rendering would join the strokes of a line of text.
  bool scanned = false;
  bool empty() const { return width <= 0 || height <= 0 || pixels.empty(); }
};

struct Grid;

struct Page {
  double width = 0, height = 0;  // page units
  std::vector<Word> words;
  GrayImage image;  // optional: without it no ruled table is found
  // The page's ruled tables when already found (ReleaseImage): Assemble
  // uses them instead of looking at `image`.
  std::vector<Grid> grids;
  bool grids_found = false;
};

// Finds the page's ruled tables now and frees its image, so that a reader
// keeps one page's rendering at a time, not a whole file's.
void ReleaseImage(Page& page);

// A ruled table: column borders xs, row borders ys (page units, ascending) and
// for every elementary cell (row-major, (ys.size()-1) x (xs.size()-1)) the
// index of the elementary cell that anchors its merged cell (itself if alone).
struct Grid {
  std::vector<double> xs, ys;
  std::vector<int> anchor;
  int rows() const { return static_cast<int>(ys.size()) - 1; }
  int cols() const { return static_cast<int>(xs.size()) - 1; }
  Box box() const { return {xs.front(), ys.front(), xs.back(), ys.back()}; }
};

// Ruled tables found on a page image (at least two cells each).
std::vector<Grid> FindGrids(const GrayImage& image);

// A ruling line as FindGrids sees it, in image pixels: a horizontal one along
// row `pos` from column `from` to `to`, a vertical one along column `pos`
// from row `from` to `to`. For tools that draw what the layout found
// (tools/layout_probe.cc); readers use FindGrids.
struct RuleLine {
  bool horizontal = true;
  double pos = 0;
  int from = 0, to = 0;
};
std::vector<RuleLine> FindRuleLines(const GrayImage& image);

// Paints the ruling lines of tables white (before OCR: borders are read as
// "|" or "一" and glue neighbouring cells' text together).
void EraseRules(GrayImage& image);

// Groups words into lines by vertical overlap; lines top to bottom, words left
// to right.
std::vector<std::vector<Word>> GroupLines(std::vector<Word> words);

// The text of a line: words joined with a space where the gap is wide, and
// without one between CJK characters set close (OCR returns them one by one).
std::string LineText(const std::vector<Word>& line);

// "- 3 -", "第3页", "第 3 页 共 10 页", "3/10", "3": a page number line.
bool IsPageNumber(std::string_view line);

// Builds the Document: per page, ruled and borderless tables as table blocks
// and the other lines as paragraphs, in reading order (top to bottom); a
// table that ends a page and one that starts the next are joined into one
// (and a row broken by the page break into one row: ContinuesRow). Page numbers and
// running headers/footers are dropped: lines outside tables in the top or
// bottom margin that are page numbers, or that repeat (digits aside) on at
// least half of the pages (three or more).
// Document::page_offsets has one entry per page of `pages`.
Document Assemble(std::vector<Page> pages);

}  // namespace gongkai::readers::layout

#endif  // GONGKAI_READERS_PAGE_LAYOUT_H_
