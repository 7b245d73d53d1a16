#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <cstdint>
#include <filesystem>
#include <list>
#include <map>
#include <string>

#include "readers/docx.h"
#include "readers/reader.h"

namespace gongkai::readers {
namespace {

// Builds a zip on disk with libzip and returns its bytes.
std::string MakeZip(const std::map<std::string, std::string>& files, const char* password = nullptr) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("gongkai_docx_test_" + std::to_string(::getpid()) + "_" +
                     std::to_string(reinterpret_cast<std::uintptr_t>(&files)) + ".zip");
  int err = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  EXPECT_NE(za, nullptr);
  if (za == nullptr) return {};
  for (const auto& [name, data] : files) {
    zip_source_t* src = zip_source_buffer(za, data.data(), data.size(), 0);
    const zip_int64_t idx = zip_file_add(za, name.c_str(), src, ZIP_FL_OVERWRITE);
    EXPECT_GE(idx, 0);
    if (password != nullptr) {
      EXPECT_EQ(zip_file_set_encryption(za, static_cast<zip_uint64_t>(idx), ZIP_EM_AES_256, password), 0);
    }
  }
  EXPECT_EQ(zip_close(za), 0);
  std::string bytes = LoadFile(path.string());
  std::filesystem::remove(path);
  return bytes;
}

const char* kNs =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
    "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"";

std::string DocumentXml(const std::string& body) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document ") + kNs +
         "><w:body>" + body + "</w:body></w:document>";
}

