#include "corpus/agency.h"

#include <array>
#include <cctype>

#include "util/text.h"

namespace gongkai::corpus {

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::vector<std::string> CodePoints(std::string_view s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t at = i;
    text::NextCodePoint(s, i);
    out.emplace_back(s.substr(at, i - at));
  }
  return out;
}

// Removes "2023年度", "2023年", "（2023）": the year is not part of a name.
std::string StripYears(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (i + 4 <= s.size() && std::isdigit(static_cast<unsigned char>(s[i])) &&
        std::isdigit(static_cast<unsigned char>(s[i + 1])) && std::isdigit(static_cast<unsigned char>(s[i + 2])) &&
        std::isdigit(static_cast<unsigned char>(s[i + 3])) &&
        (i + 4 == s.size() || !std::isdigit(static_cast<unsigned char>(s[i + 4])))) {
      std::size_t j = i + 4;
      for (std::string_view tail : {"年度", "年"}) {
        if (s.substr(j).starts_with(tail)) {
          j += tail.size();
          break;
        }
      }
      if (!out.empty() && (out.back() == '(')) {
        out.pop_back();
        if (j < s.size() && s[j] == ')') ++j;
      }
      i = j;
      continue;
    }
    out += s[i++];
  }
  return out;
}

// Words of a report title that follow the agency's name, longest first.
constexpr std::array<std::string_view, 7> kTitleTails = {
    "政府信息公开工作年度报告", "政府信息公开年度报告", "信息公开工作年度报告", "政务公开工作年度报告",
    "工作年度报告", "年度报告", "的"};

// Spellings of one kind of agency; the first part is replaced by the second
// at the end of a key.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kSuffixVariants = {{
    {"街道办事处", "街道"}, {"街道办", "街道"}, {"人民政府办公室", "政府办公室"}, {"人民政府", ""}, {"政府", ""}}};

// Words ending in a region character that are not regions.
constexpr std::array<std::string_view, 16> kNotRegions = {"城市", "都市", "超市", "城区", "市区", "地区", "辖区",
                                                          "景区", "山区", "郊区", "街区", "小区", "城乡", "县区",
                                                          "乡镇", "社区"};
// Bare 州 is not here: 杭州, 鄞州 would be cut in the middle of 杭州市, 鄞州区.
constexpr std::array<std::string_view, 12> kRegionEnds = {"自治区", "自治州", "自治县", "街道", "省", "市",
                                                          "区",     "县",     "旗",     "盟",   "镇", "乡"};

}  // namespace

std::string AgencyKey(std::string_view name) {
  std::string k = StripYears(text::MatchKey(name));
  if (StartsWith(k, "关于")) k.erase(0, std::string_view("关于").size());
  for (bool changed = true; changed;) {
    changed = false;
    for (std::string_view tail : kTitleTails) {
      if (EndsWith(k, tail) && k.size() > tail.size()) {
        k.resize(k.size() - tail.size());
        changed = true;
      }
    }
  }
  for (const auto& [variant, canonical] : kSuffixVariants) {
    // "区政府" → "区", but never a bare "政府".
    if (EndsWith(k, variant) && k.size() > variant.size()) {
      k = k.substr(0, k.size() - variant.size()) + std::string(canonical);
      break;
    }
  }
  return k;
}

std::vector<std::string> RegionsInName(std::string_view name) {
  const std::vector<std::string> cps = CodePoints(AgencyKey(name));
  std::vector<std::string> out;
  std::string current;
  std::size_t length = 0;  // code points in `current`
  for (std::size_t i = 0; i < cps.size(); ++i) {
    current += cps[i];
    ++length;
    if (length < 2) continue;
    for (std::string_view end : kRegionEnds) {
      if (!EndsWith(current, end)) continue;
      // "城市" in "东西湖区城市管理执法局" is a word, "西城区" a region.
      bool word = false;
      for (std::string_view w : kNotRegions) word = word || current == w;
      if (word) break;
      out.push_back(current);
      current.clear();
      length = 0;
      break;
    }
  }
  return out;
}

