// One file through the whole pipeline: bytes → reader → Document → extract →
// audit → Report. Used by the CLI, and by batch import and the server later.
#ifndef GONGKAI_PIPELINE_PIPELINE_H_
#define GONGKAI_PIPELINE_PIPELINE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.h"
#include "pipeline/worker.h"
#include "readers/pdf.h"
#include "readers/simplify.h"
#include "report/report.h"

namespace gongkai::pipeline {

// Where the readers run. By default in this process, bounded only by the
// readers' own caps (sizes, pages, pixels: readers/budget.h). With a
// `worker` program, in worker processes under `limits` (memory and time per
// file, enforced: worker.h); the commands of the CLI read that way.
struct Options {
  std::string worker;  // program to run as the reading worker; empty: read in process
  Limits limits;
  // This program as the worker (its main() must hand kWorkerArg to RunWorker).
  static Options Isolated(const Limits& limits = {}) { return Options{SelfProgram(), limits}; }
};

// The pipeline with what it prepares once for every document (the
// extractor's label matchers; OpenCC's dictionaries, loaded on the first
// report in Traditional script; poppler's parameters, readers::PdfSession,
// when it reads in process). Immutable after construction but for that
// load, which is thread-safe: keep one for a batch, per worker thread or
// shared by them.
class Pipeline {
 public:
  Pipeline() = default;
  explicit Pipeline(const Options& options);

  // Reads and extracts `bytes` that came from `path` (the path is only recorded).
  // Throws readers::ReadError for input that is not a readable report: over
  // a budget, unreadable, or read but without the evidence of a report
  // (NotAReport).
  Report ProcessBytes(std::string_view bytes, const std::string& path) const;

  // Loads `path` and processes it. Throws readers::ReadError.
  Report ProcessFile(const std::string& path) const;

 private:
  extract::Extractor extractor_;
  readers::Simplifier simplifier_;
  readers::PdfSession pdf_session_;
  std::unique_ptr<WorkerPool> workers_;  // null: read in process
};

// The minimum of evidence that `r` is an annual report, before anything is
// stored: one of the form's tables (二, 三, 四), or two of its section
// headings, or a year and an agency with one heading. Throws a ReadError
// saying what is missing otherwise (random bytes, a lone newline, a page of
// something else).
void CheckEvidence(const Report& r);

// The same with a fresh Pipeline per call (for one-off use; batches keep a
// Pipeline, which saves its set-up on every report).
Report ProcessBytes(std::string_view bytes, const std::string& path);
Report ProcessFile(const std::string& path);

// A file under a folder that is not read, and why (zh + en).
struct Skipped {
  std::string path;
  std::string zh, en;
};

// Expands folders (recursively) into the files in them that may be reports,
// sorted; files named explicitly are kept whatever their name. Nothing under
// a folder is dropped in silence: a file is taken when its name says a report
// format (.txt .html .pdf .docx .doc .wps .xlsx .xls .et .ofd, images, ...) or
// its content does (a PDF, an office file, an OFD or an HTML page under any
// name); every other file goes to `skipped` (when given) with its reason.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs, std::vector<Skipped>* skipped = nullptr);

// The same choice for one file given by its name and first bytes (up to 64
// KB), as for a zip archive's entry ("a.zip!/说明.txt"): true when it is
// read as a report; otherwise `why` says why not (its path is `display`).
bool IsReportFile(const std::string& display, std::string_view head, Skipped& why);

}  // namespace gongkai::pipeline

#endif  // GONGKAI_PIPELINE_PIPELINE_H_
