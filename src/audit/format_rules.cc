// The format: the version of the tables for the year, the six sections in
// their order, section 五 not empty, fees collected explained in section 六.
#include <algorithm>

#include "audit/cells.h"
#include "audit/checks.h"
#include "audit/finding.h"
#include "audit/names.h"
#include "util/text.h"

namespace gongkai::audit {

namespace {

// The 2021 format (国办公开办函〔2021〕30号, 2021-09-26) applies from the 2021 reports on.
constexpr int kFirstV2021Year = 2021;

constexpr std::string_view kFeeWord = "处理费";
// Words that deny a fee was collected ("未收取", "没有收取", "不收取", "免收").
constexpr std::string_view kNegations[] = {"未", "没有", "不", "无", "免", "零"};

const Section* FindSection(const Report& r, int number) {
  for (const Section& s : r.sections) {
    if (s.number == number) return &s;
  }
  return nullptr;
}

// Offset in the text of the first clause saying a fee was collected, if any:
// a clause naming the fee, with 收取 or 收费, and no negation.
std::optional<std::size_t> FeeCollectedAt(const std::string& text) {
  for (const text::Piece& line : text::SplitLines(text)) {
    std::string_view l = line.text;
    std::size_t from = 0;
    while ((from = l.find(kFeeWord, from)) != std::string_view::npos) {
      // The clause around the mention.
      static constexpr std::string_view kEnds[] = {"。", "；", "，", ","};
      std::size_t begin = 0, end = l.size();
      for (std::string_view e : kEnds) {
        const std::size_t b = l.rfind(e, from);
        if (b != std::string_view::npos) begin = std::max(begin, b + e.size());
        const std::size_t f = l.find(e, from);
        if (f != std::string_view::npos) end = std::min(end, f);
      }
      const std::string_view clause = l.substr(begin, end - begin);
      // A statement of an amount collected, not a citation of the rules on fees
      // (《政府信息公开信息处理费管理办法》…收取工作的有关规定).
      const bool amount = clause.find("元") != std::string_view::npos &&
                          std::any_of(clause.begin(), clause.end(), [](char c) { return c >= '0' && c <= '9'; });
      const bool collect = amount && clause.find("《") == std::string_view::npos &&
                           (clause.find("收取") != std::string_view::npos || clause.find("收费") != std::string_view::npos);
      bool negated = false;
      for (std::string_view n : kNegations) negated |= clause.find(n) != std::string_view::npos;
      if (collect && !negated) return line.offset + from;
      from += kFeeWord.size();
    }
  }
  return std::nullopt;
}

}  // namespace

void CheckFormat(Report& r) {
  // Version vs year.
  if (r.meta.year) {
    const int y = *r.meta.year;
    const auto v = r.meta.format_version;
    if (v == format::Version::kV2019 && y >= kFirstV2021Year) {
      r.findings.push_back(MakeFinding(r, "format.version_year",
                                       std::to_string(y) + "年度报告使用了2019年试行格式（国办公开办函〔2019〕60号）的表格，" +
                                           std::to_string(kFirstV2021Year) + "年起应使用国办公开办函〔2021〕30号格式",
                                       {}));
    } else if (v == format::Version::kV2021 && y < kFirstV2021Year) {
      r.findings.push_back(MakeFinding(r, "format.version_year",
                                       std::to_string(y) + "年度报告使用了国办公开办函〔2021〕30号格式的表格，" +
                                           std::to_string(y) + "年度应使用2019年试行格式（国办公开办函〔2019〕60号）",
                                       {}));
    }
  }

  // The six sections. A section whose heading was not found although its
  // table was read, or in a report whose reading was in doubt (OCR), is a
  // reading failure, said so with its place; only otherwise is it missing
  // from the report.
  bool read_in_doubt = false;
  for (const Finding& f : r.findings) read_in_doubt |= f.rule.starts_with("read.");
  for (const auto& spec : format::Sections()) {
    const Section* s = FindSection(r, spec.number);
    if (!s) {
      const bool table_read = (spec.number == 2 && r.table2.found) || (spec.number == 3 && r.table3.found) ||
                              (spec.number == 4 && r.table4.found);
      const std::string name = "第" + std::string(spec.heading.substr(0, 3)) + "部分“" + std::string(spec.heading) + "”";
      if (table_read || read_in_doubt) {
        const Section* before = nullptr;
        const Section* after = nullptr;
        for (const Section& o : r.sections) {
          if (o.number < spec.number) before = &o;
          if (o.number > spec.number && !after) after = &o;
        }
        std::string where;
        if (before && after) {
          where = "“" + before->heading + "”与“" + after->heading + "”之间";
        } else if (before) {
          where = "“" + before->heading + "”之后";
        } else if (after) {
          where = "“" + after->heading + "”之前";
        }
        std::string message = "未能识别" + name + "的标题";
        if (!where.empty()) message += "（应在" + where + "）";
        message += table_read ? "：该部分的表" + std::string(spec.heading.substr(0, 3)) + "已读出，标题可能印错或未能读取"
                              : "：本报告有文字识别存疑之处，标题可能未能读取";
        message += "，不一定是报告遗漏，请核对原件";
        std::optional<std::size_t> at;
        if (after) at = after->offset;
        r.findings.push_back(MakeFinding(r, "read.section_unread", std::move(message), {}, at));
        continue;
      }
      r.findings.push_back(MakeFinding(r, "format.section_missing",
                                       "未找到" + name + "：年度报告六个部分不能遗漏", {}));
      continue;
    }
    if (text::MatchKey(s->heading) != text::MatchKey(spec.heading)) {
      r.findings.push_back(MakeFinding(r, "format.section_heading",
                                       "标题“" + s->heading + "”与格式规定的“" + std::string(spec.heading) + "”不同",
                                       {}, s->offset));
    }
  }
  for (std::size_t i = 1; i < r.sections.size(); ++i) {
    const Section& a = r.sections[i - 1];
    const Section& b = r.sections[i];
    if (a.number > b.number || a.offset > b.offset) {
      r.findings.push_back(MakeFinding(r, "format.section_order",
                                       "“" + b.heading + "”出现在“" + a.heading + "”之前或顺序颠倒，应按格式规定的顺序排列",
                                       {}, b.offset));
    }
  }

  // Section 五: problems and improvements must be stated.
  if (const Section* s5 = FindSection(r, 5)) {
    const std::string body = text::MatchKey(s5->text);
    if (body.empty() || body == "无" || body == "无。" || body == "暂无" || body == "暂无。") {
      r.findings.push_back(MakeFinding(r, "format.section5_empty",
                                       "“" + s5->heading + "”" + (body.empty() ? "没有内容" : "仅写“" + body + "”") +
                                           "，应写明上年度问题的改进情况和本年度存在的问题及改进举措",
                                       {}, s5->offset));
    }
  }

  // 信息处理费 collected but section 六 silent about it.
  const Section* s6 = FindSection(r, 6);
  const bool explained = s6 && s6->text.find(kFeeWord) != std::string::npos;
  if (!explained) {
    const CellRef no_fee{3, "other.no_fee", "total"};
    const auto unpaid = ValueAt(r, no_fee);
    if (unpaid && *unpaid > 0) {
      r.findings.push_back(MakeFinding(r, "format.fee_unexplained",
                                       CellName(r, no_fee) + "为" + Num(*unpaid) +
                                           "，说明发出过收费通知，但“其他需要报告的事项”未说明信息处理费收取情况",
                                       {no_fee}));
    } else if (const auto at = FeeCollectedAt(r.text)) {
      r.findings.push_back(MakeFinding(r, "format.fee_unexplained",
                                       "正文提到收取信息处理费，但“其他需要报告的事项”未说明信息处理费收取情况", {}, *at));
    }
  }
}

}  // namespace gongkai::audit
