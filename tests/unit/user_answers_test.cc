// What a district office's user gets right from the outputs (issue 12): the
// region file's reporting units, the page's 发布时间, pages named as pages,
// outputs that never overwrite each other, options after sub-command words.
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include "cli_run.h"
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "corpus/importer.h"
#include "pipeline/pipeline.h"
#include "readers/pdf.h"
#include "readers/reader.h"
#include "service/corpus.h"
#include "writers/text_format.h"

namespace gongkai {
namespace {

namespace fs = std::filesystem;

const std::string kFixtures = std::string(GONGKAI_SOURCE_DIR) + "/tests/fixtures";

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

using testing_util::CliRun;

CliRun Gongkai(const std::string& args) { return testing_util::RunShell(std::string(GONGKAI_BINARY) + " " + args + " 2>&1"); }

fs::path TempDir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("gongkai-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// ---------------------------------------------------------------- regions file

TEST(RegionsFile, ChineseHeaderInAnyOrderWithReportsColumn) {
  const auto r = service::ParseRegions(
      "\xEF\xBB\xBF名称,层级,上级,应报\n湖北省,province,,否\n武汉市,city,湖北省,\n硚口区,district,武汉市,是\n");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[1].parent, "湖北省");
  EXPECT_EQ(r[1].level, "city");
  EXPECT_EQ(r[0].reports, false);
  EXPECT_FALSE(r[1].reports.has_value());
  EXPECT_EQ(r[2].reports, true);
}

TEST(RegionsFile, AListOfUnitNamesIsTheUnitsThatMustReport) {
  const auto r = service::ParseRegions("单位名称\n硚口区行政审批局\n硚口区社会管理网格化服务中心\n");
  ASSERT_EQ(r.size(), 2u);
  for (const auto& u : r) EXPECT_EQ(u.reports, true) << u.name;
}

TEST(RegionsFile, AnXlsxListUnderATitleWithNumberAndRemarkColumns) {
  // The 应报单位名单 as offices keep it: a title row, then 序号/单位名称/备注.
  const fs::path dir = TempDir("regions-xlsx");
  const std::string path = (dir / "应报单位名单.xlsx").string();
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "名单");
  worksheet_merge_range(ws, 0, 0, 0, 2, "2024年度政府信息公开工作年度报告应报单位名单", nullptr);
  worksheet_write_string(ws, 1, 0, "序号", nullptr);
  worksheet_write_string(ws, 1, 1, "单位名称", nullptr);
  worksheet_write_string(ws, 1, 2, "备注", nullptr);
  const char* units[] = {"硚口区行政审批局", "硚口区教育局", "硚口区汉正街街道办事处"};
  for (int i = 0; i < 3; ++i) {
    worksheet_write_number(ws, static_cast<lxw_row_t>(i + 2), 0, i + 1, nullptr);
    worksheet_write_string(ws, static_cast<lxw_row_t>(i + 2), 1, units[i], nullptr);
  }
  worksheet_write_string(ws, 3, 2, "新设", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  const auto r = service::ParseRegions(Slurp(path));
  ASSERT_EQ(r.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(r[static_cast<std::size_t>(i)].name, units[i]);
    EXPECT_EQ(r[static_cast<std::size_t>(i)].reports, true) << units[i];
    EXPECT_TRUE(r[static_cast<std::size_t>(i)].parent.empty());
  }
}

TEST(RegionsFile, AGb18030CsvAsExcelSavesItAndAFileWithoutNamesIsRefused) {
  // "单位名称\n硚口区教育局\n" in GB18030.
  const std::string gb = "\xB5\xA5\xCE\xBB\xC3\xFB\xB3\xC6\r\n\xB3\x7E\xBF\xDA\xC7\xF8\xBD\xCC\xD3\xFD\xBE\xD6\r\n";
  const auto r = service::ParseRegions(gb);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].name, "硚口区教育局");
  EXPECT_EQ(r[0].reports, true);
  try {
    service::ParseRegions("单位名称\n");
    FAIL() << "no error";
  } catch (const service::UserError& e) {
    EXPECT_NE(e.zh().find("没有地区或单位名称"), std::string::npos) << e.zh();
  }
}

TEST(RegionsFile, AnUnreadableMarkIsAnErrorNamingTheLine) {
  try {
    service::ParseRegions("name,parent,level,aliases,reports\n武汉市,,city,,也许\n");
    FAIL() << "no error";
  } catch (const service::UserError& e) {
    EXPECT_NE(e.zh().find("第2行"), std::string::npos) << e.zh();
  }
}

// ------------------------------------------------------------ page's 发布时间

// The fixture page with `insert` placed after `after`.
std::string PageWith(const std::string& name, const std::string& after, const std::string& insert) {
  std::string page = Slurp(kFixtures + "/html/" + name);
  const std::size_t at = page.find(after);
  EXPECT_NE(at, std::string::npos) << after;
  if (at != std::string::npos) page.insert(at + after.size(), insert);
  return page;
}

