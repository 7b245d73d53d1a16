// Coverage, stats and rollup arithmetic over a store of the seed reports.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "audit/audit.h"
#include "corpus/analysis.h"
#include "corpus/importer.h"
#include "corpus/writer.h"

namespace gongkai::corpus {
namespace {

namespace fs = std::filesystem;

const std::string kSeeds = std::string(GONGKAI_SOURCE_DIR) + "/tests/fixtures/seeds";

class CorpusAnalysis : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("gongkai-analysis-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ = std::make_unique<store::Store>((dir_ / "c.db").string());
    ImportOptions o;
    o.threads = 2;
    Import(*store_, ExpandImportInputs({kSeeds}), o);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  fs::path dir_;
  std::unique_ptr<store::Store> store_;
};

bool Has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

TEST_F(CorpusAnalysis, RateKeysExistInTheFormat) {
  EXPECT_GE(format::Table3RowIndex("granted"), 0);
  EXPECT_GE(format::Table3RowIndex("partially_granted"), 0);
  EXPECT_GE(format::Table3RowIndex("total"), 0);
  EXPECT_EQ(format::Table4Columns()[1].key, "corrected");
  EXPECT_EQ(format::Table4Columns()[3].key, "pending");
  EXPECT_EQ(format::Table4Columns()[4].key, "total");
}

TEST_F(CorpusAnalysis, StatsWithDenominatorZeroAreNotApplicable) {
  Filter f;
  f.agency = "硚口区行政审批局";
  f.year = 2023;
  const auto rows = Select(*store_, f);
  ASSERT_EQ(rows.size(), 1u);
  const UnitStats s = StatsOf(store_->LoadReport(rows[0].id));
  // (2 + 1) / 5
  ASSERT_TRUE(s.disclosure.value());
  EXPECT_DOUBLE_EQ(*s.disclosure.value(), 0.6);
  // No review or litigation at all: 0 / (0 − 0) is not applicable, not 0 %.
  EXPECT_FALSE(s.correction.value());
  EXPECT_EQ(s.correction.denominator, 0);

  f.agency = "网格化";
  const auto grid = Select(*store_, f);
  ASSERT_EQ(grid.size(), 1u);
  EXPECT_FALSE(StatsOf(store_->LoadReport(grid[0].id)).disclosure.value());  // 0 requests
}

TEST_F(CorpusAnalysis, RegionStatsSumThePartsNotTheRates) {
  UnitStats a, b;
  a.disclosure = {1, 2, false};
  b.disclosure = {9, 10, false};
  UnitStats c;
  c.disclosure = {0, 0, true};  // a null term: left out
  const UnitStats sum = SumStats("r", {a, b, c});
  EXPECT_DOUBLE_EQ(*sum.disclosure.value(), 10.0 / 12.0);
  const UnitStats none = SumStats("r", {c});
  EXPECT_FALSE(none.disclosure.value());
}

TEST_F(CorpusAnalysis, SearchAndRegionInferredFromNames) {
  Filter f;
  f.region = "硚口区";
  const auto rows = Select(*store_, f);
  // 行政审批局 2021 and 2023, 网格化服务中心 2023.
  EXPECT_EQ(rows.size(), 3u);
  f.year = 2023;
  EXPECT_EQ(Select(*store_, f).size(), 2u);
  Filter g;
  g.agency = "掇刀";
  EXPECT_EQ(Select(*store_, g).size(), 1u);
}

TEST_F(CorpusAnalysis, CoverageWithHierarchy) {
  SetRegions(*store_, {{"武汉市", "", "city", {}},
                      {"硚口区", "武汉市", "district", {"硚口区人民政府"}},
                      {"硚口区行政审批局", "硚口区", "department", {}},
                      {"硚口区社会管理网格化服务中心", "硚口区", "department", {}},
                      {"汉正街道办事处", "硚口区", "street", {}}});
  const Coverage c = ComputeCoverage(*store_, 2023, "硚口区");
  EXPECT_TRUE(Has(c.missing, "汉正街道办事处"));
  EXPECT_TRUE(Has(c.missing, "硚口区"));
  EXPECT_FALSE(Has(c.missing, "硚口区行政审批局"));
  EXPECT_FALSE(Has(c.missing, "硚口区社会管理网格化服务中心"));
  EXPECT_EQ(c.reports.size(), 2u);
  // 2021: only the approval bureau reported.
  const Coverage c21 = ComputeCoverage(*store_, 2021, "硚口区");
  EXPECT_TRUE(Has(c21.missing, "硚口区社会管理网格化服务中心"));
  EXPECT_FALSE(Has(c21.missing, "硚口区行政审批局"));
  // Other regions stay out.
  const Coverage all = ComputeCoverage(*store_, 2023, "武汉市");
  EXPECT_EQ(all.reports.size(), 2u);
}

// A unit of the file is not a region: its 地区 is the region above it (the
// file's parent, or for an 应报单位名单's units listed alone the region its
// name starts with), and filtering by that region still finds it.
TEST_F(CorpusAnalysis, UnitsOfTheFileAreNotRegions) {
  {
    const Hierarchy h({{"硚口区", "武汉市", "district", {}}, {"硚口区教育局", "硚口区", "department", {}}});
    EXPECT_EQ(h.RegionOf("硚口区教育局"), "硚口区");
    EXPECT_EQ(h.RegionOf("硚口区"), "硚口区");
    EXPECT_EQ(h.RegionOf("硚口区卫生健康局"), "硚口区");  // not in the file: by its name
  }
  SetRegions(*store_, {{"硚口区行政审批局", "", "", {}, true}, {"硚口区社会管理网格化服务中心", "", "", {}, true},
                      {"汉正街道办事处", "", "", {}, true}});
  const Hierarchy h(store_->Regions());
  EXPECT_EQ(h.RegionOf("硚口区行政审批局"), "硚口区");
  EXPECT_EQ(h.RegionOf("汉正街道办事处"), "汉正街道办事处");  // a street office governs its street
  EXPECT_TRUE(h.InRegion("硚口区行政审批局", "硚口区"));
  Filter f;
  f.region = "硚口区";
  EXPECT_EQ(Select(*store_, f).size(), 3u);  // 行政审批局 2021 and 2023, 网格化服务中心 2023
  for (const auto& r : Select(*store_, f)) EXPECT_EQ(r.region, "硚口区") << r.agency_name;
  const Coverage c = ComputeCoverage(*store_, 2023, "");
  EXPECT_TRUE(Has(c.missing, "汉正街道办事处"));
  EXPECT_FALSE(Has(c.missing, "硚口区行政审批局"));
  // The list says who must report: 应报 is its three units; the others that
  // published are outside it, neither 应报 nor 未报.
  EXPECT_EQ(c.units.size(), 3u);
  EXPECT_EQ(c.missing.size(), 1u);
  EXPECT_TRUE(Has(c.outside, "北仑区人民政府"));
  EXPECT_FALSE(Has(c.outside, "硚口区行政审批局"));
}

// A CSV loaded after the import is applied to the stored agencies at once
// (region column, closure), not only at query time.
TEST_F(CorpusAnalysis, RegionsLoadedAfterImportApplyToStoredAgencies) {
  Filter f;
  f.region = "江城";
  EXPECT_TRUE(Select(*store_, f).empty());
  SetRegions(*store_, {{"江城", "", "city", {}}, {"硚口区", "江城", "district", {"硚口"}}});
  const auto rows = Select(*store_, f);
  EXPECT_EQ(rows.size(), 3u);  // 行政审批局 2021 and 2023, 网格化服务中心 2023
  store::Statement st = store_->db().Prepare("SELECT count(*) FROM agency_regions WHERE region_key = '江城'");
  st.Step();
  EXPECT_EQ(st.Int(0), 2);
  // The alias names the same region.
  f.region = "硚口";
  EXPECT_EQ(Select(*store_, f).size(), 3u);
  // Replacing the hierarchy removes what the old one said.
  SetRegions(*store_, {});
  f.region = "江城";
  EXPECT_TRUE(Select(*store_, f).empty());
}

// The rate parts computed at import are those of the stored report.
TEST_F(CorpusAnalysis, PrecomputedStatsMatchTheReport) {
  const auto rows = Select(*store_, Filter{});
  ASSERT_EQ(rows.size(), 5u);
  for (const auto& r : rows) {
    const UnitStats a = StatsOf(r), b = StatsOf(store_->LoadReport(r.id));
    EXPECT_EQ(a.disclosure.numerator, b.disclosure.numerator) << r.agency_name;
    EXPECT_EQ(a.disclosure.denominator, b.disclosure.denominator) << r.agency_name;
    EXPECT_EQ(a.disclosure.null_term, b.disclosure.null_term) << r.agency_name;
    EXPECT_EQ(a.correction.numerator, b.correction.numerator) << r.agency_name;
    EXPECT_EQ(a.correction.denominator, b.correction.denominator) << r.agency_name;
    EXPECT_EQ(a.correction.null_term, b.correction.null_term) << r.agency_name;
  }
}

// Without a CSV, every agency seen in the region is a unit; one without a
// report for the year is missing.
TEST_F(CorpusAnalysis, CoverageWithoutHierarchyUsesAgencies) {
  const Coverage c = ComputeCoverage(*store_, 2021, "硚口区");
  EXPECT_EQ(c.units.size(), 2u);
  EXPECT_TRUE(Has(c.missing, "硚口区社会管理网格化服务中心"));
  EXPECT_EQ(c.missing.size(), 1u);
  EXPECT_EQ(c.reports.size(), 1u);
}

TEST_F(CorpusAnalysis, RollupSumsUnitsAndAudits) {
  const Rollup r = ComputeRollup(*store_, "硚口区", 2023);
  ASSERT_EQ(r.included.size(), 2u);
  const int total = format::Table3RowIndex("total");
  const int granted = format::Table3RowIndex("granted");
  // 行政审批局 5 + 网格化服务中心 0.
  EXPECT_EQ(r.sum.table3.rows[static_cast<std::size_t>(total)][6].value, 5.0);
  EXPECT_EQ(r.sum.table3.rows[static_cast<std::size_t>(granted)][6].value, 2.0);
  for (const Finding& f : r.sum.findings) EXPECT_NE(f.severity, "error") << f.message;
}

TEST(CorpusRollup, NullCellsAreNotZeros) {
  Report a, b;
  for (Report* r : {&a, &b}) {
    r->table2.version = format::Version::kV2021;
    r->table3.rows.assign(format::Table3Rows().size(), {});
  }
  const std::size_t total = static_cast<std::size_t>(format::Table3RowIndex("total"));
  a.table3.rows[total][6].value = 3;
  a.table3.rows[total][6].found = true;
  b.table3.rows[total][6].found = true;  // blank in b
  const Rollup r = SumReports({a, b}, {"a", "b"});
  EXPECT_EQ(r.sum.table3.rows[total][6].value, 3.0);
  EXPECT_GE(r.null_cells, 1);
  // A cell null in every unit stays null in the sum.
  const std::size_t granted = static_cast<std::size_t>(format::Table3RowIndex("granted"));
  EXPECT_FALSE(r.sum.table3.rows[granted][6].value);
}

TEST(CorpusCompare, CopiedShareOfSectionText) {
  const std::string a = "本机关严格落实政府信息公开条例，持续推进决策、执行、管理、服务、结果公开。";
  EXPECT_DOUBLE_EQ(*audit::CopiedShare(a, a), 1.0);
  EXPECT_DOUBLE_EQ(*audit::CopiedShare("完全不同的一段文字内容在这里出现了", a), 0.0);
  EXPECT_FALSE(audit::CopiedShare(a, "短"));
}

// A province or city listed only to hold the units under it is never
// "未报送"; a node marked 应报=是 is, and the marks survive the store.
TEST_F(CorpusAnalysis, GroupingRegionsAreNeverMissing) {
  SetRegions(*store_, {{"湖北省", "", "province", {}},
                      {"武汉市", "湖北省", "city", {}},
                      {"硚口区", "武汉市", "district", {"硚口区人民政府"}},
                      {"硚口区行政审批局", "硚口区", "department", {}},
                      {"荆门市", "湖北省", "", {}},
                      {"掇刀区", "荆门市", "district", {}},
                      {"宁波市", "", "city", {}, true},
                      {"北仑区", "宁波市", "district", {"北仑区人民政府"}}});
  const Coverage hubei = ComputeCoverage(*store_, 2023, "湖北省");
  for (const char* group : {"湖北省", "武汉市", "荆门市"}) {
    EXPECT_FALSE(Has(hubei.missing, group)) << group;
    EXPECT_FALSE(Has(hubei.units, group)) << group;
  }
  EXPECT_TRUE(Has(hubei.missing, "硚口区"));  // the district's own government has not reported
  EXPECT_TRUE(Has(hubei.units, "掇刀区"));
  EXPECT_FALSE(Has(hubei.missing, "掇刀区"));
  const Coverage ningbo = ComputeCoverage(*store_, 2023, "宁波市");
  EXPECT_TRUE(Has(ningbo.missing, "宁波市"));  // marked 应报
  EXPECT_FALSE(Has(ningbo.missing, "北仑区"));
}

// A report without a publication date is "无法判断", never on time or late.
TEST_F(CorpusAnalysis, UnknownPublicationDateIsKeptApart) {
  const Coverage c = ComputeCoverage(*store_, 2023, "");
  ASSERT_FALSE(c.date_unknown.empty());
  for (const auto& r : c.date_unknown) {
    EXPECT_TRUE(r.published_on.empty()) << r.agency_name;
    EXPECT_FALSE(r.late) << r.agency_name;
  }
  EXPECT_LT(c.date_unknown.size(), c.reports.size());  // 000 prints its date
}

}  // namespace
}  // namespace gongkai::corpus
