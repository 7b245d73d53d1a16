#include "readers/zip_parts.h"

#include <zip.h>

#include <array>
#include <memory>

#include "readers/reader.h"

namespace gongkai::readers {

namespace {

std::string Strip(std::string_view name) {
  while (!name.empty() && name.front() == '/') name.remove_prefix(1);
  return std::string(name);
}

}  // namespace

ZipParts::ZipParts(std::string_view bytes, std::string kind, ZipLimits limits)
    : kind_(std::move(kind)), limits_(limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (src == nullptr) {
    zip_error_fini(&error);
    throw ReadError(kind_ + " 文件已损坏（不是有效的 ZIP 压缩包）", "corrupt " + kind_ + " file (not a valid zip archive)");
  }
  archive_ = zip_open_from_source(src, ZIP_RDONLY, &error);
  if (archive_ == nullptr) {
    zip_source_free(src);
    const std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw ReadError(kind_ + " 文件已损坏或不完整（ZIP：" + message + "）",
                    "corrupt or truncated " + kind_ + " file (zip: " + message + ")");
  }
  zip_error_fini(&error);
  const zip_int64_t n = zip_get_num_entries(archive_, 0);
  if (n < 0 || static_cast<std::size_t>(n) > limits_.max_entries) {
    zip_discard(archive_);
    archive_ = nullptr;
    throw ReadError(kind_ + " 压缩包中的条目过多，不像是一份年度报告", "too many entries in the " + kind_ + " archive; not an annual report");
  }
}

ZipParts::~ZipParts() {
  if (archive_ != nullptr) zip_discard(archive_);
}

bool ZipParts::Has(std::string_view name) const {
  return zip_name_locate(archive_, Strip(name).c_str(), ZIP_FL_NOCASE) >= 0;
}

std::vector<std::string> ZipParts::Names() const {
  std::vector<std::string> out;
  const zip_int64_t n = zip_get_num_entries(archive_, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    if (const char* name = zip_get_name(archive_, static_cast<zip_uint64_t>(i), 0)) out.emplace_back(name);
  }
  return out;
}

std::optional<std::string> ZipParts::Read(std::string_view name) {
  const std::string key = Strip(name);
  const zip_int64_t index = zip_name_locate(archive_, key.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::nullopt;
  const auto too_large = [&] {
    return ReadError(kind_ + " 内容过大（" + key + "，解压后超过上限），可能是压缩炸弹，不像是一份年度报告",
                     kind_ + " content too large (" + key + " inflates beyond the limit; a zip bomb?); not an annual report");
  };
  const auto corrupt = [&] {
    return ReadError(kind_ + " 文件已损坏或不完整（" + key + "）", "corrupt or truncated " + kind_ + " file (" + key + ")");
  };
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &st) != 0) throw corrupt();
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
    throw ReadError(kind_ + " 文件已加密，请去除密码后重新保存", "the " + kind_ + " file is encrypted; remove the password and save it again");
  }
  if ((st.valid & ZIP_STAT_SIZE) && (st.size > limits_.max_part_bytes || inflated_ + st.size > limits_.max_total_bytes)) {
    throw too_large();
  }
  std::unique_ptr<zip_file_t, decltype(&zip_fclose)> f(zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0),
                                                      &zip_fclose);
  if (f == nullptr) throw corrupt();
  std::string out;
  std::array<char, 65536> buf;
  while (true) {
    const zip_int64_t n = zip_fread(f.get(), buf.data(), buf.size());
    if (n < 0) throw corrupt();
    if (n == 0) break;
    out.append(buf.data(), static_cast<std::size_t>(n));
    // The size in the directory can lie: count what is actually inflated.
    if (out.size() > limits_.max_part_bytes || inflated_ + out.size() > limits_.max_total_bytes) throw too_large();
  }
  inflated_ += out.size();
  return out;
}

std::string ResolvePart(std::string_view base, std::string_view ref) {
  std::string r(ref);
  for (char& c : r) {
    if (c == '\\') c = '/';
  }
  std::vector<std::string> parts;
  auto push = [&](std::string_view path) {
    std::size_t start = 0;
    while (start <= path.size()) {
      const std::size_t end = std::min(path.find('/', start), path.size());
      const std::string_view seg = path.substr(start, end - start);
      if (seg == "..") {
        if (!parts.empty()) parts.pop_back();
      } else if (!seg.empty() && seg != ".") {
        parts.emplace_back(seg);
      }
      start = end + 1;
    }
  };
  if (r.empty() || r.front() != '/') {
    std::string b(base);
    for (char& c : b) {
      if (c == '\\') c = '/';
    }
    const std::size_t slash = b.rfind('/');
    if (slash != std::string::npos) push(std::string_view(b).substr(0, slash));
  }
  push(r);
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

}  // namespace gongkai::readers
