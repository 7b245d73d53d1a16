// Shared helpers of the audit tests: the seeds through the pipeline, and
// questions about findings.
#ifndef GONGKAI_TESTS_UNIT_AUDIT_TEST_UTIL_H_
#define GONGKAI_TESTS_UNIT_AUDIT_TEST_UTIL_H_

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "audit/audit.h"
#include "extract/narrative.h"
#include "pipeline/pipeline.h"
#include "report/report.h"

namespace gongkai::audit::testing {

inline const std::vector<std::string>& SeedNames() {
  static const std::vector<std::string> kNames = {"000-qiaokou-approval-2023", "001-duodao-2023",
                                                  "002-qiaokou-grid-2023", "003-beilun-2023",
                                                  "004-qiaokou-approval-2021"};
  return kNames;
}

inline std::string SeedPath(const std::string& name) {
  return std::string(GONGKAI_SOURCE_DIR) + "/tests/fixtures/seeds/" + name + ".txt";
}

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline Report Seed(const std::string& name) { return pipeline::ProcessFile(SeedPath(name)); }

// The seed as extracted, without findings, ready to be changed and audited again.
inline Report CleanSeed(const std::string& name) {
  Report r = Seed(name);
  r.findings.clear();
  return r;
}

inline Report Audited(Report r) {
  r.findings.clear();
  Audit(r);
  return r;
}

inline std::vector<const Finding*> WithRule(const Report& r, std::string_view rule) {
  std::vector<const Finding*> out;
  for (const Finding& f : r.findings) {
    if (f.rule == rule) out.push_back(&f);
  }
  return out;
}

inline bool HasRule(const Report& r, std::string_view rule) { return !WithRule(r, rule).empty(); }

inline int Errors(const Report& r) {
  return static_cast<int>(std::count_if(r.findings.begin(), r.findings.end(),
                                        [](const Finding& f) { return f.severity == "error"; }));
}

inline bool Locates(const Finding& f, const CellRef& cell) {
  return std::find(f.cells.begin(), f.cells.end(), cell) != f.cells.end();
}

inline std::string Describe(const Report& r) {
  std::string s;
  for (const Finding& f : r.findings) s += f.severity + " " + f.rule + " " + f.message + "\n";
  return s;
}

}  // namespace gongkai::audit::testing

#endif  // GONGKAI_TESTS_UNIT_AUDIT_TEST_UTIL_H_
