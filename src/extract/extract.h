// Document → Report: sections, tables by their official labels, metadata.
#ifndef GONGKAI_EXTRACT_EXTRACT_H_
#define GONGKAI_EXTRACT_EXTRACT_H_

#include "document/document.h"
#include "extract/label_match.h"
#include "extract/tables.h"
#include "report/report.h"

namespace gongkai::extract {

// Extracts everything a report states. `report.source` is left to the caller;
// `report.findings` receives what extraction was unsure of.
//
// An Extractor prepares once what every document needs (the label matchers
// of both layouts of Table 二, the keys of the layout markers) and is
// immutable afterwards: keep one for a batch; one may serve several threads.
class Extractor {
 public:
  Extractor();
  Report Extract(const Document& doc) const;

 private:
  LabelMatcher v2019_;
  LabelMatcher v2021_;
  Table2MarkerKeys markers_;
};

// One document with a fresh Extractor (for one-off use; batches keep one).
Report Extract(const Document& doc);

}  // namespace gongkai::extract

#endif  // GONGKAI_EXTRACT_EXTRACT_H_
