#include "bench_util.h"

#include <algorithm>
#include <filesystem>

#include "readers/reader.h"

namespace gongkai::bench {

std::vector<CorpusFile> LoadCorpus(const std::vector<std::string>& sets,
                                   const std::vector<std::string>& suffixes) {
  std::vector<CorpusFile> out;
  for (const std::string& set : sets) {
    const std::filesystem::path dir = std::filesystem::path(GONGKAI_SOURCE_DIR) / "tests/fixtures" / set;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) continue;
    std::vector<std::string> paths;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
      const std::string p = e.path().string();
      if (p.ends_with(".expected.json")) continue;
      for (const std::string& s : suffixes) {
        if (p.ends_with(s)) paths.push_back(p);
      }
    }
    std::sort(paths.begin(), paths.end());
    for (const std::string& p : paths) out.push_back({p, readers::LoadFile(p)});
  }
  return out;
}

}  // namespace gongkai::bench
