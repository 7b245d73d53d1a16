// The extractor's view of a document: a flat stream of words, numbers and
// cell/row boundaries in reading order. Tables copied into text, grids from
// HTML or DOCX and rows of a PDF all become the same stream, so that labels
// and the values after them are found the same way in every format.
#ifndef GONGKAI_EXTRACT_TOKENS_H_
#define GONGKAI_EXTRACT_TOKENS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"

namespace gongkai::extract {

struct Token {
  enum class Kind {
    kText,           // a word of a paragraph or the text of a cell
    kNumber,         // a number ("5", "1,234", "474.88577")
    kNotApplicable,  // "/", "—", "无"
    kEmpty,          // an empty table cell
    kRowEnd,         // end of a table row (hard) or of a paragraph line (soft)
  };
  Kind kind = Kind::kText;
  std::string key;         // text::MatchKey of the raw text
  std::size_t offset = 0;  // in Document::text
  std::size_t length = 0;  // bytes of raw text
  double value = 0;        // kNumber
  bool integer = true;     // kNumber printed without a fractional part
  std::string unit;        // kNumber: unit printed after it ("件", "万元")
  bool hard = false;       // kRowEnd of a table row (true) or a paragraph (false)
  bool in_table = false;   // came from a table block
  // From a table block: which block (index in Document::blocks) and which
  // column of its grid (merged cells counted, so that a cell sits under the
  // header cell it is printed under); -1 otherwise.
  int block = -1;
  int column = -1;
};

std::vector<Token> Tokenize(const Document& doc);

// A paragraph that is page furniture rather than content: a page number
// ("- 3 -", "— 3 —", "第 3 页 共 8 页", "3/8") or a running header repeating
// the report's title. PDF and Word text put them wherever a page ends, which
// may be in the middle of a table or of a row; Tokenize drops them so that a
// label and its values are not separated.
bool IsPageFurniture(std::string_view paragraph);

bool IsValue(const Token& t);  // kNumber or kNotApplicable

}  // namespace gongkai::extract

#endif  // GONGKAI_EXTRACT_TOKENS_H_
