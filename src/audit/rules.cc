#include "audit/rules.h"

#include <stdexcept>
#include <string>

namespace gongkai::audit {

namespace {

// Severity: error when the report is wrong or contradicts itself; warning
// when it is probably wrong or breaks a rule of practice; info otherwise.
constexpr Rule kRules[] = {
    {"table3.identity", "error", "表三每列：第一项加第二项之和等于第三项加第四项之和", "格式表三“申请人情况”各列的勾稽关系：“第一项加第二项之和，等于第三项加第四项之和”（表三表头所注）"},
    {"table3.outcome_sum", "error", "表三每列：“（七）总计”等于各项办理结果之和", "格式表三“三、本年度办理结果”：“（七）总计”为（一）至（六）之和"},
    {"table3.row_sum", "error", "表三每行：“总计”列等于六类申请人之和", "格式表三：“总计”列为自然人与法人或其他组织各列之和"},
    {"table3.suspect_cell", "error", "表三多项校验同时指向的单元格，最可能填错", "格式表三的勾稽关系（多项同时不成立时指向的共同单元格）"},
    {"table3.value_invalid", "error", "表三数值应为非负整数", "格式表三：各栏填写申请件数"},
    {"table4.group_sum", "error", "表四每组：总计等于结果维持、结果纠正、其他结果、尚未审结之和", "格式表四：行政复议、行政诉讼各组“总计”为结果维持、结果纠正、其他结果、尚未审结之和"},
    {"table4.value_invalid", "error", "表四数值应为非负整数", "格式表四：各栏填写案件件数"},
    {"table2.value_invalid", "error", "表二件数应为非负整数，收费金额应为非负数", "格式表二：件数与收费金额（单位：万元）"},
    {"table2.fee_magnitude", "warning", "表二收费金额（单位：万元）数量级可疑", "格式表二“行政事业性收费”行“本年收费金额（单位：万元）”"},
    {"format.version_year", "error", "报告年度与所用表格格式不符（2021年起用国办公开办函〔2021〕30号格式）", "国办公开办函〔2021〕30号（2021年度起的年度报告适用）；国办公开办函〔2019〕60号（2019、2020年度）"},
    {"format.section_missing", "warning", "六个部分缺少其一", "条例第五十条（年度报告应当包括的内容）；格式规定的六个部分"},
    {"read.section_unread", "warning", "某一部分的标题未能识别（其表格已读出，或文字识别存疑），不一定是报告遗漏", "格式规定的六个部分（文件读取，非报告内容问题）"},
    {"format.section_order", "warning", "六个部分顺序与格式不符", "格式规定的六个部分及其顺序"},
    {"format.section_heading", "info", "部分标题与格式规定的标题不同", "格式规定的六个部分的标题"},
    {"format.section5_empty", "warning", "“存在的主要问题及改进情况”为空或仅写“无”", "条例第五十条第（四）项：政府信息公开工作存在的主要问题及改进情况"},
    {"format.fee_unexplained", "warning", "收取了信息处理费，但“其他需要报告的事项”未作说明", "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；格式“六、其他需要报告的事项”：报告信息处理费收取情况"},
    {"narrative.table2", "error", "正文所述数字与表二不符", "条例第五十条；正文与格式表二应当一致"},
    {"narrative.table3", "error", "正文所述数字与表三不符", "条例第五十条；正文与格式表三应当一致"},
    {"narrative.table4", "error", "正文所述数字与表四不符", "条例第五十条；正文与格式表四应当一致"},
    {"narrative.unit", "error", "正文金额与表格金额相差100倍、10000倍等，疑为单位或小数点错误", "格式表二“本年收费金额（单位：万元）”；正文与表格应当一致"},
    {"narrative.unclear", "warning", "正文数字所指不明确，按最可能所指的表格单元格比较不一致，需人工核对", "条例第五十条；正文与格式表二、表三、表四应当一致（所指不明确时仅作提醒）"},
    {"extract.label_typo", "info", "表二、表三行名与格式规定的文字不同（错字、漏字），按行序和文字认定所属行", "格式规定的表二、表三行名"},
    {"extract.row_omitted", "info", "表格未列格式允许不列的行（如没有规章制定权的机关不列“规章”）", "格式说明：没有相关职权的机关可不列相应行（如“规章”）"},
    {"extract.table_missing", "warning", "表二、表三或表四未能识别（未能读取，不一定是报告遗漏），其单元格按未填处理", "格式规定的表二、表三、表四"},
    {"extract.cell_blank", "warning", "单元格为空白或未能读出，按未填处理；同一表格多处合为一条", "格式规定的表格各栏应当填写"},
    {"extract.cell_not_applicable", "info", "单元格填写“/”“—”等，视为不适用，按未填处理；同一表格多处合为一条", "格式规定的表格各栏"},
    {"dates.period_year", "error", "统计期限的年份与报告年度不符", "条例第四十九条：报告上一年度的政府信息公开工作"},
    {"dates.late_publication", "warning", "发布日期晚于条例第四十九条规定的期限", "条例第四十九条：县级以上人民政府部门每年1月31日前、县级以上地方人民政府每年3月31日前公布上一年度的年度报告"},
    {"cross.carry_over", "error", "本年“上年结转”与上年报告“结转下年度继续办理”不符", "格式表三：本年“二、上年结转政府信息公开申请数量”即上年“四、结转下年度继续办理”"},
    {"cross.in_force", "warning", "现行有效件数与上年现行有效件数加本年制发减本年废止不符", "格式表二：“现行有效件数”为上年现行有效件数加本年制发件数减本年废止件数"},
    {"cross.duplicate_text", "warning", "部分内容与上年报告大段雷同", "条例第五十条：如实报告本年度的工作情况"},
    // Made by the extractor and the readers, listed so that the catalogue
    // names every rule a finding can carry.
    {"extract.row_missing", "warning", "表格中某一行未能识别，该行单元格按未填处理", "格式规定的表格各行"},
    {"extract.row_short", "warning", "表格某一行读到的数值少于格式规定的列数", "格式规定的表格各列"},
    {"read.meta_source", "info", "表格文件（XLSX、XLS、ET）没有报告正文，单位和年度取自工作表中的文字或文件名", "文件读取（非格式规定）"},
    {"read.uncertain", "warning", "文字识别（扫描件、图片）存疑之处，数值或名称可能读错", "文件读取（非格式规定）"},
    {"read.agency_matched", "warning", "单位名称经文字识别读出且存疑，按与之最相近的已知单位归档", "文件读取（非格式规定）"},
    {"read.agency_unmatched", "warning", "单位名称经文字识别读出且存疑，与已知单位均不相符，作为新单位归档，需人工核对", "文件读取（非格式规定）"},
    // gongkai register: an office's application register (依申请公开台账) counted into Table 三.
    {"register.row_invalid", "error", "台账某一条申请无法计入表三（日期缺失或有误、申请人类型或办理结果无法识别、答复早于收到等）", "条例第三十一条（申请收到之日）；格式表三各行各列的口径"},
    {"register.overdue", "error", "答复超过法定期限（20个工作日；补正后重新起算，延期至多再加20个工作日，征求意见时间不计）", "条例第三十三条、第三十条、第三十二条"},
    {"register.completion_late", "warning", "补正告知超过收到申请之日起7个工作日", "条例第三十条"},
    {"register.calendar_missing", "warning", "日期不在工作日历的年份内，期限无法计算", "国务院办公厅每年公布的部分节假日安排的通知"},
    {"register.merged_cell", "warning", "台账单元格为合并单元格，各条取合并区域左上角的值", "依申请公开台账（文件读取）"},
    {"register.blank_rows", "info", "台账中的空行，已跳过", "依申请公开台账（文件读取）"},
    {"register.value_unclear", "warning", "台账中不影响计数的栏目无法识别（延期、征求意见天数、补正日期等）", "条例第三十条、第三十二条、第三十三条"},
    {"register.against", "error", "报告表三的单元格与台账统计不符", "格式表三；表格数据应与依申请公开台账一致"},
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