std::string P(const std::string& text) { return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>"; }

std::string Docx(const std::string& body, std::map<std::string, std::string> extra = {}) {
  extra["[Content_Types].xml"] =
      "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
  extra["word/document.xml"] = DocumentXml(body);
  return MakeZip(extra);
}

Document ReadDocxBytes(const std::string& bytes) {
  EXPECT_EQ(Detect(bytes), Format::kDocx);
  return Read(bytes, Format::kDocx);
}

void ExpectOffsetsValid(const Document& doc) {
  for (const Block& b : doc.blocks) {
    if (b.kind == Block::Kind::kParagraph) {
      ASSERT_LE(b.offset + b.text.size(), doc.text.size());
      EXPECT_EQ(doc.text.substr(b.offset, b.text.size()), b.text);
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

std::string Tc(const std::string& text, const std::string& props = "") {
  return "<w:tc><w:tcPr>" + props + "</w:tcPr>" + P(text) + "</w:tc>";
}

TEST(DocxReader, ParagraphsBreaksAndTabs) {
  const Document doc = ReadDocxBytes(Docx(
      P("一、总体情况") +
      "<w:p><w:r><w:t>行政许可</w:t><w:tab/><w:t>87331</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>"
      "<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>"
      "<w:r><w:instrText>PAGE</w:instrText></w:r></w:p>"));
  ASSERT_EQ(doc.blocks.size(), 4u);
  EXPECT_EQ(doc.blocks[0].text, "一、总体情况");
  EXPECT_EQ(doc.blocks[1].text, "行政许可\t87331");
  EXPECT_EQ(doc.blocks[2].text, "第二行");
  EXPECT_EQ(doc.blocks[3].text, "保留");
  ExpectOffsetsValid(doc);
}

TEST(DocxReader, GridSpanAndVMerge) {
  const std::string tbl =
      "<w:tbl>"
      "<w:tr>" + Tc("勾稽", "<w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"restart\"/>") +
      Tc("申请人情况", "<w:gridSpan w:val=\"2\"/>") + "</w:tr>"
      "<w:tr>" + Tc("", "<w:gridSpan w:val=\"2\"/><w:vMerge/>") + Tc("自然人") + Tc("总计") + "</w:tr>"
      "<w:tr>" + Tc("三、本年度办理结果", "<w:vMerge w:val=\"restart\"/>") + Tc("（一）予以公开") + Tc("2") + Tc("2") +
      "</w:tr>"
      "<w:tr>" + Tc("", "<w:vMerge w:val=\"continue\"/>") + Tc("（二）部分公开") + Tc("1") + Tc("1") + "</w:tr>"
      "</w:tbl>";
  const Document doc = ReadDocxBytes(Docx(tbl));
  ASSERT_EQ(doc.blocks.size(), 1u);
  const Block& t = doc.blocks[0];
  ASSERT_EQ(t.kind, Block::Kind::kTable);
  ASSERT_EQ(t.rows.size(), 4u);
  ASSERT_EQ(t.rows[0].size(), 4u);
  EXPECT_EQ(t.rows[0][0].text, "勾稽");
  EXPECT_TRUE(t.rows[0][1].merged);
  EXPECT_EQ(t.rows[0][2].text, "申请人情况");
  EXPECT_TRUE(t.rows[0][3].merged);
  ASSERT_EQ(t.rows[1].size(), 4u);
  EXPECT_TRUE(t.rows[1][0].merged);
  EXPECT_TRUE(t.rows[1][1].merged);
  EXPECT_EQ(t.rows[1][0].offset, t.rows[0][0].offset);
  EXPECT_EQ(t.rows[1][2].text, "自然人");
  ASSERT_EQ(t.rows[3].size(), 4u);
  EXPECT_TRUE(t.rows[3][0].merged);
  EXPECT_EQ(t.rows[3][0].offset, t.rows[2][0].offset);
  EXPECT_EQ(t.rows[3][1].text, "（二）部分公开");
  EXPECT_EQ(t.rows[3][2].text, "1");
  ExpectOffsetsValid(doc);
}

TEST(DocxReader, NumberingTextIsKept) {
  const std::string numbering =
      std::string("<?xml version=\"1.0\"?><w:numbering ") + kNs +
      "><w:abstractNum w:abstractNumId=\"0\">"
      "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>"
      "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/></w:lvl>"
      "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%3.\"/></w:lvl>"
      "</w:abstractNum><w:num w:numId=\"5\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";
  auto item = [](int level, const std::string& text) {
    return "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" + std::to_string(level) +
           "\"/><w:numId w:val=\"5\"/></w:numPr></w:pPr><w:r><w:t>" + text + "</w:t></w:r></w:p>";
  };
  std::string body = item(0, "总体情况") + item(1, "主动公开") + item(1, "依申请公开") + item(2, "予以公开");
  for (int i = 0; i < 10; ++i) body += item(0, "标题");
  const Document doc = ReadDocxBytes(Docx(body, {{"word/numbering.xml", numbering}}));
  ASSERT_EQ(doc.blocks.size(), 14u);
  EXPECT_EQ(doc.blocks[0].text, "一、总体情况");
  EXPECT_EQ(doc.blocks[1].text, "（一）主动公开");
  EXPECT_EQ(doc.blocks[2].text, "（二）依申请公开");
  EXPECT_EQ(doc.blocks[3].text, "1.予以公开");
  EXPECT_EQ(doc.blocks[4].text, "二、标题");
  EXPECT_EQ(doc.blocks[12].text, "十、标题");
  EXPECT_EQ(doc.blocks[13].text, "十一、标题");
}

TEST(DocxReader, TextBoxesReadOnceHeadersIgnored) {
  const std::string box =
      "<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>"
      "<w:txbxContent>" + P("文本框内容") + "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
      "<mc:Fallback><w:pict><w:txbxContent>" + P("文本框内容") + "</w:txbxContent></w:pict></mc:Fallback>"
      "</mc:AlternateContent></w:r></w:p>";
  const Document doc = ReadDocxBytes(Docx(box, {{"word/header1.xml", DocumentXml(P("页眉文字"))}}));
  ASSERT_EQ(doc.blocks.size(), 2u);
  EXPECT_EQ(doc.blocks[0].text, "正文");
  EXPECT_EQ(doc.blocks[1].text, "文本框内容");
  EXPECT_EQ(doc.text.find("页眉"), std::string::npos);
}

TEST(DocxReader, SingleCellTableIsAFrame) {
  const Document doc = ReadDocxBytes(Docx("<w:tbl><w:tr><w:tc>" + P("一、总体情况") + P("正文") + "</w:tc></w:tr></w:tbl>"));
  ASSERT_EQ(doc.blocks.size(), 2u);
  EXPECT_EQ(doc.blocks[0].kind, Block::Kind::kParagraph);
  EXPECT_EQ(doc.blocks[0].text, "一、总体情况");
}

TEST(DocxReader, ArbitraryZipIsNotAReport) {
  const std::string zip = MakeZip({{"readme.txt", "hello"}});
  EXPECT_EQ(Detect(zip), Format::kUnknown);
  try {
    Read(zip, Detect(zip));
    FAIL() << "no ReadError";
  } catch (const ReadError& e) {
    EXPECT_NE(e.zh().find("DOCX"), std::string::npos);
  }
  const std::string xlsx = MakeZip({{"xl/workbook.xml", "<workbook/>"}});
  try {
    Read(xlsx, Detect(xlsx));
    FAIL() << "no ReadError";
  } catch (const ReadError& e) {
    EXPECT_NE(e.en().find("XLSX"), std::string::npos) << e.en();  // read as XLSX now (office.h): an empty workbook
  }
}

TEST(DocxReader, CorruptAndTruncatedGiveReadError) {
  const std::string good = Docx(P("政府信息公开"));
  ASSERT_EQ(ReadDocxBytes(good).blocks.at(0).text, "政府信息公开");
  for (std::size_t cut : {good.size() / 2, good.size() - 30, std::size_t{10}, std::size_t{4}}) {
    EXPECT_THROW(Read(good.substr(0, cut), Format::kDocx), ReadError) << cut;
  }
  // Flipped bytes in the compressed data: CRC or inflate error.
  std::string flipped = good;
  const std::size_t data = good.find("word/document.xml") + 17;
  ASSERT_LT(data + 40, good.size());
  for (std::size_t i = data + 8; i < data + 40; ++i) flipped[i] = static_cast<char>(flipped[i] ^ 0x5A);
  EXPECT_THROW(Read(flipped, Format::kDocx), ReadError);
  // Not XML.
  EXPECT_THROW(Read(MakeZip({{"word/document.xml", "<w:document><w:body><w:p>"}}), Format::kDocx), ReadError);
  EXPECT_THROW(Read(MakeZip({{"word/document.xml", "\x01\x02 not xml"}}), Format::kDocx), ReadError);
}

TEST(DocxReader, EncryptedZipGivesReadError) {
  const std::string enc = MakeZip({{"word/document.xml", DocumentXml(P("秘密"))}}, "secret");
  try {
    Read(enc, Format::kDocx);
    FAIL() << "no ReadError";
  } catch (const ReadError& e) {
    EXPECT_NE(e.zh().find("加密"), std::string::npos) << e.zh();
  }
}

TEST(DocxReader, OleFilesAskForDocx) {
  auto ole = [](const std::string& stream) {
    std::string bytes("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    bytes.resize(512, '\0');
    for (char c : stream) {
      bytes += c;
      bytes += '\0';
    }
    bytes.resize(2048, '\0');
    return bytes;
  };
  // A .doc goes to LibreOffice (office.h), which cannot make anything of this
  // one, or is not installed: either way the message names the .doc.
  for (const auto& [stream, want] : {std::pair{"WordDocument", ".doc"}, std::pair{"EncryptedPackage", "加密"}}) {
    const std::string bytes = ole(stream);
    try {
      Read(bytes, Detect(bytes));
      FAIL() << "no ReadError";
    } catch (const ReadError& e) {
      EXPECT_NE(e.zh().find(want), std::string::npos) << e.zh();
    }
  }
}


// ---------------------------------------------------------------- pictures

// A paragraph holding one DrawingML picture (relationship `rel`) printed
// `w_in` x `h_in` inches.
std::string Drawing(const std::string& rel, double w_in, double h_in) {
  const auto emu = [](double in) { return std::to_string(static_cast<long>(in * 914400)); };
  return "<w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"" + emu(w_in) + "\" cy=\"" + emu(h_in) +
         "\"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed=\"" + rel +
         "\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
}

std::string Rels(const std::string& relationships) {
  return "<?xml version=\"1.0\"?><Relationships "
         "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
         relationships + "</Relationships>";
}

std::string Rel(const std::string& id, const std::string& target, bool external = false) {
  return "<Relationship Id=\"" + id +
         "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"" + target +
         "\"" + (external ? " TargetMode=\"External\"" : "") + "/>";
}

bool HasWarning(const Document& doc, const std::string& part) {
  for (const std::string& w : doc.warnings) {
    if (w.find(part) != std::string::npos) return true;
  }
  return false;
}

// One part of a zip on disk (a fixture's picture).
std::string ZipPart(const std::string& rel_path, const std::string& part) {
  const std::string path = std::string(GONGKAI_SOURCE_DIR) + "/" + rel_path;
  int err = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_RDONLY, &err);
  EXPECT_NE(za, nullptr) << path;
  if (za == nullptr) return {};
  std::string out;
  if (zip_file_t* f = zip_fopen(za, part.c_str(), 0)) {
    char buf[65536];
    zip_int64_t n = 0;
    while ((n = zip_fread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    zip_fclose(f);
  }
  zip_close(za);
  return out;
}

TEST(DocxReader, PicturesNotReadSayWhy) {
  std::string emf(64, '\0');
  emf[0] = 1;
  emf.replace(40, 4, " EMF");
  const std::string body =
      P("前文") + Drawing("rId1", 6, 4) + Drawing("rId2", 6, 4) +
      // VML, as Word 2003 and WPS write it, sized by its shape's style.
      "<w:p><w:r><w:pict><v:shape style=\"width:400pt;height:300pt\"><v:imagedata r:id=\"rId1\" o:title=\"\"/>"
      "</v:shape></w:pict></w:r></w:p>" +
      // An icon: too small to be a table, skipped without a word.
      Drawing("rId3", 0.3, 0.3) +
      "<w:tbl><w:tr>" + Tc("甲") + "<w:tc>" + Drawing("rId1", 2, 1) + "</w:tc></w:tr></w:tbl>" + P("后文");
  const std::string docx =
      Docx(body, {{"word/media/a.emf", emf},
                  {"word/_rels/document.xml.rels", Rels(Rel("rId1", "media/a.emf") +
                                                        Rel("rId2", "http://example.com/t.png", true) +
                                                        Rel("rId3", "../word/media/a.emf"))}});
  const Document doc = ReadDocxBytes(docx);
  EXPECT_TRUE(HasWarning(doc, "文档中第1幅图片未识别（为 EMF 矢量图）"));
  EXPECT_TRUE(HasWarning(doc, "文档中第2幅图片为外部链接"));
  EXPECT_TRUE(HasWarning(doc, "文档中第3幅图片未识别（为 EMF 矢量图）"));
  EXPECT_FALSE(HasWarning(doc, "第4幅"));
  EXPECT_TRUE(HasWarning(doc, "表格单元格中有 1 幅图片"));
  ASSERT_GE(doc.blocks.size(), 2u);
  EXPECT_EQ(doc.blocks.front().text, "前文");
  EXPECT_EQ(doc.blocks.back().text, "后文");
  ExpectOffsetsValid(doc);
  // OCR off (fuzzing, fast batches): the pictures are counted, not read.
  const Document off = ReadDocx(docx, DocxOptions{.ocr = false});
  EXPECT_TRUE(HasWarning(off, "另有 2 幅图片未识别（未启用文字识别）"));
}

// A table pasted as a 200-dpi picture (the fixture's), between two
// paragraphs: read by OCR and spliced in at its place as a table.
TEST(DocxReader, TablePictureIsReadInPlace) {
  const std::string png = ZipPart("tests/fixtures/picture/001-duodao-2023-table3-docx.docx", "word/media/image1.png");
  ASSERT_GT(png.size(), 1000u);
  const Document doc = ReadDocxBytes(Docx(
      P("（三）收到和处理政府信息公开申请情况") + Drawing("rId7", 4.3, 9) + P("四、行政复议"),
      {{"word/media/image1.png", png}, {"word/_rels/document.xml.rels", Rels(Rel("rId7", "/word/media/image1.png"))}}));
  ASSERT_GE(doc.blocks.size(), 3u);
  EXPECT_EQ(doc.blocks.front().text, "（三）收到和处理政府信息公开申请情况");
  EXPECT_EQ(doc.blocks.back().text, "四、行政复议");
  bool table3 = false;
  for (const Block& b : doc.blocks) {
    for (const auto& row : b.rows) {
      for (const Cell& c : row) table3 = table3 || c.text.find("申请人情况") != std::string::npos;
    }
  }
  EXPECT_TRUE(table3) << doc.text;
  EXPECT_TRUE(HasWarning(doc, "文档中第1幅图片（表格）经文字识别读取")) << doc.text;
  ExpectOffsetsValid(doc);
}

// The fixture's seal (a red ring and red characters) reads as nothing.
TEST(DocxReader, SealPictureGivesNoText) {
  const std::string seal = ZipPart("tests/fixtures/picture/001-duodao-2023-table3-docx.docx", "word/media/image2.png");
  ASSERT_GT(seal.size(), 100u);
  const Document doc = ReadDocxBytes(Docx(
      P("某区人民政府办公室") + Drawing("rId1", 1.6, 1.6) + P("2024年1月20日"),
      {{"word/media/image2.png", seal}, {"word/_rels/document.xml.rels", Rels(Rel("rId1", "media/image2.png"))}}));
  ASSERT_EQ(doc.blocks.size(), 2u);
  EXPECT_TRUE(doc.warnings.empty());
}

}  // namespace
}  // namespace gongkai::readers
