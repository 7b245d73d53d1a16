#include <gtest/gtest.h>

#include <string>

#include "readers/reader.h"

namespace gongkai::readers {
namespace {

// Every paragraph and cell must be the text at its offset (the contract
// evidence quoting relies on).
void ExpectOffsetsValid(const Document& doc) {
  for (const Block& b : doc.blocks) {
    if (b.kind == Block::Kind::kParagraph) {
      ASSERT_LE(b.offset + b.text.size(), doc.text.size());
      EXPECT_EQ(doc.text.substr(b.offset, b.text.size()), b.text);
      continue;
    }
    for (const auto& row : b.rows) {
      for (const Cell& c : row) {
        ASSERT_LE(c.offset + c.text.size(), doc.text.size());
        if (!c.merged) {
          EXPECT_EQ(doc.text.substr(c.offset, c.text.size()), c.text);
        }
      }
    }
  }
}

std::string AllText(const Document& doc) {
  std::string s;
  for (const Block& b : doc.blocks) {
    s += b.text + "\n";
    for (const auto& row : b.rows) {
      for (const Cell& c : row) s += c.text + "|";
    }
  }
  return s;
}

const Block* FirstTable(const Document& doc) {
  for (const Block& b : doc.blocks) {
    if (b.kind == Block::Kind::kTable) return &b;
  }
  return nullptr;
}

Document ReadPage(const std::string& bytes) {
  EXPECT_EQ(Detect(bytes), Format::kHtml);
  return Read(bytes, Format::kHtml);
}

// "政府信息公开" in GBK.
const std::string kGbk = "\xD5\xFE\xB8\xAE\xD0\xC5\xCF\xA2\xB9\xAB\xBF\xAA";

TEST(HtmlReader, GbkWithMetaCharset) {
  const Document doc = ReadPage("<html><head><meta charset=\"gb2312\"></head><body><p>" + kGbk + "</p></body></html>");
  ASSERT_EQ(doc.blocks.size(), 1u);
  EXPECT_EQ(doc.blocks[0].text, "政府信息公开");
}

TEST(HtmlReader, GbkWithHttpEquiv) {
  const Document doc = ReadPage(
      "<html><head><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GBK\"></head><body><p>" + kGbk +
      "</p></body></html>");
  EXPECT_EQ(doc.blocks.at(0).text, "政府信息公开");
}

TEST(HtmlReader, GbkUndeclaredIsDetected) {
  std::string body;
  for (int i = 0; i < 20; ++i) body += "<p>" + kGbk + "</p>";
  const Document doc = ReadPage("<html><body>" + body + "</body></html>");
  EXPECT_EQ(doc.blocks.at(0).text, "政府信息公开");
}

TEST(HtmlReader, Big5UndeclaredIsDetected) {
  // A Taiwan or Hong Kong page without a charset: ICU tells Big5 from GB18030
  // on a sample of the page's text (not its markup).
  const std::string big5 = "\xA5\xBB\xBE\xF7\xC3\xF6\xBB\x7B\xAF\x75\xB3\x65\xB9\xFD\xB8\xA8\xB9\xEA\xAC\x46\xA9\xB2\xB8\xEA\xB0\x54\xA4\xBD\xB6\x7D\xB1\xF8\xA8\xD2\xA1\x41\xA8\xCC\xAA\x6B\xBF\xEC\xB2\x7A\xA8\xCC\xA5\xD3\xBD\xD0\xA4\xBD\xB6\x7D\xA1\x41\xB5\xB2\xC2\xE0\xA4\x55\xA6\x7E\xAB\xD7\xC4\x7E\xC4\xF2\xBF\xEC\xB2\x7A\xA1\x43";
  std::string page = "<html><head><script>var a = '<b>';</script></head><body>";
  for (int i = 0; i < 20; ++i) page += "<p class=\"x\">" + big5 + "</p>";
  const Document doc = ReadHtml(page + "</body></html>");
  EXPECT_EQ(doc.blocks.at(0).text, "本機關認真貫徹落實政府資訊公開條例，依法辦理依申請公開，結轉下年度繼續辦理。");
}

TEST(HtmlReader, GbkOnlyCharacterUnderGb2312Label) {
  // 硚 (0xB3 0x7E) is in GBK but not GB2312; pages labelled gb2312 use it.
  const Document doc = ReadPage("<html><head><meta charset=gb2312></head><body><p>\xB3\x7E\xBF\xDA</p></body></html>");
  EXPECT_EQ(doc.blocks.at(0).text, "硚口");
}

TEST(HtmlReader, Utf8DeclaredAsGb2312IsUtf8) {
  const Document doc = ReadPage("<html><head><meta charset=gb2312></head><body><p>政府信息公开</p></body></html>");
  EXPECT_EQ(doc.blocks.at(0).text, "政府信息公开");
}

TEST(HtmlReader, Utf8BomAndUtf16Bom) {
  EXPECT_EQ(Read("\xEF\xBB\xBF<html><body><p>年度报告</p></body></html>", Format::kHtml).blocks.at(0).text, "年度报告");
  // "<p>年报</p>" in UTF-16LE with BOM.
  const std::u16string u = u"<html><body><p>年报</p></body></html>";
  std::string bytes = "\xFF\xFE";
  for (char16_t c : u) {
    bytes += static_cast<char>(c & 0xFF);
    bytes += static_cast<char>(c >> 8);
  }
  EXPECT_EQ(Read(bytes, Format::kHtml).blocks.at(0).text, "年报");
}

TEST(HtmlReader, RowspanColspanGrid) {
  const Document doc = ReadPage(
      "<html><body><table>"
      "<tr><td rowspan=2 colspan=2>勾稽</td><td colspan=2>申请人情况</td></tr>"
      "<tr><td>自然人</td><td>总计</td></tr>"
      "<tr><td rowspan=2>三、本年度办理结果</td><td>（一）予以公开</td><td>2</td><td>2</td></tr>"
      "<tr><td>（二）部分公开</td><td>1</td><td>1</td></tr>"
      "</table></body></html>");
  const Block* t = FirstTable(doc);
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->rows.size(), 4u);
  // Row 0: origin, covered, origin, covered.
  ASSERT_EQ(t->rows[0].size(), 4u);
  EXPECT_EQ(t->rows[0][0].text, "勾稽");
  EXPECT_TRUE(t->rows[0][1].merged);
  EXPECT_EQ(t->rows[0][2].text, "申请人情况");
  EXPECT_TRUE(t->rows[0][3].merged);
  // Row 1: the rowspan covers columns 0-1; the cells go to columns 2 and 3.
  ASSERT_EQ(t->rows[1].size(), 4u);
  EXPECT_TRUE(t->rows[1][0].merged);
  EXPECT_TRUE(t->rows[1][1].merged);
  EXPECT_EQ(t->rows[1][2].text, "自然人");
  EXPECT_EQ(t->rows[1][3].text, "总计");
  // Row 3: the group label's rowspan keeps the values under their columns.
  ASSERT_EQ(t->rows[3].size(), 4u);
  EXPECT_TRUE(t->rows[3][0].merged);
  EXPECT_EQ(t->rows[3][0].text, "");
  EXPECT_EQ(t->rows[3][0].offset, t->rows[2][0].offset);  // points at 三、本年度办理结果
  EXPECT_EQ(t->rows[3][1].text, "（二）部分公开");
  EXPECT_EQ(t->rows[3][2].text, "1");
  ExpectOffsetsValid(doc);
}

TEST(HtmlReader, SpansAreClamped) {
  const Document doc =
      ReadPage("<html><body><table><tr><td rowspan=999999 colspan=99999999999>a</td><td>b</td></tr>"
               "<tr><td>c</td></tr></table></body></html>");
  const Block* t = FirstTable(doc);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->rows.size(), 2u);
  EXPECT_LE(t->rows[0].size(), 256u);
  ExpectOffsetsValid(doc);
}

