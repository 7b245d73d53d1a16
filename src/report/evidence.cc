#include "report/evidence.h"

#include "util/text.h"

namespace gongkai {

namespace {
bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
}  // namespace

std::string Excerpt(std::string_view text, std::size_t offset, std::size_t radius) {
  if (offset > text.size()) offset = text.size();
  std::size_t begin = offset;
  for (std::size_t n = 0; begin > 0 && n < radius;) {
    --begin;
    if (!IsContinuationByte(text[begin])) ++n;
  }
  while (begin > 0 && IsContinuationByte(text[begin])) --begin;
  std::size_t end = offset;
  for (std::size_t n = 0; end < text.size() && n < radius; ++n) {
    text::NextCodePoint(text, end);
  }
  std::string out;
  bool space = false;
  std::size_t i = begin;
  while (i < end) {
    const std::size_t at = i;
    const char32_t c = text::NextCodePoint(text, i);
    if (text::IsSpace(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out.append(text.substr(at, i - at));
  }
  return out;
}

namespace {

std::string OriginalExcerpt(const Report& r, std::size_t offset) {
  if (r.original.empty()) return {};
  return Excerpt(r.original, OriginalOffset(r.original_anchors, offset));
}

}  // namespace

void Quote(const Report& r, std::size_t offset, Finding& f) {
  if (offset > r.text.size()) return;
  f.offset = offset;
  f.excerpt = Excerpt(r.text, offset);
  f.original = OriginalExcerpt(r, offset);
  if (const int page = PageAt(r.page_offsets, offset); page > 0) f.page = page;
}

void LocatePages(Report& r) {
  if (r.page_offsets.empty()) return;
  for (Finding& f : r.findings) {
    if (!f.offset || f.page) continue;
    if (const int page = PageAt(r.page_offsets, *f.offset); page > 0) f.page = page;
  }
}

void QuoteOriginals(Report& r) {
  LocatePages(r);
  if (r.original.empty()) return;
  for (Finding& f : r.findings) {
    if (f.offset && f.original.empty() && *f.offset <= r.text.size()) f.original = OriginalExcerpt(r, *f.offset);
  }
}

}  // namespace gongkai
