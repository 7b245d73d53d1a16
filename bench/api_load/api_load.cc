// A bounded loopback load test of `gongkai serve` (not part of ctest):
// generates a corpus of N reports from the seed fixtures (each its own
// agency, year and content), imports it with `gongkai import`, starts the
// server on a free port, logs C clients in, then for D seconds each client
// lists a random page of reports and opens a random report, in turn.
// Prints p50/p99/max latency per kind of request, requests/s and errors.
//
// usage: gongkai_api_load GONGKAI_BINARY [N=10000] [CLIENTS=50] [SECONDS=30]
//        (GONGKAI_LOAD_DIR: keep the generated store there between runs)
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size()) s.replace(p, from.size(), to);
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

int Run(const std::string& cmd) {
  std::fprintf(stderr, "$ %s\n", cmd.c_str());
  return std::system(cmd.c_str());
}

// Seeds and variants made into n reports of n/7 districts over 7 years.
bool ValidUtf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    }
    i += len;
  }
  return true;
}

// The year a report is of: the one its text names most often ("2023年").
std::string ReportYear(const std::string& text) {
  std::map<std::string, int> count;
  static const std::regex kYear(R"((20\d\d)年)");
  for (std::sregex_iterator it(text.begin(), text.end(), kYear), end; it != end; ++it) ++count[(*it)[1].str()];
  std::string best;
  for (const auto& [y, c] : count) {
    if (best.empty() || c > count[best]) best = y;
  }
  return best;
}

