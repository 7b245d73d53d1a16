// gongkai show ID: one stored report as a person reads it: who, year, form,
// date, where it came from, its three tables in the form's words and its
// findings by severity (its cross-year findings too, stored at import);
// --json prints the gongkai.report/1 document.
#include <iostream>
#include <memory>

#include "audit/names.h"
#include "cli/commands.h"
#include "cli/run_service.h"
#include "service/corpus.h"
#include "service/files.h"
#include "store/store.h"
#include "writers/cell_columns.h"
#include "writers/json_writer.h"
#include "writers/text_format.h"

namespace gongkai::cli {

namespace {

struct Options {
  std::string db = "gongkai.db";
  std::int64_t id = 0;
  bool json = false, verbose = false;
};

// One table of the report, a line per row of the form, its columns across.
void PrintTable(const Report& r, int table, const std::string& title) {
  const auto columns = writers::CellColumns(table, r.table2.version);
  std::cout << "【" << title << "】\n";
  if (table == 2) {
    writers::text::Table t({"项目", "栏目", "数值"});
    t.RightAlign({2});
    for (const auto& c : columns) {
      const CellValue* v = writers::CellOf(r, c);
      std::string value = v ? writers::text::CellText(r, CellRef{2, std::string(c.row_key), std::string(c.column_key)}, *v) : "—";
      const std::string unit = writers::text::MoneyUnit(r, CellRef{2, std::string(c.row_key), std::string(c.column_key)});
      t.AddRow({c.row_label, c.column_label, value + (unit.empty() || value == "—" ? "" : " " + unit)});
    }
    t.Print(std::cout, "  ");
    return;
  }
  std::vector<std::string> head{"项目"};
  std::vector<std::size_t> right;
  for (std::size_t k = 0; k < columns.size() && columns[k].row_key == columns[0].row_key; ++k) {
    head.push_back(columns[k].column_label);
    right.push_back(head.size() - 1);
  }
  writers::text::Table t(head);
  t.RightAlign(right);
  std::vector<std::string> line;
  for (std::size_t k = 0; k < columns.size(); ++k) {
    const auto& c = columns[k];
    if (line.empty()) line.push_back(c.row_label);
    const CellValue* v = writers::CellOf(r, c);
    line.push_back(v ? writers::text::CellText(r, CellRef{table, std::string(c.row_key), std::string(c.column_key)}, *v)
                     : "");
    if (k + 1 == columns.size() || columns[k + 1].row_key != c.row_key) {
      // Rows of the other （六） layout are not printed.
      bool any = false;
      for (std::size_t i = 1; i < line.size(); ++i) any = any || !line[i].empty();
      if (any || table != 3 || writers::CellOf(r, c)) t.AddRow(line);
      line.clear();
    }
  }
  t.Print(std::cout, "  ");
}

int Run(const Options& o) {
  return RunService("show", [&] {
    const auto db = std::make_unique<store::Store>(o.db, store::OpenMode::kReadOnly);
    // The report with the cross-year findings stored at import, as the web
    // interface shows it.
    const service::StoredReport stored = service::LoadStored(*db, o.id);
    const store::ReportRow& row = stored.row;
    const Report& r = stored.report;
    if (o.json) {
      std::cout << writers::WriteJson(r);
      return 0;
    }
    std::cout << "编号 " << row.id << "：" << row.agency_name << " "
              << (row.year ? std::to_string(*row.year) + "年度" : "（年份未知）") << "\n";
    writers::text::Table meta({"项目", "内容"});
    meta.AddRow({"标题", r.meta.title.empty() ? "（未识别）" : r.meta.title});
    meta.AddRow({"地区", row.region.empty() ? "—" : row.region});
    meta.AddRow({"格式", std::string(writers::text::VersionName(r.meta.format_version))});
    meta.AddRow({"发布日期", r.meta.published_on.empty() ? "未注明" : r.meta.published_on});
    meta.AddRow({"版次", "第" + std::to_string(row.revision) + "版" + (row.current ? "" : "（已被替换）")});
    meta.AddRow({"文件", row.path});
    meta.Print(std::cout, "  ");
    std::cout << "\n";
    PrintTable(r, 2, "表二 主动公开政府信息情况");
    std::cout << "\n";
    PrintTable(r, 3, "表三 收到和处理政府信息公开申请情况");
    std::cout << "\n";
    PrintTable(r, 4, "表四 政府信息公开行政复议、行政诉讼情况");
    const service::FindingCounts count = service::CountFindings(r);
    std::cout << "\n【核查结果】错误 " << count.error << " 项，警告 " << count.warning << " 项，提示 " << count.info
              << " 项\n";
    writers::text::FindingStyle style;
    style.verbose = o.verbose;
    writers::text::PrintFindings(std::cout, r, r.findings, style);
    return 0;
  });
}

}  // namespace

void AddShowCommand(CLI::App& app, std::vector<Command>& commands) {
  auto o = std::make_shared<Options>();
  CLI::App* sub = app.add_subcommand("show", "显示库中一份报告的表格与核查结果 / print a stored report with its findings");
  sub->add_option("id", o->id, "报告编号（见 gongkai ls）/ report id")->required();
  sub->add_option("--db", o->db, "数据库文件 / SQLite database")->capture_default_str();
  sub->add_flag("--json", o->json, "输出 JSON（gongkai.report/1）/ print JSON");
  sub->add_flag("-v,--verbose", o->verbose, "同时列出规则编号 / show rule ids");
  commands.push_back({sub, [o] { return Run(*o); }});
}

}  // namespace gongkai::cli
