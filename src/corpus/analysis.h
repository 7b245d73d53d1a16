// Questions asked of the corpus: which reports match a filter, which units
// of a region have no report (coverage), derived rates (stats), the region's
// tables as the sum of its units' (rollup), and an agency across years
// (compare). All work on the current revision of each agency-year.
#ifndef GONGKAI_CORPUS_ANALYSIS_H_
#define GONGKAI_CORPUS_ANALYSIS_H_

#include <map>
#include <set>
#include <optional>
#include <string>
#include <vector>

#include "corpus/agency.h"
#include "report/report.h"
#include "store/store.h"

namespace gongkai::corpus {

// The region hierarchy: the user's CSV (store regions) where given, and the
// regions named in agency names (corpus::InferPlace) otherwise.
class Hierarchy {
 public:
  explicit Hierarchy(const std::vector<store::Region>& regions);
  // The CSV region a name or alias designates ("" if none).
  std::string Find(std::string_view name) const;
  // True if the agency lies in `region` (or is its government).
  bool InRegion(std::string_view agency, std::string_view region) const;
  // The CSV units under `region`, itself included, outermost first.
  std::vector<std::string> UnitsUnder(std::string_view region) const;
  // Whether the CSV node `name` must publish a report of its own (应报单位)
  // rather than only group the units under it: as the file marks it
  // (Region::reports); unmarked, a node without children reports, and one
  // with children reports unless its level is a grouping one (province,
  // city, group: a 省/市 listed to hold districts is never "未报送"; mark it
  // 应报=是 when the city's own government is expected).
  bool Reports(std::string_view name) const;
  bool empty() const { return names_.empty(); }
  // Every name of the file (regions and units), in its order.
  const std::vector<std::string>& names() const { return names_; }
  // Whether the file lists units, not only regions (an 应报单位名单, or a
  // hierarchy down to departments): it is then the list of who must report,
  // and an agency it does not hold is outside it (Coverage::outside).
  bool ListsUnits() const { return !units_.empty(); }
  // Innermost region of the agency: the first of Ancestors that is a region
  // rather than a unit of the file (level department/unit, or no level and
  // a name that is not a region's, as in an 应报单位名单).
  std::string RegionOf(std::string_view agency) const;
  // The regions the agency lies in, innermost first: its CSV unit and the
  // units above it, or the regions its name starts with and theirs.
  std::vector<std::string> Ancestors(std::string_view agency) const;
  // The key agency_regions stores for a --region argument.
  std::string RegionKey(std::string_view region) const;
  // False if the hierarchy says that `longer` (a key: `shorter` with
  // regions in front) cannot be the agency `shorter` names: `shorter` lies
  // in the CSV and the regions in front name other CSV regions than its own,
  // or none of them while its CSV region has regions above it
  // (南京市 > 鼓楼区: "福州市鼓楼区" is not this 鼓楼区, "南京市鼓楼区" is).
  bool MayBe(std::string_view shorter, std::string_view longer) const;

 private:
  // Whether the regions of `prefix` fit the CSV unit's chain of parents.
  bool PrefixFits(std::string_view prefix, const std::string& unit) const;

  // Whether a name is a region's own ("硚口区", "武汉市硚口区"), not an
  // agency's in a region ("硚口区教育局").
  static bool NamesARegion(std::string_view name);

  std::vector<std::string> names_;                // in CSV order
  std::set<std::string> units_;                   // CSV nodes that are units (level 部门/单位, or a unit's name)
  std::map<std::string, std::string> parent_;     // name → parent
  std::map<std::string, bool> reports_;           // name → Reports()
  std::vector<std::string> targets_;              // KeyIndex id − 1 → CSV name
  KeyIndex by_key_;                               // AgencyKey of name/alias → targets_ index + 1
};

struct Filter {
  std::string region;
  std::optional<int> year;
  std::string agency;    // fuzzy
  std::string severity;  // reports with at least one finding of this severity
  bool all_revisions = false;
};

std::vector<store::ReportRow> Select(store::Store& store, const Filter& filter);

struct Coverage {
  // Every unit expected to report: the hierarchy's reporting units
  // (Hierarchy::Reports), and the agencies seen that are not in it unless
  // the hierarchy lists units (Hierarchy::ListsUnits: then it says who must
  // report, and those agencies are `outside`).
  std::vector<std::string> units;
  // Agencies with a report of the year that a hierarchy listing units does
  // not hold (名单外): published, but not counted as 应报.
  std::vector<std::string> outside;
  std::vector<std::string> missing;               // units without a report for the year
  std::vector<store::ReportRow> late;             // published after the deadline (dates.late_publication)
  // Reports whose publication date is not known (none printed under the
  // signature nor on the page): whether they were late cannot be said
  // (无法判断); they are never counted as on time.
  std::vector<store::ReportRow> date_unknown;
  std::vector<store::ReportRow> with_errors;      // at least one error finding
  std::vector<store::ReportRow> reports;          // the reports of the units
};
Coverage ComputeCoverage(store::Store& store, int year, const std::string& region);

// A ratio with its parts; `value` is empty when the denominator is 0 or a
// term is null: "not applicable", never 0 %.
struct Rate {
  double numerator = 0;
  double denominator = 0;
  bool null_term = false;
  std::optional<double> value() const {
    if (null_term || denominator == 0) return std::nullopt;
    return numerator / denominator;
  }
};

// 公开率 = (（一）予以公开 + （二）部分公开) / （七）总计, column 总计 of Table 三.
// 纠错率 = Σ 结果纠正 / (Σ 总计 − Σ 尚未审结), over the three groups of Table 四:
//          corrections among the cases decided this year.
struct UnitStats {
  std::string name;
  std::optional<int> year;
  Rate disclosure;
  Rate correction;
};
UnitStats StatsOf(const Report& r);
// The same, from the parts the store computed at import.
UnitStats StatsOf(const store::ReportRow& r);
// Sums the parts (not the rates) of the units: the region's rates.
UnitStats SumStats(const std::string& name, const std::vector<UnitStats>& units);

struct Rollup {
  Report sum;                          // Tables 二/三/四 summed; findings from the audit's table rules
  std::vector<std::string> included;   // agencies summed
  std::vector<std::string> missing;    // units of the hierarchy without a report
  std::vector<std::string> table2_excluded;  // a different Table 二 version than the sum's
  int null_cells = 0;                  // unit cells that were null and not added
};
Rollup ComputeRollup(store::Store& store, const std::string& region, int year);
// The summing itself (exposed for tests).
Rollup SumReports(const std::vector<Report>& units, const std::vector<std::string>& names);

}  // namespace gongkai::corpus

#endif  // GONGKAI_CORPUS_ANALYSIS_H_
