// Dates: the statistics period must be the reporting year; the report must be
// published by the deadline of 条例第四十九条 (1月31日 for a department of a
// government at county level or above, 3月31日 for a government's own report).
#include <cstdio>

#include "audit/checks.h"
#include "audit/finding.h"
#include "extract/narrative.h"
#include "util/text.h"

namespace gongkai::audit {

namespace {

enum class AgencyType { kUnknown, kDepartment, kGovernment };

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Only where the name makes it clear: a township's government or an agency
// of unclear rank gets no deadline.
AgencyType TypeOf(std::string_view name) {
  if (name.find("乡") != std::string_view::npos || name.find("镇") != std::string_view::npos ||
      name.find("街道") != std::string_view::npos) {
    return AgencyType::kUnknown;
  }
  if (EndsWith(name, "人民政府")) return AgencyType::kGovernment;
  for (std::string_view s : {"区", "县", "市", "省", "自治州", "旗"}) {
    if (EndsWith(name, s)) return AgencyType::kGovernment;
  }
  for (std::string_view s : {"局", "委员会", "厅", "办公室", "署"}) {
    if (EndsWith(name, s)) return AgencyType::kDepartment;
  }
  return AgencyType::kUnknown;
}

int ReadYear(std::string_view s, std::size_t end) {
  if (end < 4) return 0;
  int y = 0;
  for (std::size_t i = end - 4; i < end; ++i) {
    if (s[i] < '0' || s[i] > '9') return 0;
    y = y * 10 + (s[i] - '0');
  }
  return y;
}

}  // namespace

void CheckDates(Report& r) {
  if (!r.meta.year) return;
  const int year = *r.meta.year;
  const extract::FlatText flat = extract::Flatten(r.text);
  const std::string& s = flat.text;

  // "统计期限自2023年1月1日起至2023年12月31日止": a period that starts on 1
  // January and ends on 31 December, in the wrong year.
  constexpr std::string_view kStart = "年1月1日";
  for (std::size_t at = s.find(kStart); at != std::string::npos; at = s.find(kStart, at + 1)) {
    const int start_year = ReadYear(s, at);
    if (start_year == 0) continue;
    const std::size_t window = s.find("12月31日", at);
    if (window == std::string::npos || window - at > 60) continue;
    if (start_year == year) continue;
    // Only the period of the statistics, not any other year-long span.
    const std::size_t lead = at >= 4 + 60 ? at - 4 - 60 : 0;
    if (s.substr(lead, at - lead).find("统计") == std::string::npos) continue;
    r.findings.push_back(MakeFinding(r, "dates.period_year",
                                     "统计期限从" + std::to_string(start_year) + "年1月1日起，与报告年度" +
                                         std::to_string(year) + "年不符",
                                     {}, flat.Source(at - 4)));
  }

  // Publication deadline.
  if (r.meta.published_on.size() < 10) return;
  const AgencyType type = TypeOf(text::MatchKey(r.meta.agency));
  if (type == AgencyType::kUnknown) return;
  const std::string deadline =
      std::to_string(year + 1) + (type == AgencyType::kGovernment ? "-03-31" : "-01-31");
  if (r.meta.published_on <= deadline) return;
  // The printed date as evidence: "2024年2月5日".
  int y = 0, m = 0, d = 0;
  std::optional<std::size_t> offset;
  if (std::sscanf(r.meta.published_on.c_str(), "%d-%d-%d", &y, &m, &d) == 3) {
    const std::string printed = std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
    const std::size_t p = s.rfind(printed);
    if (p != std::string::npos) offset = flat.Source(p);
  }
  r.findings.push_back(MakeFinding(
      r, "dates.late_publication",
      "发布日期为" + r.meta.published_on + "，晚于条例第四十九条规定的" + std::to_string(year + 1) +
          (type == AgencyType::kGovernment ? "年3月31日（本级政府年度报告）" : "年1月31日（县级以上人民政府部门）"),
      {}, offset));
}

}  // namespace gongkai::audit
