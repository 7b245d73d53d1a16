#include "service/fill.h"

#include <map>
#include <set>

#include "pipeline/pipeline.h"
#include "register/register.h"
#include "writers/draft_writer.h"
#include "writers/json_reader.h"
#include "writers/json_writer.h"

namespace gongkai::service {

namespace {

Report ReportOf(const Json& doc) {
  try {
    return writers::ReportFromJson(doc);
  } catch (const std::exception& e) {
    throw UserError(400, "bad_report", std::string("报告数据无效：") + e.what(), std::string("not a gongkai.report/1 document: ") + e.what());
  }
}

Json Counts(const std::vector<Finding>& findings) {
  Json c = {{"error", 0}, {"warning", 0}, {"info", 0}};
  for (const Finding& f : findings) {
    if (c.contains(f.severity)) c[f.severity] = c[f.severity].get<int>() + 1;
  }
  return c;
}

}  // namespace

Json CountRegisterUpload(const std::string& bytes, const std::string& name, int year, const Json* typed,
                         const std::string& layout) {
  const reg::Calendar& calendar = reg::Calendar::Official();
  if (year < calendar.first_year() || year > calendar.last_year()) {
    throw UserError(400, "bad_year",
                    "年度 " + std::to_string(year) + " 不在工作日历的年份内（" + std::to_string(calendar.first_year()) + "—" +
                        std::to_string(calendar.last_year()) + "）",
                    "year " + std::to_string(year) + " is outside the working-day calendar");
  }
  if (layout != "" && layout != "v2021" && layout != "v2019") {
    throw UserError(400, "bad_parameter", "参数 layout 须为 v2021 或 v2019", "layout must be v2021 or v2019");
  }
  if (bytes.empty()) throw UserError(422, "bad_register", "台账文件 " + name + " 是空的", "the register " + name + " is empty");
  reg::CountOptions options{year, std::nullopt};
  if (layout == "v2019") options.other_split = false;
  if (layout == "v2021") options.other_split = true;
  std::optional<Report> against;
  if (typed && !typed->is_null()) {
    against = ReportOf(*typed);
    if (!against->table3.found) against.reset();  // nothing typed in Table 三: nothing to compare
  }
  if (against && layout.empty()) options.other_split = against->table3.other_split;
  reg::Register r;
  try {
    r = reg::ParseRegister(reg::ReadSheet(bytes), name);
  } catch (const std::exception& e) {
    throw UserError(422, "bad_register", "无法读取台账 " + name + "：" + e.what(), "cannot read the register " + name + ": " + e.what());
  }
  Report count = reg::CountTable3(r, options, calendar);
  if (against) {
    if (count.meta.agency.empty()) count.meta.agency = against->meta.agency;
    for (Finding& f : reg::CompareTable3(count, *against)) count.findings.push_back(std::move(f));
  }
  Json c = Counts(count.findings);
  int overdue = 0, invalid = 0, differ = 0;
  for (const Finding& f : count.findings) {
    overdue += f.rule == "register.overdue";
    invalid += f.rule == "register.row_invalid";
    differ += f.rule == "register.against";
  }
  c["overdue"] = overdue;
  c["invalid"] = invalid;
  c["differ"] = differ;
  Json blank = Json::array();
  for (int row : r.blank_rows) blank.push_back(row);
  return {{"register",
           {{"file", name},
            {"format", r.format},
            {"rows", r.entries.size()},
            {"header_row", r.header_row + 1},
            {"blank_rows", std::move(blank)}}},
          {"report", writers::ToJson(count)},
          {"counts", std::move(c)}};
}

namespace {

struct ReadBack {
  Report report;
  std::int64_t errors = 0, warnings = 0;
};

// The draft read back through the whole pipeline (reader, extract, audit), as
// `gongkai check` reads a published report.
ReadBack ReadDraftBack(const std::string& bytes, const std::string& name) {
  ReadBack out;
  out.report = pipeline::ProcessBytes(bytes, name);
  for (const Finding& f : out.report.findings) {
    out.errors += f.severity == "error";
    out.warnings += f.severity == "warning";
  }
  return out;
}

std::string DraftName(const Report& r, const std::string& format) {
  return r.meta.agency + (r.meta.year ? std::to_string(*r.meta.year) + "年" : "") + "政府信息公开工作年度报告（草稿）." + format;
}

}  // namespace

Json CheckDraft(const Json& doc) {
  Report r = ReportOf(doc);
  r.findings.clear();
  const std::string html = writers::DraftHtml(r);
  const ReadBack back = ReadDraftBack(html, DraftName(r, "html"));
  Json findings = Json::array();
  for (const Finding& f : back.report.findings) findings.push_back(writers::FindingToJson(f));
  return {{"passes", back.errors == 0},
          {"counts", Counts(back.report.findings)},
          {"findings", std::move(findings)},
          {"report", writers::ToJson(back.report)}};
}

DraftFile MakeDraft(Backend& b, const Json& doc, const std::string& format, const std::string& user, store::Role role) {
  if (format != "docx" && format != "html") {
    throw UserError(400, "bad_parameter", "参数 format 须为 docx 或 html", "format must be docx or html");
  }
  Report r = ReportOf(doc);
  r.findings.clear();
  const auto unit = b.drafts.UnitAgency(user);
  if (unit) {
    if (r.meta.agency.empty()) r.meta.agency = *unit;
    if (r.meta.agency != *unit) {
      throw UserError(403, "other_agency", "单位账户只能起草本单位（" + *unit + "）的年度报告，不能起草“" + r.meta.agency + "”的",
                      "a unit account drafts only its own agency's report (" + *unit + ")");
    }
  } else if (static_cast<int>(role) < static_cast<int>(store::Role::kReviewer)) {
    throw UserError(403, "forbidden", "只有单位账户、审核员或管理员可以起草年度报告", "only unit accounts, reviewers and admins draft reports");
  }
  if (r.meta.agency.empty()) throw UserError(400, "missing_agency", "请填写单位名称", "the report has no agency");
  if (!r.meta.year) throw UserError(400, "missing_year", "请填写报告年度", "the report has no year");
  DraftFile out;
  out.name = DraftName(r, format);
  if (format == "html") {
    out.bytes = writers::DraftHtml(r);
    out.content_type = "text/html; charset=utf-8";
  } else {
    out.bytes = writers::DraftDocx(r);
    out.content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  }
  const ReadBack back = ReadDraftBack(out.bytes, out.name);
  store::DraftState s;
  s.agency = r.meta.agency;
  s.year = *r.meta.year;
  s.by_user = user;
  s.format = format;
  s.errors = back.errors;
  s.warnings = back.warnings;
  out.state = b.drafts.Record(std::move(s));
  b.accounts.Log(user, "draft", out.state.agency + " " + std::to_string(out.state.year) + " " + format +
                                     (out.state.passes() ? " passes" : " errors " + std::to_string(out.state.errors)));
  return out;
}

Json DraftsJson(Backend& b, int year, const std::string& user) {
  const auto unit = b.drafts.UnitAgency(user);
  const std::string only = unit.value_or("");
  Json items = Json::array();
  std::map<std::string, const store::DraftState*> by_agency;
  const auto drafts = b.drafts.List(year, only);
  for (const auto& d : drafts) {
    by_agency[d.agency] = &d;
    items.push_back({{"agency", d.agency},
                     {"year", d.year},
                     {"by", d.by_user},
                     {"at", d.at},
                     {"format", d.format},
                     {"errors", d.errors},
                     {"warnings", d.warnings},
                     {"passes", d.passes()},
                     {"revisions", d.revisions}});
  }
  std::map<std::string, std::vector<std::string>> users;
  for (const auto& u : b.drafts.Units()) {
    if (only.empty() || u.agency == only) users[u.agency].push_back(u.user);
  }
  for (const auto& [agency, d] : by_agency) users[agency];
  Json units = Json::array();
  for (const auto& [agency, names] : users) {
    const auto it = by_agency.find(agency);
    const store::DraftState* d = it == by_agency.end() ? nullptr : it->second;
    units.push_back({{"agency", agency},
                     {"users", names},
                     {"drafted", d != nullptr},
                     {"passes", d ? Json(d->passes()) : Json(nullptr)},
                     {"errors", d ? Json(d->errors) : Json(nullptr)},
                     {"at", d ? Json(d->at) : Json(nullptr)}});
  }
  return {{"year", year},
          {"agency", unit ? Json(*unit) : Json(nullptr)},
          {"items", std::move(items)},
          {"units", std::move(units)}};
}

}  // namespace gongkai::service
