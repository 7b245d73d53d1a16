// Shared by the benchmarks: loading fixture files as a corpus.
#ifndef GONGKAI_BENCH_BENCH_UTIL_H_
#define GONGKAI_BENCH_BENCH_UTIL_H_

#include <string>
#include <vector>

namespace gongkai::bench {

struct CorpusFile {
  std::string path;
  std::string bytes;
};

// Every file under tests/fixtures/<set> whose name ends with one of `suffixes`
// (expected JSON excluded).
std::vector<CorpusFile> LoadCorpus(const std::vector<std::string>& sets,
                                   const std::vector<std::string>& suffixes);

}  // namespace gongkai::bench

#endif  // GONGKAI_BENCH_BENCH_UTIL_H_
