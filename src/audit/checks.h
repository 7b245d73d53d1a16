// The rules within one report, one function per family; each appends its
// findings to report.findings. audit::Audit runs them all.
#ifndef GONGKAI_AUDIT_CHECKS_H_
#define GONGKAI_AUDIT_CHECKS_H_

#include "report/report.h"

namespace gongkai::audit {

void CheckTable3(Report& r);     // table3.*: identity, sums, culprit cell, values
void CheckTable4(Report& r);     // table4.*: group totals, values
void CheckTable2(Report& r);     // table2.*: values, fee magnitude
void CheckFormat(Report& r);     // format.*: version vs year, sections, fees explained
void CheckNarrative(Report& r);  // narrative.*: figures of the text vs the tables, units
void CheckDates(Report& r);      // dates.*: statistics period, publication deadline

}  // namespace gongkai::audit

#endif  // GONGKAI_AUDIT_CHECKS_H_
