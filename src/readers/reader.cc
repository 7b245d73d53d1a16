#include "readers/reader.h"

#include <unicode/ucnv.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

#include "readers/budget.h"
#include "readers/encoding.h"
#include "readers/ocr.h"
#include "readers/office.h"
#include "readers/pdf.h"
#include "readers/simplify.h"
#include "util/text.h"

namespace gongkai::readers {

std::string_view FormatKey(Format f) {
  switch (f) {
    case Format::kText: return "txt";
    case Format::kHtml: return "html";
    case Format::kDocx: return "docx";
    case Format::kPdf: return "pdf";
    case Format::kImage: return "image";
    case Format::kDoc: return "doc";
    case Format::kWps: return "wps";
    case Format::kXlsx: return "xlsx";
    case Format::kXls: return "xls";
    case Format::kEt: return "et";
    case Format::kOfd: return "ofd";
    case Format::kUnknown: break;
  }
  return "unknown";
}

namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

bool LooksLikeHtml(std::string_view head) {
  std::string lower;
  lower.reserve(head.size());
  for (char c : head) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return lower.find("<html") != std::string::npos || lower.find("<!doctype html") != std::string::npos ||
         lower.find("<table") != std::string::npos || lower.find("<body") != std::string::npos ||
         lower.find("<meta") != std::string::npos;
}

// A name as an OLE directory entry writes it (UTF-16LE), or as ASCII.
bool HasOleName(std::string_view bytes, std::string_view ascii, bool also_ascii = false) {
  std::string utf16;
  for (char c : ascii) {
    utf16 += c;
    utf16 += '\0';
  }
  return bytes.find(utf16) != std::string_view::npos || (also_ascii && bytes.find(ascii) != std::string_view::npos);
}

// OLE compound files by their streams. Kingsoft WPS Office writes the same
// Word and Excel binary formats with its own marks (a KSOProductBuildVer
// property, WpsCustomData/ETExtData streams).
Format DetectOle(std::string_view bytes) {
  if (HasOleName(bytes, "EncryptedPackage")) return Format::kUnknown;  // an encrypted OOXML file
  const bool kingsoft = HasOleName(bytes, "KSOProductBuildVer", true) || HasOleName(bytes, "WpsCustomData") ||
                        HasOleName(bytes, "ETExtData");
  if (HasOleName(bytes, "WordDocument")) return kingsoft ? Format::kWps : Format::kDoc;
  if (HasOleName(bytes, "Workbook") || HasOleName(bytes, "Book")) return kingsoft ? Format::kEt : Format::kXls;
  return Format::kUnknown;
}

}  // namespace

Format Detect(std::string_view bytes) {
  if (StartsWith(bytes, "%PDF-")) return Format::kPdf;
  // Some servers prepend whitespace or a BOM before %PDF.
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) return Format::kPdf;
  // DOCX is a zip holding word/document.xml; its name is stored uncompressed
  // in the local headers and the central directory. Any other zip is not a
  // report.
  if (StartsWith(bytes, "PK\x03\x04")) {
    // Spreadsheets and OFD by the part that defines them.
    if (bytes.find("word/document") != std::string_view::npos) return Format::kDocx;
    if (bytes.find("xl/workbook.xml") != std::string_view::npos) return Format::kXlsx;
    if (bytes.find("OFD.xml") != std::string_view::npos) return Format::kOfd;
    return Format::kUnknown;
  }
  if (StartsWith(bytes, "\x89PNG\r\n\x1a\n") || StartsWith(bytes, "\xFF\xD8\xFF") ||
      StartsWith(bytes, "II*\0") || StartsWith(bytes, std::string_view("MM\0*", 4))) {
    return Format::kImage;
  }
  if (StartsWith(bytes, "\xD0\xCF\x11\xE0")) return DetectOle(bytes);
  std::string_view head = bytes.substr(0, 4096);
  // UTF-16/32 (with or without BOM): markup or text once decoded.
  if (const std::optional<encoding::Unicode> u = encoding::DetectUnicode(bytes)) {
    if (u->charset == "utf-8") return LooksLikeHtml(head) ? Format::kHtml : Format::kText;
    std::string_view body = head.substr(std::min(u->bom, head.size()));
    const std::size_t unit = u->charset.substr(0, 6) == "utf-16" ? 2 : 4;
    // Whole code units, and not the last (half a surrogate pair, maybe).
    body = body.substr(0, body.size() / unit * unit);
    if (body.size() > unit) body.remove_suffix(unit);
    std::string decoded;
    try {
      decoded = ToUtf8(body, u->charset);
    } catch (const ReadError&) {
      return Format::kText;
    }
    return LooksLikeHtml(decoded) ? Format::kHtml : Format::kText;
  }
  if (LooksLikeHtml(head)) return Format::kHtml;
  // Text: few control bytes (a stray NUL is dropped by the reader, with a
  // warning; binary has them everywhere).
  std::size_t control = 0;
  for (unsigned char c : head) {
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
  }
  if (control * 50 > head.size() + 1) return Format::kUnknown;
  return Format::kText;
}

