#include "corpus/ocr_names.h"

#include <algorithm>
#include <cstdlib>

#include "corpus/agency.h"
#include "util/text.h"

namespace gongkai::corpus {
namespace {

std::u32string CodePoints(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) out.push_back(text::NextCodePoint(s, i));
  return out;
}

int Distance(const std::u32string& x, const std::u32string& y) {
  std::vector<int> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) row[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= x.size(); ++i) {
    int diag = row[0];
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const int up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[y.size()];
}

// The distance of two keys if they are comparable (lengths within one
// character), with the characters allowed to differ; -1 if not comparable.
struct Comparison {
  int distance = -1;
  int allowed = 0;
};
Comparison Compare(const std::string& a, const std::string& b) {
  const std::u32string x = CodePoints(a), y = CodePoints(b);
  if (std::abs(static_cast<int>(x.size()) - static_cast<int>(y.size())) > 1) return {};
  const int shorter = static_cast<int>(std::min(x.size(), y.size()));
  if (shorter < 2) return {};
  return {Distance(x, y), std::max(1, shorter / 4)};
}

}  // namespace

bool AgencyNameDoubted(const Report& report) {
  return std::any_of(report.findings.begin(), report.findings.end(), [](const Finding& f) {
    return f.rule == "read.uncertain" &&
           std::any_of(f.facts.begin(), f.facts.end(),
                       [](const auto& kv) { return kv.first == "agency_doubted" && kv.second == "true"; });
  });
}

int CharDistance(std::string_view a, std::string_view b) { return Distance(CodePoints(a), CodePoints(b)); }

NameResolution ResolveReadName(std::string_view read, const std::vector<std::string>& known) {
  const std::string key = AgencyKey(read);
  const std::string root = RootKey(key);
  NameResolution best;
  std::string best_key;
  bool tie = false;
  int best_distance = 1 << 30;
  for (const std::string& name : known) {
    const std::string other = AgencyKey(name);
    if (other.empty()) continue;
    if (SameAgencyKey(key, other)) return {NameResolution::Kind::kKnown, name, 0};
    Comparison c = Compare(key, other);
    const std::string other_root = RootKey(other);
    if (c.distance < 0 && (root == key || other_root == other)) c = Compare(root, other_root);
    if (c.distance < 0 || c.distance > c.allowed) continue;
    if (c.distance < best_distance) {
      best_distance = c.distance;
      best = {NameResolution::Kind::kMatched, name, c.distance};
      best_key = other;
      tie = false;
    } else if (c.distance == best_distance && !SameAgencyKey(best_key, other)) {
      tie = true;
    }
  }
  if (tie || best.name.empty()) return {};
  return best;
}

}  // namespace gongkai::corpus
