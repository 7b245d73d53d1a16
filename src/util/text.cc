#include "util/text.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace gongkai::text {

char32_t NextCodePoint(std::string_view s, std::size_t& i) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t length = static_cast<int32_t>(s.size());
  auto pos = static_cast<int32_t>(i);
  UChar32 c = 0;
  U8_NEXT(p, pos, length, c);
  i = static_cast<std::size_t>(pos);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

void AppendCodePoint(std::string& out, char32_t c) {
  uint8_t buf[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(buf, n, 4, static_cast<UChar32>(c), error);
  if (error) return;
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

bool IsSpace(char32_t c) {
  if (c < 0x80) return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  // Unicode's White_Space property (what u_isUWhiteSpace answers; stable
  // since Unicode 6.3, checked against ICU over every code point by
  // text_test), plus U+200B and U+FEFF. Spelt out because this is asked for
  // every character of every document and ICU's property lookup showed up
  // in profiles.
  switch (c) {
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
    case 0x3000: case 0x200B: case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    auto pos = static_cast<int32_t>(i);
    UChar32 c = 0;
    U8_NEXT(p, pos, static_cast<int32_t>(s.size()), c);
    if (c < 0) return false;
    i = static_cast<std::size_t>(pos);
  }
  return true;
}

namespace {

bool IsAscii(std::string_view s) {
  for (unsigned char ch : s) {
    if (ch >= 0x80) return false;
  }
  return true;
}

// Decodes one code point like NextCodePoint, but reports invalid UTF-8 as -1
// (the fast paths leave such text to ICU, which replaces it with U+FFFD).
inline int32_t DecodeStrict(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    ++i;
    return b;
  }
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  auto pos = static_cast<int32_t>(i);
  UChar32 c = 0;
  U8_NEXT(p, pos, static_cast<int32_t>(s.size()), c);
  i = static_cast<std::size_t>(pos);
  return c;
}

// The NFKC (ICU) normalisation of strings made only of the code points
// answered by internal::SimpleNfkc is the concatenation of their single
// mappings, because each of them has a normalisation boundary before it.
// Returns false, leaving `out` unspecified, when `s` holds anything else
// (circled numbers, ㈠, "…", combining marks, invalid UTF-8): ICU decides.
// `kept` is set when nothing changed, so that the caller can reuse `s`.
bool SimpleNormalize(std::string_view s, std::string& out, bool& kept) {
  kept = true;
  std::size_t i = 0;
  std::size_t copied = 0;  // bytes of `s` before this are in `out`
  while (i < s.size()) {
    const std::size_t start = i;
    const int32_t c = DecodeStrict(s, i);
    if (c < 0) return false;
    const int32_t m = internal::SimpleNfkc(static_cast<char32_t>(c));
    if (m < 0) return false;
    if (m == c) continue;
    if (kept) {
      out.reserve(s.size());
      kept = false;
    }
    out.append(s.data() + copied, start - copied);
    out += static_cast<char>(m);  // every mapping of SimpleNfkc is ASCII
    copied = i;
  }
  if (!kept) out.append(s.data() + copied, s.size() - copied);
  return true;
}

std::string IcuNormalize(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  // ICU owns this instance (created once per process by ICU itself).
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return std::string(s);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (nfkc->isNormalized(in, status) && U_SUCCESS(status)) return std::string(s);
  status = U_ZERO_ERROR;
  icu::UnicodeString out = nfkc->normalize(in, status);
  if (U_FAILURE(status)) return std::string(s);
  std::string result;
  out.toUTF8String(result);
  return result;
}

// The characters MatchKey drops (whitespace aside), after normalisation.
inline bool IsQuote(char32_t c) {
  switch (c) {
    case U'"': case U'\'': case U'\u201C': case U'\u201D': case U'\u2018': case U'\u2019':
    case U'\u300C': case U'\u300D': case U'\u300E': case U'\u300F':
      return true;
    default:
      return false;
  }
}

// MatchKey of an already normalised string.
void AppendKeyOfNormalized(std::string_view norm, std::string& out) {
  std::size_t i = 0;
  while (i < norm.size()) {
    const std::size_t start = i;
    const char32_t c = NextCodePoint(norm, i);
    if (IsSpace(c) || IsQuote(c)) continue;
    switch (c) {
      case U'\u3014': out += '('; continue;  // 〔
      case U'\u3015': out += ')'; continue;  // 〕
      case U'\uFF5F': out += '('; continue;
      default:
        out.append(norm, start, i - start);
    }
  }
}

// MatchKey in one pass for text SimpleNfkc covers (nearly every word of a
// report); false when ICU has to normalise first.
bool SimpleMatchKey(std::string_view s, std::string& out) {
  out.reserve(s.size());
  std::size_t i = 0;
  std::size_t run = 0;  // start of the pending run of bytes kept as they are
  auto flush = [&](std::size_t end) { out.append(s.data() + run, end - run); };
  while (i < s.size()) {
    const std::size_t start = i;
    const int32_t c = DecodeStrict(s, i);
    if (c < 0) return false;
    const int32_t m = internal::SimpleNfkc(static_cast<char32_t>(c));
    if (m < 0) return false;
    const auto n = static_cast<char32_t>(m);
    if (m == c && !IsSpace(n) && !IsQuote(n) && n != U'\u3014' && n != U'\u3015') continue;
    flush(start);
    run = i;
    if (IsSpace(n) || IsQuote(n)) continue;
    if (n == U'\u3014') {
      out += '(';
    } else if (n == U'\u3015') {
      out += ')';
    } else {
      out += static_cast<char>(n);  // a full-width ASCII character, mapped
    }
  }
  flush(s.size());
  return true;
}

}  // namespace

namespace internal {

int32_t SimpleNfkc(char32_t c) {
  // Ordered by how often each range occurs in reports. Every range here is
  // checked against ICU over the whole BMP by text_test: each code point has
  // a normalisation boundary before it and NFKC maps it to itself or to the
  // ASCII character returned.
  if (c < 0xA0) return static_cast<int32_t>(c);
  if (c >= 0x4E00 && c <= 0x9FFF) return static_cast<int32_t>(c);  // CJK ideographs
  if (c >= 0xFF01 && c <= 0xFF5E) return static_cast<int32_t>(c - 0xFEE0);  // full-width ASCII
  if (c >= 0x3001 && c <= 0x3029) return static_cast<int32_t>(c);  // 、。〈〉《》「」【】〔〕…
  if (c == 0x3000) return ' ';  // ideographic space
  if (c >= 0x2010 && c <= 0x2030) {
    // ‐ –—―‖ ‘’‚‛“”„‟†‡•‣ ‧ ‰ (not U+2011, U+2017, U+2024–2026, U+2028–202F).
    if (c == 0x2010 || (c >= 0x2012 && c <= 0x2016) || (c >= 0x2018 && c <= 0x2023) || c == 0x2027 ||
        c == 0x2030) {
      return static_cast<int32_t>(c);
    }
    return -1;
  }
  if (c >= 0x3400 && c <= 0x4DBF) return static_cast<int32_t>(c);  // CJK extension A
  if (c <= 0xFF) {
    // Latin-1: not the no-break space, ¨ ª ¯ ² ³ ´ µ ¸ ¹ º ¼ ½ ¾ (compatibility forms).
    if ((c >= 0xA1 && c <= 0xA7) || c == 0xA9 || (c >= 0xAB && c <= 0xAE) || c == 0xB0 || c == 0xB1 ||
        c == 0xB6 || c == 0xB7 || c == 0xBB || c >= 0xBF) {
      return static_cast<int32_t>(c);
    }
    return -1;
  }
  if (c >= 0x2190 && c <= 0x21FF) return static_cast<int32_t>(c);  // arrows
  if (c >= 0x2500 && c <= 0x27BF) return static_cast<int32_t>(c);  // box drawing, shapes, ★, ✓
  return -1;
}

}  // namespace internal

std::string Normalize(std::string_view s) {
  if (IsAscii(s)) return std::string(s);
  std::string out;
  bool kept = false;
  if (SimpleNormalize(s, out, kept)) return kept ? std::string(s) : out;
  return IcuNormalize(s);
}

std::string MatchKey(std::string_view s) {
  std::string out;
  if (SimpleMatchKey(s, out)) return out;
  out.clear();
  AppendKeyOfNormalized(IcuNormalize(s), out);
  return out;
}

namespace {

// Bytes of the whitespace code point that ends `s`, or 0. Every whitespace
// character is ASCII or a complete sequence opened by a lead byte, and a lead
// byte always opens a code point when decoding forward (it is never taken as
// a continuation byte), so stepping back over a whole such sequence agrees
// with NextCodePoint even when `s` holds invalid bytes elsewhere.
std::size_t TrailingSpace(std::string_view s) {
  if (s.empty()) return 0;
  const auto last = static_cast<unsigned char>(s.back());
  if (last < 0x80) return IsSpace(last) ? 1 : 0;
  for (std::size_t n = 2; n <= 3 && n <= s.size(); ++n) {
    const auto lead = static_cast<unsigned char>(s[s.size() - n]);
    if (lead < 0xC0) continue;  // a continuation byte: look further back
    std::size_t i = s.size() - n;
    const char32_t c = NextCodePoint(s, i);
    return i == s.size() && IsSpace(c) ? n : 0;
  }
  return 0;
}

}  // namespace

std::string_view Trim(std::string_view s) {
  std::size_t begin = 0;
  while (begin < s.size()) {
    std::size_t j = begin;
    if (!IsSpace(NextCodePoint(s, j))) break;
    begin = j;
  }
  // From the end backwards: lines are long and end in at most a few spaces.
  std::string_view rest = s.substr(begin);
  while (const std::size_t n = TrailingSpace(rest)) rest.remove_suffix(n);
  return rest;
}

std::vector<Piece> SplitWhitespace(std::string_view s) {
  std::vector<Piece> out;
  std::size_t i = 0;
  std::size_t start = std::string_view::npos;
  while (i < s.size()) {
    const std::size_t at = i;
    const char32_t c = NextCodePoint(s, i);
    if (IsSpace(c)) {
      if (start != std::string_view::npos) {
        out.push_back({s.substr(start, at - start), start});
        start = std::string_view::npos;
      }
    } else if (start == std::string_view::npos) {
      start = at;
    }
  }
  if (start != std::string_view::npos) out.push_back({s.substr(start), start});
  return out;
}

std::vector<Piece> SplitLines(std::string_view s) {
  std::vector<Piece> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' || s[i] == '\r') {
      out.push_back({s.substr(start, i - start), start});
      if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < s.size()) out.push_back({s.substr(start), start});
  return out;
}

std::size_t Length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char ch : s) {
    if ((ch & 0xC0) != 0x80) ++n;
  }
  return n;
}

bool HasHan(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const char32_t c = NextCodePoint(s, i);
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
        (c >= 0x20000 && c <= 0x2A6DF)) {
      return true;
    }
  }
  return false;
}

}  // namespace gongkai::text
