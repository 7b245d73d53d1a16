#include "readers/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "readers/reader.h"

namespace gongkai::readers::encoding {

namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

constexpr std::size_t kMaxDoubts = 20;

std::string Hex(std::string_view bytes) {
  std::string out;
  char buf[8];
  for (unsigned char c : bytes.substr(0, 4)) {
    std::snprintf(buf, sizeof buf, "%s%02X", out.empty() ? "" : " ", c);
    out += buf;
  }
  return out;
}

}  // namespace

std::optional<Unicode> DetectUnicode(std::string_view bytes) {
  if (StartsWith(bytes, std::string_view("\xFF\xFE\0\0", 4))) return Unicode{"utf-32le", 4};
  if (StartsWith(bytes, std::string_view("\0\0\xFE\xFF", 4))) return Unicode{"utf-32be", 4};
  if (StartsWith(bytes, "\xEF\xBB\xBF")) return Unicode{"utf-8", 3};
  if (StartsWith(bytes, "\xFF\xFE")) return Unicode{"utf-16le", 2};
  if (StartsWith(bytes, "\xFE\xFF")) return Unicode{"utf-16be", 2};
  const std::string_view head = bytes.substr(0, 4096);
  // Where the NULs fall, by position in a 4-byte group.
  std::size_t zeros[4] = {0, 0, 0, 0};
  std::size_t total = 0;
  for (std::size_t i = 0; i < head.size(); ++i) {
    if (head[i] == '\0') {
      ++zeros[i % 4];
      ++total;
    }
  }
  if (head.size() < 8 || total < 4 || total * 64 < head.size()) return std::nullopt;
  const std::size_t quads = head.size() / 4;
  // UTF-32: the top byte of every code unit is 0 (U+0000..U+FFFFFF), and the
  // next one nearly always (the BMP and the first planes).
  if (zeros[3] >= quads * 95 / 100 && zeros[2] >= quads * 90 / 100) return Unicode{"utf-32le", 0};
  if (zeros[0] >= quads * 95 / 100 && zeros[1] >= quads * 90 / 100) return Unicode{"utf-32be", 0};
  // UTF-16: NULs only in the high byte of ASCII code units. A text mostly
  // in Chinese has few of them (digits, line breaks): with fewer than one
  // byte in 8 a NUL, the bytes must also not be UTF-8 (a UTF-8 file with a
  // few stray NULs is not UTF-16).
  const std::size_t even = zeros[0] + zeros[2], odd = zeros[1] + zeros[3];
  const bool many = total * 8 >= head.size();
  const auto not_utf8 = [&] {
    const auto* s = reinterpret_cast<const std::uint8_t*>(head.data());
    const auto n = static_cast<int32_t>(head.size() > 4 ? head.size() - 4 : head.size());  // a cut last character
    for (int32_t i = 0; i < n;) {
      UChar32 c;
      U8_NEXT(s, i, n, c);
      if (c < 0) return true;
    }
    return false;
  };
  // (A few characters have a NUL low byte too: 一 is U+4E00.)
  if (odd > 0 && even * 4 <= odd && (many || not_utf8())) return Unicode{"utf-16le", 0};
  if (even > 0 && odd * 4 <= even && (many || not_utf8())) return Unicode{"utf-16be", 0};
  return std::nullopt;
}

