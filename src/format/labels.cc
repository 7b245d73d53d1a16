#include "format/labels.h"
#include "format/header_groups.h"

namespace gongkai::format {

std::string_view VersionKey(Version v) {
  switch (v) {
    case Version::kV2019: return "v2019";
    case Version::kV2021: return "v2021";
    case Version::kLegacy: return "legacy";
    case Version::kUnknown: break;
  }
  return "unknown";
}

namespace {

constexpr SectionSpec kSections[] = {
    {1, "一、总体情况", {{{"总体情况", ""}, {"总体", "概述"}, {"基本情况", ""}, {"概述", ""}}}},
    {2, "二、主动公开政府信息情况",
     {{{"主动公开政府信息", ""}, {"主动公开", "情况"}, {"", ""}, {"", ""}}}},
    {3, "三、收到和处理政府信息公开申请情况",
     {{{"收到和处理", "申请"}, {"处理政府信息公开申请", ""}, {"依申请公开", "情况"}, {"", ""}}}},
    {4, "四、政府信息公开行政复议、行政诉讼情况",
     {{{"行政复议", "行政诉讼"}, {"行政复议", "诉讼"}, {"", ""}, {"", ""}}}},
    {5, "五、存在的主要问题及改进情况",
     {{{"存在的主要问题", ""}, {"问题", "改进"}, {"存在", "问题"}, {"", ""}}}},
    {6, "六、其他需要报告的事项",
     {{{"其他需要报告", ""}, {"其他", "事项"}, {"", ""}, {"", ""}}}},
};

// ---- Table 二, v2021
constexpr Table2Column kV21Docs[] = {
    {"issued", "本年制发件数"}, {"repealed", "本年废止件数"}, {"in_force", "现行有效件数"}};
constexpr Table2Column kV21Decisions[] = {{"decisions", "本年处理决定数量"}};
constexpr Table2Column kV21Fees[] = {{"amount", "本年收费金额（单位：万元）"}};

constexpr Table2Row kTable2V2021[] = {
    {"regulations", "规章", {}, "第二十条第（一）项", kV21Docs, false, false},
    {"normative_documents", "行政规范性文件", {"规范性文件"}, "第二十条第（一）项", kV21Docs,
     false, false},
    {"licensing", "行政许可", {}, "第二十条第（五）项", kV21Decisions, true, false},
    {"punishment", "行政处罚", {}, "第二十条第（六）项", kV21Decisions, true, false},
    {"coercion", "行政强制", {}, "第二十条第（六）项", kV21Decisions, true, false},
    {"fees_wan_yuan", "行政事业性收费", {}, "第二十条第（八）项", kV21Fees, true, true},
};

// ---- Table 二, v2019 (trial format)
constexpr Table2Column kV19Docs[] = {{"made", "本年新制作数量"},
                                     {"published", "本年新公开数量"},
                                     {"total_published", "对外公开总数量"}};
constexpr Table2Column kV19Items[] = {
    {"previous_items", "上一年项目数量"}, {"change", "本年增/减"}, {"decisions", "处理决定数量"}};
constexpr Table2Column kV19Fees[] = {{"previous_items", "上一年项目数量"}, {"change", "本年增/减"}};
constexpr Table2Column kV19Procurement[] = {{"items", "采购项目数量"}, {"amount", "采购总金额"}};

constexpr Table2Row kTable2V2019[] = {
    {"regulations", "规章", {}, "第二十条第（一）项", kV19Docs, false, false},
    {"normative_documents", "规范性文件", {"行政规范性文件"}, "第二十条第（一）项", kV19Docs,
     false, false},
    {"licensing", "行政许可", {}, "第二十条第（五）项", kV19Items, false, false},
    {"other_services", "其他对外管理服务事项", {}, "第二十条第（五）项", kV19Items, false, false},
    {"punishment", "行政处罚", {}, "第二十条第（六）项", kV19Items, false, false},
    {"coercion", "行政强制", {}, "第二十条第（六）项", kV19Items, false, false},
    {"fees", "行政事业性收费", {}, "第二十条第（八）项", kV19Fees, false, false},
    {"procurement", "政府集中采购", {}, "第二十条第（九）项", kV19Procurement, false, true},
};

constexpr OmittableRow kOmittable[] = {
    {2, "regulations", "没有规章制定权的机关可不列"},
};

constexpr std::string_view kV2021Markers[] = {"本年制发件数", "本年废止件数", "现行有效件数",
                                              "本年收费金额"};
constexpr std::string_view kV2019Markers[] = {"本年新制作数量", "本年新公开数量",
                                              "对外公开总数量", "上一年项目数量",
                                              "政府集中采购", "采购项目数量"};

// ---- Table 三
constexpr Table3Column kTable3ColumnSpecs[] = {
    {"natural_person", "自然人"},       {"commercial_enterprise", "商业企业"},
    {"research_institution", "科研机构"}, {"social_welfare_org", "社会公益组织"},
    {"legal_service_org", "法律服务机构"}, {"other_org", "其他"},
    {"total", "总计"},
};

constexpr Table3Row kTable3Rows[] = {
    {"new_received", "一、本年新收政府信息公开申请数量", "", {"本年新收政府信息公开申请数量", "本年新收申请数量"}, false, true, true, false},
    {"carried_over", "二、上年结转政府信息公开申请数量", "", {"二、上年转结政府信息公开申请数量", "上年结转政府信息公开申请数量", "上年转结政府信息公开申请数量"}, false, true, true, false},
    {"granted", "（一）予以公开", "三、本年度办理结果", {}, true, true, true, false},
    {"partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "三、本年度办理结果", {"（二）部分公开"}, true, true, true, false},
    {"denied.state_secret", "1.属于国家秘密", "（三）不予公开", {}, true, true, true, false},
    {"denied.prohibited_by_law", "2.其他法律行政法规禁止公开", "（三）不予公开", {}, true, true, true, false},
    {"denied.safety_stability", "3.危及“三安全一稳定”", "（三）不予公开", {}, true, true, true, false},
    {"denied.third_party_rights", "4.保护第三方合法权益", "（三）不予公开", {}, true, true, true, false},
    {"denied.internal_affairs", "5.属于三类内部事务信息", "（三）不予公开", {}, true, true, true, false},
    {"denied.process_information", "6.属于四类过程性信息", "（三）不予公开", {}, true, true, true, false},
    {"denied.enforcement_case_file", "7.属于行政执法案卷", "（三）不予公开", {}, true, true, true, false},
    {"denied.administrative_query", "8.属于行政查询事项", "（三）不予公开", {}, true, true, true, false},
    {"unavailable.not_held", "1.本机关不掌握相关政府信息", "（四）无法提供", {}, true, true, true, false},
    {"unavailable.requires_creation", "2.没有现成信息需要另行制作", "（四）无法提供", {}, true, true, true, false},
    {"unavailable.unclear_after_correction", "3.补正后申请内容仍不明确", "（四）无法提供", {}, true, true, true, false},
    {"not_processed.petition_complaint", "1.信访举报投诉类申请", "（五）不予处理", {}, true, true, true, false},
    {"not_processed.duplicate", "2.重复申请", "（五）不予处理", {}, true, true, true, false},
    {"not_processed.publication", "3.要求提供公开出版物", "（五）不予处理", {}, true, true, true, false},
    {"not_processed.excessive", "4.无正当理由大量反复申请", "（五）不予处理", {}, true, true, true, false},
    {"not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息", "（五）不予处理", {}, true, true, true, false},
    {"other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理", {}, true, true, false, false},
    {"other.no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "（六）其他处理", {}, true, true, false, false},
    {"other.other", "3.其他", "（六）其他处理", {}, true, true, false, true},
    {"other", "（六）其他处理", "三、本年度办理结果", {}, true, false, true, true},
    {"total", "（七）总计", "三、本年度办理结果", {}, false, true, true, true},
    {"carried_forward", "四、结转下年度继续办理", "", {"四、转结下年度继续办理", "结转下年度继续办理", "转结下年度继续办理"}, false, true, true, false},
};

constexpr std::string_view kStructural[] = {
    // Table 三 groups and headers
    "三、本年度办理结果", "本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理",
    "（六）其他处理", "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构",
    "社会公益组织", "法律服务机构", "其他", "总计",
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    // Table 二 blocks and headers
    "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项",
    "第二十条第（九）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
    "本年处理决定数量", "本年收费金额（单位：万元）", "本年新制作数量", "本年新公开数量",
    "对外公开总数量", "上一年项目数量", "本年增/减", "处理决定数量", "采购项目数量", "采购总金额",
};

// 其它/其他 are both in use in official documents; 转结 is a common transposition
// of 结转 (seed 003: 上年转结, 转结下年度). Folded before any comparison.
constexpr SpellingVariant kSpellingVariants[] = {
    {"其它", "其他"},
    {"转结", "结转"},
    // Brackets that scanners and OCR put for （ ） around 一 … 七: "《一) 予以公开".
    {"《", "("}, {"》", ")"}, {"〈", "("}, {"〉", ")"}, {"【", "("}, {"】", ")"},
    {"[", "("}, {"]", ")"}, {"{", "("}, {"}", ")"},
};

constexpr Table4Group kTable4GroupSpecs[] = {
    {"review", "行政复议"},
    {"litigation_direct", "未经复议直接起诉"},
    {"litigation_after_review", "复议后起诉"},
};
constexpr Table4Column kTable4ColumnSpecs[] = {
    {"upheld", "结果维持"}, {"corrected", "结果纠正"}, {"other", "其他结果"},
    {"pending", "尚未审结"}, {"total", "总计"},
};

}  // namespace

std::span<const SectionSpec> Sections() { return kSections; }

std::span<const Table2Row> Table2Rows(Version v) {
  if (v == Version::kV2019) return kTable2V2019;
  return kTable2V2021;
}

std::span<const OmittableRow> OmittableRows() { return kOmittable; }

std::span<const std::string_view> Table2Markers(Version v) {
  if (v == Version::kV2019) return kV2019Markers;
  return kV2021Markers;
}

std::span<const Table3Column> Table3Columns() { return kTable3ColumnSpecs; }
std::span<const Table3Row> Table3Rows() { return kTable3Rows; }

int Table3RowIndex(std::string_view key) {
  for (std::size_t i = 0; i < std::size(kTable3Rows); ++i) {
    if (kTable3Rows[i].key == key) return static_cast<int>(i);
  }
  return -1;
}

std::span<const std::string_view> StructuralLabels() { return kStructural; }
std::span<const SpellingVariant> SpellingVariants() { return kSpellingVariants; }
std::span<const Table4Group> Table4Groups() { return kTable4GroupSpecs; }
std::span<const Table4Column> Table4Columns() { return kTable4ColumnSpecs; }

std::span<const HeaderGroup> Table3ColumnGroups() {
  static constexpr HeaderGroup kGroups[] = {{"法人或其他组织", 1, 5}};
  return kGroups;
}

std::span<const HeaderGroup> Table4GroupHeaders() {
  static constexpr HeaderGroup kGroups[] = {{"行政诉讼", 1, 2}};
  return kGroups;
}

}  // namespace gongkai::format