TEST(HtmlReader, BrAndParagraphsInCellsAreLineBreaks) {
  const Document doc = ReadPage(
      "<html><body><table><tr><td>商业<br>企业</td><td><p>科研</p><p>机构</p></td></tr>"
      "<tr><td>1</td><td>2</td></tr></table></body></html>");
  const Block* t = FirstTable(doc);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->rows[0][0].text, "商业\n企业");
  EXPECT_EQ(t->rows[0][1].text, "科研\n机构");
  ExpectOffsetsValid(doc);
}

TEST(HtmlReader, ChromeIsLeftOut) {
  std::string article;
  for (int i = 0; i < 10; ++i) article += "<p>本机关认真贯彻落实政府信息公开条例，依法主动公开政府信息，办理依申请公开。</p>";
  const Document doc = ReadPage(
      "<html><head><title>站点</title><style>p{color:red}</style><script>var x='脚本文字';</script></head><body>"
      "<div class=\"nav\"><a href=/>首页</a><a href=/a>政务公开</a></div>"
      "<div id=\"header\">某区人民政府门户网站</div>"
      "<form class=search><input value=\"请输入关键字\"><button>搜索</button></form>"
      "<div style=\"display: none\">一、本年新收政府信息公开申请数量 99 99</div>"
      "<div class=\"main\"><div class=\"sidebar\"><ul><li><a href=1>2022年度报告</a></li></ul></div>"
      "<div id=\"zoom\"><h1>某局2023年政府信息公开工作年度报告</h1>" + article + "</div></div>"
      "<div class=\"footer\">主办单位：某区人民政府办公室 ICP备案号</div>"
      "<script>document.write('页脚脚本')</script></body></html>");
  const std::string all = AllText(doc);
  EXPECT_NE(all.find("某局2023年政府信息公开工作年度报告"), std::string::npos);
  EXPECT_NE(all.find("依法主动公开政府信息"), std::string::npos);
  for (const char* chrome : {"首页", "门户网站", "请输入关键字", "99", "2022年度报告", "主办单位", "脚本", "color"}) {
    EXPECT_EQ(all.find(chrome), std::string::npos) << chrome;
  }
  ExpectOffsetsValid(doc);
}

