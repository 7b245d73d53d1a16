// Cross-year findings stored at import (schema 3): computed for two current
// reports of consecutive years of one agency, recomputed when a revision
// arrives, kept when a schema 2 store is upgraded; store errors in zh+en
// naming the file; a read-only store read, never written.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "audit/audit.h"
#include "corpus/cross_year.h"
#include "corpus/writer.h"
#include "pipeline/pipeline.h"
#include "readers/reader.h"
#include "store/store.h"

namespace gongkai {
namespace {

namespace fs = std::filesystem;

const std::string kSeed = std::string(GONGKAI_SOURCE_DIR) + "/tests/fixtures/seeds/000-qiaokou-approval-2023.txt";

fs::path TempDir(const std::string& name) {
  const fs::path p = fs::temp_directory_path() / ("gongkai-cross-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

Report Make(int year, const std::string& sha) {
  static const Report seed = pipeline::ProcessBytes(readers::LoadFile(kSeed), "seed.txt");
  Report r = seed;
  r.meta.year = year;
  r.source.sha256 = sha;
  return r;
}

std::int64_t Count(store::Store& s, const std::string& sql) {
  store::Statement st = s.db().Prepare(sql);
  st.Step();
  return st.Int(0);
}

std::vector<std::string> Rules(const std::vector<store::CrossFinding>& v) {
  std::vector<std::string> out;
  for (const auto& c : v) out.push_back(c.finding.rule + " " + c.finding.message);
  return out;
}

TEST(StoreCrossYear, StoredAtImportAsTheAuditComputesThem) {
  const fs::path dir = TempDir("stored");
  store::Store s((dir / "c.db").string());
  corpus::Write(s, {Make(2022, "a"), Make(2023, "b")});
  const auto rows = s.Reports();
  ASSERT_EQ(rows.size(), 2u);
  ASSERT_EQ(rows[0].agency_id, rows[1].agency_id);
  const auto stored = corpus::CrossYearFindings(s, rows[0].agency_id);
  const auto expected = audit::CrossYear(s.LoadReport(rows[0].id), s.LoadReport(rows[1].id));
  ASSERT_FALSE(expected.empty());  // the same text two years running: 内容雷同 at least
  ASSERT_EQ(stored.size(), expected.size());
  for (std::size_t i = 0; i < stored.size(); ++i) {
    EXPECT_EQ(stored[i].report_id, rows[1].id);
    EXPECT_EQ(stored[i].previous_id, rows[0].id);
    EXPECT_EQ(stored[i].finding.rule, expected[i].rule);
    EXPECT_EQ(stored[i].finding.message, expected[i].message);
  }
  EXPECT_EQ(Rules(s.CrossFindingsOfReport(rows[1].id)), Rules(stored));
  EXPECT_TRUE(s.CrossFindingsOfReport(rows[0].id).empty());
  fs::remove_all(dir);
}

TEST(StoreCrossYear, RecomputedWhenAYearOrARevisionArrives) {
  const fs::path dir = TempDir("revision");
  store::Store s((dir / "c.db").string());
  corpus::Writer w(s);
  w.Write({Make(2022, "a")}, {});
  EXPECT_EQ(Count(s, "SELECT count(*) FROM cross_findings"), 0);
  w.Write({Make(2023, "b")}, {});  // a new year: the pair 2022/2023
  const auto first = s.Reports();
  ASSERT_EQ(first.size(), 2u);
  EXPECT_GT(Count(s, "SELECT count(*) FROM cross_findings"), 0);
  w.Write({Make(2023, "b2")}, {});  // a revision of 2023: the pair is now with it
  const auto rows = s.Reports();
  ASSERT_EQ(rows.size(), 2u);
  const std::int64_t revised = rows[1].id;
  EXPECT_NE(revised, first[1].id);
  EXPECT_EQ(Count(s, "SELECT count(*) FROM cross_findings WHERE report_id <> " + std::to_string(revised)), 0);
  EXPECT_FALSE(s.CrossFindingsOfReport(revised).empty());
  w.Write({Make(2021, "z")}, {});  // a year before: the pair 2021/2022 too
  EXPECT_FALSE(s.CrossFindingsOfReport(rows[0].id).empty());
  fs::remove_all(dir);
}

TEST(StoreCrossYear, SchemaTwoUpgradedKeepingEveryRow) {
  const fs::path dir = TempDir("migrate");
  const std::string db = (dir / "c.db").string();
  std::int64_t agency = 0;
  {
    store::Store s(db);
    corpus::Write(s, {Make(2022, "a"), Make(2023, "b")});
    agency = s.Reports()[0].agency_id;
    // Back to what schema 2 was.
    s.db().Exec(
        "DROP TABLE cross_findings; DROP TABLE pending; ALTER TABLE agencies DROP COLUMN ambiguous; "
        "ALTER TABLE sections DROP COLUMN offset; ALTER TABLE findings DROP COLUMN detail; "
        "PRAGMA user_version = 2;");
  }
  store::Store s(db);
  EXPECT_EQ(Count(s, "PRAGMA user_version"), store::kSchemaVersion);
  EXPECT_EQ(Count(s, "SELECT count(*) FROM reports"), 2);
  EXPECT_GT(Count(s, "SELECT count(*) FROM cells"), 0);
  EXPECT_TRUE(s.Pending("cross_year"));
  // Until a writer computes them, they are computed when read.
  const auto computed = Rules(corpus::CrossYearFindings(s, agency));
  EXPECT_FALSE(computed.empty());
  corpus::Write(s, {});  // the next write stores them
  EXPECT_FALSE(s.Pending("cross_year"));
  EXPECT_FALSE(s.Pending("identity"));
  EXPECT_EQ(Rules(s.CrossFindings(agency)), computed);
  fs::remove_all(dir);
}

// A stored report's findings say what extract's say: the page, every cell
// involved, the excerpt in the original script, a register row and facts.
TEST(StoreFindings, DetailsRoundTripAndASchemaThreeStoreIsUpgraded) {
  const fs::path dir = TempDir("detail");
  const std::string db = (dir / "c.db").string();
  Report r = Make(2023, "d");
  Finding f;
  f.rule = "table3.identity";
  f.severity = "error";
  f.message = "表三……";
  f.table = 3;
  f.row = "total";
  f.column = "total";
  f.page = 4;
  f.cells = {{3, "total", "total"}, {3, "granted", "total"}, {3, "partially_granted", "total"}};
  f.original = "總計";
  f.register_row = 12;
  f.facts = {{"received", "\"2024-03-05\""}, {"working_days_over", "3"}};
  Finding plain = f;
  plain.page.reset();
  plain.cells.clear();
  plain.original.clear();
  plain.register_row.reset();
  plain.facts.clear();
  r.findings = {f, plain};
  std::int64_t id = 0;
  {
    store::Store s(db);
    corpus::Write(s, {r});
    id = s.Reports()[0].id;
    const Report back = s.LoadReport(id);
    ASSERT_EQ(back.findings.size(), 2u);
    const Finding& b = back.findings[0];
    EXPECT_EQ(b.page, 4);
    EXPECT_EQ(b.cells, f.cells);
    EXPECT_EQ(b.original, "總計");
    EXPECT_EQ(b.register_row, 12);
    EXPECT_EQ(b.facts, f.facts);
    EXPECT_FALSE(back.findings[1].page);
    EXPECT_TRUE(back.findings[1].cells.empty());
    EXPECT_EQ(Count(s, "SELECT count(*) FROM findings WHERE detail IS NULL"), 1);
    // Back to schema 3.
    s.db().Exec("ALTER TABLE findings DROP COLUMN detail; ALTER TABLE cross_findings DROP COLUMN detail; "
                "PRAGMA user_version = 3;");
  }
  store::Store s(db);
  EXPECT_EQ(Count(s, "PRAGMA user_version"), store::kSchemaVersion);
  const Report old = s.LoadReport(id);
  ASSERT_EQ(old.findings.size(), 2u);  // kept, without what schema 3 did not hold
  EXPECT_EQ(old.findings[0].row, "total");
  EXPECT_FALSE(old.findings[0].page);
  fs::remove_all(dir);
}

TEST(StoreErrors, MessagesNameTheFileInChineseAndEnglish) {
  const fs::path dir = TempDir("errors");
  const std::string corrupt = (dir / "corrupt.db").string();
  std::ofstream(corrupt, std::ios::binary) << std::string(8192, 'x');
  try {
    store::Store s(corrupt);
    FAIL() << "a file that is no database was opened";
  } catch (const store::SqliteError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("损坏"), std::string::npos) << m;
    EXPECT_NE(m.find("corrupt"), std::string::npos) << m;
    EXPECT_NE(m.find(corrupt), std::string::npos) << m;
  }
  for (const int code : {SQLITE_READONLY, SQLITE_FULL, SQLITE_BUSY, SQLITE_CORRUPT}) {
    const std::string m = store::DescribeError(code, "/x/y.db");
    EXPECT_NE(m.find("/x/y.db"), std::string::npos) << m;
    EXPECT_NE(m.find(" / "), std::string::npos) << m;  // zh / en
  }
  EXPECT_NE(store::DescribeError(SQLITE_FULL, "f").find("磁盘已满"), std::string::npos);
  EXPECT_NE(store::DescribeError(SQLITE_BUSY, "f").find("占用"), std::string::npos);
  fs::remove_all(dir);
}

TEST(StoreErrors, ReadOnlyStoreIsReadNeverWritten) {
  const fs::path dir = TempDir("readonly");
  const std::string db = (dir / "c.db").string();
  {
    store::Store s(db);
    corpus::Write(s, {Make(2022, "a"), Make(2023, "b")});
  }
  store::Store s(db, store::OpenMode::kReadOnly);
  EXPECT_TRUE(s.read_only());
  EXPECT_EQ(s.Reports().size(), 2u);
  EXPECT_FALSE(s.CrossFindings(s.Reports()[0].agency_id).empty());
  try {
    corpus::Write(s, {Make(2024, "c")});
    FAIL() << "a read-only store was written";
  } catch (const store::SqliteError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("只读"), std::string::npos) << m;
    EXPECT_NE(m.find(db), std::string::npos) << m;
  }
  EXPECT_THROW(s.db().Exec("DELETE FROM reports"), store::SqliteError);  // query_only
  // A store that does not exist is not created by a read-only open.
  EXPECT_THROW(store::Store((dir / "none.db").string(), store::OpenMode::kReadOnly), store::SqliteError);
  EXPECT_FALSE(fs::exists(dir / "none.db"));
  // A file nobody may write opens read-only by itself (root may write anything).
  if (::geteuid() != 0) {
    fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    store::Store auto_ro(db);
    EXPECT_TRUE(auto_ro.read_only());
    EXPECT_EQ(auto_ro.Reports().size(), 2u);
    fs::permissions(db, fs::perms::owner_all);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace gongkai
