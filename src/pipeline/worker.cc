#include "pipeline/worker.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>

#include "readers/pdf.h"

extern char** environ;

#if defined(__SANITIZE_ADDRESS__)
#define GONGKAI_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GONGKAI_ASAN 1
#endif
#endif

namespace gongkai::pipeline {

namespace {

// ---------------------------------------------------------------------------
// The Document's bytes on the pipe: little-endian u64s and length-prefixed
// strings, in the order of the struct's fields.

class Out {
 public:
  void U64(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) s_ += static_cast<char>((v >> (8 * i)) & 0xff);
  }
  void Str(std::string_view v) {
    U64(v.size());
    s_.append(v);
  }
  std::string Take() { return std::move(s_); }

 private:
  std::string s_;
};

class In {
 public:
  explicit In(std::string_view s) : s_(s) {}
  std::uint64_t U64() {
    if (s_.size() - at_ < 8) throw std::runtime_error("truncated document");
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(s_[at_ + i])) << (8 * i);
    at_ += 8;
    return v;
  }
  // A count of items each at least `min_bytes` long: bounded by what is left.
  std::size_t Count(std::size_t min_bytes) {
    const std::uint64_t n = U64();
    if (n > (s_.size() - at_) / min_bytes) throw std::runtime_error("bad count in document");
    return static_cast<std::size_t>(n);
  }
  std::string Str() {
    const std::size_t n = Count(1);
    std::string v(s_.substr(at_, n));
    at_ += n;
    return v;
  }
  bool done() const { return at_ == s_.size(); }

 private:
  std::string_view s_;
  std::size_t at_ = 0;
};

}  // namespace

std::string EncodeDocument(const Document& doc) {
  Out o;
  o.Str(doc.text);
  o.U64(doc.blocks.size());
  for (const Block& b : doc.blocks) {
    o.U64(b.kind == Block::Kind::kTable ? 1 : 0);
    o.Str(b.text);
    o.U64(b.offset);
    o.U64(b.rows.size());
    for (const auto& row : b.rows) {
      o.U64(row.size());
      for (const Cell& c : row) {
        o.Str(c.text);
        o.U64(c.offset);
        o.U64(c.merged ? 1 : 0);
      }
    }
  }
  o.U64(doc.warnings.size());
  for (const std::string& w : doc.warnings) o.Str(w);
  o.U64(doc.doubts.size());
  for (const Doubt& d : doc.doubts) {
    o.U64(d.offset);
    o.U64(d.length);
    o.Str(d.note);
  }
  o.Str(doc.original);
  o.U64(doc.original_anchors.size());
  for (const OffsetAnchor& a : doc.original_anchors) {
    o.U64(a.text);
    o.U64(a.original);
  }
  o.Str(doc.published);
  o.U64(doc.page_offsets.size());
  for (const std::size_t p : doc.page_offsets) o.U64(p);
  return o.Take();
}

Document DecodeDocument(std::string_view bytes) {
  In in(bytes);
  Document doc;
  doc.text = in.Str();
  doc.blocks.resize(in.Count(32));
  for (Block& b : doc.blocks) {
    b.kind = in.U64() == 1 ? Block::Kind::kTable : Block::Kind::kParagraph;
    b.text = in.Str();
    b.offset = in.U64();
    b.rows.resize(in.Count(8));
    for (auto& row : b.rows) {
      row.resize(in.Count(24));
      for (Cell& c : row) {
        c.text = in.Str();
        c.offset = in.U64();
        c.merged = in.U64() == 1;
      }
    }
  }
  doc.warnings.resize(in.Count(8));
  for (std::string& w : doc.warnings) w = in.Str();
  doc.doubts.resize(in.Count(24));
  for (Doubt& d : doc.doubts) {
    d.offset = in.U64();
    d.length = in.U64();
    d.note = in.Str();
  }
  doc.original = in.Str();
  doc.original_anchors.resize(in.Count(16));
  for (OffsetAnchor& a : doc.original_anchors) {
    a.text = in.U64();
    a.original = in.U64();
  }
  doc.published = in.Str();
  doc.page_offsets.resize(in.Count(8));
  for (std::size_t& p : doc.page_offsets) p = in.U64();
  if (!in.done()) throw std::runtime_error("trailing bytes after document");
  return doc;
}

namespace {

// ---------------------------------------------------------------------------
// Framing: a tag byte and a u64 length, then the payload.

constexpr char kReplyDocument = 'D';
constexpr char kReplyError = 'E';
constexpr char kReplyMemory = 'M';

std::string Header(char tag, std::uint64_t length) {
  std::string h(1, tag);
  for (int i = 0; i < 8; ++i) h += static_cast<char>((length >> (8 * i)) & 0xff);
  return h;
}

std::uint64_t HeaderLength(const char* h) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(h[1 + i])) << (8 * i);
  return v;
}

// Blocking I/O on the worker's side.
bool ReadAll(int fd, char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t got = ::read(fd, data, n);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    data += got;
    n -= static_cast<std::size_t>(got);
  }
  return true;
}

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t put = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(put));
  }
  return true;
}

