#include "readers/simplify.h"

#include <opencc/Config.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/Segmentation.hpp>
#include <opencc/Segments.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <exception>
#include <mutex>
#include <vector>

#include "util/text.h"

namespace gongkai::readers {

namespace {

// Characters that exist only in Traditional script and are among the commonest
// in a report's text (開 關 請 數 國 機 處 報 …). Written by hand: OpenCC
// offers no "is this Traditional?" query, and loading its dictionaries for
// every Simplified page only to find nothing to convert costs more than the
// whole read.
constexpr std::u32string_view kTraditionalOnly =
    U"開關請數國機處報這會與業辦為們個時對從來經動發說過點現實當應區務條計縣議資訊門網級規範"
    U"權審結轉總項決書導習價問題準際統幹產檢種類組織體製標確認選擇證訴複據構險衛環護財稅廣電視"
    U"農鄉鎮傳齊頭優絡貫徹興華歲聯繫專屬執還";

constexpr char32_t kUnifiedFirst = 0x4E00;
constexpr char32_t kUnifiedLast = 0x9FFF;

// One bit per CJK Unified Ideograph. Every report passes through
// LooksTraditional, Simplified ones too; searching the list for each of a
// page's characters cost as much as parsing the page.
constexpr auto kTraditionalBits = [] {
  std::array<std::uint64_t, (kUnifiedLast - kUnifiedFirst) / 64 + 1> bits{};
  for (const char32_t c : kTraditionalOnly) {
    if (c < kUnifiedFirst || c > kUnifiedLast) throw "kTraditionalOnly: not a CJK Unified Ideograph";
    bits[(c - kUnifiedFirst) / 64] |= std::uint64_t{1} << ((c - kUnifiedFirst) % 64);
  }
  return bits;
}();

bool IsHan(char32_t c) {
  return (c >= kUnifiedFirst && c <= kUnifiedLast) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2FFFF);
}

bool IsTraditionalOnly(char32_t c) {
  if (c < kUnifiedFirst || c > kUnifiedLast) return false;
  return (kTraditionalBits[(c - kUnifiedFirst) / 64] >> ((c - kUnifiedFirst) % 64)) & 1;
}

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// The converted text with its anchors, built one unit (a character, or a
// stretch OpenCC rewrote as a whole) at a time.
class Builder {
 public:
  Builder() { anchors_.push_back({0, 0}); }

  void Unit(std::string_view in, std::string_view out) {
    if (in.size() == out.size()) {
      text_ += out;
      original_ += in.size();
      return;
    }
    const OffsetAnchor start{text_.size(), original_};
    if (anchors_.back() != start) anchors_.push_back(start);
    text_ += out;
    original_ += in.size();
    anchors_.push_back({text_.size(), original_});
  }

  // The converted text; the anchors, ending at the ends of both texts.
  std::string TakeText() { return std::move(text_); }
  std::vector<OffsetAnchor> TakeAnchors() {
    if (anchors_.back() != OffsetAnchor{text_.size(), original_}) anchors_.push_back({text_.size(), original_});
    return std::move(anchors_);
  }

 private:
  std::string text_;
  std::size_t original_ = 0;
  std::vector<OffsetAnchor> anchors_;
};

// One run of non-ASCII text through OpenCC, segment by segment. OpenCC turns
// each segment it found (a phrase of its dictionary, or a stretch of text
// between such phrases) into one output segment; within a segment whose
// output has as many characters as its input the characters correspond one
// to one, which is what keeps the map between the texts exact.
void ConvertRun(const opencc::Converter& conv, std::string_view run, Builder& b) {
  opencc::SegmentsPtr in;
  opencc::SegmentsPtr out;
  try {
    in = conv.GetSegmentation()->Segment(std::string(run));
    out = conv.GetConversionChain()->Convert(in);
  } catch (const std::exception&) {
    b.Unit(run, run);  // what OpenCC cannot read (invalid UTF-8) stays as it is
    return;
  }
  std::size_t in_bytes = 0;
  for (std::size_t i = 0; i < in->Length(); ++i) in_bytes += std::string_view(in->At(i)).size();
  if (out->Length() != in->Length() || in_bytes != run.size()) {
    b.Unit(run, out->ToString());
    return;
  }
  for (std::size_t i = 0; i < in->Length(); ++i) {
    const std::string_view from(in->At(i));
    const std::string_view to(out->At(i));
    if (CodePoints(from) != CodePoints(to)) {
      b.Unit(from, to);
      continue;
    }
    std::size_t f = 0;
    std::size_t t = 0;
    while (f < from.size()) {
      const std::size_t f0 = f;
      const std::size_t t0 = t;
      text::NextCodePoint(from, f);
      text::NextCodePoint(to, t);
      b.Unit(from.substr(f0, f - f0), to.substr(t0, t - t0));
    }
  }
}

// ASCII (markup-free text: digits, separators, line and cell breaks) is never
// converted; only the runs between it go through OpenCC. This keeps every
// '\n' and '\t' of the layout where it was and spares OpenCC's dictionary
// lookups on the digits of the tables.
void ConvertText(const opencc::Converter& conv, std::string_view s, Builder& b) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i;
    const bool ascii = static_cast<unsigned char>(s[i]) < 0x80;
    while (j < s.size() && (static_cast<unsigned char>(s[j]) < 0x80) == ascii) ++j;
    if (ascii) {
      b.Unit(s.substr(i, j - i), s.substr(i, j - i));
    } else {
      ConvertRun(conv, s.substr(i, j - i), b);
    }
    i = j;
  }
}