InferredPlace InferPlace(std::string_view name) {
  InferredPlace p;
  const std::string key = AgencyKey(name);
  const std::vector<std::string> regions = RegionsInName(name);
  if (regions.empty()) return p;
  std::string joined;
  for (const auto& r : regions) joined += r;
  p.governs = joined == key;
  p.region = regions.back();
  if (regions.size() >= 2) p.parent = regions[regions.size() - 2];
  return p;
}

bool SameAgencyKey(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (a.empty() || b.empty()) return false;
  if (a.size() > b.size()) std::swap(a, b);
  if (!EndsWith(b, a)) return false;
  // The shorter must name a region itself, and what precedes it must be
  // whole regions ("武汉市" before "硚口区…", not "东" before "西湖区…").
  if (RegionsInName(a).empty()) return false;
  const std::string_view prefix = b.substr(0, b.size() - a.size());
  std::string joined;
  for (const auto& r : RegionsInName(prefix)) joined += r;
  return joined == prefix;
}

int FuzzyMatch(std::string_view query, std::string_view name) {
  const std::string q = text::MatchKey(query);
  if (q.empty()) return 0;
  const std::string n = text::MatchKey(name);
  if (n.find(q) != std::string::npos || AgencyKey(name).find(AgencyKey(query)) != std::string::npos) return 2;
  // In-order subsequence of code points.
  std::size_t at = 0;
  for (const std::string& cp : CodePoints(q)) {
    const std::size_t found = n.find(cp, at);
    if (found == std::string::npos) return 0;
    at = found + cp.size();
  }
  return 1;
}

std::vector<std::string> StrippedKeys(const std::string& key) {
  std::vector<std::string> out;
  std::size_t at = 0;
  // RegionsInName cuts the name left to right into consecutive pieces, so the
  // first k regions are exactly the key's first bytes.
  for (const std::string& r : RegionsInName(key)) {
    if (key.compare(at, r.size(), r) != 0) break;
    at += r.size();
    if (at >= key.size()) break;
    out.push_back(key.substr(at));
  }
  return out;
}

std::string RootKey(const std::string& key) {
  std::string root = key;
  for (const std::string& s : StrippedKeys(key)) {
    if (SameAgencyKey(s, key)) root = s;
  }
  return root;
}

std::int64_t KeyIndex::FindExact(const std::string& key) const {
  const auto it = exact_.find(key);
  return it == exact_.end() ? 0 : it->second;
}

std::vector<std::pair<std::string, std::int64_t>> KeyIndex::Shorter(const std::string& key) const {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const std::string& s : StrippedKeys(key)) {  // longest first
    if (auto it = exact_.find(s); it != exact_.end() && SameAgencyKey(s, key)) out.emplace_back(s, it->second);
  }
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> KeyIndex::Longer(const std::string& key) const {
  std::vector<std::pair<std::string, std::int64_t>> out;
  const auto [lo, hi] = stripped_.equal_range(key);
  for (auto it = lo; it != hi; ++it) {
    if (SameAgencyKey(it->second.key, key)) out.emplace_back(it->second.key, it->second.id);
  }
  return out;
}

void KeyIndex::Add(const std::string& key, std::int64_t id) {
  if (!exact_.emplace(key, id).second) return;
  for (std::string& s : StrippedKeys(key)) stripped_.emplace(std::move(s), Entry{key, id});
}

std::int64_t KeyIndex::Find(const std::string& key) const {
  if (auto it = exact_.find(key); it != exact_.end()) return it->second;
  std::int64_t best = 0;
  auto consider = [&](const std::string& candidate, std::int64_t id) {
    if ((best == 0 || id < best) && SameAgencyKey(candidate, key)) best = id;
  };
  // A shorter key this one ends with ("硚口区行政审批局" for "武汉市硚口区…").
  for (const std::string& s : StrippedKeys(key)) {
    if (auto it = exact_.find(s); it != exact_.end()) consider(s, it->second);
  }
  // A longer key that ends with this one.
  const auto [lo, hi] = stripped_.equal_range(key);
  for (auto it = lo; it != hi; ++it) consider(it->second.key, it->second.id);
  return best;
}

}  // namespace gongkai::corpus
