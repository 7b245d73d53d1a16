// Import jobs of the server, kept in the store so that a job survives a
// restart: the job, and each of its inputs (an uploaded file, or one entry
// of an uploaded zip archive) with its state. Uploaded bytes are kept by the
// server in a folder beside the store, named by their SHA-256 (never by the
// user's file name). Tables (created if missing):
//   import_jobs(id, state, by_user, created_at, started_at, finished_at,
//               elapsed_s, before_report_id)
//               state queued | running | done; before_report_id: the largest
//               report id when the job first started (reports after it that
//               an input produced are the job's new reports)
//   import_inputs(job_id, seq, name, upload_sha256, entry, sha256, state,
//               report_id, reason_zh, reason_en)
//               state pending | new | existing | failed
//
// Thread-safety: one thread at a time per object (it shares its owner's
// Database).
#ifndef GONGKAI_STORE_JOBS_H_
#define GONGKAI_STORE_JOBS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite.h"

namespace gongkai::store {

struct JobInput {
  std::int64_t seq = 0;
  std::string name;           // what the user called it ("a.zip!/b.pdf"): text only, never a path
  std::string upload_sha256;  // the uploaded file it is, or is an entry of
  std::string entry;          // the zip entry, empty for a plain file
  std::string sha256;         // of its own bytes
  std::string state = "pending";
  std::optional<std::int64_t> report_id;
  std::string reason_zh, reason_en;
};

struct Job {
  std::int64_t id = 0;
  std::string state = "queued";
  std::string by;
  std::string created_at, started_at, finished_at;
  double elapsed_s = 0;
  std::optional<std::int64_t> before_report_id;
  // Counts over the inputs.
  std::int64_t files_total = 0, files_done = 0, reports_new = 0, reports_existing = 0, failed = 0;
};

class Jobs {
 public:
  explicit Jobs(Database& db);  // creates the tables if missing

  // A queued job with its inputs, in one transaction.
  std::int64_t Create(const std::string& by, const std::vector<JobInput>& inputs);
  std::optional<Job> Get(std::int64_t id);
  std::vector<Job> List();                   // newest first
  std::vector<std::int64_t> Unfinished();    // queued or running, oldest first
  std::vector<JobInput> Inputs(std::int64_t id);
  // Marks the job running; keeps before_report_id of a first start.
  void Start(std::int64_t id, std::int64_t before_report_id);
  // The outcome of inputs, in one transaction.
  void SetInputs(std::int64_t id, const std::vector<JobInput>& done, double elapsed_s);
  void Finish(std::int64_t id, double elapsed_s);
  // An input whose bytes are `sha256` (the first imported), to serve the
  // source of a report.
  std::optional<JobInput> FindBySha(const std::string& sha256);

 private:
  Database& db_;
};

}  // namespace gongkai::store

#endif  // GONGKAI_STORE_JOBS_H_
