// A zip archive read from memory (libzip) for the readers of zip-based
// formats other than DOCX (XLSX, OFD): parts by name, each inflated under a
// cap, and a cap on everything inflated from one archive, so that a zip bomb
// (a few kilobytes inflating to gigabytes) is a ReadError, not an exhausted
// machine. Not thread-safe: one per reading thread.
#ifndef GONGKAI_READERS_ZIP_PARTS_H_
#define GONGKAI_READERS_ZIP_PARTS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "readers/budget.h"

struct zip;

namespace gongkai::readers {

// The same caps as the DOCX reader's (budget.h): a part larger than this
// inflated is no report's.
struct ZipLimits {
  std::size_t max_part_bytes = budget::kMaxDocxPartBytes;       // one part, inflated
  std::size_t max_total_bytes = 8 * budget::kMaxDocxPartBytes;  // all parts read, inflated
  std::size_t max_entries = 20000;
};

class ZipParts {
 public:
  // `kind` names the format in messages ("XLSX", "OFD"). Throws ReadError
  // when `bytes` is not a zip archive. `bytes` must outlive the object.
  ZipParts(std::string_view bytes, std::string kind, ZipLimits limits = {});
  ~ZipParts();
  ZipParts(const ZipParts&) = delete;
  ZipParts& operator=(const ZipParts&) = delete;

  // Names are matched without regard to case, and with or without a leading '/'.
  bool Has(std::string_view name) const;
  // The inflated part, or nullopt when absent. Throws ReadError when it is
  // encrypted, corrupt, or over a limit.
  std::optional<std::string> Read(std::string_view name);
  // Every entry's name, in archive order.
  std::vector<std::string> Names() const;

 private:
  ::zip* archive_ = nullptr;
  std::string kind_;
  ZipLimits limits_;
  std::size_t inflated_ = 0;
};

// Resolves `ref` (a part reference as written inside part `base`: relative
// to base's folder, or absolute from the archive root with a leading '/')
// to an archive name: "Doc_0/Document.xml" + "Pages/Page_0/Content.xml" →
// "Doc_0/Pages/Page_0/Content.xml". ".." and "." segments are resolved;
// backslashes read as '/'.
std::string ResolvePart(std::string_view base, std::string_view ref);

}  // namespace gongkai::readers

#endif  // GONGKAI_READERS_ZIP_PARTS_H_
