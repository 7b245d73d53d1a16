// gongkai rules: the audit's rule catalogue (src/audit/rules.cc) as a table
// in Chinese: id, severity, what the rule checks and its legal or format
// basis; --json prints the same as an array of objects.
#include <iostream>
#include <memory>

#include "audit/rules.h"
#include "cli/commands.h"
#include "writers/json_writer.h"
#include "writers/text_format.h"

namespace gongkai::cli {

void AddRulesCommand(CLI::App& app, std::vector<Command>& commands) {
  auto json = std::make_shared<bool>(false);
  CLI::App* sub = app.add_subcommand("rules", "列出全部核查规则及其依据 / list every audit rule with its basis");
  sub->add_flag("--json", *json, "输出 JSON / print JSON");
  commands.push_back({sub, [json]() -> int {
    if (*json) {
      writers::Json out = writers::Json::array();
      for (const audit::Rule& r : audit::Rules()) {
        out.push_back({{"rule", r.id}, {"severity", r.severity}, {"description", r.what}, {"basis", r.basis}});
      }
      std::cout << out.dump(2) << "\n";
      return 0;
    }
    writers::text::Table t({"规则编号", "严重程度", "核查内容", "依据"});
    for (const audit::Rule& r : audit::Rules()) {
      t.AddRow({std::string(r.id), std::string(writers::text::SeverityName(r.severity)), std::string(r.what),
                std::string(r.basis)});
    }
    std::cout << "核查规则共 " << t.size() << " 条（严重程度：错误＝报告有误或自相矛盾；警告＝很可能有误或不合惯例；提示＝供参考）\n\n";
    t.Print(std::cout);
    return 0;
  }});
}

}  // namespace gongkai::cli
