#include "corpus/analysis.h"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "audit/checks.h"
#include "audit/rules.h"
#include "corpus/agency.h"
#include "util/text.h"

namespace gongkai::corpus {

namespace {

// Keys of spec/OUTPUT.md the rates read; checked against format::* in tests.
constexpr std::string_view kGranted = "granted";
constexpr std::string_view kPartiallyGranted = "partially_granted";
constexpr std::string_view kTotalRow = "total";
constexpr std::size_t kCorrectedColumn = 1;  // 结果纠正
constexpr std::size_t kPendingColumn = 3;    // 尚未审结
constexpr std::size_t kTotalColumn = 4;      // 总计

}  // namespace

Hierarchy::Hierarchy(const std::vector<store::Region>& regions) {
  for (const store::Region& r : regions) {
    names_.push_back(r.name);
    parent_[r.name] = r.parent;
    // A later entry with the same key does not replace the first one
    // (KeyIndex keeps the first): the first line of the CSV wins.
    targets_.push_back(r.name);
    by_key_.Add(AgencyKey(r.name), static_cast<std::int64_t>(targets_.size()));
    for (const std::string& a : r.aliases) {
      targets_.push_back(r.name);
      by_key_.Add(AgencyKey(a), static_cast<std::int64_t>(targets_.size()));
    }
  }
  std::set<std::string> with_children;
  for (const store::Region& r : regions) {
    if (!r.parent.empty() && r.parent != r.name) with_children.insert(r.parent);
  }
  for (const store::Region& r : regions) {
    if (reports_.contains(r.name)) continue;  // the first line of a name wins, as above
    if (r.reports) {
      reports_[r.name] = *r.reports;
      continue;
    }
    std::string level = text::MatchKey(r.level);
    for (char& ch : level) ch = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
    const bool grouping = level == "province" || level == "city" || level == "group" || level == "省" ||
                          level == "市" || level == "省级" || level == "市级" || level == "分组" ||
                          (level.empty() && (r.name.ends_with("省") || r.name.ends_with("市") ||
                                             r.name.ends_with("自治区")));
    reports_[r.name] = !with_children.contains(r.name) || !grouping;
  }
  for (const store::Region& r : regions) {
    std::string level = text::MatchKey(r.level);
    for (char& ch : level) ch = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
    const bool unit_level = level == "department" || level == "unit" || level == "部门" || level == "单位";
    if (unit_level || (level.empty() && !NamesARegion(r.name))) units_.insert(r.name);
  }
}

bool Hierarchy::NamesARegion(std::string_view name) {
  // "硚口区", "武汉市硚口区": the name is made of regions alone; "硚口区人民政府",
  // "汉正街道办事处": the government of one.
  std::size_t covered = 0;
  for (const std::string& r : RegionsInName(name)) covered += AgencyKey(r).size();
  return (covered > 0 && covered == AgencyKey(name).size()) || InferPlace(name).governs;
}

bool Hierarchy::Reports(std::string_view name) const {
  const auto it = reports_.find(std::string(name));
  return it != reports_.end() && it->second;
}

std::string Hierarchy::Find(std::string_view name) const {
  const std::string key = AgencyKey(name);
  if (const std::int64_t id = by_key_.FindExact(key); id != 0) return targets_[static_cast<std::size_t>(id - 1)];
  // A CSV name this one ends with ("武汉市硚口区…" for 硚口区…), if the
  // regions in front are that entry's own.
  for (const auto& [shorter, id] : by_key_.Shorter(key)) {
    const std::string& unit = targets_[static_cast<std::size_t>(id - 1)];
    if (PrefixFits(std::string_view(key).substr(0, key.size() - shorter.size()), unit)) return unit;
  }
  // CSV names that end with this one ("南京市鼓楼区" for 鼓楼区): only if
  // they are one entry; a name several entries end with is ambiguous.
  std::string found;
  for (const auto& [longer, id] : by_key_.Longer(key)) {
    const std::string& unit = targets_[static_cast<std::size_t>(id - 1)];
    if (!found.empty() && found != unit) return "";
    found = unit;
  }
  return found;
}

bool Hierarchy::PrefixFits(std::string_view prefix, const std::string& unit) const {
  std::vector<std::string> chain;
  for (std::string u = unit; !u.empty() && chain.size() < 64;) {
    chain.push_back(u);
    const auto it = parent_.find(u);
    u = it == parent_.end() ? "" : it->second;
  }
  bool any = false;
  for (const std::string& r : RegionsInName(prefix)) {
    const std::int64_t id = by_key_.FindExact(AgencyKey(r));
    if (id == 0) continue;
    if (std::find(chain.begin(), chain.end(), targets_[static_cast<std::size_t>(id - 1)]) == chain.end()) return false;
    any = true;
  }
  // None of them is in the CSV: a contradiction only if the CSV names
  // regions above the unit that the name would have had to name.
  return any || chain.size() <= 1;
}

bool Hierarchy::MayBe(std::string_view shorter, std::string_view longer) const {
  std::string unit = Find(shorter);
  if (unit.empty()) {
    // A department not in the CSV: where its innermost named region is.
    for (const std::string& r : RegionsInName(shorter)) {
      if (std::string u = Find(r); !u.empty()) unit = std::move(u);
    }
  }
  if (unit.empty()) return true;
  const std::string ks = AgencyKey(shorter), kl = AgencyKey(longer);
  if (kl.size() <= ks.size()) return true;
  return PrefixFits(std::string_view(kl).substr(0, kl.size() - ks.size()), unit);
}

std::string Hierarchy::RegionKey(std::string_view region) const {
  const std::string unit = Find(region);
  return unit.empty() ? AgencyKey(region) : AgencyKey(unit);
}

std::vector<std::string> Hierarchy::Ancestors(std::string_view agency) const {
  std::vector<std::string> out;
  std::string unit = Find(agency);
  if (unit.empty()) {
    // Not in the CSV: the regions its name starts with, then their parents.
    const std::vector<std::string> named = RegionsInName(agency);
    for (auto it = named.rbegin(); it != named.rend(); ++it) out.push_back(*it);
    // The innermost CSV region the name's regions lead to, each checked
    // with the regions before it ("福州市鼓楼区" is not a CSV's 南京市 鼓楼区).
    std::string prefix;
    for (const std::string& n : named) {
      prefix += n;
      if (std::string u = Find(prefix); !u.empty()) unit = std::move(u);
    }
    if (unit.empty()) return out;
  }
  std::string root;
  for (int guard = 0; !unit.empty() && guard < 64; ++guard) {  // a cycle in the CSV must not hang
    out.push_back(unit);
    root = unit;
    const auto it = parent_.find(unit);
    unit = it == parent_.end() ? "" : it->second;
  }
  // A unit with nothing above it in the file (an 应报单位名单 lists units
  // alone): the regions its name starts with lie above it, as for an agency
  // not in the file ("硚口区教育局" is in 硚口区).
  if (!root.empty() && units_.contains(root)) {
    const std::vector<std::string> named = RegionsInName(root);
    for (auto it = named.rbegin(); it != named.rend(); ++it) {
      const std::string csv = Find(*it);
      const std::string& r = csv.empty() ? *it : csv;
      if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
    }
  }
  return out;
}

bool Hierarchy::InRegion(std::string_view agency, std::string_view region) const {
  if (region.empty()) return true;
  const std::string target = Find(region).empty() ? AgencyKey(region) : AgencyKey(Find(region));
  for (const std::string& a : Ancestors(agency)) {
    if (AgencyKey(a) == target) return true;
  }
  return false;
}

std::string Hierarchy::RegionOf(std::string_view agency) const {
  // The innermost ancestor that is a region, not a unit of the file
  // (a 应报单位名单's "硚口区教育局" lies in 硚口区; it is not a region).
  const auto a = Ancestors(agency);
  for (const std::string& r : a) {
    if (!units_.contains(r)) return r;
  }
  return a.empty() ? "" : a.front();
}

std::vector<std::string> Hierarchy::UnitsUnder(std::string_view region) const {
  std::vector<std::string> out;
  const std::string root = region.empty() ? "" : Find(region);
  if (!region.empty() && root.empty()) return out;
  for (const std::string& n : names_) {
    if (region.empty()) {
      out.push_back(n);
      continue;
    }
    std::string u = n;
    for (int guard = 0; !u.empty() && guard < 64; ++guard) {
      if (u == root) {
        out.push_back(n);
        break;
      }
      const auto it = parent_.find(u);
      u = it == parent_.end() ? "" : it->second;
    }
  }
  return out;
}

std::vector<store::ReportRow> Select(store::Store& store, const Filter& filter) {
  store::ReportQuery q;
  q.all_revisions = filter.all_revisions;
  q.year = filter.year;
  q.severity = filter.severity;
  q.agency = filter.agency;
  q.agency_key = AgencyKey(filter.agency);
  if (!filter.region.empty()) q.region_key = Hierarchy(store.Regions()).RegionKey(filter.region);
  return store.Query(q);
}

Coverage ComputeCoverage(store::Store& store, int year, const std::string& region) {
  audit::RuleById(store::kLateRule);  // throws if the audit renamed the rule
  const Hierarchy h(store.Regions());
  const std::string region_key = region.empty() ? "" : h.RegionKey(region);
  Coverage c;
  // Units: the CSV's under the region, and every agency ever seen there that
  // is not one of them (agencies.unit, computed when stored or loaded).
  std::vector<std::string> csv_units = h.UnitsUnder(region);
  std::erase_if(csv_units, [&](const std::string& u) { return !h.Reports(u); });
  const std::unordered_set<std::string> reported = store.UnitsWithReport(year);
  for (const std::string& u : csv_units) {
    if (!reported.contains(u)) c.missing.push_back(u);
  }
  c.units = std::move(csv_units);
  if (h.ListsUnits()) {
    // The file says who must report: an agency it does not hold is outside
    // the list (shown if it published this year), never 未报.
    std::vector<std::string> silent = store.AgenciesWithoutReport(region_key, year);
    const std::unordered_set<std::string> without(silent.begin(), silent.end());
    for (std::string& a : store.AgenciesNotUnits(region_key)) {
      if (!without.contains(a)) c.outside.push_back(std::move(a));
    }
  } else {
    for (std::string& a : store.AgenciesWithoutReport(region_key, year)) c.missing.push_back(std::move(a));
    for (std::string& a : store.AgenciesNotUnits(region_key)) c.units.push_back(std::move(a));
  }
  store::ReportQuery q;
  q.year = year;
  q.region_key = region_key;
  c.reports = store.Query(q);
  for (const auto& r : c.reports) {
    if (r.late) c.late.push_back(r);
    if (r.published_on.empty()) c.date_unknown.push_back(r);
    if (r.errors > 0) c.with_errors.push_back(r);
  }
  return c;
}

UnitStats StatsOf(const store::ReportRow& r) {
  UnitStats s;
  s.name = r.agency_name;
  s.year = r.year;
  s.disclosure = {r.disclosure.numerator, r.disclosure.denominator, r.disclosure.null_term};
  s.correction = {r.correction.numerator, r.correction.denominator, r.correction.null_term};
  return s;
}

UnitStats StatsOf(const Report& r) {
  UnitStats s;
  s.name = r.meta.agency;
  s.year = r.meta.year;
  const std::size_t total_col = format::kTable3Columns - 1;
  auto t3 = [&](std::string_view row) -> std::optional<double> {
    const int i = format::Table3RowIndex(row);
    if (i < 0 || static_cast<std::size_t>(i) >= r.table3.rows.size()) return std::nullopt;
    return r.table3.rows[static_cast<std::size_t>(i)][total_col].value;
  };
  const auto granted = t3(kGranted), partial = t3(kPartiallyGranted), total = t3(kTotalRow);
  s.disclosure.null_term = !granted || !partial || !total;
  s.disclosure.numerator = granted.value_or(0) + partial.value_or(0);
  s.disclosure.denominator = total.value_or(0);
  for (const auto& g : r.table4.groups) {
    if (!g[kCorrectedColumn].value || !g[kTotalColumn].value || !g[kPendingColumn].value) {
      s.correction.null_term = true;
      continue;
    }
    s.correction.numerator += *g[kCorrectedColumn].value;
    s.correction.denominator += *g[kTotalColumn].value - *g[kPendingColumn].value;
  }
  return s;
}

UnitStats SumStats(const std::string& name, const std::vector<UnitStats>& units) {
  UnitStats s;
  s.name = name;
  for (const UnitStats& u : units) {
    if (!s.year) s.year = u.year;
    // A unit with a null term is left out of the region's ratio rather than
    // counted as 0; the CLI says how many were left out.
    if (!u.disclosure.null_term) {
      s.disclosure.numerator += u.disclosure.numerator;
      s.disclosure.denominator += u.disclosure.denominator;
    }
    if (!u.correction.null_term) {
      s.correction.numerator += u.correction.numerator;
      s.correction.denominator += u.correction.denominator;
    }
  }
  return s;
}

Rollup SumReports(const std::vector<Report>& units, const std::vector<std::string>& names) {
  Rollup out;
  out.included = names;
  Report& sum = out.sum;
  // Table 二: the version most units use; the others cannot be added cell by cell.
  int v2019 = 0, v2021 = 0;
  for (const Report& r : units) {
    if (r.table2.version == format::Version::kV2019) ++v2019;
    if (r.table2.version == format::Version::kV2021) ++v2021;
  }
  sum.table2.version = v2019 > v2021 ? format::Version::kV2019 : format::Version::kV2021;
  sum.meta.format_version = sum.table2.version;
  const auto t2 = format::Table2Rows(sum.table2.version);
  sum.table2.rows.assign(t2.size(), {});
  for (std::size_t i = 0; i < t2.size(); ++i) sum.table2.rows[i].resize(t2[i].columns.size());
  sum.table3.rows.assign(format::Table3Rows().size(), {});
  bool all_split = true;
  for (const Report& r : units) all_split = all_split && r.table3.other_split;
  sum.table3.other_split = all_split;
  sum.table2.found = sum.table3.found = sum.table4.found = true;

  auto add = [&](CellValue& into, const CellValue& c) {
    into.found = true;
    if (!c.value) {
      ++out.null_cells;
      return;
    }
    into.value = into.value.value_or(0) + *c.value;
  };
  const int other_index = format::Table3RowIndex("other");
  for (std::size_t u = 0; u < units.size(); ++u) {
    const Report& r = units[u];
    if (!sum.meta.year) sum.meta.year = r.meta.year;
    if (r.table2.version == sum.table2.version) {
      for (std::size_t i = 0; i < t2.size() && i < r.table2.rows.size(); ++i) {
        for (std::size_t c = 0; c < r.table2.rows[i].size() && c < sum.table2.rows[i].size(); ++c) {
          add(sum.table2.rows[i][c], r.table2.rows[i][c]);
        }
      }
    } else {
      out.table2_excluded.push_back(u < names.size() ? names[u] : r.meta.agency);
    }
    const auto rows = format::Table3Rows();
    for (std::size_t i = 0; i < rows.size() && i < r.table3.rows.size(); ++i) {
      if (!Table3RowInLayout(r.table3, i)) continue;
      std::size_t target = i;
      // A split （六） added into a sum printed as one row.
      if (!all_split && rows[i].in_v2021_split && !rows[i].in_single_other && other_index >= 0) {
        target = static_cast<std::size_t>(other_index);
      }
      for (std::size_t c = 0; c < format::kTable3Columns; ++c) add(sum.table3.rows[target][c], r.table3.rows[i][c]);
    }
    for (std::size_t g = 0; g < format::kTable4Groups; ++g) {
      for (std::size_t c = 0; c < format::kTable4Columns; ++c) add(sum.table4.groups[g][c], r.table4.groups[g][c]);
    }
  }
  // The same table rules as for one report: a sum of consistent tables is
  // consistent, so a finding here points at a unit's error that survived.
  audit::CheckTable2(sum);
  audit::CheckTable3(sum);
  audit::CheckTable4(sum);
  return out;
}

Rollup ComputeRollup(store::Store& store, const std::string& region, int year) {
  const Coverage cov = ComputeCoverage(store, year, region);
  std::vector<Report> units;
  std::vector<std::string> names;
  for (const auto& r : cov.reports) {
    units.push_back(store.LoadReport(r.id));
    names.push_back(r.agency_name);
  }
  Rollup out = SumReports(units, names);
  out.sum.meta.agency = region;
  out.sum.meta.year = year;
  out.missing = cov.missing;
  return out;
}

}  // namespace gongkai::corpus
