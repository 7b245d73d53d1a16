#include "readers/office_convert.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "readers/reader.h"

extern char** environ;

namespace gongkai::readers {

namespace {

namespace fs = std::filesystem;

bool Executable(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

// A temporary directory removed with everything in it when it goes out of
// scope.
class TempDir {
 public:
  TempDir() {
    std::error_code ec;
    fs::path base = fs::temp_directory_path(ec);
    if (ec) base = "/tmp";
    std::string templ = (base / "gongkai-soffice-XXXXXX").string();
    if (::mkdtemp(templ.data()) == nullptr) {
      throw ReadError("无法创建临时目录，不能转换文件", "cannot create a temporary directory for the conversion");
    }
    path_ = templ;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string FilterFor(std::string_view target) {
  if (target == "docx") return "docx:MS Word 2007 XML";
  if (target == "xlsx") return "xlsx:Calc MS Excel 2007 XML";
  return std::string(target);
}

}  // namespace

std::optional<std::string> FindSoffice(const ConvertOptions& options) {
  if (!options.soffice.empty()) {
    if (Executable(options.soffice)) return options.soffice;
    return std::nullopt;
  }
  if (const char* env = std::getenv("GONGKAI_SOFFICE"); env != nullptr && *env != '\0') {
    if (Executable(env)) return std::string(env);
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  const std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
  for (const char* name : {"soffice", "libreoffice"}) {
    std::size_t start = 0;
    while (start <= dirs.size()) {
      const std::size_t end = std::min(dirs.find(':', start), dirs.size());
      const std::string dir = dirs.substr(start, end - start);
      if (!dir.empty()) {
        const fs::path p = fs::path(dir) / name;
        if (Executable(p)) return p.string();
      }
      start = end + 1;
    }
  }
  return std::nullopt;
}

std::string ConvertOffice(std::string_view bytes, std::string_view input_ext, std::string_view target,
                          std::string_view kind, const ConvertOptions& options) {
  const std::string what(kind);
  const std::optional<std::string> soffice = FindSoffice(options);
  if (!soffice) {
    throw ReadError("读取" + what + "需要 LibreOffice，本机未安装（请安装 Debian 软件包 " +
                        std::string(kLibreOfficePackages) + "），或将文件另存为 DOCX/XLSX 后再读取",
                    "reading " + what + " needs LibreOffice, which is not installed (install the Debian packages " +
                        std::string(kLibreOfficePackages) + "), or save the file as DOCX/XLSX");
  }
  const TempDir dir;
  const fs::path input = dir.path() / ("input." + std::string(input_ext));
  const fs::path outdir = dir.path() / "out";
  const fs::path profile = dir.path() / "profile";
  {
    std::ofstream out(input, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw ReadError("无法写入临时文件，不能转换文件", "cannot write the temporary file for the conversion");
  }
  // Everything the child needs is built before fork(): after it, in a
  // process that may have other threads, only async-signal-safe calls.
  std::vector<std::string> args = {*soffice,
                                   "--headless",
                                   "--invisible",
                                   "--norestore",
                                   "--nologo",
                                   "--nodefault",
                                   "--nolockcheck",
                                   "-env:UserInstallation=file://" + profile.string(),
                                   "--convert-to",
                                   FilterFor(target),
                                   "--outdir",
                                   outdir.string(),
                                   input.string()};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  // The environment: the caller's, but HOME in the temporary directory (so
  // nothing is written to the user's home) and no display.
  std::vector<std::string> env_strings;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view kv(*e);
    if (kv.starts_with("HOME=") || kv.starts_with("DISPLAY=") || kv.starts_with("WAYLAND_DISPLAY=")) continue;
    env_strings.emplace_back(kv);
  }
  env_strings.push_back("HOME=" + dir.path().string());
  env_strings.push_back("SAL_USE_VCLPLUGIN=svp");
  std::vector<char*> envp;
  for (std::string& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  const rlim_t mem = static_cast<rlim_t>(options.memory_bytes);

  const pid_t pid = ::fork();
  if (pid < 0) throw ReadError("无法启动 LibreOffice（fork 失败）", "cannot start LibreOffice (fork failed)");
  if (pid == 0) {
    ::setpgid(0, 0);
    const struct rlimit limit = {mem, mem};
    ::setrlimit(RLIMIT_AS, &limit);
    const int null = ::open("/dev/null", O_RDWR);
    if (null >= 0) {
      ::dup2(null, 0);
      ::dup2(null, 1);
      ::dup2(null, 2);
    }
    ::close_range(3, ~0U, 0);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also here: whichever runs first, the group exists before a kill
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.timeout_s);
  bool timed_out = false;
  while (true) {
    // Exited, but not reaped yet (WNOWAIT): while the leader is a zombie its
    // group id cannot be reused, so killing the group below can only reach
    // what soffice left behind.
    siginfo_t info{};
    const int r = ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
    if (r == 0 && info.si_pid == pid) break;
    if (r < 0 && errno != EINTR) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(-pid, SIGKILL);  // on a timeout: all of it; else anything left in its group
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) {
    throw ReadError("LibreOffice 转换" + what + "超时（" + std::to_string(options.timeout_s) +
                        " 秒），文件可能已损坏；请用 Word 或 WPS 另存为 DOCX/XLSX",
                    "LibreOffice timed out converting " + what + " (" + std::to_string(options.timeout_s) +
                        " s); the file may be damaged; save it as DOCX/XLSX in Word or WPS");
  }
  if (WIFSIGNALED(status)) {
    throw ReadError("LibreOffice 转换" + what + "时崩溃（信号 " + std::to_string(WTERMSIG(status)) +
                        "），文件可能已损坏",
                    "LibreOffice crashed converting " + what + " (signal " + std::to_string(WTERMSIG(status)) +
                        "); the file may be damaged");
  }
  const fs::path output = outdir / ("input." + std::string(target));
  std::error_code ec;
  const auto size = fs::file_size(output, ec);
  if (ec || size == 0) {
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    throw ReadError("LibreOffice 未能转换" + what + "（退出码 " + std::to_string(code) + "），文件可能已损坏或不是此格式",
                    "LibreOffice could not convert " + what + " (exit code " + std::to_string(code) +
                        "); the file may be damaged or of another kind");
  }
  if (size > options.max_output_bytes) {
    throw ReadError("LibreOffice 转换" + what + "的结果过大，不像是一份年度报告",
                    "LibreOffice's conversion of " + what + " is too large; not an annual report");
  }
  std::ifstream in(output, std::ios::binary);
  std::string out(static_cast<std::size_t>(size), '\0');
  in.read(out.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::size_t>(in.gcount()) != size) {
    throw ReadError("无法读取 LibreOffice 转换的结果", "cannot read LibreOffice's converted file");
  }
  return out;
}

}  // namespace gongkai::readers