void Generate(const fs::path& dir, std::size_t n) {
  // UTF-8 seeds only: the names below are replaced as UTF-8 bytes.
  std::vector<std::string> seeds;
  for (const char* set : {"seeds", "variants"}) {
    for (const auto& e : fs::directory_iterator(fs::path(GONGKAI_SOURCE_DIR) / "tests" / "fixtures" / set)) {
      if (e.path().extension() != ".txt") continue;
      std::string text = Slurp(e.path());
      if (ValidUtf8(text) && !ReportYear(text).empty()) seeds.push_back(std::move(text));
    }
  }
  std::sort(seeds.begin(), seeds.end());  // the same corpus whatever the directory order
  // Every agency the seeds and variants name, longest first (a name inside
  // another is replaced after it), so that each generated report is of its
  // own district: 7 years of one district each, never a revision of another.
  const std::vector<std::string> names = {
      "硚口区社会管理网格化服务中心", "东西湖区城市管理执法局", "孝感市孝南区人民政府", "宁波市自然资源和规划局",
      "武汉市市场监督管理局", "硚口区行政审批局", "蔡甸区交通运输局", "北仑区人民政府", "黄陂区人民政府",
      "镇海区人民政府", "江汉区人民政府", "鄞州区人民政府", "汉川市人民政府", "应城市人民政府", "硚口区教育局",
      "江岸区档案馆", "硚口区财政局", "新洲区民政局", "掇刀区"};
  fs::create_directories(dir);
  for (std::size_t i = 0; i < n; ++i) {
    std::string text = seeds[i % seeds.size()];
    // 测试甲乙丙区: the district number in 天干 digits (no Arabic digits, which
    // the agency heuristics would read apart from the name).
    static const char* kDigits[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
    std::string district;
    for (std::size_t k = i / 7;; k /= 10) {
      district = kDigits[k % 10] + district;
      if (k < 10) break;
    }
    district = "测试" + district + "区";
    for (const auto& name : names) {
      // A government stays one, a department becomes the district's.
      const std::string unit = name == "掇刀区"                  ? district
                               : name.ends_with("人民政府") ? district + "人民政府"
                                                            : district + "机关事务局";
      ReplaceAll(text, name, unit);
    }
    ReplaceAll(text, ReportYear(text) + "年", std::to_string(2016 + static_cast<int>(i % 7)) + "年");
    text += "\n本报告编号 " + std::to_string(i) + "\n";
    std::ofstream(dir / (std::to_string(i) + ".txt"), std::ios::binary) << text;
  }
}

struct Samples {
  std::mutex mu;
  std::vector<double> list_ms, show_ms;
  std::size_t errors = 0;
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s GONGKAI_BINARY [N] [CLIENTS] [SECONDS]\n", argv[0]);
    return 2;
  }
  const std::string gongkai = argv[1];
  const std::size_t n = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 10000;
  const int clients = argc > 3 ? std::atoi(argv[3]) : 50;
  const int seconds = argc > 4 ? std::atoi(argv[4]) : 30;
  const char* keep = std::getenv("GONGKAI_LOAD_DIR");
  const fs::path dir = keep ? fs::path(keep) : fs::temp_directory_path() / ("gongkai-load-" + std::to_string(getpid()));
  const fs::path db = dir / "load.db";
  if (!fs::exists(db)) {
    Generate(dir / "in", n);
    if (Run(gongkai + " import '" + (dir / "in").string() + "' --db '" + db.string() + "' 2>&1 | tail -1") != 0) return 2;
    if (Run("echo load-password | " + gongkai + " user add load --role viewer --password-stdin --db '" + db.string() + "'") != 0) return 2;
  }
  // The server, on a free port read from its first line.
  int out[2];
  if (pipe(out) != 0) return 2;
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    close(out[0]);
    execl(gongkai.c_str(), gongkai.c_str(), "serve", "--db", db.c_str(), "--listen", "127.0.0.1:0", nullptr);
    _exit(127);
  }
  close(out[1]);
  FILE* server_out = fdopen(out[0], "r");
  int port = 0;
  char line[512];
  while (port == 0 && std::fgets(line, sizeof line, server_out)) {
    std::cmatch m;
    if (std::regex_search(line, m, std::regex(R"(127\.0\.0\.1:(\d+))"))) port = std::stoi(m[1]);
  }
  if (port == 0) {
    std::fprintf(stderr, "the server did not start\n");
    return 2;
  }
  std::int64_t total = 0;
  std::vector<std::int64_t> ids;
  {
    httplib::Client c("127.0.0.1", port);
    auto login = c.Post("/api/v1/session", R"({"username":"load","password":"load-password"})", "application/json");
    if (!login || login->status != 200) return 2;
    httplib::Headers h = {{"Cookie", login->get_header_value("Set-Cookie").substr(0, login->get_header_value("Set-Cookie").find(';'))}};
    auto page = c.Get("/api/v1/reports?limit=500", h);
    const auto j = nlohmann::json::parse(page->body);
    total = j["total"].get<std::int64_t>();
    for (const auto& it : j["items"]) ids.push_back(it["id"].get<std::int64_t>());
  }
  std::printf("corpus: %lld reports; %d clients for %d s\n", static_cast<long long>(total), clients, seconds);
  // Logins first (argon2id is deliberately slow): not part of the measure.
  std::vector<std::string> cookies(static_cast<std::size_t>(clients));
  for (int i = 0; i < clients; ++i) {
    httplib::Client c("127.0.0.1", port);
    auto r = c.Post("/api/v1/session", R"({"username":"load","password":"load-password"})", "application/json");
    if (!r || r->status != 200) return 2;
    const std::string sc = r->get_header_value("Set-Cookie");
    cookies[static_cast<std::size_t>(i)] = sc.substr(0, sc.find(';'));
  }
  Samples samples;
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back([&, i] {
      httplib::Client c("127.0.0.1", port);
      c.set_keep_alive(true);
      const httplib::Headers h = {{"Cookie", cookies[static_cast<std::size_t>(i)]}};
      std::mt19937 rng(static_cast<unsigned>(i));
      std::vector<double> list_ms, show_ms;
      std::size_t errors = 0;
      while (!stop.load()) {
        const auto t0 = Clock::now();
        const std::int64_t offset = std::uniform_int_distribution<std::int64_t>(0, std::max<std::int64_t>(0, total - 50))(rng);
        auto r = c.Get(("/api/v1/reports?limit=50&offset=" + std::to_string(offset)).c_str(), h);
        const auto t1 = Clock::now();
        if (!r || r->status != 200) ++errors;
        list_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        const std::int64_t id = ids[std::uniform_int_distribution<std::size_t>(0, ids.size() - 1)(rng)];
        auto s = c.Get(("/api/v1/reports/" + std::to_string(id)).c_str(), h);
        const auto t2 = Clock::now();
        if (!s || s->status != 200) ++errors;
        show_ms.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
      }
      std::lock_guard lock(samples.mu);
      samples.list_ms.insert(samples.list_ms.end(), list_ms.begin(), list_ms.end());
      samples.show_ms.insert(samples.show_ms.end(), show_ms.begin(), show_ms.end());
      samples.errors += errors;
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
  const double requests = static_cast<double>(samples.list_ms.size() + samples.show_ms.size());
  std::printf("list  GET /api/v1/reports?limit=50: %zu requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
              samples.list_ms.size(), Percentile(samples.list_ms, 0.5), Percentile(samples.list_ms, 0.99),
              Percentile(samples.list_ms, 1.0));
  std::printf("show  GET /api/v1/reports/{id}:     %zu requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
              samples.show_ms.size(), Percentile(samples.show_ms, 0.5), Percentile(samples.show_ms, 0.99),
              Percentile(samples.show_ms, 1.0));
  std::printf("%.0f requests/s, %zu errors\n", requests / seconds, samples.errors);
  if (!keep) fs::remove_all(dir);
  return samples.errors == 0 ? 0 : 1;
}
