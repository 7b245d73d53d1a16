// Reading report files without a store (gongkai extract, gongkai check): the
// pipeline over each file, the reader's reasons for files it cannot read,
// cross-year rules among the inputs, and the figures the summaries print.
#ifndef GONGKAI_SERVICE_FILES_H_
#define GONGKAI_SERVICE_FILES_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"
#include "report/report.h"

namespace gongkai::service {

// One input file: its report, or why it could not be read (zh + en).
struct FileResult {
  std::string path;
  std::optional<Report> report;
  std::string error_zh, error_en;
};

// The files under `inputs` (files and folders), in order. Files under a
// folder that are not read (not a report's type) go to `skipped` with their
// reason, so that the caller lists them: nothing is skipped in silence.
std::vector<std::string> ExpandFiles(const std::vector<std::string>& inputs, std::vector<FileResult>* skipped = nullptr);

// The count line of a batch, e.g. "12 个文件：10 份报告，2 个无法读取" (and
// "，3 个不是报告文件（未读取）" when files were skipped), with the English
// after " / ".
std::string BatchCounts(std::size_t reports, std::size_t unreadable, std::size_t skipped);

// Runs the pipeline (built once, with `options`: the commands pass
// pipeline::Options::Isolated(limits), so every file is read in a worker
// process under its memory and time budgets) over each file and hands the
// result to `each` before reading the next, so a batch never holds every
// report. A file over a budget is a FileResult with the budget's reason.
void ProcessEach(const std::vector<std::string>& files, const pipeline::Options& options,
                 const std::function<void(FileResult&)>& each);

// Every report, then the cross-year rules for each report that has last
// year's report of the same agency among them (gongkai check).
std::vector<FileResult> CheckFiles(const std::vector<std::string>& files, const pipeline::Options& options);

struct FindingCounts {
  int error = 0, warning = 0, info = 0;
};
FindingCounts CountFindings(const Report& r);

// Table cells that were read as a number.
int CellsRead(const Report& r);

}  // namespace gongkai::service

#endif  // GONGKAI_SERVICE_FILES_H_
