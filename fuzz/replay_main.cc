// Without libFuzzer: runs a fuzz target over the files named on the command
// line, so that every fuzz target doubles as a regression test in ctest
// (and under ASan+UBSan in the sanitizer job).
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  int n = 0;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "cannot open %s\n", argv[i]);
      return 2;
    }
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    // Every prefix of the first few kilobytes too: truncated files are common.
    for (std::size_t cut = 1; cut < bytes.size() && cut < 4096; cut += 61) {
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), cut);
    }
    ++n;
  }
  std::printf("replayed %d file(s)\n", n);
  return n > 0 ? 0 : 2;
}
