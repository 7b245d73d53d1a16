// One file through the whole pipeline: bytes → reader → Document → extract →
// audit → Report. Used by the CLI, and by batch import and the server later.
#ifndef GONGKAI_PIPELINE_PIPELINE_H_
#define GONGKAI_PIPELINE_PIPELINE_H_

#include <string>
#include <string_view>
#include <vector>

#include "extract/extract.h"
#include "readers/simplify.h"
#include "report/report.h"

namespace gongkai::pipeline {

// The pipeline with what it prepares once for every document (the
// extractor's label matchers; OpenCC's dictionaries, loaded on the first
// report in Traditional script). Immutable after construction but for that
// load, which is thread-safe: keep one for a batch, per worker thread or
// shared by them.
class Pipeline {
 public:
  // Reads and extracts `bytes` that came from `path` (the path is only recorded).
  // Throws readers::ReadError for input that is not a readable report.
  Report ProcessBytes(std::string_view bytes, const std::string& path) const;

  // Loads `path` and processes it. Throws readers::ReadError.
  Report ProcessFile(const std::string& path) const;

 private:
  extract::Extractor extractor_;
  readers::Simplifier simplifier_;
};

// The same with a fresh Pipeline per call (for one-off use; batches keep a
// Pipeline, which saves its set-up on every report).
Report ProcessBytes(std::string_view bytes, const std::string& path);
Report ProcessFile(const std::string& path);

// Expands folders (recursively) into the files in them that may be reports,
// sorted; files named explicitly are kept whatever their name.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs);

}  // namespace gongkai::pipeline

#endif  // GONGKAI_PIPELINE_PIPELINE_H_
