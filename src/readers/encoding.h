// Decoding the bytes of text and HTML files without losing a report to a few
// bad bytes: Unicode encodings found by their BOM or, without one, by where
// their NUL bytes fall; UTF-8 that is valid but for a few bytes kept as
// UTF-8, each bad sequence replaced by U+FFFD and reported with its place;
// NUL bytes dropped and reported; a declared legacy charset checked against
// the bytes (ICU, strictly) before it is believed.
#ifndef GONGKAI_READERS_ENCODING_H_
#define GONGKAI_READERS_ENCODING_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"

namespace gongkai::readers::encoding {

// A Unicode encoding recognised from the bytes alone.
struct Unicode {
  std::string_view charset;  // "utf-8", "utf-16le", "utf-16be", "utf-32le", "utf-32be"
  std::size_t bom = 0;       // bytes of byte-order mark to skip
};

// By BOM; without one, UTF-32 or UTF-16 by the NUL bytes of the first 4 KB
// (ASCII characters, which every report has — digits, line breaks — put
// their NULs at fixed places in every code unit). nullopt for anything else
// (UTF-8 without BOM, legacy charsets, binary).
std::optional<Unicode> DetectUnicode(std::string_view bytes);

// What decoding found, for the reader to report.
struct Repairs {
  std::vector<Doubt> doubts;          // replaced sequences, at their U+FFFD in the output
  std::vector<std::string> warnings;  // NULs dropped, summaries, charset notes
};

// UTF-8 but for a few bytes: the output with each invalid sequence replaced
// by U+FFFD (a Doubt at its place naming the file offset and the bytes, the
// first 20; a warning counts the rest) and NUL bytes dropped (one warning
// with their count and first place). nullopt when the bytes are not mostly
// UTF-8 (more than one bad sequence per 4 good multi-byte characters, or
// more than 1 % of the bytes): a legacy charset, for the caller to try.
std::optional<std::string> RepairUtf8(std::string_view bytes, Repairs& repairs);

// `bytes` in `charset` to UTF-8 only if every byte converts (ICU with the
// stop callback); nullopt otherwise. GB2312/GBK are read as GB18030.
std::optional<std::string> StrictToUtf8(std::string_view bytes, std::string_view charset);

// Text bytes of any encoding to UTF-8: Unicode by DetectUnicode, else
// (repaired) UTF-8, else GB18030 (bytes GB18030 cannot map become U+FFFD, with
// a warning). NUL bytes are dropped in every case.
std::string DecodeText(std::string_view bytes, Repairs& repairs);

// Whether ICU has a converter for `charset`.
bool KnownCharset(std::string_view charset);

// NUL bytes removed from decoded UTF-8 `text`, with one warning.
void DropNuls(std::string& text, Repairs& repairs);

}  // namespace gongkai::readers::encoding

#endif  // GONGKAI_READERS_ENCODING_H_