bool Reply(int fd, char tag, std::string_view payload) {
  return WriteAll(fd, Header(tag, payload.size())) && WriteAll(fd, payload);
}

std::string Limit(std::size_t memory_bytes) { return std::to_string(memory_bytes >> 20) + " MB"; }

}  // namespace

int RunWorker(int argc, char** argv) {
  ::signal(SIGPIPE, SIG_IGN);
  std::size_t memory = readers::budget::kWorkerMemoryBytes;
  if (argc > 2) memory = static_cast<std::size_t>(std::stoull(argv[2]));
#ifndef GONGKAI_ASAN
  // (AddressSanitizer reserves terabytes of address space for its shadow: a
  // sanitizer build relies on the deadline and the readers' own caps.)
  const rlimit limit{memory, memory};
  ::setrlimit(RLIMIT_AS, &limit);
#else
  (void)memory;
#endif
  const int fd = 0;
  const readers::PdfSession pdf_session;  // poppler's tables built once, not per PDF
  while (true) {
    char header[9];
    if (!ReadAll(fd, header, sizeof header)) return 0;  // the parent is done
    const auto format = static_cast<readers::Format>(header[0]);
    const std::uint64_t length = HeaderLength(header);
    bool fatal = false;
    std::string reply;
    char tag = kReplyDocument;
    try {
      std::string bytes(static_cast<std::size_t>(length), '\0');
      if (!ReadAll(fd, bytes.data(), bytes.size())) return 1;
      reply = EncodeDocument(readers::ReadAs(bytes, format));
    } catch (const readers::ReadError& e) {
      tag = kReplyError;
      reply = e.zh() + '\0' + e.en();
    } catch (const std::bad_alloc&) {
      tag = kReplyMemory;
      reply.clear();
      fatal = true;  // the heap may be in pieces: the next file gets a fresh worker
    } catch (const std::exception& e) {
      tag = kReplyError;
      reply = std::string("读取时出错：") + e.what() + '\0' + "error while reading: " + e.what();
    }
    if (!Reply(fd, tag, reply) || fatal) return fatal ? 3 : 1;
  }
}

std::string SelfProgram() {
  std::error_code ec;
  const std::filesystem::path p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : p.string();
}

// ---------------------------------------------------------------------------
// The parent's side.

Worker::Worker(const std::string& program, const Limits& limits) : limits_(limits) {
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    throw std::runtime_error(std::string("socketpair: ") + std::strerror(errno));
  }
  int ep[2];
  if (::pipe2(ep, O_CLOEXEC) != 0) {
    ::close(sv[0]);
    ::close(sv[1]);
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, sv[1], 0);
  // Whatever a library prints, on either stream, comes to the parent: the
  // parent's stdout is the JSON it writes.
  posix_spawn_file_actions_adddup2(&fa, ep[1], 1);
  posix_spawn_file_actions_adddup2(&fa, ep[1], 2);
  std::string arg0 = program, arg1(kWorkerArg), arg2 = std::to_string(limits.memory_bytes);
  char* argv[] = {arg0.data(), arg1.data(), arg2.data(), nullptr};
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, program.c_str(), &fa, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(sv[1]);
  ::close(ep[1]);
  if (rc != 0) {
    ::close(sv[0]);
    ::close(ep[0]);
    throw std::runtime_error("cannot start the reading worker " + program + ": " + std::strerror(rc));
  }
  pid_ = pid;
  socket_ = sv[0];
  stderr_ = ep[0];
  ::fcntl(socket_, F_SETFL, ::fcntl(socket_, F_GETFL) | O_NONBLOCK);
  ::fcntl(stderr_, F_SETFL, ::fcntl(stderr_, F_GETFL) | O_NONBLOCK);
}

Worker::~Worker() {
  if (socket_ >= 0) ::close(socket_);  // the worker sees EOF and exits
  if (stderr_ >= 0) ::close(stderr_);
  if (pid_ > 0) {
    int status = 0;
    // A worker that does not exit within a second of EOF is killed.
    for (int i = 0; i < 100; ++i) {
      if (::waitpid(pid_, &status, WNOHANG) != 0) return;
      ::usleep(10000);
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
  }
}

void Worker::Kill() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
}

