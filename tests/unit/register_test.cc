// Registers counted into Table 三: generated registers with known answers
// (the count equals a reference count and obeys 一+二=（七）+四), and the
// hostile shapes real registers have (wrong headers, five date formats
// including Excel serials, blank rows, merged cells, formula cells,
// 10⁵ rows): a clear finding per row, never a silent miscount.
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <unistd.h>

#include "format/labels.h"
#include "register/register.h"

namespace gongkai::reg {
namespace {

const Calendar& C() { return Calendar::Official(); }

double Cell(const Report& r, std::string_view row, std::size_t column) {
  const int i = format::Table3RowIndex(row);
  const auto& v = r.table3.rows[static_cast<std::size_t>(i)][column].value;
  return v ? *v : -1;
}

Report Count(const std::string& csv, int year, const std::string& path = "台账.csv") {
  return CountTable3(ParseRegister(ReadCsv(csv), path), CountOptions{year, std::nullopt}, C());
}

std::vector<const Finding*> WithRule(const Report& r, std::string_view rule) {
  std::vector<const Finding*> out;
  for (const Finding& f : r.findings) {
    if (f.rule == rule) out.push_back(&f);
  }
  return out;
}

std::string Fact(const Finding& f, std::string_view key) {
  for (const auto& [k, v] : f.facts) {
    if (k == key) return v;
  }
  return "";
}

TEST(Register, CountsTheFourPartsOfTable3) {
  const std::string csv =
      "编号,收到日期,申请人类型,办理结果,答复日期\n"
      "1,2023-12-20,自然人,予以公开,2024-01-10\n"            // carried over, answered in 2024
      "2,2023-12-28,商业企业,,\n"                              // carried over and still open: also carried forward
      "3,2024-03-05,自然人,部分公开,2024-03-20\n"
      "4,2024-12-25,科研机构,,\n"                              // carried forward
      "5,2024-12-20,自然人,不予公开-属于国家秘密,2025-01-06\n"  // answered next year: carried forward
      "6,2023-05-01,自然人,予以公开,2023-05-10\n";             // all in 2023: not in 2024
  const Report r = Count(csv, 2024);
  EXPECT_EQ(Cell(r, "new_received", 0), 2);
  EXPECT_EQ(Cell(r, "new_received", 2), 1);
  EXPECT_EQ(Cell(r, "new_received", 6), 3);
  EXPECT_EQ(Cell(r, "carried_over", 0), 1);
  EXPECT_EQ(Cell(r, "carried_over", 1), 1);
  EXPECT_EQ(Cell(r, "granted", 0), 1);
  EXPECT_EQ(Cell(r, "partially_granted", 0), 1);
  EXPECT_EQ(Cell(r, "denied.state_secret", 0), 0);
  EXPECT_EQ(Cell(r, "total", 6), 2);
  EXPECT_EQ(Cell(r, "carried_forward", 6), 3);
  EXPECT_TRUE(r.table3.other_split);
  EXPECT_TRUE(WithRule(r, "register.row_invalid").empty());
  // 2023: row 6 new and answered, rows 1 and 2 new and carried forward.
  const Report r23 = Count(csv, 2023);
  EXPECT_EQ(Cell(r23, "new_received", 6), 3);
  EXPECT_EQ(Cell(r23, "carried_forward", 6), 2);
}

TEST(Register, UncountableRowsAreFindingsWithTheirRowNumber) {
  const std::string csv =
      "收到日期,申请人类型,办理结果,答复日期\n"
      "2024-03-05,自然人,予以公开,2024-03-01\n"   // answered before received
      "2024-03-05,自然人,予以公开,\n"             // outcome without answer date
      "2024-03-05,个体户,予以公开,2024-03-06\n"   // unknown applicant type
      "2024-03-05,自然人,同意公开吧,2024-03-06\n" // unknown outcome
      "2024-13-05,自然人,予以公开,2024-03-06\n"   // no such date
      "2024-03-05,自然人,不予公开,2024-03-06\n"   // which reason?
      "2024-03-05,自然人,予以公开,2024-03-06\n";  // fine
  const Report r = Count(csv, 2024);
  const auto bad = WithRule(r, "register.row_invalid");
  ASSERT_EQ(bad.size(), 6u);
  for (int k = 0; k < 6; ++k) {
    EXPECT_EQ(bad[static_cast<std::size_t>(k)]->register_row, k + 1);
    EXPECT_EQ(bad[static_cast<std::size_t>(k)]->severity, "error");
  }
  EXPECT_NE(bad[0]->message.find("早于"), std::string::npos) << bad[0]->message;
  EXPECT_NE(bad[1]->message.find("没有“答复日期”"), std::string::npos) << bad[1]->message;
  EXPECT_NE(bad[2]->message.find("个体户"), std::string::npos);
  EXPECT_NE(bad[4]->message.find("2024-13-05"), std::string::npos) << bad[4]->message;
  EXPECT_EQ(Cell(r, "new_received", 6), 1);  // only the good row
  EXPECT_EQ(Cell(r, "total", 6), 1);
}

TEST(Register, FiveDateFormatsAndExcelSerials) {
  const std::string csv =
      "收到日期,申请人类型,办理结果,答复日期\n"
      "2024-03-05,自然人,予以公开,2024/3/6\n"
      "2024.3.5,自然人,予以公开,2024年3月6日\n"
      "20240305,自然人,予以公开,45357\n"           // 45357 = 2024-03-06
      "２０２４年３月５日,自然人,予以公开,2024-03-06 16:30\n"
      "3/5/2024,自然人,予以公开,2024-03-06\n";       // month and day order unknown: refused
  const Report r = Count(csv, 2024);
  EXPECT_EQ(Cell(r, "granted", 0), 4);
  const auto bad = WithRule(r, "register.row_invalid");
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0]->register_row, 5);
  SheetCell serial;
  serial.number = 45356;
  serial.text = "45356";
  std::string why;
  EXPECT_EQ(ParseDate(serial, false, why)->Iso(), "2024-03-05");
  EXPECT_EQ(ParseDate(serial, true, why)->Iso(), "2028-03-06");
}