TEST(HtmlReader, TitleOutsideArticleIsKept) {
  std::string article;
  for (int i = 0; i < 10; ++i) article += "<p>本机关认真贯彻落实政府信息公开条例，依法主动公开政府信息。</p>";
  const Document doc = ReadPage(
      "<html><body><div class=nav><a href=/>首页</a></div>"
      "<div class=\"detail-title\">某局2023年政府信息公开工作年度报告</div>"
      "<div class=\"detail-content\">" + article + "</div></body></html>");
  ASSERT_FALSE(doc.blocks.empty());
  EXPECT_EQ(doc.blocks[0].text, "某局2023年政府信息公开工作年度报告");
}

TEST(HtmlReader, AspNetFormWrappingThePageIsNotDropped) {
  const Document doc = ReadPage(
      "<html><body><form id=form1 method=post><div><p>政府信息公开工作年度报告正文，内容较长。</p>"
      "<table><tr><td>行政许可</td><td>5</td></tr><tr><td>行政处罚</td><td>6</td></tr></table></div></form></body></html>");
  EXPECT_NE(FirstTable(doc), nullptr);
}

TEST(HtmlReader, LayoutTableAroundDataTable) {
  const Document doc = ReadPage(
      "<html><body><table width=100%><tr><td><p>二、主动公开政府信息情况</p>"
      "<table border=1><tr><td>信息内容</td><td>本年处理决定数量</td></tr><tr><td>行政许可</td><td>87331</td></tr></table>"
      "<p>三、收到和处理政府信息公开申请情况</p></td></tr></table></body></html>");
  ASSERT_GE(doc.blocks.size(), 3u);
  EXPECT_EQ(doc.blocks[0].text, "二、主动公开政府信息情况");
  ASSERT_EQ(doc.blocks[1].kind, Block::Kind::kTable);
  EXPECT_EQ(doc.blocks[1].rows.at(1).at(1).text, "87331");
  EXPECT_EQ(doc.blocks[2].text, "三、收到和处理政府信息公开申请情况");
  ExpectOffsetsValid(doc);
}

