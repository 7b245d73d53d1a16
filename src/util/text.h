// UTF-8 text helpers shared by every stage: normalisation of the many
// compatibility forms found in Chinese government documents (full-width digits
// and brackets, ideographic spaces, circled numbers) and whitespace handling.
#ifndef GONGKAI_UTIL_TEXT_H_
#define GONGKAI_UTIL_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai::text {

// Decodes the code point at `i` and advances `i`. Invalid bytes decode as
// U+FFFD and advance by one byte, so a loop always terminates.
char32_t NextCodePoint(std::string_view s, std::size_t& i);

// Appends the UTF-8 encoding of `c`.
void AppendCodePoint(std::string& out, char32_t c);

// True for ASCII whitespace, U+00A0, U+3000 and the other Unicode spaces.
bool IsSpace(char32_t c);

bool IsValidUtf8(std::string_view s);

// NFKC (ICU): full-width ASCII to ASCII, U+3000 to space, ㈠ to (一), … .
// Whitespace is kept.
std::string Normalize(std::string_view s);

// The form labels are compared in: Normalize, then drop all whitespace and all
// quotation marks (reports mix “”, "", 「」 around 三安全一稳定).
std::string MatchKey(std::string_view s);

namespace internal {
// For the fast path of Normalize and MatchKey: the code point NFKC maps `c`
// to, if that is `c` itself or one ASCII character and `c` does not combine
// with its neighbours; -1 for everything else, which ICU then normalises.
// Public only so that text_test can check it against ICU.
int32_t SimpleNfkc(char32_t c);
}  // namespace internal

// Removes leading and trailing whitespace (Unicode-aware).
std::string_view Trim(std::string_view s);

// A piece of a string with its byte offset in that string.
struct Piece {
  std::string_view text;
  std::size_t offset;
};
// Splits on runs of whitespace.
std::vector<Piece> SplitWhitespace(std::string_view s);
// Splits into lines (\n, \r\n or \r), keeping offsets; the terminators are dropped.
std::vector<Piece> SplitLines(std::string_view s);

// Number of code points.
std::size_t Length(std::string_view s);

// True if `s` contains a CJK ideograph.
bool HasHan(std::string_view s);

}  // namespace gongkai::text

#endif  // GONGKAI_UTIL_TEXT_H_
