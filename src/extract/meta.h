// Title, agency, year, publication date and contact details of a report.
#ifndef GONGKAI_EXTRACT_META_H_
#define GONGKAI_EXTRACT_META_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "document/document.h"
#include "extract/sections.h"
#include "report/report.h"

namespace gongkai::extract {

// Fills everything in `meta` but the format version.
void ExtractMeta(const Document& doc, const FoundSections& sections, Meta& meta);

// A date as printed ("2024年1月18日", "二〇二四年一月十八日", "2024-01-18",
// "2024.1.18") filling the whole of `key` (a MatchKey), as ISO "2024-01-18".
std::optional<std::string> ParseDate(std::string_view key);

}  // namespace gongkai::extract

#endif  // GONGKAI_EXTRACT_META_H_