TEST(Register, WrongHeadersAreAClearError) {
  try {
    ParseRegister(ReadCsv("日期,类型,结果\n2024-03-05,自然人,予以公开\n"), "x.csv");
    FAIL();
  } catch (const SheetError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("收到日期"), std::string::npos) << m;
    EXPECT_NE(m.find("no register header"), std::string::npos);
  }
  // Headers with variants, marks and a title row above them are found.
  const std::string csv =
      "某区2024年依申请公开台账,,,,\n"
      "序号,申请日期*,申请人类型,办理结果（必填）,办结日期\n"
      "1,2024-03-05,法人或其他组织—商业企业,（三）1.属于国家秘密,2024-03-08\n";
  const Report r = Count(csv, 2024);
  EXPECT_EQ(Cell(r, "denied.state_secret", 1), 1);
}

TEST(Register, GbkCsvAndBlankRows) {
  // "收到日期,申请人类型,办理结果,答复日期" and a row, in GBK, with a blank row.
  std::string gbk =
      "\xca\xd5\xb5\xbd\xc8\xd5\xc6\xda,\xc9\xea\xc7\xeb\xc8\xcb\xc0\xe0\xd0\xcd,\xb0\xec\xc0\xed\xbd\xe1\xb9\xfb,"
      "\xb4\xf0\xb8\xb4\xc8\xd5\xc6\xda\r\n,,,\r\n2024-03-05,\xd7\xd4\xc8\xbb\xc8\xcb,\xd3\xe8\xd2\xd4\xb9\xab\xbf\xaa,2024-03-06\r\n";
  const Report r = Count(gbk, 2024);
  EXPECT_EQ(Cell(r, "granted", 0), 1);
  const auto blank = WithRule(r, "register.blank_rows");
  ASSERT_EQ(blank.size(), 1u);
  EXPECT_EQ(blank[0]->register_row, 1);
}

TEST(Register, OverdueAnswersOnTheCalendar) {
  const std::string csv =
      "收到日期,申请人类型,办理结果,答复日期,延期,补正告知日期,收到补正日期,征求意见天数\n"
      "2024-02-08,自然人,予以公开,2024-03-13,否,,,\n"          // due 13 March: on time
      "2024-02-08,自然人,予以公开,2024-03-15,否,,,\n"          // two working days late
      "2024-09-25,自然人,予以公开,2024-10-29,否,,,\n"          // due 28 October: one day late
      "2024-09-25,自然人,予以公开,2024-10-29,是,,,\n"          // extended: on time
      "2024-03-01,自然人,予以公开,2024-04-18,,2024-03-05,2024-03-20,\n"  // completion: on time
      "2024-03-01,自然人,予以公开,2024-04-19,,2024-03-14,2024-03-20,\n"  // one day late, and the notice late
      "2024-11-01,自然人,,,,,,\n";                               // still open at the year's end, past due
  const Report r = Count(csv, 2024);
  const auto late = WithRule(r, "register.overdue");
  ASSERT_EQ(late.size(), 4u);
  EXPECT_EQ(late[0]->register_row, 2);
  EXPECT_EQ(Fact(*late[0], "due"), "\"2024-03-13\"");
  EXPECT_EQ(Fact(*late[0], "working_days_over"), "2");
  EXPECT_EQ(late[1]->register_row, 3);
  EXPECT_EQ(Fact(*late[1], "working_days_over"), "1");
  EXPECT_EQ(late[2]->register_row, 6);
  EXPECT_EQ(Fact(*late[2], "completion"), "true");
  EXPECT_EQ(Fact(*late[2], "due"), "\"2024-04-18\"");
  EXPECT_EQ(late[3]->register_row, 7);
  EXPECT_EQ(Fact(*late[3], "answered"), "null");
  EXPECT_NE(late[0]->message.find("2024年3月13日"), std::string::npos) << late[0]->message;
  const auto notice = WithRule(r, "register.completion_late");
  ASSERT_EQ(notice.size(), 1u);
  EXPECT_EQ(notice[0]->register_row, 6);
}

