// The audit stage: rules of the format and the law applied to extracted
// reports (spec/FORMAT.md). Every finding has a rule id from audit/rules.h, a
// Chinese message in the form's own words, the cells it concerns and evidence.
#ifndef GONGKAI_AUDIT_AUDIT_H_
#define GONGKAI_AUDIT_AUDIT_H_

#include <optional>
#include <string_view>
#include <vector>

#include "report/report.h"

namespace gongkai::audit {

// Appends the findings of every rule within one report to r.findings.
// Needs r.narrative (extract::ExtractNarrative) for the text-vs-table rules.
void Audit(Report& r);

// True if two reports come from the same agency, tolerant of title variants
// ("掇刀区" / "掇刀区人民政府", "硚口区行政审批局" / "武汉市硚口区行政审批局").
bool SameAgency(const Report& a, const Report& b);

// Rules across two reports of the same agency for consecutive years; the
// findings concern `current`. Nothing if the years are not consecutive.
std::vector<Finding> CrossYear(const Report& previous, const Report& current);

// 内容雷同: the share of `current`'s 8-character shingles (whitespace and
// digits left out: years and counts change every year, copied sentences do
// not) that also occur in `previous`. nullopt if `current` is too short to
// have one.
std::optional<double> CopiedShare(std::string_view previous, std::string_view current);

}  // namespace gongkai::audit

#endif  // GONGKAI_AUDIT_AUDIT_H_
