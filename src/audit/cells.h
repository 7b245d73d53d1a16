// Reading the cells of a Report by the keys of spec/OUTPUT.md.
#ifndef GONGKAI_AUDIT_CELLS_H_
#define GONGKAI_AUDIT_CELLS_H_

#include <optional>

#include "report/report.h"

namespace gongkai::audit {

// The cell `ref` points at, or nullptr when the key is not part of the
// report's layout (an `other.*` row in a single-row layout, a v2019 column).
const CellValue* CellAt(const Report& r, const CellRef& ref);
CellValue* MutableCellAt(Report& r, const CellRef& ref);

// The value of a cell, if it holds one.
std::optional<double> ValueAt(const Report& r, const CellRef& ref);

// Every Table 三 / 四 cell of the report's layout.
std::vector<CellRef> Table3Cells(const Report& r);
std::vector<CellRef> Table4Cells();

// Softens the arithmetic findings `out` that involve a cell of a row whose
// values could not all be placed (an extract.row_short finding of `r` on that
// row: the values were filled in order, so one may sit in the wrong column):
// such a sum may fail because of the reading, not the report, so an error
// becomes a warning and the message says why.
void SoftenOverShortRows(const Report& r, std::vector<Finding>& out);

}  // namespace gongkai::audit

#endif  // GONGKAI_AUDIT_CELLS_H_
