#include "corpus/importer.h"

#include <zip.h>

#include <algorithm>
#include <cstring>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>
#include <variant>

#include "corpus/writer.h"
#include "pipeline/pipeline.h"
#include "readers/budget.h"
#include "readers/reader.h"
#include "util/sha256.h"

namespace gongkai::corpus {

namespace {

bool HasZipExtension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".zip";
}

// A zip archive open for reading, owned by one worker (libzip handles are not
// shared between threads).
class ZipArchive {
 public:
  explicit ZipArchive(const std::string& path) : path_(path) {
    int err = 0;
    zip_ = zip_open(path.c_str(), ZIP_RDONLY, &err);
  }
  ~ZipArchive() {
    if (zip_) zip_discard(zip_);
  }
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;
  const std::string& path() const { return path_; }
  zip_t* get() const { return zip_; }

  std::vector<std::string> Entries() const {
    std::vector<std::string> out;
    if (!zip_) return out;
    const zip_int64_t n = zip_get_num_entries(zip_, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
      const char* name = zip_get_name(zip_, static_cast<zip_uint64_t>(i), 0);
      if (name && *name && name[std::strlen(name) - 1] != '/') out.emplace_back(name);
    }
    return out;
  }

  // The first `n` bytes of an entry (fewer if it is shorter).
  std::string ReadHead(const std::string& entry, std::size_t n) const {
    if (!zip_) throw readers::ReadError("无法打开压缩包", "cannot open the zip archive");
    zip_file_t* f = zip_fopen(zip_, entry.c_str(), 0);
    if (!f) throw readers::ReadError("压缩包中的文件无法打开", "cannot open the zip entry");
    std::string head(n, '\0');
    const zip_int64_t got = zip_fread(f, head.data(), n);
    zip_fclose(f);
    if (got < 0) throw readers::ReadError("压缩包中的文件无法读取", "cannot read the zip entry");
    head.resize(static_cast<std::size_t>(got));
    return head;
  }
  std::string Read(const std::string& entry) const {
    if (!zip_) throw readers::ReadError("无法打开压缩包", "cannot open the zip archive");
    zip_stat_t st;
    if (zip_stat(zip_, entry.c_str(), 0, &st) != 0) {
      throw readers::ReadError("压缩包中没有此文件", "no such entry in the zip archive");
    }
    if (st.size > readers::kMaxFileBytes) {
      throw readers::budget::OverBudget("压缩包中文件解压后的大小", "size of the zip entry once inflated",
                                        readers::budget::Bytes(static_cast<std::size_t>(st.size)),
                                        readers::budget::Bytes(readers::kMaxFileBytes));
    }
    zip_file_t* f = zip_fopen(zip_, entry.c_str(), 0);
    if (!f) throw readers::ReadError("无法解压（加密或损坏）", "cannot decompress (encrypted or corrupt)");
    std::string bytes(static_cast<std::size_t>(st.size), '\0');
    const zip_int64_t got = zip_fread(f, bytes.data(), st.size);
    zip_fclose(f);
    if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) {
      throw readers::ReadError("解压失败（压缩包损坏）", "decompression failed (corrupt archive)");
    }
    return bytes;
  }

 private:
  std::string path_;
  zip_t* zip_ = nullptr;
};

void AddArchive(const std::string& path, std::vector<ImportInput>& out) {
  const ZipArchive z(path);
  if (!z.get()) {
    out.push_back({path, path, ""});  // fails on import with the reader's reason
    return;
  }
  for (const std::string& e : z.Entries()) {
    // An entry is taken as a folder's file is: by its name or its first
    // bytes; anything else (说明.txt, macOS's __MACOSX/._ files, a spreadsheet
    // of contacts...) is listed with its reason. An entry that cannot even
    // be read is taken, and fails on import with the reason.
    const std::string display = path + "!/" + e;
    pipeline::Skipped why;
    std::string head;
    try {
      head = z.ReadHead(e, 64 * 1024);
    } catch (const std::exception&) {
      out.push_back({display, path, e});
      continue;
    }
    if (pipeline::IsReportFile(display, head, why)) {
      out.push_back({display, path, e});
    } else {
      out.push_back({display, path, e, std::move(why.zh), std::move(why.en)});
    }
  }
}

