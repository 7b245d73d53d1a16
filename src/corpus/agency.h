// Agency identities across years and title variants, and the place of an
// agency in the region hierarchy when the user has not given one.
//
// The key is what two spellings of one agency have in common: "关于硚口区
// 行政审批局2023年度政府信息公开工作年度报告的", "硚口区 行政审批局" and
// "硚口区行政审批局" share the key 硚口区行政审批局; "掇刀区人民政府" and
// "掇刀区" share 掇刀区; "汉正街道办事处" and "汉正街道" share 汉正街道.
#ifndef GONGKAI_CORPUS_AGENCY_H_
#define GONGKAI_CORPUS_AGENCY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gongkai::corpus {

// Normalised identity key of an agency name (or of a report title naming it).
std::string AgencyKey(std::string_view name);

// True if two keys name one agency: equal, or one is the other with the
// names of the regions above it in front ("武汉市硚口区行政审批局" and
// "硚口区行政审批局"); the shorter must itself name a region (contain 区, 县,
// 市, 街道…), so that "自然资源和规划局" of two cities stay apart.
bool SameAgencyKey(std::string_view a, std::string_view b);

// The administrative units a name starts with, outermost first:
// "武汉市硚口区行政审批局" → {武汉市, 硚口区}; "孝感市孝南区人民政府" →
// {孝感市, 孝南区}. Heuristic: a unit is at least two characters ending in
// 省/市/区/县/州/旗/盟/镇/乡/街道, except common words that end so (城市, 市场…).
std::vector<std::string> RegionsInName(std::string_view name);

// Where the name says the agency sits. For a department
// ("硚口区行政审批局") the innermost region in its name (硚口区); for a
// government or street office ("孝感市孝南区人民政府", "汉正街道办事处")
// the region it governs is itself, and `parent` is the one above if named.
struct InferredPlace {
  std::string region;  // the region the agency belongs to or governs ("" if none)
  std::string parent;  // the region above `region`, if named
  bool governs = false;  // the agency is the government of `region`
};
InferredPlace InferPlace(std::string_view name);

// Fuzzy match of a query against a name, without pinyin: 2 when the query
// (normalised) is a substring of the name or its key, 1 when its characters
// appear in order ("硚口审批局" in "硚口区行政审批局"), 0 otherwise.
int FuzzyMatch(std::string_view query, std::string_view name);

// Finds, among many agency keys, one that names the same agency as a given
// key (SameAgencyKey) without comparing it with every key: SameAgencyKey
// holds only between equal keys or when one is the other with whole regions
// in front, so the candidates are the key itself, the key with its leading
// regions removed one by one, and the keys that become this key once their
// leading regions are removed (kept in a second map as they are added).
// Lookups cost O(regions in the name), so resolving n agencies is O(n), not
// O(n²).
class KeyIndex {
 public:
  void Add(const std::string& key, std::int64_t id);
  // The id of an equal key if there is one, else the smallest id of a key
  // SameAgencyKey accepts; 0 if none.
  std::int64_t Find(const std::string& key) const;
  // The id of an equal key, 0 if none.
  std::int64_t FindExact(const std::string& key) const;
  // Keys SameAgencyKey accepts that this key ends with (it with leading
  // regions removed), longest first; and keys that end with it.
  std::vector<std::pair<std::string, std::int64_t>> Shorter(const std::string& key) const;
  std::vector<std::pair<std::string, std::int64_t>> Longer(const std::string& key) const;
  std::size_t size() const { return exact_.size(); }

 private:
  std::unordered_map<std::string, std::int64_t> exact_;
  struct Entry {
    std::string key;
    std::int64_t id;
  };
  // Key without its first k leading regions (k ≥ 1) → those keys. Candidates
  // are confirmed with SameAgencyKey, so the index only has to be complete,
  // not exact.
  std::unordered_multimap<std::string, Entry> stripped_;
};

// The key with its leading regions removed one at a time:
// "武汉市硚口区行政审批局" → {"硚口区行政审批局", "行政审批局"}.
std::vector<std::string> StrippedKeys(const std::string& key);

// The shortest key that names the same agency as `key` by SameAgencyKey
// (the key with as many leading regions removed as still names a region):
// every key SameAgencyKey relates to `key` has the same root.
std::string RootKey(const std::string& key);

}  // namespace gongkai::corpus

#endif  // GONGKAI_CORPUS_AGENCY_H_
