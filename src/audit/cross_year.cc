// Rules across two reports of one agency for consecutive years: carried-over
// requests, documents in force, text copied from last year (内容雷同).
#include <cmath>
#include <unordered_set>

#include "audit/audit.h"
#include "audit/cells.h"
#include "audit/finding.h"
#include "audit/names.h"
#include "util/text.h"

namespace gongkai::audit {

namespace {

// Agency names differ between years by a prefix of the city or province
// ("武汉市硚口区行政审批局") or the word 人民政府 ("掇刀区人民政府" / "掇刀区").
std::string AgencyKey(std::string_view name) {
  std::string k = text::MatchKey(name);
  constexpr std::string_view kGov = "人民政府";
  for (std::size_t p; (p = k.find(kGov)) != std::string::npos;) k.erase(p, kGov.size());
  return k;
}

// Shorter names than this (in code points) are too generic to match by suffix.
constexpr std::size_t kMinSuffixLength = 4;

// Shingles of this many code points, over the text without whitespace and
// digits: years and counts change every year, copied sentences do not.
constexpr std::size_t kShingle = 8;
constexpr double kDuplicateShare = 0.5;
constexpr std::size_t kMinSectionLength = 60;

std::vector<std::string> Shingles(std::string_view s) {
  std::vector<std::string> chars;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t at = i;
    const char32_t c = text::NextCodePoint(s, i);
    if (text::IsSpace(c) || (c >= U'0' && c <= U'9')) continue;
    chars.emplace_back(s.substr(at, i - at));
  }
  std::vector<std::string> out;
  for (std::size_t k = 0; k + kShingle <= chars.size(); ++k) {
    std::string g;
    for (std::size_t j = 0; j < kShingle; ++j) g += chars[k + j];
    out.push_back(std::move(g));
  }
  return out;
}

const Section* FindSection(const Report& r, int number) {
  for (const Section& s : r.sections) {
    if (s.number == number) return &s;
  }
  return nullptr;
}

}  // namespace

bool SameAgency(const Report& a, const Report& b) {
  const std::string ka = AgencyKey(a.meta.agency), kb = AgencyKey(b.meta.agency);
  if (ka.empty() || kb.empty()) return false;
  if (ka == kb) return true;
  const std::string& shorter = ka.size() < kb.size() ? ka : kb;
  const std::string& longer = ka.size() < kb.size() ? kb : ka;
  return text::Length(shorter) >= kMinSuffixLength &&
         longer.compare(longer.size() - shorter.size(), shorter.size(), shorter) == 0;
}

std::vector<Finding> CrossYear(const Report& previous, const Report& current) {
  std::vector<Finding> out;
  if (!previous.meta.year || !current.meta.year || *previous.meta.year + 1 != *current.meta.year) return out;
  const std::string prev_year = std::to_string(*previous.meta.year);

  // 二、上年结转 (N) = 四、结转下年度继续办理 (N−1), per column.
  for (const auto& col : format::Table3Columns()) {
    const CellRef now{3, "carried_over", std::string(col.key)};
    const CellRef before{3, "carried_forward", std::string(col.key)};
    const auto a = ValueAt(current, now);
    const auto b = ValueAt(previous, before);
    if (!a || !b || std::fabs(*a - *b) < 1e-9) continue;
    out.push_back(MakeFinding(current, "cross.carry_over",
                              CellName(current, now) + "为" + Num(*a) + "，而" + prev_year + "年度报告" +
                                  CellName(previous, before) + "为" + Num(*b) + "，两者应相等",
                              {now}));
  }

  // 现行有效 (N) = 现行有效 (N−1) + 制发 (N) − 废止 (N), v2021 only.
  if (previous.table2.version == format::Version::kV2021 && current.table2.version == format::Version::kV2021) {
    for (std::string_view row : {"regulations", "normative_documents"}) {
      const CellRef in_force{2, std::string(row), "in_force"}, issued{2, std::string(row), "issued"},
          repealed{2, std::string(row), "repealed"};
      const auto last = ValueAt(previous, in_force), now = ValueAt(current, in_force),
                 add = ValueAt(current, issued), drop = ValueAt(current, repealed);
      if (!last || !now || !add || !drop) continue;
      const double expected = *last + *add - *drop;
      if (std::fabs(expected - *now) < 1e-9) continue;
      out.push_back(MakeFinding(current, "cross.in_force",
                                CellName(current, in_force) + "为" + Num(*now) + "，而上年现行有效" + Num(*last) +
                                    "加本年制发" + Num(*add) + "减本年废止" + Num(*drop) + "应为" + Num(expected),
                                {in_force, issued, repealed}));
    }
  }

  // 内容雷同: share of this year's text of a narrative section found in last
  // year's same section. Sections 二–四 are mostly the tables' fixed labels.
  for (int number : {1, 5, 6}) {
    const Section* now = FindSection(current, number);
    const Section* before = FindSection(previous, number);
    if (!now || !before || text::Length(now->text) < kMinSectionLength) continue;
    const auto copied = CopiedShare(before->text, now->text);
    if (!copied || *copied < kDuplicateShare) continue;
    const double share = *copied;
    out.push_back(MakeFinding(current, "cross.duplicate_text",
                              "“" + now->heading + "”有" + std::to_string(static_cast<int>(std::lround(share * 100))) +
                                  "%的文字与" + prev_year + "年度报告相同部分雷同",
                              {}, now->offset));
  }
  return out;
}

std::optional<double> CopiedShare(std::string_view previous, std::string_view current) {
  const auto cur = Shingles(current);
  if (cur.empty()) return std::nullopt;
  const auto prev = Shingles(previous);
  const std::unordered_set<std::string> seen(prev.begin(), prev.end());
  std::size_t repeated = 0;
  for (const auto& g : cur) repeated += seen.count(g);
  return static_cast<double>(repeated) / static_cast<double>(cur.size());
}

}  // namespace gongkai::audit
