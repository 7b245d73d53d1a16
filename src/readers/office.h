// Readers of the formats beyond text, HTML, DOCX and PDF that units send:
// spreadsheets (XLSX natively; .xls and Kingsoft .et through LibreOffice),
// legacy word processor files (.doc, Kingsoft .wps, through LibreOffice) and
// OFD (GB/T 33190, natively). Read() in reader.h dispatches to them.
#ifndef GONGKAI_READERS_OFFICE_H_
#define GONGKAI_READERS_OFFICE_H_

#include <string_view>

#include "document/document.h"
#include "readers/budget.h"
#include "readers/office_convert.h"

namespace gongkai::readers {

struct SheetOptions {
  int max_rows = 5000;  // per sheet; more are not read, and a warning says so
  int max_cols = 200;
};

// XLSX (Office Open XML spreadsheet, libzip + pugixml): every sheet in
// workbook order; on each, rows whose only text is one cell (a title, a
// note, a heading spread over the row) are paragraphs and the rest are table
// blocks with merged cells resolved, so that a unit's Table 二/三/四 filled
// into a spreadsheet are found by their official labels as in any other
// format. Numbers are written as the cell holds them (no thousands
// separators), dates as 2024年1月18日. Sheet names (tab labels, not content)
// are not part of the text. Hidden sheets are read too,
// with a warning. Throws ReadError for corrupt or encrypted files, zip bombs,
// and workbooks without a cell of text.
Document ReadXlsx(std::string_view bytes, const SheetOptions& options = {});

// An OLE compound file that LibreOffice reads: Word 97-2003 .doc and
// Kingsoft .wps (converted to DOCX, then ReadDocx), Excel 97-2003 .xls and
// Kingsoft .et (converted to XLSX, then ReadXlsx). `format_key` is the
// Format's key ("doc", "wps", "xls", "et"). Throws ReadError (LibreOffice
// missing, timed out, crashed; the converted file unreadable).
Document ReadLegacyOffice(std::string_view bytes, std::string_view format_key, const ConvertOptions& options = {});

// The conversion alone: the DOCX (for "doc", "wps") or XLSX (for "xls",
// "et") bytes LibreOffice wrote. The pipeline converts in the calling process
// (soffice gets its own limits) and reads the result in its budgeted reading
// worker, whose address space is too small for LibreOffice.
std::string ConvertLegacyOffice(std::string_view bytes, std::string_view format_key, const ConvertOptions& options = {});

struct OfdOptions {
  bool ocr = true;  // images on a page (a scan, a pasted table) read by tesseract
  int max_pages = budget::kMaxPages;
  double rule_dpi = 100;  // the rendering of path objects on which ruling lines are found
};

// OFD (GB/T 33190-2016): OFD.xml → DocBody/DocRoot (Document.xml) → Pages →
// each page's Content.xml. TextObjects (with their TextCode X/Y/DeltaX and
// CTM) become positioned words, PathObjects (lines, rectangles) are drawn
// into a page image on which the ruling lines of tables are found, exactly as
// for a PDF's text layer (page_layout.h); ImageObjects (MultiMedia
// resources) go to OCR. Throws ReadError naming the part that is missing or
// corrupt.
Document ReadOfd(std::string_view bytes, const OfdOptions& options = {});

}  // namespace gongkai::readers

#endif  // GONGKAI_READERS_OFFICE_H_