namespace {

// What a library printed, as one line for a message: the first lines, short.
// Library messages about a failure the reader expects and handles itself,
// which say nothing of what was read: leptonica's local-skew fit fails on a
// page without enough long text lines, and the keystone correction is then
// not applied (readers/scan_geometry.cc), as on a flat scan.
constexpr std::string_view kHandledMessages[] = {
    "pixGetLocalSkewAngles: can't fit skew",
};

// What the libraries printed, on one line, without the handled messages.
std::string Printed(const std::string& printed) {
  std::string s;
  for (std::size_t at = 0; at < printed.size();) {
    std::size_t end = printed.find('\n', at);
    if (end == std::string::npos) end = printed.size();
    const std::string_view line = std::string_view(printed).substr(at, end - at);
    bool handled = false;
    for (const std::string_view m : kHandledMessages) handled = handled || line.find(m) != std::string_view::npos;
    if (!handled) (s += line) += '\n';
    at = end + 1;
  }
  std::string out;
  for (char c : s) {
    if (out.size() >= 300) {
      out += "…";
      break;
    }
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

Document Worker::Read(std::string_view bytes, readers::Format format) {
  using Clock = std::chrono::steady_clock;
  if (pid_ <= 0) throw std::logic_error("Worker::Read on a worker that is gone");
  stderr_text_.clear();
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(limits_.seconds));
  const std::string header = Header(static_cast<char>(format), bytes.size());
  std::string_view out_parts[2] = {header, bytes};
  int part = 0;
  std::string reply;
  std::uint64_t want = 9;  // the header, then header + payload
  bool got_header = false;
  const auto drain_stderr = [&] {
    char buf[4096];
    while (true) {
      const ssize_t n = ::read(stderr_, buf, sizeof buf);
      if (n <= 0) return;
      if (stderr_text_.size() < 16384) stderr_text_.append(buf, static_cast<std::size_t>(n));
    }
  };
  const auto died = [&]() -> readers::ReadError {
    drain_stderr();
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    const std::string said = Printed(stderr_text_);
    std::string zh = "读取时读取进程异常退出（内存超过上限 " + Limit(limits_.memory_bytes) + " 或读取库出错）";
    std::string en = "the reading worker died (over the memory budget of " + Limit(limits_.memory_bytes) +
                     " or a reader library failed)";
    if (WIFSIGNALED(status)) en += ", signal " + std::to_string(WTERMSIG(status));
    if (!said.empty()) {
      zh += "，读取库提示：" + said;
      en += "; the library said: " + said;
    }
    return readers::ReadError(zh, en);
  };
  while (!got_header || reply.size() < want) {
    const auto now = Clock::now();
    if (now >= deadline) {
      Kill();
      char secs[32];
      std::snprintf(secs, sizeof secs, "%g", limits_.seconds);
      throw readers::ReadError("超出读取上限：读取时间超过 " + std::string(secs) + " 秒的上限，读取已中止，文件未读取",
                               "over the reading budget: reading took longer than the limit of " +
                                   std::string(secs) + " s and was stopped; file not read");
    }
    const int timeout_ms = static_cast<int>(
        std::min<long long>(1000, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count() + 1));
    pollfd fds[2] = {{socket_, static_cast<short>(part < 2 ? POLLOUT : POLLIN), 0}, {stderr_, POLLIN, 0}};
    if (::poll(fds, 2, timeout_ms) < 0) {
      if (errno == EINTR) continue;
      Kill();
      throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    }
    if (fds[1].revents & (POLLIN | POLLHUP)) drain_stderr();
    if (fds[0].revents == 0) continue;
    if (part < 2) {
      if (fds[0].revents & (POLLERR | POLLHUP)) throw died();
      const ssize_t put = ::send(socket_, out_parts[part].data(), out_parts[part].size(), MSG_NOSIGNAL);
      if (put < 0) {
        if (errno == EAGAIN || errno == EINTR) continue;
        throw died();
      }
      out_parts[part].remove_prefix(static_cast<std::size_t>(put));
      while (part < 2 && out_parts[part].empty()) ++part;
      continue;
    }
    char buf[65536];
    const ssize_t n = ::read(socket_, buf, sizeof buf);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      throw died();
    }
    if (n == 0) throw died();
    reply.append(buf, static_cast<std::size_t>(n));
    if (!got_header && reply.size() >= 9) {
      got_header = true;
      want = 9 + HeaderLength(reply.data());
    }
  }
  drain_stderr();
  const char tag = reply[0];
  const std::string_view payload = std::string_view(reply).substr(9);
  if (tag == kReplyMemory) {
    died();  // reaps it
    throw readers::ReadError("超出读取上限：读取所需内存超过 " + Limit(limits_.memory_bytes) + " 的上限，文件未读取",
                             "over the reading budget: reading needs more memory than the limit of " +
                                 Limit(limits_.memory_bytes) + "; file not read");
  }
  if (tag == kReplyError) {
    const std::size_t nul = payload.find('\0');
    std::string zh(payload.substr(0, nul)), en(nul == std::string_view::npos ? "" : payload.substr(nul + 1));
    if (const std::string said = Printed(stderr_text_); !said.empty()) {
      zh += "（读取库提示：" + said + "）";
      en += " (the library said: " + said + ")";
    }
    throw readers::ReadError(zh, en);
  }
  Document doc = DecodeDocument(payload);
  const std::string said = Printed(stderr_text_);
  if (!said.empty()) doc.warnings.push_back("读取库在读取此文件时提示：" + said + "（部分内容可能未读取）");
  return doc;
}

Document WorkerPool::Read(std::string_view bytes, readers::Format format) const {
  std::unique_ptr<Worker> w;
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      w = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!w) w = std::make_unique<Worker>(program_, limits_);
  const auto give_back = [&] {
    if (!w->alive()) return;
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(w));
  };
  try {
    Document doc = w->Read(bytes, format);
    give_back();
    return doc;
  } catch (...) {
    give_back();
    throw;
  }
}

}  // namespace gongkai::pipeline
