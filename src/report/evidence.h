// Quoting the source as evidence for a finding.
#ifndef GONGKAI_REPORT_EVIDENCE_H_
#define GONGKAI_REPORT_EVIDENCE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "report/report.h"

namespace gongkai {

// About `radius` code points of `text` on either side of byte `offset`, on
// one line where possible, whitespace runs collapsed to one space.
std::string Excerpt(std::string_view text, std::size_t offset, std::size_t radius = 24);

// The evidence at byte `offset` of Report::text, into `f`: `offset`,
// `excerpt`, `page` (reports with pages), and `original` (the same place in
// the text as written) when the report's text was converted from Traditional
// script. Nothing if `offset`
// is past the end of the text.
void Quote(const Report& r, std::size_t offset, Finding& f);

// Adds `original` to every finding of `r` that has an offset and no original
// yet (findings built before the quote above was available to them), and
// their page (LocatePages).
void QuoteOriginals(Report& r);

// Sets `page` of every finding of `r` with an offset and no page, from
// Report::page_offsets (nothing for a report without pages).
void LocatePages(Report& r);

}  // namespace gongkai

#endif  // GONGKAI_REPORT_EVIDENCE_H_
