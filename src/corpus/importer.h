// Batch import: files, folders and zip archives extracted and audited in
// parallel (one std::jthread per core), written to the store by one thread
// (the caller's) in transactions of a few hundred reports.
#ifndef GONGKAI_CORPUS_IMPORTER_H_
#define GONGKAI_CORPUS_IMPORTER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <functional>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"
#include "store/store.h"

namespace gongkai::corpus {

// One input: a file, or an entry of a zip archive.
struct ImportInput {
  std::string display;  // "dir/a.txt" or "reports.zip!/a.txt": recorded as source.path
  std::string file;     // the file on disk
  std::string entry;    // the zip entry, empty for a plain file
  // A file under a folder that is not read (not a report's type): recorded
  // as a failure with this reason, never dropped in silence.
  std::string skip_zh = {}, skip_en = {};
};

// Folders recursively (report files and .zip archives in them), zip archives
// entry by entry, other paths as they are (a missing one fails on import).
std::vector<ImportInput> ExpandImportInputs(const std::vector<std::string>& paths);

struct ImportProgress {
  std::size_t total = 0;     // inputs
  std::size_t done = 0;      // inputs processed (stored, skipped or failed)
  std::size_t stored = 0;    // new reports written
  std::size_t skipped = 0;   // content already in the store
  std::size_t failed = 0;    // files that could not be read
  double elapsed_s = 0;
  // Sizes of the inputs (files on disk, zip entries uncompressed): all, and
  // those processed. The time left is estimated from bytes, not files, so
  // that a batch of small text files does not promise "0 秒" while a large
  // scan is still being read.
  std::uint64_t bytes_total = 0;
  std::uint64_t bytes_done = 0;
  // The input being read for the longest time right now ("" if none) and
  // for how long: a slow file (a scan under OCR) is named while it holds
  // the batch up.
  std::string slowest;
  double slowest_s = 0;
  std::size_t working = 0;  // inputs being read right now
  // Seconds left: bytes not yet processed at the byte rate so far (which
  // falls while a slow file is in progress); empty while nothing is known.
  std::optional<double> SecondsLeft() const;
};

struct ImportOptions {
  unsigned threads = 0;           // 0: all cores
  std::size_t batch_size = 500;   // reports per transaction
  double max_batch_seconds = 1.0; // commit at least this often
  std::function<void(const ImportProgress&)> on_progress;  // called from the writer thread
  pipeline::Options pipeline;     // where the readers run (default: in process)
};

ImportProgress Import(store::Store& store, const std::vector<ImportInput>& inputs, const ImportOptions& options);

}  // namespace gongkai::corpus

#endif  // GONGKAI_CORPUS_IMPORTER_H_
