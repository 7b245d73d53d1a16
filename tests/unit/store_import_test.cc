// The store and batch import: idempotent by content hash, history of an
// agency-year kept, failed files recorded, a crash mid-transaction leaves a
// consistent database, zip archives read entry by entry.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <csignal>
#include <filesystem>
#include <map>
#include <fstream>

#include "corpus/importer.h"
#include "corpus/writer.h"
#include "pipeline/pipeline.h"
#include "report/for_each_cell.h"
#include "readers/reader.h"
#include "store/store.h"

namespace gongkai {
namespace {

namespace fs = std::filesystem;

const std::string kSeeds = std::string(GONGKAI_SOURCE_DIR) + "/tests/fixtures/seeds";

fs::path TempDir(const std::string& name) {
  const fs::path p = fs::temp_directory_path() / ("gongkai-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

std::int64_t Count(store::Store& s, const std::string& sql) {
  store::Statement st = s.db().Prepare(sql);
  st.Step();
  return st.Int(0);
}

corpus::ImportProgress ImportPaths(store::Store& s, const std::vector<std::string>& paths) {
  corpus::ImportOptions o;
  o.threads = 2;
  o.batch_size = 2;  // several transactions even for the small fixture set
  return corpus::Import(s, corpus::ExpandImportInputs(paths), o);
}

TEST(StoreImport, IdempotentByContentHash) {
  const fs::path dir = TempDir("idem");
  store::Store s((dir / "c.db").string());
  const auto first = ImportPaths(s, {kSeeds});
  // The five NAME.expected.json beside the reports are listed as not read
  // (nothing under a folder is skipped in silence), not stored.
  EXPECT_EQ(first.total, 10u);
  EXPECT_EQ(first.stored, 5u);
  EXPECT_EQ(first.failed, 5u);
  const auto cells = Count(s, "SELECT count(*) FROM cells");  // the cells that are not a plain 0
  const auto findings = Count(s, "SELECT count(*) FROM findings");
  EXPECT_GT(Count(s, "SELECT count(*) FROM cell_values"), 5 * 150);
  const auto second = ImportPaths(s, {kSeeds});
  EXPECT_EQ(second.stored, 0u);
  EXPECT_EQ(second.skipped, 5u);
  EXPECT_EQ(Count(s, "SELECT count(*) FROM reports"), 5);
  EXPECT_EQ(Count(s, "SELECT count(*) FROM cells"), cells);
  EXPECT_EQ(Count(s, "SELECT count(*) FROM findings"), findings);
  // One identity for 硚口区行政审批局 in 2021 and 2023.
  EXPECT_EQ(Count(s, "SELECT count(DISTINCT agency_id) FROM reports WHERE agency_name = '硚口区行政审批局'"), 1);
  fs::remove_all(dir);
}

TEST(StoreImport, CellsRoundTripWithNulls) {
  const fs::path dir = TempDir("roundtrip");
  store::Store s((dir / "c.db").string());
  ImportPaths(s, {kSeeds + "/000-qiaokou-approval-2023.txt"});
  const auto rows = s.Reports();
  ASSERT_EQ(rows.size(), 1u);
  const Report r = s.LoadReport(rows[0].id);
  EXPECT_EQ(r.meta.agency, "硚口区行政审批局");
  EXPECT_EQ(r.meta.year, 2023);
  const int granted = format::Table3RowIndex("granted");
  ASSERT_GE(granted, 0);
  EXPECT_EQ(r.table3.rows[static_cast<std::size_t>(granted)][6].value, 2.0);
  EXPECT_EQ(r.sections.size(), 6u);
  // The long-form view answers the same.
  EXPECT_EQ(Count(s, "SELECT value FROM cell_values WHERE tbl = 3 AND row = 'total' AND col = 'total'"), 5);
  fs::remove_all(dir);
}

TEST(StoreImport, NewVersionKeepsHistory) {
  const fs::path dir = TempDir("history");
  store::Store s((dir / "c.db").string());
  ImportPaths(s, {kSeeds + "/000-qiaokou-approval-2023.txt"});
  // The agency republishes its report with a correction: different bytes.
  std::string text = readers::LoadFile(kSeeds + "/000-qiaokou-approval-2023.txt");
  text += "\n（本报告于2024年1月20日更正）\n";
  std::ofstream(dir / "000-corrected.txt", std::ios::binary) << text;
  const auto p = ImportPaths(s, {(dir / "000-corrected.txt").string()});
  EXPECT_EQ(p.stored, 1u);
  EXPECT_EQ(Count(s, "SELECT count(*) FROM reports"), 2);
  const auto all = s.Reports(true);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].agency_id, all[1].agency_id);
  EXPECT_EQ(all[0].revision, 1);
  EXPECT_FALSE(all[0].current);
  EXPECT_EQ(all[1].revision, 2);
  EXPECT_TRUE(all[1].current);
  const auto current = s.Reports();
  ASSERT_EQ(current.size(), 1u);
  EXPECT_EQ(current[0].revision, 2);
  EXPECT_EQ(Count(s, "SELECT count(*) FROM current_reports"), 1);
  fs::remove_all(dir);
}

TEST(StoreImport, FailedFileRecordedAndImportGoesOn) {
  const fs::path dir = TempDir("failed");
  std::ofstream(dir / "empty.txt").flush();
  std::ofstream(dir / "binary.txt", std::ios::binary) << std::string("\x00\x01\x02\x03\xff\xfe garbage", 15);
  fs::copy_file(kSeeds + "/001-duodao-2023.txt", dir / "good.txt");
  store::Store s((dir / "c.db").string());
  const auto p = ImportPaths(s, {(dir / "empty.txt").string(), (dir / "binary.txt").string(),
                                 (dir / "good.txt").string(), (dir / "missing.txt").string()});
  EXPECT_EQ(p.stored, 1u);
  EXPECT_EQ(p.failed, 3u);
  const auto failures = s.Failures();
  ASSERT_EQ(failures.size(), 3u);
  for (const auto& f : failures) {
    EXPECT_FALSE(f.reason_zh.empty()) << f.path;
    EXPECT_FALSE(f.reason_en.empty()) << f.path;
  }
  // Re-running does not record them twice.
  ImportPaths(s, {(dir / "empty.txt").string(), (dir / "missing.txt").string()});
  EXPECT_EQ(s.Failures().size(), 3u);
  fs::remove_all(dir);
}

TEST(StoreImport, KilledMidTransactionLeavesConsistentDatabase) {
  const fs::path dir = TempDir("kill");
  const std::string db = (dir / "c.db").string();
  {
    store::Store s(db);
    ImportPaths(s, {kSeeds + "/000-qiaokou-approval-2023.txt"});
  }
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // Half a batch written, then kill -9: no destructor, no rollback.
    store::Store s(db);
    s.db().Exec("BEGIN IMMEDIATE");
    s.db().Exec(
        "INSERT INTO reports(sha256, agency_id, year, revision, imported_at, layout_id) "
        "VALUES('deadbeef', 1, 2099, 1, 'x', 1)");
    s.db().Exec("INSERT INTO cells(report_id, key_id, value, state) VALUES(last_insert_rowid(), 1, 42, 0)");
    ::raise(SIGKILL);
    _exit(0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  store::Store s(db);
  store::Statement check = s.db().Prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check.Step());
  EXPECT_EQ(check.Text(0), "ok");
  EXPECT_EQ(Count(s, "SELECT count(*) FROM reports"), 1);
  EXPECT_EQ(Count(s, "SELECT count(*) FROM reports WHERE sha256 = 'deadbeef'"), 0);
  EXPECT_EQ(Count(s, "SELECT count(*) FROM cells WHERE report_id NOT IN (SELECT id FROM reports)"), 0);
  // Resuming adds the rest without duplicating the first.
  const auto p = ImportPaths(s, {kSeeds});
  EXPECT_EQ(p.stored, 4u);
  EXPECT_EQ(Count(s, "SELECT count(*) FROM reports"), 5);
  fs::remove_all(dir);
}

TEST(StoreImport, ZipArchiveEntries) {
  const fs::path dir = TempDir("zip");
  const std::string zpath = (dir / "reports.zip").string();
  {
    int err = 0;
    zip_t* z = zip_open(zpath.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    ASSERT_NE(z, nullptr);
    for (const char* name : {"000-qiaokou-approval-2023.txt", "003-beilun-2023.txt"}) {
      zip_source_t* src = zip_source_file(z, (kSeeds + "/" + name).c_str(), 0, -1);
      ASSERT_NE(src, nullptr);
      ASSERT_GE(zip_file_add(z, (std::string("2023/") + name).c_str(), src, ZIP_FL_ENC_UTF_8), 0);
    }
    // What real archives carry beside the reports: a note, macOS's resource
    // forks, a report under a name that does not say so (taken by content).
    static const std::string note = "请查收各单位年度报告。\n";
    static const std::string fork = std::string("\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ", 24);
    static const std::string pdf_head = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";  // not a whole PDF: fails with its reason
    const std::pair<const char*, const std::string*> extra[] = {
        {"说明.md", &note}, {"__MACOSX/2023/._003-beilun-2023.txt", &fork}, {"2023/报告正文", &pdf_head},
        {"2023/~$年报.docx", &note}};
    for (const auto& [name, bytes] : extra) {
      zip_source_t* src = zip_source_buffer(z, bytes->data(), bytes->size(), 0);
      ASSERT_GE(zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8), 0);
    }
    ASSERT_EQ(zip_close(z), 0);
  }
  const fs::path in = dir / "in";  // the folder holds the archive alone (the store beside it)
  fs::create_directories(in);
  fs::rename(zpath, in / "reports.zip");
  store::Store s((dir / "c.db").string());
  const auto p = ImportPaths(s, {in.string()});  // the folder: the zip inside is found
  EXPECT_EQ(p.stored, 2u);
  EXPECT_EQ(p.failed, 4u);
  const auto rows = s.Reports();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_NE(rows[0].path.find("reports.zip!/2023/"), std::string::npos) << rows[0].path;
  // Each entry not read is listed with why: not a report's type, or (taken
  // by its content) unreadable as what it claims to be.
  std::map<std::string, std::string> why;
  for (const auto& f : s.Failures()) why[f.path.substr(f.path.find("!/") + 2)] = f.reason_zh;
  ASSERT_EQ(why.size(), 4u);
  EXPECT_NE(why["说明.md"].find("文本文件"), std::string::npos) << why["说明.md"];
  EXPECT_NE(why["__MACOSX/2023/._003-beilun-2023.txt"].find("macOS"), std::string::npos)
      << why["__MACOSX/2023/._003-beilun-2023.txt"];
  EXPECT_EQ(why["2023/报告正文"].find("未读取"), std::string::npos) << why["2023/报告正文"];
  EXPECT_FALSE(why["2023/报告正文"].empty());
  EXPECT_NE(why["2023/~$年报.docx"].find("临时文件"), std::string::npos) << why["2023/~$年报.docx"];
  fs::remove_all(dir);
}

TEST(StoreImport, SchemaVersionRecorded) {
  const fs::path dir = TempDir("schema");
  store::Store s((dir / "c.db").string());
  EXPECT_EQ(Count(s, "PRAGMA user_version"), store::kSchemaVersion);
  store::Statement wal = s.db().Prepare("PRAGMA journal_mode");
  wal.Step();
  EXPECT_EQ(wal.Text(0), "wal");
  fs::remove_all(dir);
}

// Every cell comes back as extracted, with its null/blank/"/"/not-found
// distinction, although plain zeros are not stored.
TEST(StoreImport, SparseCellsRoundTripExactly) {
  const fs::path dir = TempDir("sparse");
  store::Store s((dir / "c.db").string());
  const std::string variants = std::string(GONGKAI_SOURCE_DIR) + "/tests/fixtures/variants";
  ImportPaths(s, {kSeeds, variants});
  EXPECT_LT(Count(s, "SELECT count(*) FROM cells"), Count(s, "SELECT count(*) FROM cell_values") / 2);
  EXPECT_GT(Count(s, "SELECT count(*) FROM cells WHERE state <> 0"), 0);
  int compared = 0;
  for (const auto& row : s.Reports(true)) {
    const Report stored = s.LoadReport(row.id);
    const std::string bytes = readers::LoadFile(row.path);
    const Report extracted = pipeline::ProcessBytes(bytes, row.path);
    std::vector<std::tuple<int, std::string, std::string, std::optional<double>, bool, bool>> a, b;
    ForEachCell(stored, [&](int t, std::string_view r, std::string_view c, const CellValue& v) {
      a.emplace_back(t, r, c, v.value, v.found, v.not_applicable);
    });
    ForEachCell(extracted, [&](int t, std::string_view r, std::string_view c, const CellValue& v) {
      b.emplace_back(t, r, c, v.value, v.found, v.not_applicable);
    });
    EXPECT_EQ(a, b) << row.path;
    ++compared;
  }
  EXPECT_GT(compared, 20);
  fs::remove_all(dir);
}

TEST(StoreImport, OlderSchemaRefusedWithMessage) {
  const fs::path dir = TempDir("oldschema");
  {
    store::Database db((dir / "c.db").string());
    db.Exec("CREATE TABLE reports(id INTEGER PRIMARY KEY); PRAGMA user_version = 1;");
  }
  try {
    store::Store s((dir / "c.db").string());
    FAIL() << "a schema 1 database was opened";
  } catch (const store::SqliteError& e) {
    EXPECT_NE(std::string(e.what()).find("re-import"), std::string::npos) << e.what();
  }
  fs::remove_all(dir);
}

std::string Plan(store::Store& s, const std::string& sql) {
  std::string out;
  for (store::Statement st = s.db().Prepare("EXPLAIN QUERY PLAN " + sql); st.Step();) out += st.Text(3) + "\n";
  return out;
}

// The queries of ls/search/coverage are answered from indexes, not by
// reading every report.
TEST(StoreImport, QueriesUseIndexes) {
  const fs::path dir = TempDir("plan");
  store::Store s((dir / "c.db").string());
  ImportPaths(s, {kSeeds});
  const std::string region = Plan(s, "SELECT r.id FROM reports r WHERE r.current = 1 AND r.year = 2023 AND r.agency_id IN "
                                     "(SELECT agency_id FROM agency_regions WHERE region_key = 'x')");
  EXPECT_NE(region.find("agency_regions USING PRIMARY KEY (region_key=?)"), std::string::npos) << region;
  EXPECT_EQ(region.find("SCAN r"), std::string::npos) << region;
  const std::string year = Plan(s, "SELECT id FROM reports WHERE current = 1 AND year = 2023");
  EXPECT_NE(year.find("reports_current_year (current=? AND year=?)"), std::string::npos) << year;
  const std::string missing = Plan(s, "SELECT 1 FROM reports r WHERE r.agency_id = 1 AND r.year = 2023");
  EXPECT_NE(missing.find("reports_agency_year (agency_id=? AND year=?)"), std::string::npos) << missing;
  const std::string cells = Plan(s, "SELECT value FROM cell_values WHERE report_id = 3");
  EXPECT_EQ(cells.find("SCAN c"), std::string::npos) << cells;
  fs::remove_all(dir);
}

// Many agencies of one name pattern: each resolves to its own identity, and
// the spellings with a city in front to the same one (the index, not a scan).
TEST(StoreImport, ManyAgenciesResolveThroughTheIndex) {
  const fs::path dir = TempDir("agencies");
  store::Store s((dir / "c.db").string());
  const Report seed = pipeline::ProcessBytes(readers::LoadFile(kSeeds + "/000-qiaokou-approval-2023.txt"), "x");
  std::vector<Report> batch;
  for (int i = 0; i < 400; ++i) {
    Report r = seed;
    r.meta.agency = "第" + std::to_string(i) + "区教育局";
    r.source.sha256 = "a" + std::to_string(i);
    batch.push_back(r);
    r.meta.agency = "某市第" + std::to_string(i) + "区教育局";
    r.meta.year = 2024;
    r.source.sha256 = "b" + std::to_string(i);
    batch.push_back(std::move(r));
  }
  const auto w = corpus::Write(s, batch);
  EXPECT_EQ(w.inserted, 800);
  EXPECT_EQ(Count(s, "SELECT count(*) FROM agencies"), 400);
  EXPECT_EQ(Count(s, "SELECT count(*) FROM agency_names"), 800);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace gongkai
