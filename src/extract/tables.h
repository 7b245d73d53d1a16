// Tables 二, 三 and 四 from the token stream.
#ifndef GONGKAI_EXTRACT_TABLES_H_
#define GONGKAI_EXTRACT_TABLES_H_

#include <string>
#include <vector>

#include "extract/label_match.h"
#include "extract/tokens.h"
#include "format/labels.h"
#include "report/report.h"

namespace gongkai::extract {

// The layout of Table 二 (and so the format version) from its column headers
// and the presence of the trial format's rows; kUnknown when no Table 二
// header is present.
format::Version DetectTable2Version(const std::vector<Token>& tokens);

// The markers that tell the two layouts of Table 二 apart, as MatchKeys:
// computed once by an Extractor rather than for every document.
struct Table2MarkerKeys {
  Table2MarkerKeys();
  std::vector<std::string> v2019, v2021;
};
format::Version DetectTable2Version(const std::vector<Token>& tokens, const Table2MarkerKeys& markers);

// The layout of Table 二 ExtractTables reads for `version`: kV2019 or kV2021.
format::Version Table2Layout(format::Version version);

// Fills report.table2/3/4 and adds extraction findings (cells blank, not
// applicable, rows not found). `text` is Document::text, for evidence.
void ExtractTables(const std::vector<Token>& tokens, format::Version version,
                   const std::string& text, Report& report);
// The same with the matcher LabelMatcher(Table2Layout(version)) built once by
// the caller.
void ExtractTables(const std::vector<Token>& tokens, format::Version version, const std::string& text,
                   const LabelMatcher& matcher, Report& report);

}  // namespace gongkai::extract

#endif  // GONGKAI_EXTRACT_TABLES_H_
