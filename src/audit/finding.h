// Building a finding: severity from the rule catalogue, location from the
// cells, evidence quoted from the report's text.
#ifndef GONGKAI_AUDIT_FINDING_H_
#define GONGKAI_AUDIT_FINDING_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/report.h"

namespace gongkai::audit {

// `cells.front()` is the cell the finding names in `table`/`row`/`column`.
// The evidence is quoted at `offset`, or else at the first cell read from the
// text.
Finding MakeFinding(const Report& r, std::string_view rule, std::string message, std::vector<CellRef> cells,
                    std::optional<std::size_t> offset = std::nullopt);

}  // namespace gongkai::audit

#endif  // GONGKAI_AUDIT_FINDING_H_
