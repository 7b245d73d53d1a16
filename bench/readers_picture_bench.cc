// Pictures of tables in text documents (tests/fixtures/picture), read by OCR
// in place, next to the same documents read without their pictures:
//   BM_PicturePdf / BM_PicturePdfNoPictures    our PDF reader, pictures on/off
//   BM_PictureDocx / BM_PictureDocxNoPictures  our DOCX reader, pictures on/off
// The difference is the cost of finding and reading the pictures (tesseract
// dominates; BM_TesseractCli in readers_pdf_bench.cc is the tool alone).
#include <benchmark/benchmark.h>

#include "bench_util.h"
#include "readers/docx.h"
#include "readers/pdf.h"

namespace {

using gongkai::bench::LoadCorpus;

void BM_PicturePdf(benchmark::State& state) {
  const auto corpus = LoadCorpus({"picture"}, {".pdf"});
  const gongkai::readers::PdfOptions options{.pictures = state.range(0) != 0};
  for (auto _ : state) {
    for (const auto& f : corpus) benchmark::DoNotOptimize(gongkai::readers::ReadPdf(f.bytes, options));
  }
  state.counters["files"] = static_cast<double>(corpus.size());
}
BENCHMARK(BM_PicturePdf)->Name("BM_PicturePdf")->Arg(1)->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK(BM_PicturePdf)->Name("BM_PicturePdfNoPictures")->Arg(0)->Unit(benchmark::kMillisecond);

void BM_PictureDocx(benchmark::State& state) {
  const auto corpus = LoadCorpus({"picture"}, {".docx"});
  const gongkai::readers::DocxOptions options{.ocr = state.range(0) != 0};
  for (auto _ : state) {
    for (const auto& f : corpus) benchmark::DoNotOptimize(gongkai::readers::ReadDocx(f.bytes, options));
  }
  state.counters["files"] = static_cast<double>(corpus.size());
}
BENCHMARK(BM_PictureDocx)->Name("BM_PictureDocx")->Arg(1)->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK(BM_PictureDocx)->Name("BM_PictureDocxNoPictures")->Arg(0)->Unit(benchmark::kMillisecond);

}  // namespace
