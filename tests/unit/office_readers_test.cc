// The readers of .doc/.wps/.xls/.et (LibreOffice), XLSX and OFD; detection
// by content; the LibreOffice conversion's limits; folder walks that list
// every file they do not read.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "pipeline/pipeline.h"
#include "readers/office.h"
#include "readers/reader.h"

namespace gongkai::readers {
namespace {

namespace fs = std::filesystem;

std::string MakeZip(const std::map<std::string, std::string>& files) {
  const auto path = fs::temp_directory_path() / ("gongkai_office_test_" + std::to_string(::getpid()) + "_" +
                                                std::to_string(reinterpret_cast<std::uintptr_t>(&files)) + ".zip");
  int err = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  EXPECT_NE(za, nullptr);
  if (za == nullptr) return {};
  for (const auto& [name, data] : files) {
    zip_source_t* src = zip_source_buffer(za, data.data(), data.size(), 0);
    EXPECT_GE(zip_file_add(za, name.c_str(), src, ZIP_FL_OVERWRITE), 0);
  }
  EXPECT_EQ(zip_close(za), 0);
  std::string bytes = LoadFile(path.string());
  fs::remove(path);
  return bytes;
}

// An OLE compound file's first bytes and the directory names that tell its kind.
std::string Ole(std::initializer_list<std::string_view> streams) {
  std::string b("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  b.resize(512, '\0');
  for (std::string_view s : streams) {
    for (char c : s) {
      b += c;
      b += '\0';
    }
    b.append(16, '\0');
  }
  return b;
}

const char* kSheetNs = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                       "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

std::string Xlsx(const std::string& sheet_data, const std::string& merges = "", const std::string& shared = "",
                 const std::string& styles = "") {
  std::map<std::string, std::string> parts;
  parts["xl/workbook.xml"] = std::string("<workbook ") + kSheetNs +
                             "><sheets><sheet name=\"表三\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  parts["xl/_rels/workbook.xml.rels"] =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
  parts["xl/worksheets/sheet1.xml"] = std::string("<worksheet ") + kSheetNs + "><sheetData>" + sheet_data +
                                      "</sheetData>" + merges + "</worksheet>";
  if (!shared.empty()) parts["xl/sharedStrings.xml"] = std::string("<sst ") + kSheetNs + ">" + shared + "</sst>";
  if (!styles.empty()) parts["xl/styles.xml"] = std::string("<styleSheet ") + kSheetNs + ">" + styles + "</styleSheet>";
  return MakeZip(parts);
}

std::string Is(const std::string& ref, const std::string& text) {
  return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}
std::string Num(const std::string& ref, const std::string& v, const std::string& style = "") {
  return "<c r=\"" + ref + "\"" + (style.empty() ? "" : " s=\"" + style + "\"") + "><v>" + v + "</v></c>";
}

TEST(OfficeDetect, ByContentNeverByName) {
  EXPECT_EQ(Detect(Ole({"Root Entry", "WordDocument", "1Table"})), Format::kDoc);
  EXPECT_EQ(Detect(Ole({"Root Entry", "WordDocument", "KSOProductBuildVer"})), Format::kWps);
  EXPECT_EQ(Detect(Ole({"Root Entry", "Workbook"})), Format::kXls);
  EXPECT_EQ(Detect(Ole({"Root Entry", "Workbook", "ETExtData"})), Format::kEt);
  EXPECT_EQ(Detect(Ole({"Root Entry", "EncryptedPackage", "WordDocument"})), Format::kUnknown);
  EXPECT_EQ(Detect(Ole({"Root Entry", "PowerPoint Document"})), Format::kUnknown);
  EXPECT_EQ(Detect(MakeZip({{"xl/workbook.xml", "<workbook/>"}})), Format::kXlsx);
  EXPECT_EQ(Detect(MakeZip({{"OFD.xml", "<ofd:OFD/>"}})), Format::kOfd);
  EXPECT_EQ(FormatKey(Format::kOfd), "ofd");
  EXPECT_EQ(FormatKey(Format::kWps), "wps");
}

TEST(OfficeDetect, PowerPointSaysWhatItIs) {
  try {
    Read(Ole({"Root Entry", "PowerPoint Document"}), Format::kUnknown);
    FAIL() << "no ReadError";
  } catch (const ReadError& e) {
    EXPECT_NE(e.zh().find("PowerPoint"), std::string::npos) << e.zh();
  }
}

TEST(XlsxReader, MergedHeadersAndTitleRows) {
  const std::string shared = "<si><t>三、收到和处理政府信息公开申请情况</t></si><si><r><t>申请人</t></r><r><t>情况</t></r></si>";
  const std::string rows =
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
      "<row r=\"3\">" + Is("A3", "（本列数据的勾稽关系）") + "<c r=\"B3\" t=\"s\"><v>1</v></c></row>"
      "<row r=\"4\">" + Is("B4", "自然人") + Is("C4", "总计") + "</row>"
      "<row r=\"5\">" + Is("A5", "一、本年新收政府信息公开申请数量") + Num("B5", "27") + Num("C5", "27.0") + "</row>"
      "<row r=\"6\">" + Is("A6", "二、上年结转政府信息公开申请数量") + "</row>"
      "<row r=\"7\">" + Is("A7", "四、结转下年度继续办理") + Num("B7", "3") + Num("C7", "1278.85") + "</row>";
  const std::string merges = "<mergeCells><mergeCell ref=\"A1:C1\"/><mergeCell ref=\"A3:A4\"/><mergeCell ref=\"B3:C3\"/></mergeCells>";
  const Document doc = Read(Xlsx(rows, merges, shared), Format::kXlsx);
  ASSERT_EQ(doc.blocks.size(), 2u);
  EXPECT_EQ(doc.blocks[0].kind, Block::Kind::kParagraph);
  EXPECT_EQ(doc.blocks[0].text, "三、收到和处理政府信息公开申请情况");
  const Block& t = doc.blocks[1];
  ASSERT_EQ(t.kind, Block::Kind::kTable);
  ASSERT_EQ(t.rows.size(), 5u);  // the label-only row stays inside the table
  EXPECT_EQ(t.rows[0][1].text, "申请人情况");
  EXPECT_TRUE(t.rows[0][2].merged);
  EXPECT_TRUE(t.rows[1][0].merged);
  EXPECT_EQ(t.rows[2][2].text, "27");
  EXPECT_EQ(t.rows[3][0].text, "二、上年结转政府信息公开申请数量");
  EXPECT_EQ(t.rows[4][2].text, "1278.85");
  for (const auto& row : t.rows) {
    for (const Cell& c : row) {
      if (!c.merged) {
        EXPECT_EQ(doc.text.substr(c.offset, c.text.size()), c.text);
      }
    }
  }
}

TEST(XlsxReader, DatesAsPrinted) {
  const std::string styles = "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>";
  const Document doc = Read(Xlsx("<row r=\"1\">" + Is("A1", "发布日期") + Num("B1", "45309", "1") + "</row>", "", "", styles),
                            Format::kXlsx);
  ASSERT_EQ(doc.blocks.size(), 1u);
  EXPECT_EQ(doc.blocks[0].rows.at(0).at(1).text, "2024年1月18日");
}

TEST(XlsxReader, BrokenWorkbooksAreClearErrors) {
  EXPECT_THROW(Read(MakeZip({{"xl/workbook.xml", "<workbook><sheets><sheet"}}), Format::kXlsx), ReadError);
  EXPECT_THROW(Read(Xlsx(""), Format::kXlsx), ReadError);  // no cell of text
  const std::string good = Xlsx("<row r=\"1\">" + Is("A1", "年度报告") + "</row>");
  for (std::size_t cut : {good.size() / 3, good.size() / 2, good.size() - 10}) {
    EXPECT_THROW(Read(good.substr(0, cut), Format::kXlsx), ReadError) << cut;
  }
  // A cell at XFD1048576 does not make a grid of a billion cells.
  const Document far = Read(Xlsx("<row r=\"1\">" + Is("A1", "年度报告") + "</row><row r=\"1048576\">" +
                                 Is("XFD1048576", "远") + "</row>"),
                            Format::kXlsx);
  ASSERT_FALSE(far.warnings.empty());
  EXPECT_NE(far.warnings[0].find("未读取"), std::string::npos);
}

TEST(XlsxReader, ZipBombIsRefused) {
  // 40 MB of the same byte inflates from a few hundred kilobytes.
  std::string huge(40u * 1024 * 1024, ' ');
  const std::string bomb = Xlsx("<row r=\"1\">" + Is("A1", "x") + "</row>" + huge);
  huge.clear();
  huge.shrink_to_fit();
  ASSERT_LT(bomb.size(), 2u * 1024 * 1024);
  try {
    Read(bomb, Format::kXlsx);
    FAIL() << "no ReadError";
  } catch (const ReadError& e) {
    EXPECT_NE(e.zh().find("压缩炸弹"), std::string::npos) << e.zh();
  }
}

const char* kOfdNs = "xmlns:ofd=\"http://www.ofdspec.org/2016\"";

std::string Ofd(const std::map<std::string, std::string>& extra, bool with_document = true) {
  std::map<std::string, std::string> parts = extra;
  parts["OFD.xml"] = std::string("<ofd:OFD ") + kOfdNs +
                     "><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>";
  if (with_document) {
    parts["Doc_0/Document.xml"] =
        std::string("<ofd:Document ") + kOfdNs +
        "><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>"
        "<ofd:Pages><ofd:Page ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/>"
        "<ofd:Page ID=\"2\" BaseLoc=\"Pages/Page_1/Content.xml\"/></ofd:Pages></ofd:Document>";
  }
  return MakeZip(parts);
}

std::string Text(double x, double y, const std::string& s, const std::string& extra = "") {
  return "<ofd:TextObject ID=\"9\" Boundary=\"" + std::to_string(x) + " " + std::to_string(y) +
         " 150 6\" Font=\"1\" Size=\"4\"" + extra + "><ofd:TextCode X=\"0\" Y=\"4\" DeltaX=\"g 40 4\">" + s +
         "</ofd:TextCode></ofd:TextObject>";
}

std::string Page(const std::string& objects) {
  return std::string("<ofd:Page ") + kOfdNs + "><ofd:Content><ofd:Layer ID=\"3\">" + objects +
         "</ofd:Layer></ofd:Content></ofd:Page>";
}

std::string Rect(double x, double y, double w, double h) {
  return "<ofd:PathObject ID=\"8\" Boundary=\"" + std::to_string(x) + " " + std::to_string(y) + " " + std::to_string(w) +
         " " + std::to_string(h) + "\" LineWidth=\"0.3\"><ofd:AbbreviatedData>M 0 0 L " + std::to_string(w) + " 0 L " +
         std::to_string(w) + " " + std::to_string(h) + " L 0 " + std::to_string(h) + " C</ofd:AbbreviatedData></ofd:PathObject>";
}

TEST(OfdReader, TextLinesAndRuledTable) {
  std::string table;
  const char* labels[] = {"信息内容", "本年制发件数", "规章", "0", "行政规范性文件", "7"};
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 2; ++c) {
      table += Rect(30 + c * 60, 60 + r * 10, 60, 10);
      table += Text(32 + c * 60, 62 + r * 10, labels[r * 2 + c]);
    }
  }
  const std::string page0 = Page(Text(30, 30, "二、主动公开政府信息情况") + table);
  const std::string page1 = Page(Text(30, 30, "六、其他需要报告的事项", " CTM=\"1 0 0 1 0 0\""));
  const Document doc = Read(Ofd({{"Doc_0/Pages/Page_0/Content.xml", page0}, {"Doc_0/Pages/Page_1/Content.xml", page1}}),
                            Format::kOfd);
  ASSERT_GE(doc.blocks.size(), 3u);
  EXPECT_EQ(doc.blocks[0].text, "二、主动公开政府信息情况");
  const Block& t = doc.blocks[1];
  ASSERT_EQ(t.kind, Block::Kind::kTable);
  ASSERT_EQ(t.rows.size(), 3u);
  ASSERT_EQ(t.rows[2].size(), 2u);
  EXPECT_EQ(t.rows[2][0].text, "行政规范性文件");
  EXPECT_EQ(t.rows[2][1].text, "7");
  EXPECT_EQ(doc.blocks.back().text, "六、其他需要报告的事项");
}

TEST(OfdReader, MissingPartsAreNamed) {
  try {
    Read(Ofd({}, false), Format::kOfd);
    FAIL() << "no ReadError";
  } catch (const ReadError& e) {
    EXPECT_NE(e.zh().find("缺少"), std::string::npos) << e.zh();
    EXPECT_NE(e.zh().find("Doc_0/Document.xml"), std::string::npos) << e.zh();
    EXPECT_NE(e.en().find("missing"), std::string::npos);
  }
  // No page at all: an error; one page of two: a warning naming it.
  EXPECT_THROW(Read(Ofd({}), Format::kOfd), ReadError);
  const Document half = Read(Ofd({{"Doc_0/Pages/Page_0/Content.xml", Page(Text(30, 30, "一、总体情况"))}}), Format::kOfd);
  ASSERT_FALSE(half.warnings.empty());
  EXPECT_NE(half.warnings[0].find("第2页内容缺失"), std::string::npos) << half.warnings[0];
  EXPECT_THROW(Read(MakeZip({{"OFD.xml", "<ofd:OFD><ofd:DocBody>"}}), Format::kOfd), ReadError);
}

// A stand-in soffice: a shell script doing what a broken LibreOffice does.
class FakeSoffice {
 public:
  explicit FakeSoffice(const std::string& body) {
    path_ = fs::temp_directory_path() / ("gongkai_fake_soffice_" + std::to_string(::getpid()) + "_" +
                                         std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::ofstream(path_) << "#!/bin/sh\n" << body << "\n";
    fs::permissions(path_, fs::perms::owner_all);
  }
  ~FakeSoffice() { fs::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

int TempDirs() {
  int n = 0;
  for (const auto& e : fs::directory_iterator(fs::temp_directory_path())) {
    n += e.path().filename().string().rfind("gongkai-soffice-", 0) == 0;
  }
  return n;
}

TEST(OfficeConvert, MissingSofficeNamesThePackages) {
  ConvertOptions o;
  o.soffice = "/nonexistent/soffice";
  try {
    ReadLegacyOffice(Ole({"WordDocument"}), "doc", o);
    FAIL() << "no ReadError";
  } catch (const ReadError& e) {
    EXPECT_NE(e.zh().find("libreoffice-writer-nogui"), std::string::npos) << e.zh();
    EXPECT_NE(e.zh().find(".doc"), std::string::npos) << e.zh();
  }
}

TEST(OfficeConvert, HangIsKilledAtTheTimeoutAndCleanedUp) {
  // A temporary folder of this test's own: another test converting at the
  // same time (ctest -j) must not count as a folder left behind.
  const fs::path own = fs::temp_directory_path() / ("gongkai-hang-test-" + std::to_string(::getpid()));
  fs::create_directories(own);
  const std::string old_tmpdir = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "";
  ::setenv("TMPDIR", own.c_str(), 1);
  const int before = TempDirs();
  EXPECT_EQ(before, 0);
  const FakeSoffice hang("sleep 30 & sleep 30");
  ConvertOptions o;
  o.soffice = hang.path();
  o.timeout_s = 1;
  const auto start = std::chrono::steady_clock::now();
  try {
    ReadLegacyOffice(Ole({"WordDocument"}), "doc", o);
    FAIL() << "no ReadError";
  } catch (const ReadError& e) {
    EXPECT_NE(e.zh().find("超时"), std::string::npos) << e.zh();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(TempDirs(), before);
  if (old_tmpdir.empty()) {
    ::unsetenv("TMPDIR");
  } else {
    ::setenv("TMPDIR", old_tmpdir.c_str(), 1);
  }
  fs::remove_all(own);
}

TEST(OfficeConvert, CrashAndNoOutputAreErrors) {
  ConvertOptions o;
  const FakeSoffice crash("kill -SEGV $$");
  o.soffice = crash.path();
  try {
    ReadLegacyOffice(Ole({"Workbook"}), "xls", o);
    FAIL() << "no ReadError";
  } catch (const ReadError& e) {
    EXPECT_NE(e.zh().find("崩溃"), std::string::npos) << e.zh();
  }
  const FakeSoffice nothing("exit 0");
  o.soffice = nothing.path();
  try {
    ReadLegacyOffice(Ole({"Workbook"}), "xls", o);
    FAIL() << "no ReadError";
  } catch (const ReadError& e) {
    EXPECT_NE(e.zh().find("未能转换"), std::string::npos) << e.zh();
  }
}

TEST(OfficeConvert, RealDocThroughLibreOffice) {
  if (!FindSoffice()) GTEST_SKIP() << "soffice not installed (libreoffice-writer-nogui)";
  const std::string doc = LoadFile(std::string(GONGKAI_SOURCE_DIR) + "/tests/fixtures/office/000-qiaokou-approval-2023.doc");
  ASSERT_EQ(Detect(doc), Format::kDoc);
  const Document d = Read(doc, Format::kDoc);
  bool table = false;
  for (const Block& b : d.blocks) table = table || b.kind == Block::Kind::kTable;
  EXPECT_TRUE(table);
  EXPECT_NE(d.text.find("硚口区"), std::string::npos);
}

TEST(FolderWalk, EveryFileIsReadOrListed) {
  const fs::path dir = fs::temp_directory_path() / ("gongkai_walk_" + std::to_string(::getpid()));
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "a.txt") << "一、总体情况";
  std::ofstream(dir / "notes.md") << "hello";
  std::ofstream(dir / "sub" / "report.bin") << "%PDF-1.4\n";  // a PDF under another name: read
  std::ofstream(dir / "sub" / "empty.dat");
  std::ofstream(dir / "archive.rar") << std::string("Rar!\x1a\x07\x00\x01\x02", 9);
  std::vector<pipeline::Skipped> skipped;
  const std::vector<std::string> files = pipeline::ExpandInputs({dir.string()}, &skipped);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(fs::path(files[0]).filename(), "a.txt");
  EXPECT_EQ(fs::path(files[1]).filename(), "report.bin");
  ASSERT_EQ(skipped.size(), 3u);
  for (const auto& s : skipped) {
    EXPECT_FALSE(s.zh.empty()) << s.path;
    EXPECT_FALSE(s.en.empty()) << s.path;
  }
  fs::remove_all(dir);
}

// Nothing under a folder is dropped in silence: links to folders, links to
// nothing, FIFOs and folders that cannot be opened are each listed with why.
TEST(FolderWalk, UnreadableAndSpecialEntriesAreListed) {
  const fs::path dir = fs::temp_directory_path() / ("gongkai_walk2_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "real");
  std::ofstream(dir / "real" / "r.txt") << "一、总体情况";
  fs::create_directory_symlink(dir / "real", dir / "link-to-folder");
  fs::create_symlink(dir / "gone.txt", dir / "dangling.txt");
  ASSERT_EQ(::mkfifo((dir / "pipe.txt").c_str(), 0600), 0);
  fs::create_directories(dir / "closed");
  std::ofstream(dir / "closed" / "hidden.txt") << "一、总体情况";
  fs::permissions(dir / "closed", fs::perms::none);
  // root opens any folder: the closed one is only closed to others.
  const bool closed_to_us = ::access((dir / "closed").c_str(), R_OK | X_OK) != 0;
  std::vector<pipeline::Skipped> skipped;
  const std::vector<std::string> files = pipeline::ExpandInputs({dir.string()}, &skipped);
  fs::permissions(dir / "closed", fs::perms::owner_all);
  std::map<std::string, std::string> why;
  for (const auto& s : skipped) why[fs::path(s.path).filename().string()] = s.zh;
  EXPECT_TRUE(why.count("link-to-folder")) << "a link to a folder is listed, not followed";
  EXPECT_TRUE(why.count("dangling.txt"));
  EXPECT_TRUE(why.count("pipe.txt"));
  if (closed_to_us) {
    ASSERT_TRUE(why.count("closed"));
    EXPECT_NE(why["closed"].find("文件夹无法读取"), std::string::npos) << why["closed"];
    EXPECT_EQ(files.size(), 1u);
  } else {
    EXPECT_EQ(files.size(), 2u);  // r.txt and closed/hidden.txt
  }
  for (const auto& f : files) EXPECT_EQ(fs::path(f).extension(), ".txt") << f;
  fs::remove_all(dir);
}

// read.meta_source: a workbook's unit and year, and where they came from.
TEST(MetaSource, FromTheFileNameSaysSo) {
  const std::string rows = "<row r=\"1\">" + Is("A1", "信息内容") + Is("B1", "本年制发件数") + "</row><row r=\"2\">" +
                           Is("A2", "规章") + Num("B2", "0") + "</row>";
  const Report r = pipeline::ProcessBytes(Xlsx(rows), "/in/附件2：某某市某某局2023年度政府信息公开报表.xlsx");
  EXPECT_EQ(r.meta.agency, "某某市某某局");
  EXPECT_EQ(r.meta.year, 2023);
  EXPECT_EQ(r.source.format, "xlsx");
  bool found = false;
  for (const Finding& f : r.findings) {
    if (f.rule != "read.meta_source") continue;
    found = true;
    EXPECT_EQ(f.severity, "info");
    EXPECT_NE(f.message.find("取自文件名"), std::string::npos) << f.message;
  }
  EXPECT_TRUE(found);
  // Not a spreadsheet: no such finding.
  const Report t = pipeline::ProcessBytes("某某局2023年政府信息公开工作年度报告\n一、总体情况\n", "/in/x.txt");
  for (const Finding& f : t.findings) EXPECT_NE(f.rule, "read.meta_source");
}

}  // namespace
}  // namespace gongkai::readers
