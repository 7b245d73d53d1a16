// HTML and DOCX throughput: the fixture pages (GBK with site chrome, one in
// Traditional script, one with an undeclared charset) and the LibreOffice
// DOCX files, read and extracted per iteration; reading alone separately, to
// see what the reader costs against the extractor. Like a batch, one
// Simplifier (OpenCC loaded once) and one Extractor serve every report.
// readers_baseline_bench.cc has the libraries' own speed on the same files.
// Counters: reports/s ("items_per_second") and MB/s ("bytes_per_second").
#include <benchmark/benchmark.h>

#include "bench_util.h"
#include "extract/extract.h"
#include "readers/reader.h"
#include "readers/simplify.h"

namespace gongkai::bench {
namespace {

void Run(benchmark::State& state, const std::vector<CorpusFile>& corpus, readers::Format format, bool extract) {
  if (corpus.empty()) {
    state.SkipWithError("no fixtures found");
    return;
  }
  std::size_t bytes = 0;
  for (const auto& f : corpus) bytes += f.bytes.size();
  const readers::Simplifier simplifier;
  const extract::Extractor extractor;
  for (auto _ : state) {
    for (const auto& f : corpus) {
      const Document doc = readers::Read(f.bytes, format, simplifier);
      if (extract) {
        benchmark::DoNotOptimize(extractor.Extract(doc));
      } else {
        benchmark::DoNotOptimize(doc.text.data());
      }
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["reports"] = static_cast<double>(corpus.size());
}

void BM_HtmlReadExtract(benchmark::State& state) {
  static const auto corpus = LoadCorpus({"html"}, {".html"});
  Run(state, corpus, readers::Format::kHtml, true);
}
BENCHMARK(BM_HtmlReadExtract)->Unit(benchmark::kMillisecond);

void BM_HtmlRead(benchmark::State& state) {
  static const auto corpus = LoadCorpus({"html"}, {".html"});
  Run(state, corpus, readers::Format::kHtml, false);
}
BENCHMARK(BM_HtmlRead)->Unit(benchmark::kMillisecond);

void BM_DocxReadExtract(benchmark::State& state) {
  static const auto corpus = LoadCorpus({"docx"}, {".docx"});
  Run(state, corpus, readers::Format::kDocx, true);
}
BENCHMARK(BM_DocxReadExtract)->Unit(benchmark::kMillisecond);

void BM_DocxRead(benchmark::State& state) {
  static const auto corpus = LoadCorpus({"docx"}, {".docx"});
  Run(state, corpus, readers::Format::kDocx, false);
}
BENCHMARK(BM_DocxRead)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace gongkai::bench
