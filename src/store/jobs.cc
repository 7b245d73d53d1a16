#include "store/jobs.h"

#include "store/accounts.h"

namespace gongkai::store {

namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS import_jobs(
  id INTEGER PRIMARY KEY, state TEXT NOT NULL, by_user TEXT NOT NULL, created_at TEXT NOT NULL,
  started_at TEXT NOT NULL DEFAULT '', finished_at TEXT NOT NULL DEFAULT '', elapsed_s REAL NOT NULL DEFAULT 0,
  before_report_id INTEGER);
CREATE TABLE IF NOT EXISTS import_inputs(
  job_id INTEGER NOT NULL REFERENCES import_jobs(id), seq INTEGER NOT NULL, name TEXT NOT NULL,
  upload_sha256 TEXT NOT NULL, entry TEXT NOT NULL, sha256 TEXT NOT NULL, state TEXT NOT NULL,
  report_id INTEGER, reason_zh TEXT NOT NULL DEFAULT '', reason_en TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(job_id, seq)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS import_inputs_sha ON import_inputs(sha256);
)sql";

constexpr std::string_view kJobColumns =
    "SELECT j.id, j.state, j.by_user, j.created_at, j.started_at, j.finished_at, j.elapsed_s, j.before_report_id, "
    "(SELECT count(*) FROM import_inputs i WHERE i.job_id = j.id), "
    "(SELECT count(*) FROM import_inputs i WHERE i.job_id = j.id AND i.state <> 'pending'), "
    "(SELECT count(*) FROM import_inputs i WHERE i.job_id = j.id AND i.state = 'new'), "
    "(SELECT count(*) FROM import_inputs i WHERE i.job_id = j.id AND i.state = 'existing'), "
    "(SELECT count(*) FROM import_inputs i WHERE i.job_id = j.id AND i.state = 'failed') "
    "FROM import_jobs j ";

Job ReadJob(Statement& s) {
  Job j;
  j.id = s.Int(0);
  j.state = s.Text(1);
  j.by = s.Text(2);
  j.created_at = s.Text(3);
  j.started_at = s.Text(4);
  j.finished_at = s.Text(5);
  j.elapsed_s = s.Double(6);
  j.before_report_id = s.OptInt(7);
  j.files_total = s.Int(8);
  j.files_done = s.Int(9);
  j.reports_new = s.Int(10);
  j.reports_existing = s.Int(11);
  j.failed = s.Int(12);
  return j;
}

JobInput ReadInput(Statement& s) {
  JobInput in;
  in.seq = s.Int(0);
  in.name = s.Text(1);
  in.upload_sha256 = s.Text(2);
  in.entry = s.Text(3);
  in.sha256 = s.Text(4);
  in.state = s.Text(5);
  in.report_id = s.OptInt(6);
  in.reason_zh = s.Text(7);
  in.reason_en = s.Text(8);
  return in;
}

constexpr std::string_view kInputColumns =
    "SELECT seq, name, upload_sha256, entry, sha256, state, report_id, reason_zh, reason_en FROM import_inputs ";

}  // namespace

Jobs::Jobs(Database& db) : db_(db) {
  Transaction t(db_);
  db_.Exec(kSchema);
  t.Commit();
}

std::int64_t Jobs::Create(const std::string& by, const std::vector<JobInput>& inputs) {
  Transaction t(db_);
  db_.Prepare("INSERT INTO import_jobs(state, by_user, created_at) VALUES('queued', ?, ?)")
      .Bind(1, by)
      .Bind(2, NowUtc())
      .Run();
  const std::int64_t id = db_.LastInsertId();
  Statement ins = db_.Prepare(
      "INSERT INTO import_inputs(job_id, seq, name, upload_sha256, entry, sha256, state) "
      "VALUES(?, ?, ?, ?, ?, ?, 'pending')");
  std::int64_t seq = 0;
  for (const JobInput& in : inputs) {
    ins.Bind(1, id).Bind(2, seq++).Bind(3, in.name).Bind(4, in.upload_sha256).Bind(5, in.entry).Bind(6, in.sha256);
    ins.Run();
  }
  t.Commit();
  return id;
}

std::optional<Job> Jobs::Get(std::int64_t id) {
  Statement s = db_.Prepare(std::string(kJobColumns) + "WHERE j.id = ?");
  s.Bind(1, id);
  if (!s.Step()) return std::nullopt;
  return ReadJob(s);
}

std::vector<Job> Jobs::List() {
  std::vector<Job> out;
  Statement s = db_.Prepare(std::string(kJobColumns) + "ORDER BY j.id DESC");
  while (s.Step()) out.push_back(ReadJob(s));
  return out;
}

std::vector<std::int64_t> Jobs::Unfinished() {
  std::vector<std::int64_t> out;
  Statement s = db_.Prepare("SELECT id FROM import_jobs WHERE state <> 'done' ORDER BY id");
  while (s.Step()) out.push_back(s.Int(0));
  return out;
}

std::vector<JobInput> Jobs::Inputs(std::int64_t id) {
  std::vector<JobInput> out;
  Statement s = db_.Prepare(std::string(kInputColumns) + "WHERE job_id = ? ORDER BY seq");
  s.Bind(1, id);
  while (s.Step()) out.push_back(ReadInput(s));
  return out;
}

void Jobs::Start(std::int64_t id, std::int64_t before_report_id) {
  db_.Prepare(
         "UPDATE import_jobs SET state = 'running', before_report_id = coalesce(before_report_id, ?), "
         "started_at = CASE WHEN started_at = '' THEN ? ELSE started_at END WHERE id = ?")
      .Bind(1, before_report_id)
      .Bind(2, NowUtc())
      .Bind(3, id)
      .Run();
}

void Jobs::SetInputs(std::int64_t id, const std::vector<JobInput>& done, double elapsed_s) {
  Transaction t(db_);
  Statement s = db_.Prepare(
      "UPDATE import_inputs SET state = ?, report_id = ?, reason_zh = ?, reason_en = ? WHERE job_id = ? AND seq = ?");
  for (const JobInput& in : done) {
    s.Bind(1, in.state).Bind(2, in.report_id).Bind(3, in.reason_zh).Bind(4, in.reason_en).Bind(5, id).Bind(6, in.seq);
    s.Run();
  }
  db_.Prepare("UPDATE import_jobs SET elapsed_s = ? WHERE id = ?").Bind(1, elapsed_s).Bind(2, id).Run();
  t.Commit();
}

void Jobs::Finish(std::int64_t id, double elapsed_s) {
  db_.Prepare("UPDATE import_jobs SET state = 'done', finished_at = ?, elapsed_s = ? WHERE id = ?")
      .Bind(1, NowUtc())
      .Bind(2, elapsed_s)
      .Bind(3, id)
      .Run();
}

std::optional<JobInput> Jobs::FindBySha(const std::string& sha256) {
  Statement s = db_.Prepare(std::string(kInputColumns) + "WHERE sha256 = ? LIMIT 1");
  s.Bind(1, sha256);
  if (!s.Step()) return std::nullopt;
  return ReadInput(s);
}

}  // namespace gongkai::store
