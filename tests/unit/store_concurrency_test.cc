// Issue 15, "two writers at once": concurrent `gongkai import` processes
// into one SQLite store all finish (they wait on each other), and exactly
// the union of their inputs is stored: every report once, every agency
// once, one revision per agency-year, the cross-year pairs complete.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "readers/reader.h"
#include "store/store.h"

extern char** environ;

namespace gongkai {
namespace {

namespace fs = std::filesystem;

const std::string kSeed = std::string(GONGKAI_SOURCE_DIR) + "/tests/fixtures/seeds/000-qiaokou-approval-2023.txt";

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size()) s.replace(p, from.size(), to);
}

std::int64_t Count(store::Store& s, const std::string& sql) {
  store::Statement st = s.db().Prepare(sql);
  st.Step();
  return st.Int(0);
}

pid_t Spawn(const std::vector<std::string>& args, const std::string& log) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  return rc == 0 ? pid : -1;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(StoreConcurrency, ThreeImportsAtOnceStoreTheUnion) {
  const fs::path dir = fs::temp_directory_path() / ("gongkai-concurrent-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  // 24 reports of 8 agencies, three years each; three overlapping sets.
  constexpr int kReports = 24;
  const std::string seed = readers::LoadFile(kSeed);
  std::vector<fs::path> files;
  fs::create_directories(dir / "all");
  for (int i = 0; i < kReports; ++i) {
    std::string text = seed;
    ReplaceAll(text, "硚口区行政审批局", "第" + std::to_string(i / 3) + "区并发测试局");
    ReplaceAll(text, "2023年", std::to_string(2021 + i % 3) + "年");
    text += "\n本报告编号 " + std::to_string(i) + "\n";
    files.push_back(dir / "all" / (std::to_string(i) + ".txt"));
    std::ofstream(files.back(), std::ios::binary) << text;
  }
  const std::vector<std::vector<int>> sets = {
      {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
      {8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23},
      {0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23}};
  for (std::size_t k = 0; k < sets.size(); ++k) {
    const fs::path d = dir / ("set" + std::to_string(k));
    fs::create_directories(d);
    for (const int i : sets[k]) fs::copy_file(files[static_cast<std::size_t>(i)], d / files[static_cast<std::size_t>(i)].filename());
  }
  constexpr int kRounds = 10;
  int failures = 0;
  for (int round = 0; round < kRounds; ++round) {
    const std::string db = (dir / ("r" + std::to_string(round) + ".db")).string();
    std::vector<pid_t> pids;
    for (std::size_t k = 0; k < sets.size(); ++k) {
      pids.push_back(Spawn({GONGKAI_BINARY, "import", (dir / ("set" + std::to_string(k))).string(), "--db", db, "-j", "1"},
                           db + "." + std::to_string(k) + ".log"));
      ASSERT_GT(pids.back(), 0);
    }
    for (std::size_t k = 0; k < pids.size(); ++k) {
      int status = 0;
      waitpid(pids[k], &status, 0);
      const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
      failures += ok ? 0 : 1;
      EXPECT_TRUE(ok) << "round " << round << " import " << k << ":\n" << Slurp(db + "." + std::to_string(k) + ".log");
    }
    store::Store s(db);
    EXPECT_EQ(Count(s, "SELECT count(*) FROM reports"), kReports) << "round " << round;
    EXPECT_EQ(Count(s, "SELECT count(DISTINCT sha256) FROM reports"), kReports);
    EXPECT_EQ(Count(s, "SELECT count(*) FROM agencies"), kReports / 3);
    EXPECT_EQ(Count(s, "SELECT count(*) FROM agency_names"), kReports / 3);
    EXPECT_EQ(Count(s, "SELECT count(*) FROM reports WHERE revision <> 1 OR current <> 1"), 0);
    EXPECT_EQ(Count(s, "SELECT count(*) FROM failures"), 0);
    EXPECT_EQ(Count(s, "SELECT count(*) FROM layouts"), Count(s, "SELECT count(DISTINCT keys) FROM layouts"));
    // Each agency's 2021/2022 and 2022/2023 pairs, whichever process stored which year.
    EXPECT_EQ(Count(s, "SELECT count(*) FROM (SELECT DISTINCT report_id, previous_id FROM cross_findings)"),
              2 * kReports / 3)
        << "round " << round;
    store::Statement check = s.db().Prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check.Step());
    EXPECT_EQ(check.Text(0), "ok");
  }
  RecordProperty("rounds", kRounds);
  RecordProperty("failed_imports", failures);
  std::cerr << "concurrent imports: " << kRounds << " rounds x " << sets.size() << " processes, " << failures
            << " failed\n";
  fs::remove_all(dir);
}

}  // namespace
}  // namespace gongkai
