// PDF and OCR readers next to the tools they build on, on the same files:
//   BM_ReadPdf        our PDF reader (text layer + ruling lines + layout)
//   BM_Pdftotext      `pdftotext -layout FILE -` (poppler-utils) alone
//   BM_ReadScanned    our OCR of a scanned PDF (render + tesseract per page/cell)
//   BM_TesseractCli   `pdftoppm -r 200` + `tesseract PAGE - -l chi_sim` alone
// The external tools run as processes, so their figures include process
// start-up (a few ms); the OCR pair is dominated by recognition.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "bench_util.h"
#include "readers/pdf.h"

namespace {

using gongkai::bench::LoadCorpus;

void BM_ReadPdf(benchmark::State& state) {
  const auto corpus = LoadCorpus({"pdf"}, {".pdf"});
  std::size_t bytes = 0;
  for (auto _ : state) {
    for (const auto& f : corpus) {
      benchmark::DoNotOptimize(gongkai::readers::ReadPdf(f.bytes));
      bytes += f.bytes.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["files"] = static_cast<double>(corpus.size());
}
BENCHMARK(BM_ReadPdf)->Unit(benchmark::kMillisecond);

void BM_Pdftotext(benchmark::State& state) {
  const auto corpus = LoadCorpus({"pdf"}, {".pdf"});
  for (auto _ : state) {
    for (const auto& f : corpus) {
      const std::string cmd = "pdftotext -layout '" + f.path + "' - > /dev/null 2>&1";
      if (std::system(cmd.c_str()) != 0) state.SkipWithError("pdftotext failed or is missing");
    }
  }
  state.counters["files"] = static_cast<double>(corpus.size());
}
BENCHMARK(BM_Pdftotext)->Unit(benchmark::kMillisecond);

void BM_ReadScanned(benchmark::State& state) {
  const auto corpus = LoadCorpus({"scanned"}, {".pdf"});
  for (auto _ : state) {
    for (const auto& f : corpus) benchmark::DoNotOptimize(gongkai::readers::ReadPdf(f.bytes));
  }
  state.counters["files"] = static_cast<double>(corpus.size());
}
BENCHMARK(BM_ReadScanned)->Unit(benchmark::kSecond)->Iterations(1);

void BM_TesseractCli(benchmark::State& state) {
  const auto corpus = LoadCorpus({"scanned"}, {".pdf"});
  for (auto _ : state) {
    for (const auto& f : corpus) {
      const std::string cmd =
          "d=$(mktemp -d) && pdftoppm -r 200 -gray '" + f.path +
          "' $d/p && for i in $d/p*; do tesseract $i - -l chi_sim > /dev/null 2>&1; done; rm -rf $d";
      if (std::system(cmd.c_str()) != 0) state.SkipWithError("pdftoppm/tesseract failed or missing");
    }
  }
  state.counters["files"] = static_cast<double>(corpus.size());
}
BENCHMARK(BM_TesseractCli)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
