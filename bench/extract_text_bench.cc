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

enum class Mode { kReadExtract, kPipeline, kPipelineOneOff };

// The batch importer keeps one Pipeline (and so one Extractor) for all its
// reports; kPipelineOneOff measures the free function that builds one per call.
void RunCorpus(benchmark::State& state, const std::vector<CorpusFile>& corpus, Mode mode) {
  if (corpus.empty()) {
    state.SkipWithError("no fixtures found");
    return;
  }
  std::size_t bytes = 0;
  for (const auto& f : corpus) bytes += f.bytes.size();
  const pipeline::Pipeline pipe;
  const extract::Extractor extractor;
  for (auto _ : state) {
    for (const auto& f : corpus) {
      switch (mode) {
        case Mode::kPipeline:
          benchmark::DoNotOptimize(pipe.ProcessBytes(f.bytes, f.path));
          break;
        case Mode::kPipelineOneOff:
          benchmark::DoNotOptimize(pipeline::ProcessBytes(f.bytes, f.path));
          break;
        case Mode::kReadExtract: {
          const Document doc = readers::ReadText(f.bytes);
          benchmark::DoNotOptimize(extractor.Extract(doc));
          break;
        }
      }
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["reports"] = static_cast<double>(corpus.size());
}

void BM_TextReadExtract(benchmark::State& state) {
  static const auto corpus = LoadCorpus({"seeds", "variants"}, {".txt"});
  RunCorpus(state, corpus, Mode::kReadExtract);
}
BENCHMARK(BM_TextReadExtract)->Unit(benchmark::kMillisecond);

void BM_TextPipeline(benchmark::State& state) {
  static const auto corpus = LoadCorpus({"seeds", "variants"}, {".txt"});
  RunCorpus(state, corpus, Mode::kPipeline);
}
BENCHMARK(BM_TextPipeline)->Unit(benchmark::kMillisecond);

void BM_TextPipelineOneOff(benchmark::State& state) {
  static const auto corpus = LoadCorpus({"seeds", "variants"}, {".txt"});
  RunCorpus(state, corpus, Mode::kPipelineOneOff);
}
BENCHMARK(BM_TextPipelineOneOff)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace gongkai::bench