struct Item {
  std::size_t index = 0;  // of the input
  std::optional<Report> report;
  std::optional<store::Failure> failure;
  bool skipped = false;
};

// A bounded queue between the workers and the writer: the workers wait when
// the writer falls behind, so memory stays flat however many files there are.
class Queue {
 public:
  explicit Queue(std::size_t capacity) : capacity_(capacity) {}
  void Push(Item item) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return items_.size() < capacity_; });
    items_.push_back(std::move(item));
    not_empty_.notify_one();
  }
  // Waits up to `timeout` for items; takes all there are.
  std::vector<Item> PopAll(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    not_empty_.wait_for(lock, timeout, [&] { return !items_.empty(); });
    std::vector<Item> out(std::make_move_iterator(items_.begin()), std::make_move_iterator(items_.end()));
    items_.clear();
    not_full_.notify_all();
    return out;
  }

 private:
  std::size_t capacity_;
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Item> items_;
};

Item ProcessOne(const pipeline::Pipeline& pipe, const ImportInput& in,
                const std::unordered_set<std::string>& known, std::optional<ZipArchive>& zip) {
  Item item;
  std::string sha;
  if (!in.skip_zh.empty()) {
    item.failure = store::Failure{in.display, sha, in.skip_zh, in.skip_en};
    return item;
  }
  try {
    std::string bytes;
    if (in.entry.empty()) {
      bytes = readers::LoadFile(in.file);
    } else {
      if (!zip || zip->path() != in.file) zip.emplace(in.file);
      bytes = zip->Read(in.entry);
    }
    sha = Sha256Hex(bytes);
    if (known.contains(sha)) {
      item.skipped = true;
      return item;
    }
    Report r = pipe.ProcessBytes(bytes, in.display);
    // The store keeps sections, cells and findings, not the text: dropping
    // it here keeps the queue small.
    std::string().swap(r.text);
    r.narrative.clear();
    item.report = std::move(r);
  } catch (const readers::ReadError& e) {
    item.failure = store::Failure{in.display, sha, e.zh(), e.en()};
  } catch (const std::exception& e) {
    item.failure = store::Failure{in.display, sha, std::string("处理失败：") + e.what(), e.what()};
  }
  return item;
}

}  // namespace

std::vector<ImportInput> ExpandImportInputs(const std::vector<std::string>& paths) {
  std::vector<ImportInput> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<pipeline::Skipped> skipped;
      for (const std::string& f : pipeline::ExpandInputs({p}, &skipped)) out.push_back({f, f, ""});
      std::vector<std::string> zips;  // read entry by entry below
      for (pipeline::Skipped& s : skipped) {
        if (HasZipExtension(s.path)) {
          zips.push_back(s.path);
        } else {
          out.push_back({s.path, s.path, "", std::move(s.zh), std::move(s.en)});
        }
      }
      std::sort(zips.begin(), zips.end());
      for (const std::string& z : zips) AddArchive(z, out);
    } else if (HasZipExtension(p)) {
      AddArchive(p, out);
    } else {
      out.push_back({p, p, ""});
    }
  }
  return out;
}

std::optional<double> ImportProgress::SecondsLeft() const {
  if (done >= total) return 0.0;
  if (elapsed_s < 1) return std::nullopt;
  if (bytes_total > 0 && bytes_done > 0) {
    const double rate = static_cast<double>(bytes_done) / elapsed_s;
    return static_cast<double>(bytes_total - std::min(bytes_done, bytes_total)) / rate;
  }
  if (done == 0) return std::nullopt;
  return static_cast<double>(total - done) * elapsed_s / static_cast<double>(done);
}