TEST(HtmlReader, TraditionalIsConvertedToSimplified) {
  const Document doc = ReadPage(
      "<html><head><meta charset=utf-8></head><body><h1>政府資訊公開工作年度報告</h1>"
      "<p>本機關認真貫徹落實《政府信息公開條例》，依法辦理依申請公開。</p>"
      "<table><tr><td>二、上年結轉政府信息公開申請數量</td><td>0</td></tr>"
      "<tr><td>四、結轉下年度繼續辦理</td><td>3</td></tr></table></body></html>");
  const std::string all = AllText(doc);
  EXPECT_NE(all.find("本机关认真贯彻落实"), std::string::npos) << all;
  EXPECT_NE(all.find("四、结转下年度继续办理"), std::string::npos) << all;
  EXPECT_EQ(all.find("機關"), std::string::npos);
  ASSERT_FALSE(doc.warnings.empty());
  EXPECT_NE(doc.warnings.back().find("OpenCC"), std::string::npos);
  ExpectOffsetsValid(doc);
}

TEST(HtmlReader, SimplifiedIsNotConverted) {
  // 著 would become 着 under t2s; Simplified text must be left alone.
  const Document doc = ReadPage("<html><body><p>显著提升政府信息公开质量，著作权保护。</p></body></html>");
  EXPECT_EQ(doc.blocks.at(0).text, "显著提升政府信息公开质量，著作权保护。");
  EXPECT_TRUE(doc.warnings.empty());
}

TEST(HtmlReader, BadInputGivesReadErrorNotCrash) {
  EXPECT_THROW(Read("", Format::kHtml), ReadError);
  EXPECT_THROW(Read("<html><body></body></html>", Format::kHtml), ReadError);
  EXPECT_THROW(Read("<html><body><script>only script</script></body></html>", Format::kHtml), ReadError);
  // Truncated page: whatever was read is kept.
  const Document doc = Read("<html><body><p>政府信息公开</p><table><tr><td>行政许可<td>5", Format::kHtml);
  EXPECT_NE(FirstTable(doc), nullptr);
  // Deep nesting must not overflow the stack.
  std::string deep = "<html><body>";
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += "深";
  EXPECT_NO_FATAL_FAILURE({
    try {
      Read(deep, Format::kHtml);
    } catch (const ReadError&) {
    }
  });
}

}  // namespace
}  // namespace gongkai::readers

namespace gongkai::readers {
namespace {

TEST(HtmlReader, HugeSpansStayFast) {
  std::string page = "<html><body><p>政府信息公开</p><table>";
  for (int i = 0; i < 20000; ++i) page += "<tr><td rowspan=65534 colspan=1000>x</td></tr>";
  page += "</table></body></html>";
  const Document doc = Read(page, Format::kHtml);  // must return within the test timeout
  EXPECT_FALSE(doc.warnings.empty());
}

}  // namespace
}  // namespace gongkai::readers

namespace gongkai::readers {
namespace {

TEST(HtmlReader, RelatedLinkTitlesAreNotBorrowed) {
  std::string article;
  for (int i = 0; i < 10; ++i) article += "<p>本机关认真贯彻落实政府信息公开条例，依法主动公开政府信息。</p>";
  const Document doc = Read(
      "<html><body><ul><li><a class=\"title\" href=1>某局2021年政府信息公开工作年度报告</a></li></ul>"
      "<div class=\"detail-content\"><h2>某局2023年政府信息公开工作年度报告</h2>" + article + "</div></body></html>",
      Format::kHtml);
  ASSERT_FALSE(doc.blocks.empty());
  EXPECT_EQ(doc.blocks[0].text, "某局2023年政府信息公开工作年度报告");
  EXPECT_EQ(doc.text.find("2021"), std::string::npos);
}

}  // namespace
}  // namespace gongkai::readers
