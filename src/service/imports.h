// Background imports of the server: uploaded files are kept in a folder
// beside the store under their SHA-256 (never the user's file name), a job
// with one input per file or zip entry is recorded in the store
// (store/jobs.h), and one runner thread imports queued jobs through the same
// pipeline as `gongkai import` (corpus::Import, on all cores), a chunk of
// inputs at a time, recording each input's outcome after each chunk. A job
// left unfinished by a stop or a crash resumes on the next Start(): inputs
// already done are not imported again, and import is idempotent by content
// hash, so nothing is lost or counted twice.
//
// Zip entries are read in memory by libzip; nothing of an archive is ever
// written to disk but the archive itself.
//
// Thread-safety: Submit() may be called from any thread (with that thread's
// Backend); Start() and Stop() from the owner.
#ifndef GONGKAI_SERVICE_IMPORTS_H_
#define GONGKAI_SERVICE_IMPORTS_H_

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/pipeline.h"
#include "service/api.h"

namespace gongkai::service {

struct Upload {
  std::string name;   // as the client called it: text only
  std::string bytes;
};

class ImportRunner {
 public:
  // `threads` 0: all cores. `chunk`: inputs per corpus::Import call.
  // `reading`: where the readers run; the server passes
  // pipeline::Options::Isolated(limits), so an upload is read in a worker
  // process under the same per-file budgets as `gongkai import`.
  ImportRunner(std::string db_path, std::string uploads_dir, unsigned threads = 0, std::size_t chunk = 32,
               pipeline::Options reading = {});
  ~ImportRunner();
  ImportRunner(const ImportRunner&) = delete;
  ImportRunner& operator=(const ImportRunner&) = delete;

  // Keeps the uploads, records a queued job and wakes the runner. Throws
  // UserError (400) without a file.
  std::int64_t Submit(Backend& b, const std::string& by, const std::vector<Upload>& uploads);

  // Queues the unfinished jobs of the store and starts the runner thread.
  void Start();
  // Stops after the chunk in progress (the job resumes on the next Start).
  void Stop();

  const std::string& uploads_dir() const { return uploads_dir_; }

 private:
  void Run(std::stop_token stop);
  // False if stopped before the job was done.
  bool RunJob(Backend& b, std::int64_t id, std::stop_token stop);

  const std::string db_path_;
  const std::string uploads_dir_;
  const unsigned threads_;
  const std::size_t chunk_;
  const pipeline::Options reading_;
  std::mutex mu_;
  std::condition_variable_any cv_;
  std::deque<std::int64_t> queue_;  // guarded by mu_
  std::jthread thread_;
};

// A name a client gave, made safe to show and store: the last path
// component, control characters removed, at most 200 bytes of UTF-8.
std::string CleanName(std::string_view name);

}  // namespace gongkai::service

#endif  // GONGKAI_SERVICE_IMPORTS_H_
