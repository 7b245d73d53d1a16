// Figures the running text states about what the tables count: "新收到依申请
// 公开政府信息5件", "其中予以公开105件", "行政事业性收费共326780865元".
//
// The words between the previous number of the clause and a figure decide
// what it speaks of, most specific phrase first ("结转下年度继续办理3件" is
// the carried-forward count although it says 办理). Only numbers with a unit of
// count or money are read: table rows copied into the text print bare numbers
// and so are never taken for narrative figures.
#ifndef GONGKAI_EXTRACT_NARRATIVE_H_
#define GONGKAI_EXTRACT_NARRATIVE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "report/report.h"

namespace gongkai::extract {

// Text without whitespace, full-width digits as ASCII, with the byte offset in
// the original text of every byte kept. Whitespace between two digits stays as
// one space so that "7 0 0" is never read as 700.
struct FlatText {
  std::string text;
  std::vector<std::size_t> source;  // source[i]: offset in the original of byte i
  std::size_t Source(std::size_t i) const;
};
FlatText Flatten(std::string_view text);

// The figures of `report.text` (uses report.sections to tell which section a
// figure is in, and the Table 二 version for its columns).
std::vector<NarrativeFigure> ExtractNarrative(const Report& report);

}  // namespace gongkai::extract

#endif  // GONGKAI_EXTRACT_NARRATIVE_H_
