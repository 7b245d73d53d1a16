// The annual report drafted from data (gongkai draft): a gongkai.report/1
// Report (meta, sections, Tables 二/三/四) written in the official layout of
// 国办公开办函〔2021〕30号 (or the 2019 trial form for a v2019 report): the
// title, the six headings in order, each section's text, Table 二 after
// section 二, Table 三 after section 三 and Table 四 after section 四, with
// the form's labels (src/format), merged header cells (申请人情况, 法人或其他组织,
// 三、本年度办理结果 and its groups, 行政复议/行政诉讼), the 勾稽关系 note and the
// fee cell in 万元, then the agency and the date.
//
// A section without text gets a skeleton whose figures sentences are filled
// from the tables (本年度新收政府信息公开申请N件…) and whose other sentences
// say what to write (（请填写…）). A null cell is printed blank, never as 0.
// Reading the draft back (gongkai extract) gives the same meta and tables.
// Pure functions of their argument; thread-safe.
#ifndef GONGKAI_WRITERS_DRAFT_WRITER_H_
#define GONGKAI_WRITERS_DRAFT_WRITER_H_

#include <string>
#include <vector>

#include "report/report.h"

namespace gongkai::writers {

// The text of section `number` (1..6) as the draft prints it: the report's
// own when it has one, else the skeleton. One string per paragraph.
std::vector<std::string> DraftSectionText(const Report& report, int number);

std::string DraftHtml(const Report& report);
// The .docx bytes; throws std::runtime_error if libzip fails.
std::string DraftDocx(const Report& report);

}  // namespace gongkai::writers

#endif  // GONGKAI_WRITERS_DRAFT_WRITER_H_