bool HasRule(const Report& r, const std::string& rule) {
  for (const Finding& f : r.findings) {
    if (f.rule == rule) return true;
  }
  return false;
}

TEST(PagePublished, DateAboveTheArticleWhenTheSignatureHasNone) {
  // "发布日期：2022-03-05 10:12" (GBK, as the page is) in the box the chrome
  // filter drops: a department's 2021 report published after 1月31日.
  const std::string page = PageWith("004-qiaokou-approval-2021.html", "<div class=\"article-info\">",
                                    "\xb7\xa2\xb2\xbc\xc8\xd5\xc6\xda\xa3\xba" "2022-03-05 10:12\xa1\xa1");
  const Report r = pipeline::ProcessBytes(page, "p.html");
  EXPECT_EQ(r.meta.published_on, "2022-03-05");
  EXPECT_TRUE(HasRule(r, "dates.late_publication"));
  // The date is not part of the report's text.
  EXPECT_EQ(r.text.find("2022-03-05"), std::string::npos);
}

TEST(PagePublished, DateInTheNextElementAndMetaTag) {
  const std::string span = PageWith("004-qiaokou-approval-2021.html", "<div class=\"article-info\">",
                                    "\xb7\xa2\xb2\xbc\xca\xb1\xbc\xe4\xa3\xba<span>2022-01-20</span>\xa1\xa1");
  EXPECT_EQ(readers::ReadHtml(span).published, "2022-01-20");
  const std::string meta =
      PageWith("004-qiaokou-approval-2021.html", "<head>", "\n<meta name=\"PubDate\" content=\"2022-01-20 16:51\">");
  const Report r = pipeline::ProcessBytes(meta, "p.html");
  EXPECT_EQ(r.meta.published_on, "2022-01-20");
  EXPECT_FALSE(HasRule(r, "dates.late_publication"));
}

TEST(PagePublished, TheSignatureDateWins) {
  const std::string page = PageWith("000-qiaokou-approval-2023.html", "<head>",
                                    "\n<meta name=\"PubDate\" content=\"2024-03-01 09:00\">");
  EXPECT_EQ(pipeline::ProcessBytes(page, "p.html").meta.published_on, "2024-01-18");
}

TEST(PagePublished, NoDateAnywhereStaysUnknown) {
  const Report r = pipeline::ProcessFile(kFixtures + "/html/004-qiaokou-approval-2021.html");
  EXPECT_EQ(r.meta.published_on, "");
  EXPECT_FALSE(HasRule(r, "dates.late_publication"));
}

// ------------------------------------------------------------------ pages

TEST(Pages, PdfFindingsAreNamedByTheirPage) {
  const std::string bytes = Slurp(kFixtures + "/pdf/002-qiaokou-grid-2023.pdf");
  const Document doc = readers::ReadPdf(bytes);
  ASSERT_GE(doc.page_offsets.size(), 2u);
  EXPECT_EQ(doc.page_offsets.front(), 0u);
  for (std::size_t i = 1; i < doc.page_offsets.size(); ++i) {
    EXPECT_LE(doc.page_offsets[i - 1], doc.page_offsets[i]);
    EXPECT_LE(doc.page_offsets[i], doc.text.size());
  }
  const Report r = pipeline::ProcessBytes(bytes, "p.pdf");
  int with_offset = 0;
  for (const Finding& f : r.findings) {
    if (!f.offset) continue;
    ++with_offset;
    ASSERT_TRUE(f.page) << f.message;
    EXPECT_EQ(*f.page, PageAt(doc.page_offsets, *f.offset));
    const std::string place = writers::text::TextPlace(r, f);
    EXPECT_EQ(place, "第" + std::to_string(*f.page) + "页");
  }
  EXPECT_GT(with_offset, 0);
  // Text formats have no pages: paragraphs.
  const Report t = pipeline::ProcessFile(kFixtures + "/seeds/002-qiaokou-grid-2023.txt");
  for (const Finding& f : t.findings) {
    EXPECT_FALSE(f.page);
    if (f.offset) {
      EXPECT_NE(writers::text::TextPlace(t, f).find("段"), std::string::npos);
    }
  }
}

