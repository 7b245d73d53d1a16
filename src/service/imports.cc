#include "service/imports.h"

#include <zip.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_map>

#include "corpus/importer.h"
#include "readers/reader.h"
#include "service/corpus.h"
#include "util/sha256.h"

namespace gongkai::service {

namespace {

constexpr std::size_t kMaxZipEntries = 20000;

bool IsZip(std::string_view name, std::string_view bytes) {
  if (bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    // A DOCX is a zip too: only a .zip name is an archive of reports.
    std::string lower(name);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower.ends_with(".zip");
  }
  return false;
}

// Writes `bytes` as dir/<sha>, atomically (temporary file, then rename).
void Keep(const std::string& dir, const std::string& sha, const std::string& bytes) {
  const std::filesystem::path target = std::filesystem::path(dir) / sha;
  std::error_code ec;
  if (std::filesystem::exists(target, ec)) return;
  const std::filesystem::path tmp = std::filesystem::path(dir) / (sha + ".part");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) throw std::runtime_error("cannot write an uploaded file to " + dir);
  }
  std::filesystem::rename(tmp, target);
}

// The entries of a zip with their hashes (read in memory; an entry too
// large or unreadable gets no hash and fails on import with its reason).
std::vector<store::JobInput> ZipInputs(const std::string& path, const std::string& zip_name,
                                       const std::string& upload_sha) {
  std::vector<store::JobInput> out;
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (!z) {
    out.push_back({0, zip_name, upload_sha, "", upload_sha, "pending", std::nullopt, "", ""});
    return out;
  }
  const zip_int64_t n = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < n && out.size() < kMaxZipEntries; ++i) {
    const char* name = zip_get_name(z, static_cast<zip_uint64_t>(i), 0);
    if (!name || !*name || name[std::strlen(name) - 1] == '/') continue;
    store::JobInput in;
    // Keep the entry's folders in what the user sees (text only).
    in.name = zip_name + "!/" + std::string(name).substr(0, 400);
    for (char& c : in.name) {
      if (static_cast<unsigned char>(c) < 0x20) c = '_';
    }
    in.upload_sha256 = upload_sha;
    in.entry = name;
    zip_stat_t st;
    if (zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st) == 0 && st.size <= readers::kMaxFileBytes) {
      if (zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0)) {
        std::string bytes(static_cast<std::size_t>(st.size), '\0');
        const zip_int64_t got = zip_fread(f, bytes.data(), st.size);
        zip_fclose(f);
        if (got >= 0 && static_cast<zip_uint64_t>(got) == st.size) {
          in.sha256 = Sha256Hex(bytes);
          // Taken as `gongkai import` takes an archive's entries: by name or
          // content; anything else is listed with its reason, not read.
          pipeline::Skipped why;
          if (!pipeline::IsReportFile(in.name, std::string_view(bytes).substr(0, 64 * 1024), why)) {
            in.state = "failed";
            in.reason_zh = std::move(why.zh);
            in.reason_en = std::move(why.en);
          }
        }
      }
    }
    out.push_back(std::move(in));
  }
  zip_discard(z);
  return out;
}

std::int64_t MaxReportId(store::Database& db) {
  store::Statement s = db.Prepare("SELECT coalesce(max(id), 0) FROM reports");
  s.Step();
  return s.Int(0);
}

}  // namespace

std::string CleanName(std::string_view name) {
  const auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (char c : name) {
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out += c;
  }
  if (out.size() > 200) {
    std::size_t cut = 200;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // whole code points
    out.resize(cut);
  }
  if (out.empty() || out == "." || out == "..") out = "upload";
  return out;
}

ImportRunner::ImportRunner(std::string db_path, std::string uploads_dir, unsigned threads, std::size_t chunk,
                           pipeline::Options reading)
    : db_path_(std::move(db_path)),
      uploads_dir_(std::move(uploads_dir)),
      threads_(threads),
      chunk_(chunk),
      reading_(std::move(reading)) {
  std::filesystem::create_directories(uploads_dir_);
}

ImportRunner::~ImportRunner() { Stop(); }

