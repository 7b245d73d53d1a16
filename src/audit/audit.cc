#include "audit/audit.h"

#include "audit/checks.h"
#include "report/evidence.h"

namespace gongkai::audit {

void Audit(Report& r) {
  CheckTable3(r);
  CheckTable4(r);
  CheckTable2(r);
  CheckFormat(r);
  CheckNarrative(r);
  CheckDates(r);
  LocatePages(r);
}

}  // namespace gongkai::audit