ImportProgress Import(store::Store& store, const std::vector<ImportInput>& inputs, const ImportOptions& options) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const std::unordered_set<std::string> known = store.KnownHashes();
  ImportProgress progress;
  progress.total = inputs.size();
  // Sizes, for the estimate of the time left (a stat per file; zip entries
  // from the archive's directory).
  std::vector<std::uint64_t> sizes(inputs.size(), 0);
  {
    std::optional<ZipArchive> zip;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const ImportInput& in = inputs[i];
      std::error_code ec;
      if (in.entry.empty()) {
        const auto n = std::filesystem::file_size(in.file, ec);
        sizes[i] = ec ? 0 : static_cast<std::uint64_t>(n);
      } else {
        if (!zip || zip->path() != in.file) zip.emplace(in.file);
        zip_stat_t st;
        if (zip->get() && zip_stat(zip->get(), in.entry.c_str(), 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
          sizes[i] = st.size;
        }
      }
      progress.bytes_total += sizes[i];
    }
  }

  const unsigned threads =
      std::max(1u, options.threads ? options.threads : std::thread::hardware_concurrency());
  Queue queue(std::max<std::size_t>(64, options.batch_size));
  std::atomic<std::size_t> next{0};
  std::atomic<unsigned> running{threads};
  // What each worker reads now (input index + 1, 0 when idle) and since when.
  std::vector<std::atomic<std::size_t>> reading(threads);
  std::vector<std::atomic<std::int64_t>> reading_since(threads);
  for (auto& r : reading) r = 0;
  // Immutable once built (label matchers, marker keys): shared by the workers.
  const pipeline::Pipeline pipe(options.pipeline);
  {
    std::vector<std::jthread> workers;
    for (unsigned t = 0; t < threads; ++t) {
      workers.emplace_back([&, t](std::stop_token stop) {
        std::optional<ZipArchive> zip;
        for (std::size_t i; !stop.stop_requested() && (i = next.fetch_add(1)) < inputs.size();) {
          reading_since[t] = Clock::now().time_since_epoch().count();
          reading[t] = i + 1;
          Item item = ProcessOne(pipe, inputs[i], known, zip);
          reading[t] = 0;
          item.index = i;
          queue.Push(std::move(item));
        }
        --running;
      });
    }

    Writer writer(store);
    std::vector<Report> batch;
    std::vector<store::Failure> failures;
    auto last_commit = Clock::now();
    auto last_progress = Clock::time_point{};
    auto flush = [&] {
      if (batch.empty() && failures.empty()) return;
      const store::WriteResult w = writer.Write(batch, failures);
      progress.stored += static_cast<std::size_t>(w.inserted);
      progress.skipped += static_cast<std::size_t>(w.duplicates);
      progress.failed += static_cast<std::size_t>(w.failures);
      batch.clear();
      failures.clear();
      last_commit = Clock::now();
    };
    try {
      while (progress.done < progress.total) {
        for (Item& item : queue.PopAll(std::chrono::milliseconds(200))) {
          ++progress.done;
          if (item.index < sizes.size()) progress.bytes_done += sizes[item.index];
          if (item.skipped) ++progress.skipped;
          if (item.failure) failures.push_back(std::move(*item.failure));
          if (item.report) batch.push_back(std::move(*item.report));
        }
        const auto now = Clock::now();
        if (batch.size() >= options.batch_size ||
            std::chrono::duration<double>(now - last_commit).count() >= options.max_batch_seconds) {
          flush();
        }
        if (options.on_progress && now - last_progress >= std::chrono::milliseconds(200)) {
          progress.elapsed_s = std::chrono::duration<double>(now - start).count();
          progress.working = 0;
          progress.slowest.clear();
          progress.slowest_s = 0;
          for (unsigned t = 0; t < threads; ++t) {
            const std::size_t i = reading[t];
            if (i == 0 || i > inputs.size()) continue;
            ++progress.working;
            const double s = std::chrono::duration<double>(
                                 now.time_since_epoch() - Clock::duration(reading_since[t].load())).count();
            if (s > progress.slowest_s) {
              progress.slowest_s = s;
              progress.slowest = inputs[i - 1].display;
            }
          }
          options.on_progress(progress);
          last_progress = now;
        }
      }
      flush();
    } catch (...) {
      // Stop the workers and drain the queue so that none waits forever on a
      // full queue; the jthreads join on scope exit.
      for (auto& w : workers) w.request_stop();
      while (running.load() > 0) queue.PopAll(std::chrono::milliseconds(50));
      throw;
    }
  }
  progress.elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();
  progress.working = 0;
  progress.slowest.clear();
  progress.slowest_s = 0;
  if (options.on_progress) options.on_progress(progress);
  return progress;
}

}  // namespace gongkai::corpus
