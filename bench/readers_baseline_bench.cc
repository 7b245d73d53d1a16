// The libraries our HTML and DOCX readers build on, alone, on the same
// fixture files as readers_html_docx_bench.cc, so that the readers' cost can
// be given as a ratio to theirs:
//   BM_LibxmlHtmlParse   htmlReadMemory (libxml2 finds the charset itself) and
//                        xmlFreeDoc: what `xmllint --html --noout` does
//   BM_XmllintCli        `xmllint --html --noout FILE` as a process (includes
//                        process start-up, like BM_Pdftotext)
//   BM_DocxUnzipPugixml  libzip opens the DOCX from memory, inflates
//                        word/document.xml, pugixml parses it
//   BM_OpenCcT2s         OpenCC's SimpleConverter (t2s, loaded once) on the
//                        text of the Traditional HTML fixture, against
//   BM_Simplifier        readers::Simplifier on the same Document (the same
//                        conversion, keeping the original and its offsets)
// Counters as in the reader benchmarks: reports/s and MB/s.
#include <benchmark/benchmark.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <zip.h>

#include <cstdlib>
#include <memory>
#include <pugixml.hpp>
#include <string>

#include <opencc/SimpleConverter.hpp>

#include "bench_util.h"
#include "readers/reader.h"
#include "readers/simplify.h"

namespace gongkai::bench {
namespace {

void Count(benchmark::State& state, const std::vector<CorpusFile>& corpus) {
  std::size_t bytes = 0;
  for (const auto& f : corpus) bytes += f.bytes.size();
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * corpus.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["reports"] = static_cast<double>(corpus.size());
}

void BM_LibxmlHtmlParse(benchmark::State& state) {
  static const auto corpus = LoadCorpus({"html"}, {".html"});
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
  for (auto _ : state) {
    for (const auto& f : corpus) {
      xmlDoc* doc = htmlReadMemory(f.bytes.data(), static_cast<int>(f.bytes.size()), nullptr, nullptr, options);
      benchmark::DoNotOptimize(doc);
      xmlFreeDoc(doc);
    }
  }
  Count(state, corpus);
}
BENCHMARK(BM_LibxmlHtmlParse)->Unit(benchmark::kMillisecond);

void BM_XmllintCli(benchmark::State& state) {
  static const auto corpus = LoadCorpus({"html"}, {".html"});
  for (auto _ : state) {
    for (const auto& f : corpus) {
      const std::string cmd = "xmllint --html --noout '" + f.path + "' > /dev/null 2>&1";
      if (std::system(cmd.c_str()) == -1) state.SkipWithError("xmllint could not be run");
    }
  }
  Count(state, corpus);
}
BENCHMARK(BM_XmllintCli)->Unit(benchmark::kMillisecond);

void BM_DocxUnzipPugixml(benchmark::State& state) {
  static const auto corpus = LoadCorpus({"docx"}, {".docx"});
  for (auto _ : state) {
    for (const auto& f : corpus) {
      zip_error_t error;
      zip_error_init(&error);
      zip_source_t* src = zip_source_buffer_create(f.bytes.data(), f.bytes.size(), 0, &error);
      zip_t* archive = src ? zip_open_from_source(src, ZIP_RDONLY, &error) : nullptr;
      zip_error_fini(&error);
      if (archive == nullptr) {
        if (src) zip_source_free(src);
        state.SkipWithError("cannot open a DOCX fixture");
        return;
      }
      zip_stat_t st;
      zip_stat_init(&st);
      std::string xml;
      if (zip_stat(archive, "word/document.xml", 0, &st) == 0) {
        xml.resize(st.size);
        zip_file_t* part = zip_fopen(archive, "word/document.xml", 0);
        if (part != nullptr) {
          zip_fread(part, xml.data(), xml.size());
          zip_fclose(part);
        }
      }
      zip_discard(archive);
      pugi::xml_document doc;
      benchmark::DoNotOptimize(doc.load_buffer(xml.data(), xml.size()));
    }
  }
  Count(state, corpus);
}
BENCHMARK(BM_DocxUnzipPugixml)->Unit(benchmark::kMillisecond);

const Document& TraditionalPage() {
  static const Document doc = readers::ReadHtml(
      readers::LoadFile(std::string(GONGKAI_SOURCE_DIR) + "/tests/fixtures/html/005-duodao-2023-traditional.html"));
  return doc;
}

void BM_OpenCcT2s(benchmark::State& state) {
  const Document& doc = TraditionalPage();
  const opencc::SimpleConverter conv("t2s.json");
  for (auto _ : state) benchmark::DoNotOptimize(conv.Convert(doc.text));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * doc.text.size()));
}
BENCHMARK(BM_OpenCcT2s)->Unit(benchmark::kMillisecond);

void BM_Simplifier(benchmark::State& state) {
  const Document& page = TraditionalPage();
  const readers::Simplifier simplifier;
  for (auto _ : state) {
    Document doc = page;
    simplifier.Apply(doc);
    benchmark::DoNotOptimize(doc.text.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * page.text.size()));
}
BENCHMARK(BM_Simplifier)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace gongkai::bench