// The offset in the converted text of byte `offset` of the original: the
// inverse of OriginalOffset, exact at the start of every unit.
std::size_t TextOffset(const std::vector<OffsetAnchor>& anchors, std::size_t offset) {
  return MapOffset(anchors, offset, &OffsetAnchor::original, &OffsetAnchor::text);
}

}  // namespace

bool LooksTraditional(std::string_view text) {
  std::size_t han = 0;
  std::size_t traditional = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const char32_t c = text::NextCodePoint(text, i);
    if (!IsHan(c)) continue;
    ++han;
    traditional += IsTraditionalOnly(c);
  }
  // Simplified text has none of these (a stray quoted name at most); in
  // Traditional text they are well over a tenth of the characters.
  return traditional >= 5 && traditional * 33 >= han;
}

struct Simplifier::State {
  std::once_flag once;
  opencc::ConverterPtr converter;  // null if t2s could not be loaded
  std::string error;

  const opencc::Converter* Get() {
    std::call_once(once, [this] {
      try {
        converter = opencc::Config().NewFromFile("t2s.json");
      } catch (const std::exception& e) {
        error = e.what();
      }
      if (converter == nullptr && error.empty()) error = "t2s.json";
    });
    return converter.get();
  }
};

Simplifier::Simplifier() : state_(std::make_unique<State>()) {}
Simplifier::~Simplifier() = default;
Simplifier::Simplifier(Simplifier&&) noexcept = default;
Simplifier& Simplifier::operator=(Simplifier&&) noexcept = default;

std::string Simplifier::Convert(std::string_view text) const {
  const opencc::Converter* conv = state_ ? state_->Get() : nullptr;
  if (conv == nullptr) return std::string(text);
  Builder b;
  ConvertText(*conv, text, b);
  return b.TakeText();
}

void Simplifier::Apply(Document& doc) const {
  if (state_ == nullptr || !doc.original.empty() || !LooksTraditional(doc.text)) return;
  const opencc::Converter* conv = state_->Get();
  if (conv == nullptr) {
    doc.warnings.push_back("原文为繁体字，但无法加载 OpenCC 转换 / Traditional script, OpenCC t2s unavailable: " +
                           state_->error);
    return;
  }
  Builder b;
  ConvertText(*conv, doc.text, b);
  doc.original_anchors = b.TakeAnchors();  // before the text is taken: it ends at its end
  doc.original = std::move(doc.text);
  doc.text = b.TakeText();
  const std::string& original = doc.original;
  const auto& anchors = doc.original_anchors;

  // A paragraph or cell is the text at its offset (the readers' promise), so
  // its converted form is the converted text between its mapped ends. One
  // that is not (no reader should produce it) is converted on its own.
  auto remap = [&](std::string& s, std::size_t& offset) {
    const std::size_t begin = TextOffset(anchors, offset);
    if (offset + s.size() <= original.size() && original.compare(offset, s.size(), s) == 0) {
      const std::size_t end = TextOffset(anchors, offset + s.size());
      s = doc.text.substr(begin, end - begin);
    } else if (!s.empty()) {
      Builder own;
      ConvertText(*conv, s, own);
      s = own.TakeText();
    }
    offset = begin;
  };
  for (Block& block : doc.blocks) {
    remap(block.text, block.offset);
    for (auto& row : block.rows) {
      for (Cell& c : row) remap(c.text, c.offset);
    }
  }
  for (std::size_t& p : doc.page_offsets) p = TextOffset(anchors, p);
  for (Doubt& d : doc.doubts) {
    const std::size_t end = TextOffset(anchors, d.offset + d.length);
    d.offset = TextOffset(anchors, d.offset);
    d.length = end > d.offset ? end - d.offset : 0;
  }
  doc.warnings.emplace_back(
      "原文为繁体字，已转为简体识别，证据同时引用繁体原文 / text in Traditional script converted to "
      "Simplified (OpenCC t2s) to match the labels; evidence also quotes the original");
}

}  // namespace gongkai::readers