// A random register and its count by a different route: per row, which
// parts of Table 三 for `year` it falls in.
TEST(Register, GeneratedRegistersMatchAReferenceCount) {
  std::mt19937 rng(20241);
  const auto cols = format::Table3Columns();
  const std::vector<std::string> outcomes = {"予以公开", "部分公开", "不予公开-属于国家秘密", "无法提供-本机关不掌握相关政府信息",
                                             "不予处理-重复申请", "其他处理-申请人逾期未按收费通知要求缴纳费用",
                                             "其他处理-其他", "（五）3.要求提供公开出版物"};
  const std::vector<std::string> keys = {"granted", "partially_granted", "denied.state_secret", "unavailable.not_held",
                                         "not_processed.duplicate", "other.no_fee", "other.other", "not_processed.publication"};
  for (int trial = 0; trial < 30; ++trial) {
    const int year = 2021 + trial % 5;
    std::ostringstream csv;
    csv << "申请人类型,收到日期,答复日期,办理结果\n";
    std::map<std::pair<std::string, int>, int> expected;
    const int n = 1 + static_cast<int>(rng() % 300);
    for (int k = 0; k < n; ++k) {
      const int type = static_cast<int>(rng() % 6);
      const Date received = Date::FromYmd(year - 1, 6, 1) + static_cast<long>(rng() % 700);
      const bool open = rng() % 5 == 0;
      const Date answered = received + static_cast<long>(rng() % 60);
      const std::size_t o = rng() % outcomes.size();
      csv << cols[static_cast<std::size_t>(type)].label << "," << received.Iso() << "," << (open ? "" : answered.Iso()) << ","
          << (open ? "" : outcomes[o]) << "\n";
      const Date first = Date::FromYmd(year, 1, 1), last = Date::FromYmd(year, 12, 31);
      if (received.year() == year) ++expected[{"new_received", type}];
      if (received < first && (open || answered >= first)) ++expected[{"carried_over", type}];
      if (!open && answered.year() == year) ++expected[{keys[o], type}], ++expected[{"total", type}];
      if (received <= last && (open || answered > last)) ++expected[{"carried_forward", type}];
    }
    const Report r = Count(csv.str(), year);
    EXPECT_TRUE(WithRule(r, "register.row_invalid").empty());
    for (const std::string key : {"new_received", "carried_over", "granted", "partially_granted", "denied.state_secret",
                                  "unavailable.not_held", "not_processed.duplicate", "not_processed.publication", "other.no_fee",
                                  "other.other", "total", "carried_forward"}) {
      double sum = 0;
      for (int c = 0; c < 6; ++c) {
        const auto it = expected.find({key, c});
        const int want = it == expected.end() ? 0 : it->second;
        ASSERT_EQ(Cell(r, key, static_cast<std::size_t>(c)), want) << "trial " << trial << " " << key << " col " << c;
        sum += want;
      }
      EXPECT_EQ(Cell(r, key, 6), sum);
    }
    for (std::size_t c = 0; c < 7; ++c) {
      EXPECT_EQ(Cell(r, "new_received", c) + Cell(r, "carried_over", c), Cell(r, "total", c) + Cell(r, "carried_forward", c));
    }
  }
}

