#include "audit/rules.h"

#include <stdexcept>
#include <string>

namespace gongkai::audit {

namespace {

// Severity: error when the report is wrong or contradicts itself; warning
// when it is probably wrong or breaks a rule of practice; info otherwise.
constexpr Rule kRules[] = {
    {"table3.identity", "error", "表三每列：第一项加第二项之和等于第三项加第四项之和"},
    {"table3.outcome_sum", "error", "表三每列：“（七）总计”等于各项办理结果之和"},
    {"table3.row_sum", "error", "表三每行：“总计”列等于六类申请人之和"},
    {"table3.suspect_cell", "error", "表三多项校验同时指向的单元格，最可能填错"},
    {"table3.value_invalid", "error", "表三数值应为非负整数"},
    {"table4.group_sum", "error", "表四每组：总计等于结果维持、结果纠正、其他结果、尚未审结之和"},
    {"table4.value_invalid", "error", "表四数值应为非负整数"},
    {"table2.value_invalid", "error", "表二件数应为非负整数，收费金额应为非负数"},
    {"table2.fee_magnitude", "warning", "表二收费金额（单位：万元）数量级可疑"},
    {"format.version_year", "error", "报告年度与所用表格格式不符（2021年起用国办公开办函〔2021〕30号格式）"},
    {"format.section_missing", "warning", "六个部分缺少其一"},
    {"read.section_unread", "warning", "某一部分的标题未能识别（其表格已读出，或文字识别存疑），不一定是报告遗漏"},
    {"format.section_order", "warning", "六个部分顺序与格式不符"},
    {"format.section_heading", "info", "部分标题与格式规定的标题不同"},
    {"format.section5_empty", "warning", "“存在的主要问题及改进情况”为空或仅写“无”"},
    {"format.fee_unexplained", "warning", "收取了信息处理费，但“其他需要报告的事项”未作说明"},
    {"narrative.table2", "error", "正文所述数字与表二不符"},
    {"narrative.table3", "error", "正文所述数字与表三不符"},
    {"narrative.table4", "error", "正文所述数字与表四不符"},
    {"narrative.unit", "error", "正文金额与表格金额相差100倍、10000倍等，疑为单位或小数点错误"},
    {"extract.label_typo", "info", "表二、表三行名与格式规定的文字不同（错字、漏字），按行序和文字认定所属行"},
    {"extract.row_omitted", "info", "表格未列格式允许不列的行（如没有规章制定权的机关不列“规章”）"},
    {"extract.table_missing", "warning", "表二、表三或表四未能识别（未能读取，不一定是报告遗漏），其单元格记为空值（null）"},
    {"extract.cell_blank", "warning", "单元格为空白或未能读出，记为空值（null）；同一表格多处合为一条"},
    {"extract.cell_not_applicable", "info", "单元格填写“/”“—”等，视为不适用，记为空值（null）；同一表格多处合为一条"},
    {"dates.period_year", "error", "统计期限的年份与报告年度不符"},
    {"dates.late_publication", "warning", "发布日期晚于条例第四十九条规定的期限"},
    {"cross.carry_over", "error", "本年“上年结转”与上年报告“结转下年度继续办理”不符"},
    {"cross.in_force", "warning", "现行有效件数与上年现行有效件数加本年制发减本年废止不符"},
    {"cross.duplicate_text", "warning", "部分内容与上年报告大段雷同"},
};

}  // namespace

std::span<const Rule> Rules() { return kRules; }

const Rule& RuleById(std::string_view id) {
  for (const Rule& r : kRules) {
    if (r.id == id) return r;
  }
  throw std::out_of_range("unknown audit rule: " + std::string(id));
}

}  // namespace gongkai::audit
