// Text extraction throughput: the seeds and the variant fixtures as a corpus,
// read and extracted (and audited, as the pipeline does) per iteration.
// Counters: reports/s ("items_per_second") and MB/s ("bytes_per_second").
#include <benchmark/benchmark.h>

#include "bench_util.h"
#include "extract/extract.h"
#include "pipeline/pipeline.h"
#include "readers/reader.h"

namespace gongkai::bench {
namespace {

void RunCorpus(benchmark::State& state, const std::vector<CorpusFile>& corpus, bool whole_pipeline) {
  if (corpus.empty()) {
    state.SkipWithError("no fixtures found");
    return;
  }
  std::size_t bytes = 0;
  for (const auto& f : corpus) bytes += f.bytes.size();
  for (auto _ : state) {
    for (const auto& f : corpus) {
      if (whole_pipeline) {
        benchmark::DoNotOptimize(pipeline::ProcessBytes(f.bytes, f.path));
      } else {
        const Document doc = readers::ReadText(f.bytes);
        benchmark::DoNotOptimize(extract::Extract(doc));
      }
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["reports"] = static_cast<double>(corpus.size());
}

void BM_TextReadExtract(benchmark::State& state) {
  static const auto corpus = LoadCorpus({"seeds", "variants"}, {".txt"});
  RunCorpus(state, corpus, false);
}
BENCHMARK(BM_TextReadExtract)->Unit(benchmark::kMillisecond);

void BM_TextPipeline(benchmark::State& state) {
  static const auto corpus = LoadCorpus({"seeds", "variants"}, {".txt"});
  RunCorpus(state, corpus, true);
}
BENCHMARK(BM_TextPipeline)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace gongkai::bench
