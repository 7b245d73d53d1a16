// Recognising the official row labels of Tables 二 and 三 in the text that
// precedes a run of numbers, however the label was broken, prefixed, renumbered
// or misspelt on its way into the document.
#ifndef GONGKAI_EXTRACT_LABEL_MATCH_H_
#define GONGKAI_EXTRACT_LABEL_MATCH_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "format/labels.h"

namespace gongkai::extract {

// Removes a leading enumerator: "一、", "(一)", "1.", "1、", "(1)", "①".
// Returns the rest; sets *had_number if one was removed.
std::string_view StripEnumerator(std::string_view key, bool* had_number = nullptr);

// Replaces spelling variants (format::SpellingVariants: 其它 → 其他) in a MatchKey.
std::string FoldVariants(std::string_view key);

// Edit distance in code points, giving up (returning limit+1) beyond `limit`.
std::size_t EditDistance(std::string_view a, std::string_view b, std::size_t limit);

struct LabelMatch {
  int table = 0;          // 2 or 3
  std::size_t row = 0;    // index into Table2Rows(version) or Table3Rows()
  std::size_t first_fragment = 0;  // where the label starts in the fragments
  bool exact = true;      // false: matched by similarity
};

class LabelMatcher {
 public:
  explicit LabelMatcher(format::Version table2_version);

  // `fragments` are the MatchKeys of the words or cells before a number, in
  // order; the label must end at the last one and start at a fragment
  // boundary (or right after a structural label such as "(三)不予公开").
  std::optional<LabelMatch> Match(const std::vector<std::string_view>& fragments) const;

  // Matches one candidate string (already a MatchKey) against all labels.
  // With `fuzzy` unset only exact spellings (after normalisation) match.
  std::optional<LabelMatch> MatchOne(std::string_view candidate, bool fuzzy) const;

  // How far the label at the end of `fragments` is from row `row` of table
  // `table` (2 or 3): the least edit distance between the row's label (or an
  // alias) and any ending of the fragments that starts at a fragment
  // boundary, with structural labels peeled off its front and its
  // enumerator removed, divided by the longer of the two lengths. 0 is the
  // same spelling, 1 nothing alike. For the alignment of the labels that
  // Match missed (typos) to the rows they stand for by their order.
  struct Closeness {
    double cost = 1;
    std::size_t first_fragment = 0;  // where the closest ending starts
  };
  Closeness Closest(const std::vector<std::string_view>& fragments, int table, std::size_t row) const;

  // True if `fragment` is made only of header and group texts (自然人,
  // 商业企业科研机构…, (本列数据的勾稽关系为…)申请人情况): a table header
  // repeated after a page break, which may stand between the two halves of
  // a label that broke across the page.
  bool IsHeaderOnly(std::string_view fragment) const;

 private:
  // Buffers reused by the similarity match within one Match call.
  struct Scratch {
    std::u32string wide;
    std::vector<std::size_t> rows;
  };
  // MatchOne and IsHeaderOnly for text already passed through FoldVariants.
  std::optional<LabelMatch> MatchFolded(std::string_view folded, bool fuzzy, Scratch& scratch) const;
  bool IsHeaderOnlyFolded(std::string_view folded) const;
  // Removes one structural label from the front of `c` (leaving something
  // after it); false if none opens it.
  bool PeelStructural(std::string_view& c) const;

  struct Entry {
    int table;
    std::size_t row;
    std::string key;       // MatchKey without enumerator
    bool needs_number;
    std::u32string wide;   // `key` decoded once, for the similarity match
  };
  std::vector<Entry> entries_;
  std::size_t longest_ = 0;  // code points of the longest entry
  std::vector<std::string> structural_;  // MatchKeys, longest first
  // by_size_[n]: the entries whose key has n bytes, in order (exact match).
  std::vector<std::vector<std::size_t>> by_size_;
};

}  // namespace gongkai::extract

#endif  // GONGKAI_EXTRACT_LABEL_MATCH_H_
