#include "util/text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
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
  // Most text is CJK, far above every space character: answer without ICU.
  if (c > 0x3000 && c != 0xFEFF) return false;
  return u_isUWhiteSpace(static_cast<UChar32>(c)) || c == 0xFEFF || c == 0x200B;
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
}  // namespace

std::string Normalize(std::string_view s) {
  if (IsAscii(s)) return std::string(s);
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

std::string MatchKey(std::string_view s) {
  const std::string norm = Normalize(s);
  std::string out;
  out.reserve(norm.size());
  std::size_t i = 0;
  while (i < norm.size()) {
    const std::size_t start = i;
    const char32_t c = NextCodePoint(norm, i);
    if (IsSpace(c)) continue;
    switch (c) {
      case U'"': case U'\'': case U'\u201C': case U'\u201D': case U'\u2018': case U'\u2019':
      case U'\u300C': case U'\u300D': case U'\u300E': case U'\u300F':
        continue;
      case U'\u3014': out += '('; continue;  // 〔
      case U'\u3015': out += ')'; continue;  // 〕
      case U'\uFF5F': out += '('; continue;
      default:
        out.append(norm, start, i - start);
    }
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  std::size_t begin = 0;
  while (begin < s.size()) {
    std::size_t j = begin;
    if (!IsSpace(NextCodePoint(s, j))) break;
    begin = j;
  }
  std::size_t end = begin;
  std::size_t i = begin;
  while (i < s.size()) {
    const char32_t c = NextCodePoint(s, i);
    if (!IsSpace(c)) end = i;
  }
  return s.substr(begin, end - begin);
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
