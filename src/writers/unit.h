// Who a report is from, as the corpus knows it, and what reviewers decided
// about its findings: the input the writers take besides the Report.
#ifndef GONGKAI_WRITERS_UNIT_H_
#define GONGKAI_WRITERS_UNIT_H_

#include <string>
#include <vector>

namespace gongkai::writers {

struct Unit {
  std::string agency;  // the unit's name (the store's identity name, or the report's)
  std::string region;  // its region, "" if unknown
  // Review status of each finding, in the order of Report::findings, in
  // Chinese as the reviewer's tool names it ("已确认", "已驳回", "待审核").
  // Shorter than the findings (or empty): the rest have no status yet.
  std::vector<std::string> review;
};

}  // namespace gongkai::writers

#endif  // GONGKAI_WRITERS_UNIT_H_
