// Export writers: CSV long form, XLSX sheets, JSON Lines documents.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <filesystem>
#include <sstream>

#include "pipeline/pipeline.h"
#include "writers/csv_writer.h"
#include "writers/json_writer.h"
#include "writers/xlsx_writer.h"

namespace gongkai::writers {
namespace {

const std::string kSeed = std::string(GONGKAI_SOURCE_DIR) + "/tests/fixtures/seeds/000-qiaokou-approval-2023.txt";

TEST(CorpusExport, CsvLongForm) {
  const Report r = pipeline::ProcessFile(kSeed);
  std::ostringstream out;
  WriteCsvHeader(out);
  WriteCsvRows(out, r, "硚口区行政审批局", "硚口区");
  const std::string csv = out.str();
  EXPECT_EQ(csv.substr(0, csv.find('\n')), std::string(kUtf8Bom) + "单位,地区,年度,格式,表格,行,列,数值,行代码,列代码");
  EXPECT_NE(csv.find("硚口区行政审批局,硚口区,2023,2021版,表三,（一）予以公开,总计,2,granted,total\n"), std::string::npos)
      << csv;
  EXPECT_NE(csv.find("硚口区行政审批局,硚口区,2023,2021版,表三,（七）总计,总计,5,total,total\n"), std::string::npos);
  EXPECT_NE(csv.find(",表四,行政复议,总计,0,review,total\n"), std::string::npos);
  // 1 header + Table 二 (10 cells, v2021) + 25 rows × 7 + 3 × 5.
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 10 + 25 * 7 + 15);
  EXPECT_EQ(CsvField("a,\"b\""), "\"a,\"\"b\"\"\"");
}

TEST(CorpusExport, CsvNullIsEmptyNotZero) {
  Report r = pipeline::ProcessFile(kSeed);
  const std::size_t granted = static_cast<std::size_t>(format::Table3RowIndex("granted"));
  r.table3.rows[granted][6].value.reset();
  std::ostringstream out;
  WriteCsvRows(out, r, "a", "");
  EXPECT_NE(out.str().find("a,,2023,2021版,表三,（一）予以公开,总计,,granted,total\n"), std::string::npos) << out.str();
}

std::string ZipEntry(const std::string& path, const char* entry) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (!z) return "";
  zip_stat_t st;
  std::string out;
  if (zip_stat(z, entry, 0, &st) == 0) {
    zip_file_t* f = zip_fopen(z, entry, 0);
    out.resize(st.size);
    zip_fread(f, out.data(), st.size);
    zip_fclose(f);
  }
  zip_discard(z);
  return out;
}

TEST(CorpusExport, XlsxSheetsPerTableAndFindings) {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("gongkai-x-" + std::to_string(::getpid()) + ".xlsx")).string();
  {
    XlsxWriter x(path);
    x.Add(pipeline::ProcessFile(kSeed), "硚口区行政审批局", "硚口区");
    x.Add(pipeline::ProcessFile(std::string(GONGKAI_SOURCE_DIR) + "/tests/fixtures/seeds/003-beilun-2023.txt"),
          "北仑区人民政府", "北仑区");
    x.Close();
  }
  const std::string wb = ZipEntry(path, "xl/workbook.xml");
  ASSERT_FALSE(wb.empty());
  for (const char* sheet : {"总览", "表二", "表三", "表四", "问题清单"}) {
    EXPECT_NE(wb.find(std::string("name=\"") + sheet + "\""), std::string::npos) << sheet;
  }
  // Constant-memory mode writes strings inline in the sheets; sheet 3 is 表三.
  const std::string t3 = ZipEntry(path, "xl/worksheets/sheet3.xml");
  EXPECT_NE(t3.find("硚口区行政审批局"), std::string::npos);
  EXPECT_NE(t3.find("北仑区人民政府"), std::string::npos);
  EXPECT_NE(t3.find("（一）予以公开"), std::string::npos);
  std::filesystem::remove(path);
}

TEST(CorpusExport, JsonLinesDocument) {
  const Report r = pipeline::ProcessFile(kSeed);
  const std::string line = ToJson(r).dump();
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["schema"], "gongkai.report/1");
  EXPECT_EQ(j["table3"]["total"][6], 5);
}

}  // namespace
}  // namespace gongkai::writers
