// Runs a shell command line (the gongkai binary under test, with its
// arguments and redirections) and returns its exit status and standard
// output, for the tests of the command-line front end.
#ifndef GONGKAI_TESTS_UNIT_CLI_RUN_H_
#define GONGKAI_TESTS_UNIT_CLI_RUN_H_

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace gongkai::testing_util {

struct CliRun {
  int status = -1;  // -1: not started or killed by a signal
  std::string out;
};

inline CliRun RunShell(const std::string& cmd) {
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
  const int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

}  // namespace gongkai::testing_util

#endif  // GONGKAI_TESTS_UNIT_CLI_RUN_H_
