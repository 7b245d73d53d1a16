// The formats beyond DOCX/PDF, each beside its underlying tool alone:
//   XLSX  read (libzip + pugixml + grid) and read+extract, beside libzip
//         inflating every part (the floor under any XLSX reader)
//   OFD   read (libzip + pugixml + rule image + page layout) and
//         read+extract, beside the same inflation
//   .doc/.xls  the whole read (LibreOffice conversion, then DOCX/XLSX) beside
//         the soffice conversion alone (ConvertOffice): the conversion is
//         nearly all of it. Skipped when soffice is not installed.
// Counters: reports/s ("items_per_second") and MB/s ("bytes_per_second").
#include <benchmark/benchmark.h>
#include <zip.h>

#include <array>

#include "bench_util.h"
#include "extract/extract.h"
#include "readers/office.h"
#include "readers/reader.h"
#include "readers/simplify.h"

namespace gongkai::bench {
namespace {

template <typename F>
void Run(benchmark::State& state, const std::vector<CorpusFile>& corpus, F each) {
  if (corpus.empty()) {
    state.SkipWithError("no fixtures found");
    return;
  }
  std::size_t bytes = 0;
  for (const auto& f : corpus) bytes += f.bytes.size();
  for (auto _ : state) {
    for (const auto& f : corpus) each(f);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["reports"] = static_cast<double>(corpus.size());
}

// Every part inflated with libzip, nothing parsed.
void Inflate(const std::string& bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* z = src != nullptr ? zip_open_from_source(src, ZIP_RDONLY, &error) : nullptr;
  zip_error_fini(&error);
  if (z == nullptr) {
    if (src != nullptr) zip_source_free(src);
    return;
  }
  std::array<char, 65536> buf;
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i) {
    zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
    if (f == nullptr) continue;
    while (zip_fread(f, buf.data(), buf.size()) > 0) {
    }
    zip_fclose(f);
  }
  zip_discard(z);
}

void BM_XlsxReadExtract(benchmark::State& state) {
  static const auto corpus = LoadCorpus({"xlsx"}, {".xlsx"});
  const readers::Simplifier simplifier;
  const extract::Extractor extractor;
  Run(state, corpus, [&](const CorpusFile& f) {
    benchmark::DoNotOptimize(extractor.Extract(readers::Read(f.bytes, readers::Format::kXlsx, simplifier)));
  });
}
BENCHMARK(BM_XlsxReadExtract)->Unit(benchmark::kMillisecond);

void BM_XlsxRead(benchmark::State& state) {
  static const auto corpus = LoadCorpus({"xlsx"}, {".xlsx"});
  Run(state, corpus, [](const CorpusFile& f) { benchmark::DoNotOptimize(readers::ReadXlsx(f.bytes).text.data()); });
}
BENCHMARK(BM_XlsxRead)->Unit(benchmark::kMillisecond);

void BM_XlsxLibzipInflate(benchmark::State& state) {
  static const auto corpus = LoadCorpus({"xlsx"}, {".xlsx"});
  Run(state, corpus, [](const CorpusFile& f) { Inflate(f.bytes); });
}
BENCHMARK(BM_XlsxLibzipInflate)->Unit(benchmark::kMillisecond);

void BM_OfdReadExtract(benchmark::State& state) {
  static const auto corpus = LoadCorpus({"ofd"}, {".ofd"});
  const readers::Simplifier simplifier;
  const extract::Extractor extractor;
  Run(state, corpus, [&](const CorpusFile& f) {
    benchmark::DoNotOptimize(extractor.Extract(readers::Read(f.bytes, readers::Format::kOfd, simplifier)));
  });
}
BENCHMARK(BM_OfdReadExtract)->Unit(benchmark::kMillisecond);

void BM_OfdRead(benchmark::State& state) {
  static const auto corpus = LoadCorpus({"ofd"}, {".ofd"});
  Run(state, corpus, [](const CorpusFile& f) { benchmark::DoNotOptimize(readers::ReadOfd(f.bytes).text.data()); });
}
BENCHMARK(BM_OfdRead)->Unit(benchmark::kMillisecond);

void BM_OfdLibzipInflate(benchmark::State& state) {
  static const auto corpus = LoadCorpus({"ofd"}, {".ofd"});
  Run(state, corpus, [](const CorpusFile& f) { Inflate(f.bytes); });
}
BENCHMARK(BM_OfdLibzipInflate)->Unit(benchmark::kMillisecond);

void Legacy(benchmark::State& state, const char* suffix, bool convert_only) {
  static const auto docs = LoadCorpus({"office"}, {".doc"});
  static const auto xls = LoadCorpus({"office"}, {".xls"});
  if (!readers::FindSoffice()) {
    state.SkipWithError("soffice not installed");
    return;
  }
  const bool doc = std::string_view(suffix) == "doc";
  Run(state, doc ? docs : xls, [&](const CorpusFile& f) {
    if (convert_only) {
      benchmark::DoNotOptimize(readers::ConvertOffice(f.bytes, suffix, doc ? "docx" : "xlsx", suffix));
    } else {
      benchmark::DoNotOptimize(readers::ReadLegacyOffice(f.bytes, suffix).text.data());
    }
  });
}

void BM_DocRead(benchmark::State& state) { Legacy(state, "doc", false); }
BENCHMARK(BM_DocRead)->Unit(benchmark::kMillisecond)->Iterations(1);
void BM_DocSofficeConvert(benchmark::State& state) { Legacy(state, "doc", true); }
BENCHMARK(BM_DocSofficeConvert)->Unit(benchmark::kMillisecond)->Iterations(1);
void BM_XlsRead(benchmark::State& state) { Legacy(state, "xls", false); }
BENCHMARK(BM_XlsRead)->Unit(benchmark::kMillisecond)->Iterations(1);
void BM_XlsSofficeConvert(benchmark::State& state) { Legacy(state, "xls", true); }
BENCHMARK(BM_XlsSofficeConvert)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace gongkai::bench
