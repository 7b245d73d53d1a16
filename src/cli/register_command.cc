// gongkai register FILE --year N: Table 三 counted from the office's
// application register (依申请公开台账, CSV or XLSX), every answer checked
// against its statutory deadline on the working-day calendar, and with
// --against REPORT every cell where the report's Table 三 differs from the count.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "pipeline/pipeline.h"
#include "register/register.h"
#include "writers/cell_columns.h"
#include "writers/json_reader.h"
#include "writers/json_writer.h"
#include "writers/text_format.h"

namespace gongkai::cli {

namespace {

struct Options {
  std::string file, against, layout;
  int year = 0;
  bool json = false, verbose = false;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("无法打开文件 / cannot open the file");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A report given as gongkai.report/1 JSON, or any report file through the pipeline.
Report LoadReport(const std::string& path) {
  const std::string bytes = Slurp(path);
  const auto first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos && bytes[first] == '{') return writers::ReportFromJsonText(bytes);
  return pipeline::ProcessBytes(bytes, path);
}

void PrintTable3(const Report& r) {
  const auto columns = writers::CellColumns(3);
  std::vector<std::string> head{"项目"};
  std::vector<std::size_t> right;
  for (std::size_t k = 0; k < columns.size() && columns[k].row_key == columns[0].row_key; ++k) {
    head.push_back(columns[k].column_label);
    right.push_back(head.size() - 1);
  }
  writers::text::Table t(head);
  t.RightAlign(right);
  std::vector<std::string> line;
  bool in_layout = true;
  for (std::size_t k = 0; k < columns.size(); ++k) {
    const auto& c = columns[k];
    if (line.empty()) line.push_back(c.row_label);
    const CellValue* v = writers::CellOf(r, c);
    in_layout = v != nullptr;
    line.push_back(v ? writers::text::CellText(r, CellRef{3, std::string(c.row_key), std::string(c.column_key)}, *v) : "");
    if (k + 1 == columns.size() || columns[k + 1].row_key != c.row_key) {
      if (in_layout) t.AddRow(line);
      line.clear();
    }
  }
  t.Print(std::cout, "  ");
}

int Run(const Options& o) {
  const reg::Calendar& calendar = reg::Calendar::Official();
  if (o.year < calendar.first_year() - 1 || o.year > calendar.last_year() + 1) {
    std::cerr << "gongkai register：年度 " << o.year << " 不在工作日历的年份内（" << calendar.first_year() << "—" << calendar.last_year()
              << "）/ year outside the working-day calendar\n";
    return 2;
  }
  Report count;
  std::size_t rows = 0, header = 0;
  try {
    const reg::Sheet sheet = reg::ReadSheet(Slurp(o.file));
    const reg::Register r = reg::ParseRegister(sheet, o.file);
    rows = r.entries.size();
    header = r.header_row;
    reg::CountOptions options{o.year, std::nullopt};
    if (o.layout == "v2019") options.other_split = false;
    if (o.layout == "v2021") options.other_split = true;
    Report against;
    if (!o.against.empty()) {
      try {
        against = LoadReport(o.against);
      } catch (const std::exception& e) {
        std::cerr << "gongkai register：无法读取报告 " << o.against << "：" << e.what() << " / cannot read the report\n";
        return 2;
      }
      if (!against.table3.found) {
        std::cerr << "gongkai register：报告 " << o.against << " 中没有读到表三，无法对照 / no Table 3 in the report\n";
        return 2;
      }
      if (o.layout.empty()) options.other_split = against.table3.other_split;
    }
    count = reg::CountTable3(r, options, calendar);
    if (!o.against.empty()) {
      if (count.meta.agency.empty()) count.meta.agency = against.meta.agency;
      for (Finding& f : reg::CompareTable3(count, against)) count.findings.push_back(std::move(f));
    }
  } catch (const std::exception& e) {
    std::cerr << "gongkai register：" << o.file << "：" << e.what() << "\n";
    return 2;
  }
  bool errors = false;
  for (const Finding& f : count.findings) errors = errors || f.severity == "error";
  if (o.json) {
    std::cout << writers::WriteJson(count);
    return errors ? 1 : 0;
  }
  std::cout << "台账 " << o.file << "：" << rows << " 条申请（表头在第" << header + 1 << "行），统计" << o.year << "年度\n\n";
  std::cout << "【表三 收到和处理政府信息公开申请情况（由台账统计）】\n";
  PrintTable3(count);
  std::size_t late = 0, invalid = 0, differ = 0;
  for (const Finding& f : count.findings) {
    late += f.rule == "register.overdue";
    invalid += f.rule == "register.row_invalid";
    differ += f.rule == "register.against";
  }
  std::cout << "\n未计入的条目 " << invalid << " 条，超过法定期限 " << late << " 条";
  if (!o.against.empty()) std::cout << "，与报告 " << o.against << " 不符的单元格 " << differ << " 个";
  std::cout << "\n";
  writers::text::FindingStyle style;
  style.verbose = o.verbose;
  writers::text::PrintFindings(std::cout, count, count.findings, style);
  return errors ? 1 : 0;
}

}  // namespace

void AddRegisterCommand(CLI::App& app, std::vector<Command>& commands) {
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand(
      "register", "由依申请公开台账统计表三，核查答复期限 / count Table 3 from an application register, check deadlines");
  sub->add_option("file", o->file, "台账文件（CSV 或 XLSX）/ the register (CSV or XLSX)")->required();
  sub->add_option("--year", o->year, "统计年度 / the report's year")->required();
  sub->add_option("--against", o->against, "对照的年度报告（任意格式或 gongkai.report/1 JSON）/ a report to compare");
  sub->add_option("--layout", o->layout, "表三（六）的格式：v2021 三行，v2019 一行（默认按年度）/ Table 3 layout")
      ->check(CLI::IsMember({"v2019", "v2021"}));
  sub->add_flag("--json", o->json, "输出 JSON（gongkai.report/1）/ print JSON");
  sub->add_flag("-v,--verbose", o->verbose, "同时列出规则编号 / show rule ids");
  commands.push_back({sub, [o] { return Run(*o); }});
}

}  // namespace gongkai::cli
