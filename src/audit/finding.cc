#include "audit/finding.h"

#include "audit/cells.h"
#include "audit/rules.h"
#include "report/evidence.h"

namespace gongkai::audit {

Finding MakeFinding(const Report& r, std::string_view rule, std::string message, std::vector<CellRef> cells,
                    std::optional<std::size_t> offset) {
  const Rule& spec = RuleById(rule);
  Finding f;
  f.rule = std::string(spec.id);
  f.severity = std::string(spec.severity);
  f.message = std::move(message);
  if (!cells.empty()) {
    f.table = cells.front().table;
    f.row = cells.front().row;
    f.column = cells.front().column;
  }
  if (!offset) {
    for (const CellRef& c : cells) {
      const CellValue* v = CellAt(r, c);
      if (v && v->offset) {
        offset = v->offset;
        break;
      }
    }
  }
  if (offset) Quote(r, *offset, f);
  f.cells = std::move(cells);
  return f;
}

}  // namespace gongkai::audit