std::optional<std::string> RepairUtf8(std::string_view bytes, Repairs& repairs) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(bytes.data());
  const auto n = static_cast<int32_t>(std::min<std::size_t>(bytes.size(), INT32_MAX));
  // A first pass counts, so that a legacy file is given up on cheaply.
  std::size_t good = 0, bad = 0, nuls = 0;
  for (int32_t i = 0; i < n;) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) ++bad;
    else if (c == 0) ++nuls;
    else if (i - at > 1) ++good;
  }
  if (bad > 0 && (bad * 4 > good || bad * 100 > bytes.size())) return std::nullopt;
  if (bad == 0 && nuls == 0) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + 2 * bad);
  std::size_t reported = 0, first_nul = 0;
  for (int32_t i = 0; i < n;) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c == 0) {
      if (first_nul == 0) first_nul = static_cast<std::size_t>(at) + 1;
      continue;
    }
    if (c >= 0) {
      out.append(bytes.substr(static_cast<std::size_t>(at), static_cast<std::size_t>(i - at)));
      continue;
    }
    if (reported < kMaxDoubts) {
      const std::string_view seq = bytes.substr(static_cast<std::size_t>(at), static_cast<std::size_t>(i - at));
      repairs.doubts.push_back(Doubt{out.size(), 3,
                                     "文件第 " + std::to_string(at) + " 字节处的字节 " + Hex(seq) +
                                         " 不是有效的 UTF-8，已替换为 �，此处文字可能缺失"});
    }
    ++reported;
    out += "\xEF\xBF\xBD";
  }
  if (bad > kMaxDoubts) {
    repairs.warnings.push_back("另有 " + std::to_string(bad - kMaxDoubts) + " 处无效的 UTF-8 字节已替换为 �");
  }
  if (nuls > 0) {
    repairs.warnings.push_back("文件中有 " + std::to_string(nuls) + " 个空字节（NUL，首个在第 " +
                               std::to_string(first_nul - 1) + " 字节处），已删除");
  }
  return out;
}

std::optional<std::string> StrictToUtf8(std::string_view bytes, std::string_view charset) {
  std::string name(charset);
  for (auto& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (name == "gb2312" || name == "gbk" || name == "x-gbk" || name == "cp936" || name == "euc-cn") name = "gb18030";
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> cnv(ucnv_open(name.c_str(), &status), &ucnv_close);
  if (U_FAILURE(status)) return std::nullopt;
  ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::unique_ptr<UConverter, decltype(&ucnv_close)> utf8(ucnv_open("utf-8", &status), &ucnv_close);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out(bytes.size() * 3 + 16, '\0');
  char* target = out.data();
  const char* source = bytes.data();
  ucnv_convertEx(utf8.get(), cnv.get(), &target, out.data() + out.size(), &source, bytes.data() + bytes.size(),
                 nullptr, nullptr, nullptr, nullptr, true, true, &status);
  if (U_FAILURE(status)) return std::nullopt;
  out.resize(static_cast<std::size_t>(target - out.data()));
  return out;
}

bool KnownCharset(std::string_view charset) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(std::string(charset).c_str(), &status);
  if (cnv != nullptr) ucnv_close(cnv);
  return U_SUCCESS(status) && cnv != nullptr;
}

void DropNuls(std::string& text, Repairs& repairs) {
  const std::size_t first = text.find('\0');
  if (first == std::string::npos) return;
  const auto n = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\0'));
  text.erase(std::remove(text.begin(), text.end(), '\0'), text.end());
  repairs.warnings.push_back("文件中有 " + std::to_string(n) + " 个空字符（U+0000，首个在解码后第 " +
                             std::to_string(first) + " 字节处），已删除");
}

std::string DecodeText(std::string_view bytes, Repairs& repairs) {
  std::string out;
  if (const std::optional<Unicode> u = DetectUnicode(bytes)) {
    const std::string_view body = bytes.substr(u->bom);
    if (u->charset == "utf-8") {
      std::optional<std::string> r = RepairUtf8(body, repairs);
      out = r ? std::move(*r) : ToUtf8(body, "utf-8");  // the BOM says UTF-8: ICU substitutes what is not
      if (!r) repairs.warnings.push_back("文件以 UTF-8 标记开头，但大量字节不是有效的 UTF-8，已替换为 �");
      return out;
    }
    out = ToUtf8(body, u->charset);
    DropNuls(out, repairs);
    return out;
  }
  if (std::optional<std::string> r = RepairUtf8(bytes, repairs)) return std::move(*r);
  if (std::optional<std::string> strict = StrictToUtf8(bytes, "gb18030")) {
    out = std::move(*strict);
  } else {
    out = ToUtf8(bytes, "gb18030");
    repairs.warnings.push_back("文件既不是有效的 UTF-8，也不是有效的 GB18030，无法解码的字节已替换为 �，请核对原件");
  }
  DropNuls(out, repairs);
  return out;
}

}  // namespace gongkai::readers::encoding
