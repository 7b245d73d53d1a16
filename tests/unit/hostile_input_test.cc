// Encodings that do not lose reports, budgets of the readers, the evidence a
// report needs, and the reading worker (issue 15). The large hostile files
// are generated and run under limits by tests/hostile/hostile.py.
#include <gtest/gtest.h>

#include <string>

#include "pipeline/pipeline.h"
#include "pipeline/worker.h"
#include "readers/budget.h"
#include "readers/encoding.h"
#include "readers/reader.h"

namespace gongkai {
namespace {

using readers::Format;
using readers::ReadError;

const std::string kReport =
    "北京市东城区人民政府2023年政府信息公开工作年度报告\n"
    "一、总体情况\n本年度共主动公开政府信息100条。\n"
    "二、主动公开政府信息情况\n规章 0 1 2\n";

// UTF-8 → UTF-16LE (BMP only, which is all these strings hold).
std::string Utf16Le(const std::string& utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : 3;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : (c & 0x0F);
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += static_cast<std::size_t>(n);
    out += static_cast<char>(cp & 0xFF);
    out += static_cast<char>((cp >> 8) & 0xFF);
  }
  return out;
}

std::string Utf32Le(const std::string& utf16le) {
  std::string out;
  for (std::size_t i = 0; i + 1 < utf16le.size(); i += 2) {
    out += utf16le.substr(i, 2);
    out += std::string(2, '\0');
  }
  return out;
}

// --- Text ------------------------------------------------------------------

TEST(HostileText, OneBadByteKeepsUtf8AndIsADoubtAtItsPlace) {
  const std::size_t at = kReport.find("本年度");
  const std::string bytes = kReport.substr(0, at) + "\xFF" + kReport.substr(at);
  const Document doc = readers::ReadText(bytes);
  EXPECT_NE(doc.text.find("北京市东城区人民政府"), std::string::npos);
  EXPECT_NE(doc.text.find("二、主动公开政府信息情况"), std::string::npos);
  ASSERT_EQ(doc.doubts.size(), 1u);
  EXPECT_EQ(doc.text.substr(doc.doubts[0].offset, 3), "\xEF\xBF\xBD");
  EXPECT_NE(doc.doubts[0].note.find("第 " + std::to_string(at) + " 字节"), std::string::npos) << doc.doubts[0].note;
  EXPECT_NE(doc.doubts[0].note.find("FF"), std::string::npos);
}

TEST(HostileText, TruncatedLastCharacterKeepsUtf8) {
  const std::string bytes = kReport + "完";
  const Document doc = readers::ReadText(bytes.substr(0, bytes.size() - 1));
  EXPECT_NE(doc.text.find("北京市东城区人民政府"), std::string::npos);
  ASSERT_EQ(doc.doubts.size(), 1u);
  EXPECT_EQ(doc.doubts[0].offset, doc.text.size() - 3);
}

TEST(HostileText, NulBytesAreDroppedWithAWarning) {
  const Document doc = readers::ReadText("北京市" + std::string(1, '\0') + "东城区\n" + std::string(1, '\0'));
  EXPECT_EQ(doc.text.find('\0'), std::string::npos);
  EXPECT_NE(doc.text.find("北京市东城区"), std::string::npos);
  ASSERT_EQ(doc.warnings.size(), 1u);
  EXPECT_NE(doc.warnings[0].find("2 个空字节"), std::string::npos) << doc.warnings[0];
}

TEST(HostileText, Gb18030IsStillGb18030) {
  const std::string gbk = "\xB1\xB1\xBE\xA9\xCA\xD0\n";  // 北京市
  const Document doc = readers::ReadText(gbk);
  EXPECT_EQ(doc.text, "北京市\n");
  EXPECT_TRUE(doc.doubts.empty());
}

TEST(HostileText, ManyBadBytesAreNotUtf8) {
  readers::encoding::Repairs r;
  EXPECT_FALSE(readers::encoding::RepairUtf8("\xB1\xB1\xBE\xA9\xCA\xD0 \xB6\xAB\xB3\xC7", r).has_value());
}

TEST(HostileText, Utf16AndUtf32WithAndWithoutBom) {
  const std::string le = Utf16Le(kReport);
  EXPECT_EQ(readers::ReadText(le).text, kReport);
  EXPECT_EQ(readers::ReadText("\xFF\xFE" + le).text, kReport);
  std::string be = le;
  for (std::size_t i = 0; i + 1 < be.size(); i += 2) std::swap(be[i], be[i + 1]);
  EXPECT_EQ(readers::ReadText(be).text, kReport);
  const std::string le32 = Utf32Le(le);
  EXPECT_EQ(readers::ReadText(le32).text, kReport);
  EXPECT_EQ(readers::ReadText(std::string("\xFF\xFE\0\0", 4) + le32).text, kReport);
  EXPECT_EQ(readers::Detect(le), Format::kText);
}

TEST(HostileText, OverTheSizeBudgetIsRefusedNamingIt) {
  try {
    (void)readers::ReadText(std::string(readers::budget::kMaxTextBytes + 1, 'a'));
    FAIL() << "no ReadError";
  } catch (const ReadError& e) {
    EXPECT_NE(e.zh().find("文本文件大小"), std::string::npos) << e.zh();
    EXPECT_NE(e.zh().find("上限 4.0 MB"), std::string::npos) << e.zh();
    EXPECT_NE(e.en().find("text file size"), std::string::npos) << e.en();
  }
}

// --- HTML ------------------------------------------------------------------

const std::string kPage =
    "<html><head><meta charset=\"utf-8\"><title>报告</title></head><body><div class=\"content\">"
    "<p>北京市东城区人民政府2023年政府信息公开工作年度报告</p><p>一、总体情况</p>"
    "<table><tr><td>规章</td><td>5</td></tr></table></div></body></html>";

TEST(HostileHtml, Utf16LeWithBomIsReadAsHtml) {
  const std::string bytes = "\xFF\xFE" + Utf16Le(kPage);
  ASSERT_EQ(readers::Detect(bytes), Format::kHtml);
  const Document doc = readers::ReadHtml(bytes);
  EXPECT_EQ(doc.text.find("<td>"), std::string::npos);
  EXPECT_NE(doc.text.find("北京市东城区人民政府"), std::string::npos);
  bool table = false;
  for (const Block& b : doc.blocks) table |= b.kind == Block::Kind::kTable;
  EXPECT_TRUE(table);
}

TEST(HostileHtml, Utf16AndUtf32WithoutBomAreDetected) {
  EXPECT_EQ(readers::Detect(Utf16Le(kPage)), Format::kHtml);
  EXPECT_EQ(readers::Detect(Utf32Le(Utf16Le(kPage))), Format::kHtml);
  const Document doc = readers::ReadHtml(Utf32Le(Utf16Le(kPage)));
  EXPECT_NE(doc.text.find("一、总体情况"), std::string::npos);
}

TEST(HostileHtml, NulByteInTheBodyLosesNothingAfterIt) {
  std::string page = kPage;
  page.insert(page.find("一、总体情况"), 1, '\0');
  ASSERT_EQ(readers::Detect(page), Format::kHtml);
  const Document doc = readers::ReadHtml(page);
  EXPECT_NE(doc.text.find("一、总体情况"), std::string::npos);
  EXPECT_NE(doc.text.find("规章"), std::string::npos);
  bool warned = false;
  for (const std::string& w : doc.warnings) warned |= w.find("空字节") != std::string::npos;
  EXPECT_TRUE(warned);
}

TEST(HostileHtml, OneBadByteInAUtf8PageStaysUtf8) {
  std::string page = kPage;
  page.insert(page.find("一、总体情况"), "\xC3");
  const Document doc = readers::ReadHtml(page);
  EXPECT_NE(doc.text.find("北京市东城区人民政府"), std::string::npos);
  EXPECT_NE(doc.text.find("\xEF\xBF\xBD"), std::string::npos);
  bool placed = false;
  for (const std::string& w : doc.warnings) placed |= w.find("字节处的字节 C3") != std::string::npos;
  EXPECT_TRUE(placed);
}

TEST(HostileHtml, DeclaredCharsetIsCheckedAgainstTheBytes) {
  // Declares UTF-8, is GBK: read as GB18030 and said so.
  const std::string gbk_page =
      "<html><head><meta charset=\"utf-8\"></head><body><p>\xB1\xB1\xBE\xA9\xCA\xD0\xB6\xAB\xB3\xC7\xC7\xF8"
      "\xC8\xCB\xC3\xF1\xD5\xFE\xB8\xAE</p></body></html>";
  const Document doc = readers::ReadHtml(gbk_page);
  EXPECT_NE(doc.text.find("北京市东城区人民政府"), std::string::npos) << doc.text;
  bool said = false;
  for (const std::string& w : doc.warnings) said |= w.find("声明编码为 UTF-8，但内容不是 UTF-8") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST(HostileHtml, TooManyAttributesOnATagAreRefusedBeforeParsing) {
  std::string page = "<html><body><div";
  for (int i = 0; i < 2000; ++i) page += " a" + std::to_string(i) + "=\"x\"";
  page += ">报告</div></body></html>";
  try {
    (void)readers::ReadHtml(page);
    FAIL() << "no ReadError";
  } catch (const ReadError& e) {
    EXPECT_NE(e.zh().find("属性数"), std::string::npos) << e.zh();
  }
}

TEST(HostileHtml, OverTheSizeBudgetIsRefused) {
  const std::string page = "<html><body>" + std::string(readers::budget::kMaxHtmlBytes, 'a') + "</body></html>";
  EXPECT_THROW((void)readers::ReadHtml(page), ReadError);
}

// --- Not a report ----------------------------------------------------------

TEST(NotAReport, LoneNewlineSpacesAndRandomBytesAreRefused) {
  const pipeline::Pipeline pipe;
  for (const std::string& bytes : {std::string("\n"), std::string(4096, ' '), std::string("今天天气很好。\n")}) {
    try {
      (void)pipe.ProcessBytes(bytes, "x.txt");
      FAIL() << "accepted: " << bytes.substr(0, 20);
    } catch (const ReadError& e) {
      EXPECT_NE(e.zh().find("不是政府信息公开工作年度报告"), std::string::npos) << e.zh();
      EXPECT_NE(e.en().find("not an annual report"), std::string::npos);
    }
  }
  std::string random(100 * 1024, '\0');
  std::uint32_t x = 15;
  for (char& c : random) {
    x = x * 1664525u + 1013904223u;
    c = static_cast<char>(x >> 24);
  }
  EXPECT_THROW((void)pipe.ProcessBytes(random, "random.bin"), ReadError);
}

TEST(NotAReport, AReportWithHeadingsIsKept) {
  const Report r = pipeline::Pipeline().ProcessBytes(kReport, "r.txt");
  EXPECT_EQ(r.meta.year, 2023);
  EXPECT_GE(r.sections.size(), 2u);
}

// --- The worker ------------------------------------------------------------

TEST(Worker, DocumentRoundTrip) {
  Document doc = readers::ReadText("表二\n\t规章\n\t0\n\n\t行政规范性文件\n\t7\n");
  doc.warnings.push_back("注意");
  doc.doubts.push_back(Doubt{3, 3, "存疑"});
  doc.original = "原文";
  doc.original_anchors = {{0, 0}, {6, 6}};
  doc.published = "2024-01-18";
  doc.page_offsets = {0, 9};
  const Document back = pipeline::DecodeDocument(pipeline::EncodeDocument(doc));
  EXPECT_EQ(back.text, doc.text);
  ASSERT_EQ(back.blocks.size(), doc.blocks.size());
  EXPECT_EQ(back.blocks[1].rows[1][1].text, "7");
  EXPECT_EQ(back.blocks[1].rows[1][1].offset, doc.blocks[1].rows[1][1].offset);
  EXPECT_EQ(back.warnings, doc.warnings);
  ASSERT_EQ(back.doubts.size(), 1u);
  EXPECT_EQ(back.doubts[0].note, "存疑");
  EXPECT_EQ(back.original_anchors, doc.original_anchors);
  EXPECT_EQ(back.published, doc.published);
  EXPECT_EQ(back.page_offsets, doc.page_offsets);
  EXPECT_THROW((void)pipeline::DecodeDocument("\x05garbage"), std::runtime_error);
}

TEST(Worker, ReadsInAChildProcess) {
  pipeline::Worker w(GONGKAI_BINARY, pipeline::Limits{});
  const Document doc = w.Read(kReport, Format::kText);
  EXPECT_NE(doc.text.find("一、总体情况"), std::string::npos);
  try {
    (void)w.Read("not a pdf at all", Format::kPdf);
    FAIL() << "no ReadError";
  } catch (const ReadError& e) {
    EXPECT_NE(e.zh().find("PDF"), std::string::npos) << e.zh();
  }
  EXPECT_TRUE(w.alive());  // a reader's own error keeps the worker
  // The pool through a Pipeline: the same answers.
  const pipeline::Pipeline pipe(pipeline::Options{GONGKAI_BINARY, {}});
  EXPECT_EQ(pipe.ProcessBytes(kReport, "r.txt").meta.year, 2023);
}

}  // namespace
}  // namespace gongkai