std::int64_t ImportRunner::Submit(Backend& b, const std::string& by, const std::vector<Upload>& uploads) {
  if (uploads.empty()) {
    throw UserError(400, "no_files", "请求中没有文件（multipart 字段 files）", "no files in the request (multipart field files)");
  }
  std::vector<store::JobInput> inputs;
  for (const Upload& u : uploads) {
    const std::string name = CleanName(u.name);
    const std::string sha = Sha256Hex(u.bytes);
    Keep(uploads_dir_, sha, u.bytes);
    if (IsZip(name, u.bytes)) {
      for (auto& in : ZipInputs((std::filesystem::path(uploads_dir_) / sha).string(), name, sha)) {
        inputs.push_back(std::move(in));
      }
    } else {
      inputs.push_back({0, name, sha, "", sha, "pending", std::nullopt, "", ""});
    }
  }
  const std::int64_t id = b.jobs.Create(by, inputs);
  b.accounts.Log(by, "import", "import " + std::to_string(id) + ": " + std::to_string(uploads.size()) + " file(s), " +
                                   std::to_string(inputs.size()) + " input(s)");
  {
    std::lock_guard lock(mu_);
    queue_.push_back(id);
  }
  cv_.notify_all();
  return id;
}

void ImportRunner::Start() {
  {
    Backend b(db_path_);
    std::lock_guard lock(mu_);
    for (std::int64_t id : b.jobs.Unfinished()) queue_.push_back(id);
  }
  thread_ = std::jthread([this](std::stop_token stop) { Run(stop); });
}

void ImportRunner::Stop() {
  if (thread_.joinable()) {
    thread_.request_stop();
    cv_.notify_all();
    thread_.join();
  }
}

void ImportRunner::Run(std::stop_token stop) {
  Backend b(db_path_);
  while (!stop.stop_requested()) {
    std::int64_t id = 0;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, stop, [&] { return !queue_.empty(); });
      if (stop.stop_requested()) return;
      id = queue_.front();
      queue_.pop_front();
    }
    try {
      if (!RunJob(b, id, stop)) return;
    } catch (const std::exception& e) {
      // The job stays unfinished and resumes on the next start.
      std::fprintf(stderr, "导入任务 %lld 出错 / import job %lld failed: %s\n", static_cast<long long>(id),
                   static_cast<long long>(id), e.what());
    }
  }
}

bool ImportRunner::RunJob(Backend& b, std::int64_t id, std::stop_token stop) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto job = b.jobs.Get(id);
  if (!job || job->state == "done") return true;
  b.jobs.Start(id, MaxReportId(b.store.db()));
  const std::int64_t before = b.jobs.Get(id)->before_report_id.value_or(0);
  const double elapsed_before = job->elapsed_s;
  auto elapsed = [&] { return elapsed_before + std::chrono::duration<double>(Clock::now() - start).count(); };

  std::vector<store::JobInput> inputs = b.jobs.Inputs(id);
  std::set<std::int64_t> counted;  // reports already counted new in this job
  for (const auto& in : inputs) {
    if (in.state == "new" && in.report_id) counted.insert(*in.report_id);
  }
  std::vector<store::JobInput*> pending;
  for (auto& in : inputs) {
    if (in.state == "pending") pending.push_back(&in);
  }
  store::Statement find_report = b.store.db().Prepare("SELECT id FROM reports WHERE sha256 = ?");
  store::Statement find_failure = b.store.db().Prepare(
      "SELECT reason_zh, reason_en FROM failures WHERE path = ? AND sha256 = ? ORDER BY id DESC LIMIT 1");
  for (std::size_t at = 0; at < pending.size(); at += chunk_) {
    if (stop.stop_requested()) return false;
    const std::size_t end = std::min(pending.size(), at + chunk_);
    std::vector<corpus::ImportInput> chunk;
    for (std::size_t i = at; i < end; ++i) {
      const store::JobInput& in = *pending[i];
      chunk.push_back({in.name, (std::filesystem::path(uploads_dir_) / in.upload_sha256).string(), in.entry});
    }
    corpus::ImportOptions options;
    options.threads = threads_;
    options.pipeline = reading_;
    corpus::Import(b.store, chunk, options);
    std::vector<store::JobInput> done;
    for (std::size_t i = at; i < end; ++i) {
      store::JobInput& in = *pending[i];
      std::optional<std::int64_t> report;
      if (!in.sha256.empty()) {
        find_report.Bind(1, in.sha256);
        if (find_report.Step()) report = find_report.Int(0);
        find_report.Reset();
      }
      if (report) {
        in.report_id = report;
        in.state = *report > before && counted.insert(*report).second ? "new" : "existing";
      } else {
        in.state = "failed";
        find_failure.Bind(1, in.name).Bind(2, in.sha256);
        if (find_failure.Step()) {
          in.reason_zh = find_failure.Text(0);
          in.reason_en = find_failure.Text(1);
        } else {
          in.reason_zh = "未能导入";
          in.reason_en = "could not be imported";
        }
        find_failure.Reset();
      }
      done.push_back(in);
    }
    b.jobs.SetInputs(id, done, elapsed());
  }
  b.jobs.Finish(id, elapsed());
  return true;
}

}  // namespace gongkai::service
