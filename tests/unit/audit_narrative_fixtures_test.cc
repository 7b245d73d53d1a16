// The narrative fixtures (tests/fixtures/narrative): seeds whose running text
// was rewritten into the phrasings real reports use — Chinese numerals,
// approximate figures, statements of zero, narrower scopes, combined figures,
// collective subjects, counts with last year's carry-over, numbers that are
// not about the tables — each agreeing or contradicting the unchanged tables.
// tests/fixtures/narrative/rules/*.tsv (expectations.tsv by hand, classes.tsv
// from tools/fixtures/make_narrative.py) say which rules each must and must
// not raise and which figures must (not) be read.
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "audit_test_util.h"
#include "util/number.h"

namespace gongkai::audit {
namespace {

const std::string kDir = std::string(GONGKAI_SOURCE_DIR) + "/tests/fixtures/narrative/";

struct Expectation {
  std::string name;
  std::vector<std::string> checks;
};

std::vector<Expectation> Load() {
  std::vector<Expectation> out;
  for (const char* file : {"rules/expectations.tsv", "rules/classes.tsv"}) {
    std::ifstream in(kDir + file);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream fields(line);
      Expectation e;
      std::getline(fields, e.name, '\t');
      for (std::string c; std::getline(fields, c, '\t');) {
        if (!c.empty()) e.checks.push_back(c);
      }
      out.push_back(std::move(e));
    }
  }
  return out;
}

bool IsErrorRule(std::string_view rule) {
  return rule == "narrative.table2" || rule == "narrative.table3" || rule == "narrative.table4" ||
         rule == "narrative.unit";
}

std::string Figures(const Report& r) {
  std::string s;
  for (const NarrativeFigure& f : r.narrative) {
    s += "  " + f.topic + "=" + number::Format(f.value) + f.unit + " \"" + r.text.substr(f.offset, f.length) + "\"\n";
  }
  return s;
}

bool HasFigure(const Report& r, std::string_view spec) {
  const std::size_t eq = spec.find('=');
  const std::string_view topic = spec.substr(0, eq);
  double value = 0;
  std::from_chars(spec.data() + eq + 1, spec.data() + spec.size(), value);
  for (const NarrativeFigure& f : r.narrative) {
    if (f.topic == topic && std::fabs(f.value - value) < 1e-9) return true;
  }
  return false;
}

TEST(AuditNarrativeFixtures, RulesRaisedAndFiguresRead) {
  const std::vector<Expectation> all = Load();
  ASSERT_GE(all.size(), 50u) << "expectations.tsv or classes.tsv not found or short";
  // False alarms: errors on a fixture whose report is right. Misses: a true
  // contradiction whose rule was not raised.
  int right = 0, wrong = 0, false_alarms = 0, misses = 0;
  for (const Expectation& e : all) {
    const Report r = pipeline::ProcessFile(kDir + e.name + ".txt");
    const std::string context = e.name + "\nfindings:\n" + testing::Describe(r) + "figures:\n" + Figures(r);
    ASSERT_FALSE(e.checks.empty()) << e.name;
    for (const std::string& c : e.checks) {
      if (c == "-error") {
        ++right;
        false_alarms += testing::Errors(r);
        EXPECT_EQ(testing::Errors(r), 0) << context;
      } else if (c[0] == '+') {
        if (IsErrorRule(c.substr(1))) {
          ++wrong;
          misses += !testing::HasRule(r, c.substr(1));
        }
        EXPECT_TRUE(testing::HasRule(r, c.substr(1))) << c << " " << context;
      } else if (c[0] == '-') {
        EXPECT_FALSE(testing::HasRule(r, c.substr(1))) << c << " " << context;
      } else if (c[0] == '=') {
        const std::size_t colon = c.find(':');
        const int n = std::stoi(c.substr(1, colon - 1));
        EXPECT_EQ(static_cast<int>(testing::WithRule(r, c.substr(colon + 1)).size()), n) << c << " " << context;
      } else if (c[0] == '@') {
        EXPECT_TRUE(HasFigure(r, std::string_view(c).substr(1))) << c << " " << context;
      } else if (c.rfind("!@", 0) == 0) {
        EXPECT_FALSE(HasFigure(r, std::string_view(c).substr(2))) << c << " " << context;
      } else {
        ADD_FAILURE() << "unknown check " << c << " in " << e.name;
      }
    }
  }
  std::cout << all.size() << " narrative fixtures (" << right << " right, " << wrong
            << " with a true contradiction): " << false_alarms << " false alarms, " << misses << " misses\n";
  EXPECT_EQ(false_alarms, 0);
  EXPECT_EQ(misses, 0);
}

// Every fixture has its cells checked by hand (copied from its seed): the
// rewritten text must not disturb the tables.
TEST(AuditNarrativeFixtures, EveryFixtureListed) {
  std::vector<std::string> listed;
  for (const Expectation& e : Load()) {
    listed.push_back(e.name);
    std::ifstream txt(kDir + e.name + ".txt"), json(kDir + e.name + ".expected.json");
    EXPECT_TRUE(txt.good()) << e.name;
    EXPECT_TRUE(json.good()) << e.name;
  }
  EXPECT_FALSE(listed.empty());
}

}  // namespace
}  // namespace gongkai::audit