TEST(Pages, CheckNamesThePageOfAPdf) {
  const CliRun r = Gongkai("check " + kFixtures + "/pdf/002-qiaokou-grid-2023.pdf");
  EXPECT_NE(r.out.find("第1页"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("段；原文"), std::string::npos) << r.out;
}

// ------------------------------------------------------------ import progress

// 99 small text files read in the first second, then a 2 MB scan: the time
// left is the scan's bytes at the rate so far, not "0 秒" because 99 of 100
// files are done, and it grows while the scan holds the batch up.
TEST(ImportProgress, TimeLeftCountsBytesNotFiles) {
  corpus::ImportProgress p;
  p.total = 100;
  p.done = 99;
  p.bytes_total = 99 * 5000 + 2000000;
  p.bytes_done = 99 * 5000;
  p.elapsed_s = 1;
  ASSERT_TRUE(p.SecondsLeft());
  EXPECT_GT(*p.SecondsLeft(), 3.0);
  const double early = *p.SecondsLeft();
  p.elapsed_s = 30;
  EXPECT_GT(*p.SecondsLeft(), early);
  p.done = 100;
  p.bytes_done = p.bytes_total;
  EXPECT_EQ(*p.SecondsLeft(), 0.0);
  // Nothing known yet: no figure rather than a made-up one.
  corpus::ImportProgress fresh;
  fresh.total = 10;
  fresh.elapsed_s = 0.2;
  EXPECT_FALSE(fresh.SecondsLeft());
}

TEST(ImportProgress, ImportFillsSizes) {
  const fs::path d = TempDir("progress");
  store::Store db((d / "p.db").string());
  corpus::ImportOptions o;
  o.threads = 1;
  std::vector<corpus::ImportProgress> seen;
  o.on_progress = [&](const corpus::ImportProgress& p) { seen.push_back(p); };
  const auto in = corpus::ExpandImportInputs({kFixtures + "/seeds"});
  const corpus::ImportProgress p = corpus::Import(db, in, o);
  std::uint64_t bytes = 0;
  for (const auto& i : in) bytes += fs::file_size(i.file);
  EXPECT_EQ(p.bytes_total, bytes);
  EXPECT_EQ(p.bytes_done, bytes);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back().working, 0u);
  fs::remove_all(d);
}

// ------------------------------------------------------------- the command

TEST(Cli, ExtractOutNeverOverwritesInputsOfTheSameName) {
  const fs::path d = TempDir("same-name");
  fs::create_directories(d / "a");
  fs::create_directories(d / "b");
  fs::copy_file(kFixtures + "/seeds/000-qiaokou-approval-2023.txt", d / "a" / "报告.txt");
  fs::copy_file(kFixtures + "/seeds/001-duodao-2023.txt", d / "b" / "报告.txt");
  const CliRun r = Gongkai("extract " + (d / "a").string() + " " + (d / "b").string() + " --out " + (d / "out").string());
  ASSERT_EQ(r.status, 0) << r.out;
  int files = 0;
  std::string agencies;
  for (const auto& e : fs::directory_iterator(d / "out")) {
    ++files;
    EXPECT_TRUE(e.path().filename().string().starts_with("报告-")) << e.path();
    agencies += Slurp(e.path().string());
  }
  EXPECT_EQ(files, 2);
  EXPECT_NE(agencies.find("硚口区行政审批局"), std::string::npos);
  EXPECT_NE(agencies.find("掇刀区"), std::string::npos);
  // The summary says which input each output came from.
  EXPECT_NE(r.out.find((d / "a" / "报告.txt").string()), std::string::npos) << r.out;
  EXPECT_NE(r.out.find((d / "b" / "报告.txt").string()), std::string::npos) << r.out;
  fs::remove_all(d);
}

TEST(Cli, OptionsAfterTheSubCommandsWords) {
  const fs::path d = TempDir("options-after");
  const std::string db = (d / "x.db").string();
  ASSERT_EQ(Gongkai("import " + kFixtures + "/seeds/000-qiaokou-approval-2023.txt --db " + db).status, 0);
  std::ofstream(d / "r.csv") << "名称,上级,层级\n武汉市,,city\n硚口区,武汉市,district\n";
  const CliRun load = Gongkai("regions load " + (d / "r.csv").string() + " --db " + db);
  EXPECT_EQ(load.status, 0) << load.out;
  const CliRun ls = Gongkai("regions ls --db " + db);
  EXPECT_EQ(ls.status, 0) << ls.out;
  EXPECT_NE(ls.out.find("硚口区"), std::string::npos) << ls.out;
  EXPECT_NE(ls.out.find("仅分组"), std::string::npos) << ls.out;  // 武汉市
  const CliRun before = Gongkai("regions --db " + db + " ls");
  EXPECT_EQ(before.out, ls.out);
  fs::remove_all(d);
}

TEST(Cli, ABadCommandLineIsExplainedInChineseWithStatus2) {
  const CliRun r = Gongkai("coverage --db nowhere.db --year 二〇二三");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out.rfind("错误：", 0), 0u) << r.out;
  const CliRun extra = Gongkai("ls --no-such-option");
  EXPECT_EQ(extra.status, 2);
  EXPECT_NE(extra.out.find("无法识别"), std::string::npos) << extra.out;
  const CliRun help = Gongkai("--help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("用法"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("显示帮助"), std::string::npos) << help.out;
}

}  // namespace
}  // namespace gongkai
