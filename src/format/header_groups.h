// The two-level headers of the form's tables (defined in labels.cc beside
// the other labels): a label printed above several consecutive columns
// (Table 三) or groups (Table 四).
#ifndef GONGKAI_FORMAT_HEADER_GROUPS_H_
#define GONGKAI_FORMAT_HEADER_GROUPS_H_

#include <cstddef>
#include <span>
#include <string_view>

namespace gongkai::format {

struct HeaderGroup {
  std::string_view label;
  std::size_t first;  // index of the first column / group under it
  std::size_t count;
};
std::span<const HeaderGroup> Table3ColumnGroups();  // 法人或其他组织 over its five columns
std::span<const HeaderGroup> Table4GroupHeaders();  // 行政诉讼 over its two groups

}  // namespace gongkai::format

#endif  // GONGKAI_FORMAT_HEADER_GROUPS_H_
