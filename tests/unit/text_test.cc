// text::Normalize and text::MatchKey answer most text without ICU; these
// tests hold the fast paths to exactly what ICU's NFKC gives.
#include "util/text.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace gongkai::text {
namespace {

const icu::Normalizer2& Nfkc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
  EXPECT_TRUE(U_SUCCESS(status));
  return *n;
}

// The definitions before the fast paths: ICU on every string.
std::string ReferenceNormalize(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (Nfkc().isNormalized(in, status) && U_SUCCESS(status)) return std::string(s);
  status = U_ZERO_ERROR;
  icu::UnicodeString out = Nfkc().normalize(in, status);
  std::string result;
  out.toUTF8String(result);
  return result;
}

std::string ReferenceMatchKey(std::string_view s) {
  const std::string norm = ReferenceNormalize(s);
  std::string out;
  std::size_t i = 0;
  while (i < norm.size()) {
    const std::size_t start = i;
    const char32_t c = NextCodePoint(norm, i);
    if (u_isUWhiteSpace(static_cast<UChar32>(c)) || c == 0xFEFF || c == 0x200B) continue;
    switch (c) {
      case U'"': case U'\'': case U'\u201C': case U'\u201D': case U'\u2018': case U'\u2019':
      case U'\u300C': case U'\u300D': case U'\u300E': case U'\u300F':
        continue;
      case U'\u3014': out += '('; continue;
      case U'\u3015': out += ')'; continue;
      case U'\uFF5F': out += '('; continue;
      default:
        out.append(norm, start, i - start);
    }
  }
  return out;
}

TEST(SimpleNfkc, AgreesWithIcuOnEveryCodePoint) {
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    const int32_t m = internal::SimpleNfkc(c);
    if (m < 0) continue;
    // Independent of its neighbours, so a string of such code points
    // normalises one code point at a time …
    ASSERT_TRUE(Nfkc().hasBoundaryBefore(static_cast<UChar32>(c))) << std::hex << static_cast<uint32_t>(c);
    // … and to what SimpleNfkc says.
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString n = Nfkc().normalize(icu::UnicodeString(static_cast<UChar32>(c)), status);
    ASSERT_EQ(n, icu::UnicodeString(static_cast<UChar32>(m))) << std::hex << static_cast<uint32_t>(c);
    if (m != static_cast<int32_t>(c)) {
      ASSERT_LT(m, 0x80);
    }
  }
}

TEST(IsSpace, AgreesWithIcuWhiteSpace) {
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    const bool icu = u_isUWhiteSpace(static_cast<UChar32>(c)) || c == 0xFEFF || c == 0x200B;
    ASSERT_EQ(IsSpace(c), icu) << std::hex << static_cast<uint32_t>(c);
  }
}

TEST(Normalize, FullWidthAndCompatibilityForms) {
  EXPECT_EQ(Normalize("２０２３年（一）"), "2023年(一)");
  EXPECT_EQ(Normalize("㈠①"), "(一)1");
  EXPECT_EQ(Normalize("a\u3000b"), "a b");
  EXPECT_EQ(MatchKey(" “行政 许可”：\u3000３７"), "行政许可:37");
  EXPECT_EQ(MatchKey("〔2021〕"), "(2021)");
}

TEST(Normalize, SameAsIcuOnMixedStrings) {
  // Fast-path characters mixed with ones only ICU handles: combining marks
  // after letters, circled numbers, ellipses, invalid bytes, astral planes.
  const std::vector<std::string> alphabet = {
      "a", "e", "1", " ", "\t", "\"", "'", "(", "行", "政", "、", "。", "“", "”", "〔", "〕", "「", "」",
      "０", "９", "（", "）", "：", "，", "Ａ", "\u3000", "\u00A0", "\u0301", "\u0308", "①", "㈠", "…", "—",
      "\u2011", "\u00B2", "\u00C0", "\uFF5F", "\uFFE3", "\uFEFF", "\u200B", "\u0085", "\xE4", "\xFF",
      "\xF0\xA0\x80\x80", "\uF900", "\u1100", "\u1161", "·", "×", "★", "→", "％"};
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1), len(0, 8);
  for (int n = 0; n < 50000; ++n) {
    std::string s;
    for (std::size_t k = len(rng); k > 0; --k) s += alphabet[pick(rng)];
    ASSERT_EQ(Normalize(s), ReferenceNormalize(s)) << s;
    ASSERT_EQ(MatchKey(s), ReferenceMatchKey(s)) << s;
  }
}

TEST(Normalize, SameAsIcuOnEveryFixtureLine) {
  const std::filesystem::path root = std::filesystem::path(GONGKAI_SOURCE_DIR) / "tests/fixtures";
  std::size_t lines = 0;
  for (const char* set : {"seeds", "variants"}) {
    for (const auto& e : std::filesystem::directory_iterator(root / set)) {
      if (e.path().extension() != ".txt") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      const std::string all = ss.str();
      ASSERT_EQ(MatchKey(all), ReferenceMatchKey(all)) << e.path();
      for (const Piece& line : SplitLines(all)) {
        ASSERT_EQ(Normalize(line.text), ReferenceNormalize(line.text)) << line.text;
        ASSERT_EQ(MatchKey(line.text), ReferenceMatchKey(line.text)) << line.text;
        for (const Piece& w : SplitWhitespace(line.text)) ASSERT_EQ(MatchKey(w.text), ReferenceMatchKey(w.text));
        ++lines;
      }
    }
  }
  EXPECT_GT(lines, 100u);
}

}  // namespace
}  // namespace gongkai::text
