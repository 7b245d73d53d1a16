// Reading under enforced budgets: the readers run in a worker process, a copy
// of the program started with kWorkerArg, that limits its own address space
// with setrlimit(RLIMIT_AS) and is killed by its parent when a file takes
// longer than the deadline. A file over either budget fails with a ReadError
// naming the budget; the next file gets a fresh worker. The worker's stderr
// (poppler's "Bogus memory allocation size", libpng and leptonica warnings)
// is caught by the parent and reported with the file it came from, never
// printed bare.
//
// Request and reply go over one Unix socket (the worker's fd 0): the format
// and bytes of one file in, the Document (or the reader's ReadError) out.
#ifndef GONGKAI_PIPELINE_WORKER_H_
#define GONGKAI_PIPELINE_WORKER_H_

#include <sys/types.h>

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"
#include "readers/budget.h"
#include "readers/reader.h"

namespace gongkai::pipeline {

// The first argument that makes the program a reading worker (main() hands
// it to RunWorker before parsing its command line).
inline constexpr std::string_view kWorkerArg = "__read-worker";

struct Limits {
  std::size_t memory_bytes = readers::budget::kWorkerMemoryBytes;  // RLIMIT_AS of the worker
  double seconds = readers::budget::kSecondsPerFile;                // wall-clock time per file
};

// A Document as bytes and back (the pipe's format; not a file format).
// DecodeDocument throws std::runtime_error on bytes EncodeDocument did not
// write.
std::string EncodeDocument(const Document& doc);
Document DecodeDocument(std::string_view bytes);

// The worker's side: `argv` as main() got it (argv[1] == kWorkerArg, argv[2]
// the memory limit in bytes). Serves requests on fd 0 until it is closed and
// returns the exit status.
int RunWorker(int argc, char** argv);

// One worker process, serving one file at a time. Not thread-safe; a
// WorkerPool hands workers to threads.
class Worker {
 public:
  // Starts `program` as a worker (throws std::runtime_error if it cannot).
  Worker(const std::string& program, const Limits& limits);
  ~Worker();  // closes the socket and reaps the child
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Reads `bytes` with the reader of `format` (readers::ReadAs) in the worker.
  // Throws ReadError: the reader's own, or one naming the budget the file
  // went over. After a throw for a budget the worker is gone (alive() false).
  Document Read(std::string_view bytes, readers::Format format);
  bool alive() const { return pid_ > 0; }

 private:
  void Kill();
  Limits limits_;
  pid_t pid_ = -1;
  int socket_ = -1;
  int stderr_ = -1;
  std::string stderr_text_;  // what the worker printed while reading the current file
};

// Workers for any number of threads: Read takes an idle worker (or starts
// one), reads, and gives it back. Thread-safe.
class WorkerPool {
 public:
  WorkerPool(std::string program, Limits limits) : program_(std::move(program)), limits_(limits) {}
  Document Read(std::string_view bytes, readers::Format format) const;
  const Limits& limits() const { return limits_; }

 private:
  std::string program_;
  Limits limits_;
  mutable std::mutex mu_;
  mutable std::vector<std::unique_ptr<Worker>> idle_;
};

// This program's own path (/proc/self/exe resolved), for Options::Isolated.
std::string SelfProgram();

}  // namespace gongkai::pipeline

#endif  // GONGKAI_PIPELINE_WORKER_H_
