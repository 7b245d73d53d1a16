// Tables 二, 三 and 四 from the token stream.
#ifndef GONGKAI_EXTRACT_TABLES_H_
#define GONGKAI_EXTRACT_TABLES_H_

#include <vector>

#include "extract/tokens.h"
#include "format/labels.h"
#include "report/report.h"

namespace gongkai::extract {

// The layout of Table 二 (and so the format version) from its column headers
// and the presence of the trial format's rows; kUnknown when no Table 二
// header is present.
format::Version DetectTable2Version(const std::vector<Token>& tokens);

// Fills report.table2/3/4 and adds extraction findings (cells blank, not
// applicable, rows not found). `text` is Document::text, for evidence.
void ExtractTables(const std::vector<Token>& tokens, format::Version version,
                   const std::string& text, Report& report);

}  // namespace gongkai::extract

#endif  // GONGKAI_EXTRACT_TABLES_H_