TEST(Register, SingleOtherRowBefore2021) {
  const std::string csv =
      "收到日期,申请人类型,办理结果,答复日期\n"
      "2020-03-05,自然人,其他处理,2020-03-06\n"
      "2020-03-05,自然人,其他处理-申请人无正当理由逾期不补正,2020-03-06\n";
  const Report r = Count(csv, 2020);
  EXPECT_FALSE(r.table3.other_split);
  EXPECT_EQ(Cell(r, "other", 0), 2);
  // From 2021 a bare 其他处理 does not say which of the three rows.
  const Report r21 = Count(
      "收到日期,申请人类型,办理结果,答复日期\n2021-03-05,自然人,其他处理,2021-03-08\n", 2021);
  EXPECT_EQ(WithRule(r21, "register.row_invalid").size(), 1u);
}

TEST(Register, AgainstAReportListsEveryDifferingCell) {
  const std::string csv = "收到日期,申请人类型,办理结果,答复日期\n2024-03-05,自然人,予以公开,2024-03-06\n";
  const Report count = Count(csv, 2024);
  Report printed = count;
  printed.table3.rows[static_cast<std::size_t>(format::Table3RowIndex("granted"))][0].value = 2;
  printed.table3.rows[static_cast<std::size_t>(format::Table3RowIndex("granted"))][6].value = 2;
  const auto diff = CompareTable3(count, printed);
  ASSERT_EQ(diff.size(), 2u);
  EXPECT_EQ(diff[0].row, "granted");
  EXPECT_EQ(diff[0].column, "natural_person");
  EXPECT_NE(diff[0].message.find("报告填报2，台账统计为1"), std::string::npos) << diff[0].message;
  EXPECT_TRUE(CompareTable3(count, count).empty());
}

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("gongkai_register_" + std::to_string(::getpid()) + "_" + name)).string();
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(Register, XlsxWithSerialDatesMergedCellsAndFormulas) {
  const std::string path = TempPath("merged.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "台账");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  worksheet_merge_range(ws, 0, 0, 0, 3, "2024年依申请公开台账", nullptr);
  const char* head[] = {"收到日期", "申请人类型", "办理结果", "答复日期"};
  for (int c = 0; c < 4; ++c) worksheet_write_string(ws, 1, static_cast<lxw_col_t>(c), head[c], nullptr);
  worksheet_write_number(ws, 2, 0, 45356, date);  // 2024-03-05
  worksheet_merge_range(ws, 2, 1, 4, 1, "自然人", nullptr);  // one type for three rows
  worksheet_write_string(ws, 2, 2, "予以公开", nullptr);
  worksheet_write_number(ws, 2, 3, 45357, date);
  worksheet_write_string(ws, 3, 0, "2024年3月5日", nullptr);
  worksheet_write_string(ws, 3, 2, "部分公开", nullptr);
  worksheet_write_formula_num(ws, 3, 3, "=A3+2", nullptr, 45358);  // formula with its cached value
  worksheet_write_string(ws, 4, 0, "2024.3.5", nullptr);
  worksheet_write_string(ws, 4, 2, "予以公开", nullptr);
  worksheet_write_formula_str(ws, 4, 3, "=TODAY()", nullptr, "");  // formula with no value
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  const Register reg = ParseRegister(ReadSheet(Slurp(path)), path);
  std::remove(path.c_str());
  EXPECT_EQ(reg.header_row, 1u);
  const Report r = CountTable3(reg, CountOptions{2024, std::nullopt}, C());
  EXPECT_EQ(Cell(r, "granted", 0), 1);
  EXPECT_EQ(Cell(r, "partially_granted", 0), 1);
  const auto bad = WithRule(r, "register.row_invalid");
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0]->register_row, 3);
  EXPECT_NE(bad[0]->message.find("公式"), std::string::npos) << bad[0]->message;
  const auto merged = WithRule(r, "register.merged_cell");
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_NE(merged[0]->message.find("B3"), std::string::npos) << merged[0]->message;
}

TEST(Register, AHundredThousandRows) {
  std::string csv = "收到日期,申请人类型,办理结果,答复日期\n";
  for (int k = 0; k < 100000; ++k) {
    const Date d = Date::FromYmd(2024, 1, 2) + (k % 300);
    csv += d.Iso() + ",自然人,予以公开," + (d + 3).Iso() + "\n";
  }
  const auto start = std::chrono::steady_clock::now();
  const Report r = Count(csv, 2024);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(Cell(r, "new_received", 6), 100000);
  EXPECT_EQ(Cell(r, "granted", 0) + Cell(r, "carried_forward", 0), 100000);
#ifdef NDEBUG
  EXPECT_LT(seconds, 20.0);  // optimised builds only: the sanitizer build is many times slower
#else
  (void)seconds;
#endif
}

}  // namespace
}  // namespace gongkai::reg
