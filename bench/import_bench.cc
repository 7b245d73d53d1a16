// Corpus import at scale: N reports generated from the seed fixtures (each
// with its own agency name, year and a varied figure, so every one is a new
// content hash and a new agency-year), imported into a fresh database on all
// cores. Counters: reports/s and the process's peak RSS (MB).
// N: GONGKAI_IMPORT_BENCH_N (default 2000). The goal is 100,000
// reports in under 2 minutes and 500 MB on 2 cores.
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "bench_util.h"
#include "corpus/importer.h"
#include "corpus/writer.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace {

namespace fs = std::filesystem;

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size()) s.replace(p, from.size(), to);
}

void BM_Import(benchmark::State& state) {
  const char* env = std::getenv("GONGKAI_IMPORT_BENCH_N");
  const std::size_t n = env ? std::strtoul(env, nullptr, 10) : 2000;
  const auto seeds = gongkai::bench::LoadCorpus({"seeds", "variants"}, {".txt"});
  const fs::path dir = fs::temp_directory_path() / ("gongkai-import-bench-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "in");
  // The agency names of the seeds, replaced by generated ones.
  const std::vector<std::string> names = {"硚口区行政审批局", "掇刀区", "北仑区人民政府", "硚口区社会管理网格化服务中心"};
  for (std::size_t i = 0; i < n; ++i) {
    std::string text = seeds[i % seeds.size()].bytes;
    const std::string unit = "第" + std::to_string(i / 7) + "区" + "测试局";
    for (const auto& name : names) ReplaceAll(text, name, unit);
    ReplaceAll(text, "2023年", std::to_string(2016 + static_cast<int>(i % 7)) + "年");
    text += "\n本报告编号 " + std::to_string(i) + "\n";
    std::ofstream(dir / "in" / (std::to_string(i) + ".txt"), std::ios::binary) << text;
  }
  const auto inputs = gongkai::corpus::ExpandImportInputs({(dir / "in").string()});
  std::size_t stored = 0;
  for (auto _ : state) {
    state.PauseTiming();
    fs::remove(dir / "c.db");
    fs::remove(dir / "c.db-wal");
    fs::remove(dir / "c.db-shm");
    gongkai::store::Store store((dir / "c.db").string());
    state.ResumeTiming();
    stored = gongkai::corpus::Import(store, inputs, {}).stored;
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  state.counters["reports"] = static_cast<double>(stored);
  state.counters["reports_per_s"] =
      benchmark::Counter(static_cast<double>(stored) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["peak_rss_mb"] = static_cast<double>(ru.ru_maxrss) / 1024.0;
  state.counters["db_mb"] = static_cast<double>(fs::file_size(dir / "c.db")) / 1e6;
  fs::remove_all(dir);
}
BENCHMARK(BM_Import)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

// The store's own cost, apart from extraction and audit: the fixtures are
// extracted once, then N copies with their own agency (第C市第D区+department,
// so that agency resolution sees ~N/7 agencies in ~N/140 districts), year
// and a varied figure are written in transactions of 500, as the importer
// does. N: GONGKAI_IMPORT_BENCH_N.
void BM_StoreOnly(benchmark::State& state) {
  const char* env = std::getenv("GONGKAI_IMPORT_BENCH_N");
  const std::size_t n = env ? std::strtoul(env, nullptr, 10) : 2000;
  const auto seeds = gongkai::bench::LoadCorpus({"seeds", "variants"}, {".txt"});
  std::vector<gongkai::Report> extracted;
  for (const auto& s : seeds) {
    gongkai::Report r = gongkai::pipeline::ProcessBytes(s.bytes, s.path);
    std::string().swap(r.text);
    r.narrative.clear();
    extracted.push_back(std::move(r));
  }
  const std::vector<std::string> depts = {"教育局", "财政局", "民政局", "人民政府", "交通运输局", "档案馆", "行政审批局",
                                          "司法局", "审计局", "汉正街道办事处"};
  const fs::path dir = fs::temp_directory_path() / ("gongkai-store-bench-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (auto _ : state) {
    state.PauseTiming();
    fs::remove(dir / "c.db");
    gongkai::store::Store store((dir / "c.db").string());
    gongkai::corpus::Writer writer(store);
    state.ResumeTiming();
    std::vector<gongkai::Report> batch;
    for (std::size_t i = 0; i < n; ++i) {
      gongkai::Report r = extracted[i % extracted.size()];
      const std::size_t a = i / 7;
      r.meta.agency = "第" + std::to_string(a / 100) + "市第" + std::to_string(a / 10) + "区" + depts[a % depts.size()];
      r.meta.year = 2016 + static_cast<int>(i % 7);
      r.source.sha256 = std::to_string(i);
      if (!r.table3.rows.empty()) r.table3.rows[0][0].value = static_cast<double>(i % 97);
      batch.push_back(std::move(r));
      if (batch.size() == 500 || i + 1 == n) {
        writer.Write(batch, {});
        batch.clear();
      }
    }
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  state.counters["reports_per_s"] =
      benchmark::Counter(static_cast<double>(n) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["peak_rss_mb"] = static_cast<double>(ru.ru_maxrss) / 1024.0;
  state.counters["db_mb"] = static_cast<double>(fs::file_size(dir / "c.db")) / 1e6;
  fs::remove_all(dir);
}
BENCHMARK(BM_StoreOnly)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

}  // namespace