std::string LoadFile(const std::string& path, std::size_t max_bytes) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    throw ReadError("文件不存在或无法访问", "file does not exist or cannot be accessed");
  }
  if (std::filesystem::is_directory(status)) {
    throw ReadError("这是一个文件夹，不是文件", "this is a directory, not a file");
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw ReadError("无法读取文件大小", "cannot read the file size");
  if (size > max_bytes) {
    throw budget::OverBudget("文件大小", "file size", budget::Bytes(static_cast<std::size_t>(size)),
                             budget::Bytes(max_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ReadError("无法打开文件", "cannot open the file");
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::size_t>(in.gcount()) != size) {
    throw ReadError("读取文件时出错", "error while reading the file");
  }
  return bytes;
}

std::string ToUtf8(std::string_view bytes, std::string_view charset) {
  std::string name(charset);
  for (auto& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  // GB2312 and GBK pages routinely contain GBK/GB18030-only characters; read
  // them all as GB18030, their superset.
  if (name == "gb2312" || name == "gbk" || name == "x-gbk" || name == "cp936" || name == "euc-cn") {
    name = "gb18030";
  }
  UErrorCode status = U_ZERO_ERROR;
  const auto in_len = static_cast<int32_t>(bytes.size());
  std::string out(bytes.size() * 3 + 16, '\0');
  int32_t n = ucnv_convert("utf-8", name.c_str(), out.data(), static_cast<int32_t>(out.size()),
                           bytes.data(), in_len, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) {
    status = U_ZERO_ERROR;
    out.assign(static_cast<std::size_t>(n) + 1, '\0');
    n = ucnv_convert("utf-8", name.c_str(), out.data(), static_cast<int32_t>(out.size()),
                     bytes.data(), in_len, &status);
  }
  if (U_FAILURE(status)) {
    throw ReadError("无法识别的字符编码：" + std::string(charset),
                    "unsupported character encoding: " + std::string(charset));
  }
  out.resize(static_cast<std::size_t>(n));
  return out;
}

Document ReadAs(std::string_view bytes, Format format) {
  switch (format) {
    case Format::kText:
      return ReadText(bytes);
    case Format::kPdf:
      return ReadPdf(bytes);
    case Format::kImage:
      return ReadImage(bytes);
    case Format::kHtml:
      return ReadHtml(bytes);
    case Format::kDocx:
      return ReadDocx(bytes);
    case Format::kXlsx:
      return ReadXlsx(bytes);
    case Format::kOfd:
      return ReadOfd(bytes);
    case Format::kDoc:
    case Format::kWps:
    case Format::kXls:
    case Format::kEt:
      return ReadLegacyOffice(bytes, FormatKey(format));
    case Format::kUnknown:
      break;
  }
  if (StartsWith(bytes, "\xD0\xCF\x11\xE0")) ThrowOleError(bytes);
  if (StartsWith(bytes, "PK\x03\x04")) return ReadDocx(bytes);  // says which kind of zip it is
  throw ReadError("无法识别的文件格式（不是文本、HTML、PDF、DOCX、DOC、WPS、XLSX、XLS、ET、OFD 或图片）",
                  "unrecognised file format (not text, HTML, PDF, DOCX, DOC, WPS, XLSX, XLS, ET, OFD or an image)");
}

Document Read(std::string_view bytes, Format format, const Simplifier& simplifier) {
  Document doc = ReadAs(bytes, format);
  simplifier.Apply(doc);
  return doc;
}

Document Read(std::string_view bytes, Format format) { return Read(bytes, format, Simplifier()); }

}  // namespace gongkai::readers
