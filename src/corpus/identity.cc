#include "corpus/identity.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "corpus/agency.h"
#include "corpus/analysis.h"

namespace gongkai::corpus {

bool Identities::Add(const std::string& key) { return groups_[RootKey(key)].insert(key).second; }

std::vector<std::string> Identities::Groups() const {
  std::vector<std::string> out;
  for (const auto& [root, keys] : groups_) out.push_back(*keys.begin());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Identities::Class> Identities::GroupOf(const std::string& key, const Hierarchy& hierarchy) const {
  const auto g = groups_.find(RootKey(key));
  if (g == groups_.end()) return {};
  // Shortest first, ties by bytes: the same order whatever the arrival order.
  std::vector<std::string> keys(g->second.begin(), g->second.end());
  std::stable_sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
  const std::size_t n = keys.size();
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  std::vector<std::vector<std::size_t>> ambiguous_ext(n);
  std::vector<bool> ambiguous(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::size_t> ext;
    for (std::size_t j = i + 1; j < n; ++j) {
      if (keys[j].size() > keys[i].size() && SameAgencyKey(keys[i], keys[j]) && hierarchy.MayBe(keys[i], keys[j])) {
        ext.push_back(j);
      }
    }
    bool chain = true;
    for (std::size_t a = 0; a < ext.size() && chain; ++a) {
      for (std::size_t b = a + 1; b < ext.size() && chain; ++b) chain = SameAgencyKey(keys[ext[a]], keys[ext[b]]);
    }
    if (!chain) {
      ambiguous[i] = true;
      ambiguous_ext[i] = std::move(ext);
      continue;
    }
    for (const std::size_t j : ext) parent[find(i)] = find(j);
  }
  std::map<std::size_t, Class> classes;
  for (std::size_t i = 0; i < n; ++i) {
    Class& c = classes[find(i)];
    c.keys.push_back(keys[i]);
    if (keys[i].size() > c.key.size() || c.key.empty()) c.key = keys[i];
  }
  // An ambiguous key is alone in its class: it says which agencies it may be.
  for (std::size_t i = 0; i < n; ++i) {
    if (!ambiguous[i]) continue;
    std::set<std::string> may_be;
    for (const std::size_t j : ambiguous_ext[i]) may_be.insert(classes[find(j)].key);
    classes[find(i)].may_be.assign(may_be.begin(), may_be.end());
  }
  std::vector<Class> out;
  for (auto& [root, c] : classes) out.push_back(std::move(c));
  std::sort(out.begin(), out.end(), [](const Class& a, const Class& b) { return a.key < b.key; });
  return out;
}

}  // namespace gongkai::corpus
