// Document → Report: sections, tables by their official labels, metadata.
#ifndef GONGKAI_EXTRACT_EXTRACT_H_
#define GONGKAI_EXTRACT_EXTRACT_H_

#include "document/document.h"
#include "report/report.h"

namespace gongkai::extract {

// Extracts everything a report states. `report.source` is left to the caller;
// `report.findings` receives what extraction was unsure of.
Report Extract(const Document& doc);

}  // namespace gongkai::extract

#endif  // GONGKAI_EXTRACT_EXTRACT_H_
