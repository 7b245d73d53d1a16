// Budgets per file: what reading one file may cost, and the message a file
// over a budget gets. Real reports are kilobytes of text, a few megabytes as
// HTML, DOCX or PDF, up to a few dozen pages; every limit here is that with a
// wide margin, so that no report is refused and no hostile file can take the
// machine. The readers check the limits they can see (sizes, page counts,
// pixels before rendering or decoding); memory and time, which depend on the
// libraries, are enforced by the worker process of pipeline/worker.h.
//
// The figures are documented in README.md ("Budgets per file"); keep the two
// in step.
#ifndef GONGKAI_READERS_BUDGET_H_
#define GONGKAI_READERS_BUDGET_H_

#include <cstddef>
#include <string>

#include "readers/reader.h"

namespace gongkai::readers::budget {

// Plain text: a report is 20–100 KB; 4 MB is a shelf of them.
inline constexpr std::size_t kMaxTextBytes = 4u << 20;
// An HTML page, site chrome and inline styles included.
inline constexpr std::size_t kMaxHtmlBytes = 8u << 20;
// A DOCX part (word/document.xml, numbering, a picture) once inflated.
inline constexpr std::size_t kMaxDocxPartBytes = 16u << 20;
// Any file at all: readers::kMaxFileBytes (reader.h), 100 MB.
// One compressed stream of a PDF that is not an image (page contents, forms,
// fonts, object streams) once inflated: a page's contents are kilobytes, a
// CJK font a few megabytes; 1 MB of deflated zeros is 1 GB of contents, which
// poppler's lexer takes minutes over.
inline constexpr std::size_t kMaxPdfStreamBytes = 64u << 20;
// Pages of a PDF or a multi-page TIFF.
inline constexpr int kMaxPages = 300;
// Pixels of one rendering of a page (page area in points × (dpi/72)²). An A3
// page at 300 dpi is 17.4 Mpx; a rendering for ruling lines that would be
// larger is made at a lower resolution.
inline constexpr double kMaxRenderPixels = 24e6;
// Pixels of one image handed to OCR (a rendered scan page, a picture, an
// image file), checked before rendering or decoding.
inline constexpr double kMaxOcrPixels = 24e6;
// HTML: attributes on one tag and nesting of elements. Pages have a handful
// of attributes per tag and nest a few dozen deep.
inline constexpr int kMaxHtmlAttributesPerTag = 256;
inline constexpr int kMaxHtmlDepth = 256;

// The worker's limits (pipeline/worker.h), defaults of pipeline::Limits.
// Address space of one reading worker: peak memory of any accepted input.
inline constexpr std::size_t kWorkerMemoryBytes = 1u << 30;
// Seconds per file: a 10-page scan at 200 dpi reads in about a minute here.
inline constexpr double kSecondsPerFile = 300;

// The ReadError of a file over a budget: `what_zh`/`what_en` name the
// budget ("网页大小" / "HTML page size"), `got` and `limit` the figures with
// their units ("50.0 MB", "8.0 MB"): "超出读取上限：网页大小为 50.0 MB，上限
// 8.0 MB，文件未读取".
ReadError OverBudget(const std::string& what_zh, const std::string& what_en, const std::string& got,
                     const std::string& limit);

// Sizes for messages: "8 MB", "640 KB", "12 B".
std::string Bytes(std::size_t n);
// Pixels for messages: "20000×20000 像素".
std::string Pixels(double width, double height);

}  // namespace gongkai::readers::budget

#endif  // GONGKAI_READERS_BUDGET_H_
