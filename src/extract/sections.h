// The six sections, found by their headings however they are numbered or
// paraphrased, in the fixed order of the format.
#ifndef GONGKAI_EXTRACT_SECTIONS_H_
#define GONGKAI_EXTRACT_SECTIONS_H_

#include <cstddef>
#include <vector>

#include "document/document.h"
#include "report/report.h"

namespace gongkai::extract {

struct FoundSections {
  std::vector<Section> sections;            // in order, only those found
  std::vector<std::size_t> heading_blocks;  // block index of each heading
};

FoundSections FindSections(const Document& doc);

// True if `key` (a MatchKey) reads as a heading of section `spec`.
bool IsSectionHeading(std::string_view key, int section_number, bool primary_only);

}  // namespace gongkai::extract

#endif  // GONGKAI_EXTRACT_SECTIONS_H_
