// Quoting the source as evidence for a finding.
#ifndef GONGKAI_REPORT_EVIDENCE_H_
#define GONGKAI_REPORT_EVIDENCE_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace gongkai {

// About `radius` code points of `text` on either side of byte `offset`, on
// one line where possible, whitespace runs collapsed to one space.
std::string Excerpt(std::string_view text, std::size_t offset, std::size_t radius = 24);

}  // namespace gongkai

#endif  // GONGKAI_REPORT_EVIDENCE_H_
