// The table cells of a report laid out as columns, one row per report: the
// layout shared by the XLSX sheets (表二/表三/表四) and the wide CSV.
//
// Table 二 has one block of columns per format version (2021 and 2019 forms
// differ). Table 三 has every row of both （六）其他处理 layouts, so that all
// units line up in one sheet: a report fills the rows its layout printed and
// leaves the others empty (never a computed or invented value).
// Labels are the form's own (src/format), never keys.
#ifndef GONGKAI_WRITERS_CELL_COLUMNS_H_
#define GONGKAI_WRITERS_CELL_COLUMNS_H_

#include <string>
#include <string_view>
#include <vector>

#include "report/report.h"

namespace gongkai::writers {

struct CellColumn {
  int table = 0;                                       // 2, 3, 4
  format::Version version = format::Version::kUnknown;  // Table 二: kV2021 or kV2019
  std::string_view row_key, column_key;                // the JSON keys
  std::string row_label;     // header level 1: "规章", "（三）不予公开—1.属于国家秘密", "行政诉讼—复议后起诉"
  std::string column_label;  // header level 2: "本年制发件数", "自然人", "结果维持"
  bool money = false;        // an amount (万元, or the printed unit of the 2019 procurement amount)
};

// The columns of Table `table`; for Table 二, of the form `version`.
std::vector<CellColumn> CellColumns(int table, format::Version version = format::Version::kV2021);
// Every column of the wide layout: Table 二 (2021 form, then 2019 form),
// Table 三, Table 四.
std::vector<CellColumn> AllCellColumns();

// The report's cell for the column, or nullptr when the report's form or
// layout has no such cell (another Table 二 version, the other （六） layout).
const CellValue* CellOf(const Report& r, const CellColumn& c);

// Text without the quotes audit::RowName puts around a label.
std::string Unquote(std::string s);

}  // namespace gongkai::writers

#endif  // GONGKAI_WRITERS_CELL_COLUMNS_H_
