// Readers turn the bytes of a file into a Document. The format is detected
// from the content (magic bytes, markup), never from the file name.
#ifndef GONGKAI_READERS_READER_H_
#define GONGKAI_READERS_READER_H_

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#include "document/document.h"

namespace gongkai::readers {

enum class Format { kText, kHtml, kDocx, kPdf, kImage, kDoc, kWps, kXlsx, kXls, kEt, kOfd, kUnknown };

// The key used in JSON `source.format`: "txt", "html", "docx", "pdf", "image",
// "doc" (Word 97-2003), "wps" (Kingsoft WPS), "xlsx", "xls" (Excel 97-2003),
// "et" (Kingsoft spreadsheet), "ofd" (GB/T 33190).
std::string_view FormatKey(Format f);

// Looks at the content, never the name: %PDF; a zip (PK\3\4) holding
// word/document.xml (DOCX), xl/workbook.xml (XLSX) or OFD.xml (OFD); an OLE
// compound file (D0 CF 11 E0) by its streams: WordDocument (.doc, or .wps when
// Kingsoft's marks are present), Workbook/Book (.xls, or .et), an
// EncryptedPackage or anything else being kUnknown; PNG/JPEG/TIFF magic;
// <html or <table markup (in UTF-16/32 too, with or without BOM:
// encoding.h); otherwise text if it has few control bytes.
Format Detect(std::string_view bytes);

// A file that cannot be read as a report. Both messages name the reason; the
// caller adds the file name.
class ReadError : public std::runtime_error {
 public:
  ReadError(std::string zh, std::string en)
      : std::runtime_error(en), zh_(std::move(zh)), en_(std::move(en)) {}
  const std::string& zh() const { return zh_; }
  const std::string& en() const { return en_; }

 private:
  std::string zh_;
  std::string en_;
};

// The largest file accepted. Reports are tens of kilobytes of text, a few
// megabytes as PDF (a long scan at 300 dpi some tens); anything far larger
// is not a report. Each format has a smaller cap of its own (budget.h).
inline constexpr std::size_t kMaxFileBytes = 100u * 1024 * 1024;

// Reads a whole file. Throws ReadError if it is missing, unreadable, a
// directory or larger than `max_bytes`.
std::string LoadFile(const std::string& path, std::size_t max_bytes = kMaxFileBytes);

class Simplifier;

// Reads bytes of any supported format, then converts a text in Traditional
// script to Simplified with `simplifier` (keeping the original in
// Document::original). Throws ReadError.
Document Read(std::string_view bytes, Format format, const Simplifier& simplifier);

// The reader of `format` alone, the text left in its script (what Read
// calls before simplifying; the reading worker of pipeline/worker.h runs
// it). Throws ReadError.
Document ReadAs(std::string_view bytes, Format format);

// The same with a Simplifier of its own (for one-off use: a batch keeps one,
// which loads OpenCC's dictionaries once).
Document Read(std::string_view bytes, Format format);

// Text: UTF-8 (with or without BOM; a few bad bytes replaced, each a Doubt
// at its place), UTF-16/32 (with or without BOM), or GB18030/GBK; NUL bytes
// dropped with a warning (encoding.h). Over budget::kMaxTextBytes: ReadError.
Document ReadText(std::string_view bytes);

// The readers of each format (Read() calls them). They leave the text in the
// script it was written in.
//
// HTML page: charset from BOM, <meta> or detection; the article body without
// the site's chrome; <table>s as grids with spans resolved. Throws ReadError.
Document ReadHtml(std::string_view bytes);

// DOCX: paragraphs (with their list numbers) and tables with gridSpan/vMerge
// resolved. Throws ReadError for encrypted, corrupt or non-Word zips.
Document ReadDocx(std::string_view bytes);

// An OLE compound file that is not read (a password-encrypted Office file,
// PowerPoint, an unknown kind): throws a ReadError saying which.
[[noreturn]] void ThrowOleError(std::string_view bytes);

// Converts text in a legacy encoding to UTF-8 (ICU). `charset` as in an HTML
// meta tag ("gb2312", "gbk", "gb18030", "big5", "utf-8").
std::string ToUtf8(std::string_view bytes, std::string_view charset);

}  // namespace gongkai::readers

#endif  // GONGKAI_READERS_READER_H_
