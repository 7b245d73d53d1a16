// Agency identity as a function of the set of spellings seen and of the
// region hierarchy, never of the order in which reports arrive.
//
// Keys that SameAgencyKey relates share a RootKey: they form a group (鼓楼区,
// 南京市鼓楼区, 福州市鼓楼区, 江苏省南京市鼓楼区). Within a group a key S and a
// longer key L that S ends with are one agency, unless S is ambiguous: the
// longer keys the hierarchy allows for S (Hierarchy::MayBe) are not all one
// chain of ever fuller names (南京市鼓楼区 and 福州市鼓楼区 for 鼓楼区). An
// ambiguous key is an agency of its own, flagged with the agencies it may
// be, so that a short name never merges two fully named agencies. An
// agency's key is the longest of its keys.
#ifndef GONGKAI_CORPUS_IDENTITY_H_
#define GONGKAI_CORPUS_IDENTITY_H_

#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace gongkai::corpus {

class Hierarchy;

class Identities {
 public:
  struct Class {
    std::string key;                // the longest of `keys`: the agency's identity key
    std::vector<std::string> keys;  // shortest first
    std::vector<std::string> may_be;  // ambiguous: the identity keys of the agencies it may be
  };

  // Adds a key (an AgencyKey); false if it was there.
  bool Add(const std::string& key);
  // The classes of the group `key` belongs to (by identity key).
  std::vector<Class> GroupOf(const std::string& key, const Hierarchy& hierarchy) const;
  // One key of every group.
  std::vector<std::string> Groups() const;

 private:
  std::unordered_map<std::string, std::set<std::string>> groups_;  // RootKey → keys
};

}  // namespace gongkai::corpus

#endif  // GONGKAI_CORPUS_IDENTITY_H_
