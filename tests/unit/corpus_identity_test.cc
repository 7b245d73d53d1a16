// Issue 15, "identity independent of order": the same set of reports makes
// the same agencies whatever order they are imported in; a short district
// name of several cities (鼓楼区) never merges two fully named agencies, is
// kept apart and flagged, and the region hierarchy resolves it when loaded.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "corpus/cross_year.h"
#include "corpus/writer.h"
#include "pipeline/pipeline.h"
#include "readers/reader.h"
#include "store/store.h"

namespace gongkai::corpus {
namespace {

namespace fs = std::filesystem;

const std::string kSeed = std::string(GONGKAI_SOURCE_DIR) + "/tests/fixtures/seeds/000-qiaokou-approval-2023.txt";

fs::path TempDir(const std::string& name) {
  const fs::path p = fs::temp_directory_path() / ("gongkai-identity-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

const Report& Seed() {
  static const Report r = pipeline::ProcessBytes(readers::LoadFile(kSeed), "seed.txt");
  return r;
}

Report Make(const std::string& agency, int year, const std::string& sha) {
  Report r = Seed();
  r.meta.agency = agency;
  r.meta.year = year;
  r.source.sha256 = sha;
  r.source.path = sha + ".txt";
  return r;
}

// The five reports: the 鼓楼区 trio and one agency printed two ways.
std::vector<Report> Set() {
  return {Make("鼓楼区人民政府", 2022, "gulou"), Make("南京市鼓楼区人民政府", 2023, "nanjing"),
          Make("福州市鼓楼区人民政府", 2023, "fuzhou"), Make("武汉市硚口区行政审批局", 2022, "qk2022"),
          Make("硚口区行政审批局", 2023, "qk2023")};
}

// What a person sees of the corpus, without the ids the order decides.
std::string Snapshot(store::Store& s) {
  std::map<std::int64_t, std::string> agency;
  std::vector<std::string> lines;
  for (store::Statement st = s.db().Prepare("SELECT id, key, name, region, ambiguous FROM agencies"); st.Step();) {
    agency[st.Int(0)] = st.Text(2);
    lines.push_back("agency " + st.Text(1) + "|" + st.Text(2) + "|" + st.Text(3) + "|" + st.Text(4));
  }
  for (store::Statement st = s.db().Prepare("SELECT name, agency_id FROM agency_names"); st.Step();) {
    lines.push_back("name " + st.Text(0) + " → " + agency[st.Int(1)]);
  }
  for (store::Statement st = s.db().Prepare("SELECT region_key, agency_id FROM agency_regions"); st.Step();) {
    lines.push_back("region " + st.Text(0) + " ∋ " + agency[st.Int(1)]);
  }
  for (const store::ReportRow& r : s.Reports(true)) {
    lines.push_back("report " + r.sha256 + " " + r.agency + " " + std::to_string(r.year.value_or(0)) + " rev " +
                    std::to_string(r.revision) + (r.current ? " current" : "") + " ambiguous " + r.ambiguous);
  }
  std::map<std::int64_t, std::string> sha;
  for (const store::ReportRow& r : s.Reports(true)) sha[r.id] = r.sha256;
  for (const auto& [id, name] : agency) {
    for (const store::CrossFinding& c : s.CrossFindings(id)) {
      lines.push_back("cross " + sha[c.previous_id] + "→" + sha[c.report_id] + " " + c.finding.rule + " " +
                      c.finding.message);
    }
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::string Import(const fs::path& db, const std::vector<Report>& reports, const std::vector<int>& order,
                   const std::vector<store::Region>& regions = {}) {
  fs::remove(db);
  fs::remove(db.string() + "-wal");
  fs::remove(db.string() + "-shm");
  store::Store s(db.string());
  if (!regions.empty()) SetRegions(s, regions);
  Writer w(s);
  // One report per transaction: each one arrives on its own.
  for (const int i : order) w.Write({reports[static_cast<std::size_t>(i)]}, {});
  return Snapshot(s);
}

TEST(CorpusIdentity, SameCorpusInEveryOrder) {
  const fs::path dir = TempDir("order");
  const std::vector<Report> set = Set();
  std::vector<int> order = {0, 1, 2, 3, 4};
  const std::string first = Import(dir / "c.db", set, order);
  int permutations = 0;
  do {
    ++permutations;
    ASSERT_EQ(Import(dir / "c.db", set, order), first)
        << "order " << order[0] << order[1] << order[2] << order[3] << order[4];
  } while (std::next_permutation(order.begin(), order.end()));
  EXPECT_EQ(permutations, 120);

  store::Store s((dir / "c.db").string());
  std::map<std::string, store::ReportRow> by_sha;
  for (const auto& r : s.Reports(true)) by_sha[r.sha256] = r;
  // The two fully named 鼓楼区 stay two agencies; the bare one is a third,
  // flagged with both.
  EXPECT_NE(by_sha["nanjing"].agency_id, by_sha["fuzhou"].agency_id);
  EXPECT_NE(by_sha["gulou"].agency_id, by_sha["nanjing"].agency_id);
  EXPECT_NE(by_sha["gulou"].agency_id, by_sha["fuzhou"].agency_id);
  EXPECT_EQ(by_sha["gulou"].ambiguous, "南京市鼓楼区人民政府、福州市鼓楼区人民政府");
  EXPECT_EQ(by_sha["nanjing"].ambiguous, "");
  // One agency printed with and without its city: one identity, named fully.
  EXPECT_EQ(by_sha["qk2022"].agency_id, by_sha["qk2023"].agency_id);
  EXPECT_EQ(by_sha["qk2023"].agency, "武汉市硚口区行政审批局");
  fs::remove_all(dir);
}

TEST(CorpusIdentity, SecondCitySplitsAShortNameOff) {
  const fs::path dir = TempDir("split");
  store::Store s((dir / "c.db").string());
  Writer w(s);
  w.Write({Make("鼓楼区人民政府", 2022, "gulou"), Make("南京市鼓楼区人民政府", 2023, "nanjing")}, {});
  auto rows = s.Reports(true);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].agency_id, rows[1].agency_id) << "one city only: the short name is that city's";
  const std::int64_t nanjing = rows[0].agency_id;
  EXPECT_EQ(s.CrossFindings(nanjing).empty(), false) << "2022 and 2023 of one agency: cross-year findings stored";
  w.Write({Make("福州市鼓楼区人民政府", 2023, "fuzhou")}, {});
  std::map<std::string, store::ReportRow> by_sha;
  for (const auto& r : s.Reports(true)) by_sha[r.sha256] = r;
  EXPECT_NE(by_sha["gulou"].agency_id, by_sha["nanjing"].agency_id);
  EXPECT_NE(by_sha["gulou"].agency_id, by_sha["fuzhou"].agency_id);
  EXPECT_FALSE(by_sha["gulou"].ambiguous.empty());
  // The pair 2022/2023 is no longer one agency's: its findings are gone.
  EXPECT_TRUE(s.CrossFindings(by_sha["nanjing"].agency_id).empty());
  store::Statement n = s.db().Prepare("SELECT count(*) FROM agencies");
  n.Step();
  EXPECT_EQ(n.Int(0), 3);
  fs::remove_all(dir);
}

TEST(CorpusIdentity, HierarchyResolvesTheShortName) {
  const fs::path dir = TempDir("hierarchy");
  const std::vector<store::Region> regions = {
      {"江苏省", "", "province", {}}, {"南京市", "江苏省", "city", {}}, {"鼓楼区", "南京市", "district", {}}};
  const std::vector<Report> set = Set();
  std::vector<int> order = {0, 1, 2, 3, 4};
  const std::string first = Import(dir / "c.db", set, order, regions);
  int runs = 0;
  do {
    if (++runs % 7 != 1) continue;  // a spread of the orders, with the CSV loaded first
    ASSERT_EQ(Import(dir / "c.db", set, order, regions), first);
  } while (std::next_permutation(order.begin(), order.end()));
  store::Store s((dir / "c.db").string());
  std::map<std::string, store::ReportRow> by_sha;
  for (const auto& r : s.Reports(true)) by_sha[r.sha256] = r;
  EXPECT_EQ(by_sha["gulou"].agency_id, by_sha["nanjing"].agency_id);
  EXPECT_NE(by_sha["gulou"].agency_id, by_sha["fuzhou"].agency_id);
  EXPECT_EQ(by_sha["gulou"].ambiguous, "");
  // 福州市鼓楼区 is not the CSV's 鼓楼区: not in 南京市.
  EXPECT_EQ(by_sha["fuzhou"].region, "鼓楼区");
  store::ReportQuery q;
  q.region_key = "南京市";
  std::set<std::string> in_nanjing;
  for (const auto& r : s.Query(q)) in_nanjing.insert(r.sha256);
  EXPECT_EQ(in_nanjing, (std::set<std::string>{"gulou", "nanjing"}));
  fs::remove_all(dir);
}

TEST(CorpusIdentity, RegionsLoadedLaterResolveAndMatchLoadingFirst) {
  const fs::path dir = TempDir("later");
  const std::vector<store::Region> regions = {{"南京市", "", "city", {}}, {"鼓楼区", "南京市", "district", {}}};
  const std::string first = Import(dir / "a.db", Set(), {0, 1, 2, 3, 4}, regions);
  store::Store s((dir / "b.db").string());
  Writer(s).Write(Set(), {});
  SetRegions(s, regions);
  EXPECT_EQ(Snapshot(s), first);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace gongkai::corpus
