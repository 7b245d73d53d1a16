#include "writers/notice_writer.h"

#include <algorithm>
#include <ctime>
#include <pugixml.hpp>
#include <sstream>
#include <stdexcept>

#include "audit/rules.h"
#include "writers/ooxml.h"
#include "writers/text_format.h"

namespace gongkai::writers {

namespace {

constexpr std::string_view kIssuerPlaceholder = "（发文机关）";
constexpr std::string_view kNumberPlaceholder = "〔　　　　〕　　号";

std::string TodayChinese() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return std::to_string(tm.tm_year + 1900) + "年" + std::to_string(tm.tm_mon + 1) + "月" + std::to_string(tm.tm_mday) +
         "日";
}

std::string AgencyOf(const Report& r, const Unit& u) {
  if (!u.agency.empty()) return u.agency;
  return r.meta.agency.empty() ? "（单位名称）" : r.meta.agency;
}

// The pieces of text both renderings print, in order.
struct Notice {
  std::string issuer, doc_number, title, addressee, date, contact;
  std::vector<std::string> opening;  // paragraphs before the list
  std::vector<NoticeItem> items;
  std::vector<std::string> requirements;
};

Notice Compose(const Report& r, const Unit& u, const NoticeOptions& o) {
  Notice n;
  const std::string agency = AgencyOf(r, u);
  const std::string year = r.meta.year ? std::to_string(*r.meta.year) + "年度" : "";
  n.issuer = o.issuer.empty() ? std::string(kIssuerPlaceholder) : o.issuer;
  n.doc_number = o.doc_number.empty() ? std::string(kNumberPlaceholder) : o.doc_number;
  n.title = "关于" + agency + year + "政府信息公开工作年度报告存在问题的整改通知";
  n.addressee = agency + "：";
  n.date = o.date.empty() ? TodayChinese() : o.date;
  n.contact = o.contact.empty() ? "联系人：　　　　　　联系电话：" : "联系人及电话：" + o.contact;
  n.items = NoticeItems(r, u, o);
  const std::string report_name =
      r.meta.title.empty() ? "你单位" + year + "政府信息公开工作年度报告" : "《" + r.meta.title + "》";
  bool reviewed = false;
  for (const std::string& s : u.review) reviewed = reviewed || !s.empty();
  std::string opening = "经对" + report_name + "进行核查，对照《中华人民共和国政府信息公开条例》和年度报告" +
                        std::string(text::VersionName(r.meta.format_version)) +
                        "的要求，发现以下问题，共" + std::to_string(n.items.size()) + "项";
  opening += reviewed || !o.statuses.empty() ? "（均已经人工复核确认）。" : "（系自动核查发现，请逐项核实）。";
  if (n.items.empty()) opening = "经对" + report_name + "进行核查，未发现需要整改的问题。";
  n.opening.push_back(opening);
  if (!n.items.empty()) {
    n.requirements = {
        "请你单位于" + o.deadline + "，逐项核实上述问题，对确有错误的内容予以更正，在原发布渠道重新公开更正后的年度报告，并注明更正情况。",
        "表格数据应与统计台账一致，表内、表间勾稽关系应当成立；正文所述数字应与表格一致。",
        "整改完成后，请将整改情况（含更正前后对照）书面报送我单位。对问题有异议的，请在期限内书面说明理由并附相关材料。",
    };
  }
  return n;
}

}  // namespace

std::vector<NoticeItem> NoticeItems(const Report& report, const Unit& unit, const NoticeOptions& options) {
  std::vector<NoticeItem> out;
  for (const std::string_view level : {"error", "warning"}) {
    for (std::size_t k = 0; k < report.findings.size(); ++k) {
      const Finding& f = report.findings[k];
      if (f.severity != level) continue;
      if (!options.statuses.empty()) {
        const std::string status = k < unit.review.size() ? unit.review[k] : "";
        if (std::find(options.statuses.begin(), options.statuses.end(), status) == options.statuses.end()) continue;
      }
      NoticeItem item;
      item.severity = std::string(text::SeverityName(f.severity));
      item.place = text::Place(report, f);
      item.message = f.message;
      item.excerpt = f.original.empty() ? f.excerpt : f.original;
      try {
        item.basis = std::string(audit::RuleById(f.rule).basis);
      } catch (const std::out_of_range&) {
        // A rule outside the catalogue has no stated basis.
      }
      out.push_back(std::move(item));
    }
  }
  return out;
}

namespace {

constexpr std::string_view kChineseNumbers[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

std::string ItemDetail(const NoticeItem& item) {
  std::string s;
  if (!item.place.empty() && item.message.find(item.place) == std::string::npos) s += "位置：" + item.place + "。";
  if (!item.excerpt.empty()) s += "原文：“" + item.excerpt + "”。";
  if (!item.basis.empty()) s += "依据：" + item.basis + "。";
  return s;
}

}  // namespace

std::string NoticeHtml(const Report& report, const Unit& unit, const NoticeOptions& options) {
  const Notice n = Compose(report, unit, options);
  pugi::xml_document doc;
  pugi::xml_node html = doc.append_child("html");
  html.append_attribute("lang") = "zh-CN";
  pugi::xml_node head = html.append_child("head");
  head.append_child("meta").append_attribute("charset") = "utf-8";
  head.append_child("title").text() = n.title.c_str();
  head.append_child("style").text() =
      "@page{size:A4;margin:37mm 26mm 35mm 28mm}"
      "body{font-family:FangSong,'FangSong_GB2312','STFangsong','Noto Serif CJK SC',serif;font-size:16pt;"
      "line-height:1.75;color:#000;max-width:160mm;margin:2em auto}"
      ".issuer{color:#c00;text-align:center;font-size:28pt;font-weight:bold;letter-spacing:.1em;margin:0}"
      ".number{text-align:center;margin:.5em 0}"
      "hr.red{border:0;border-top:2px solid #c00;margin:.3em 0 1.5em}"
      "h1{font-family:'SimHei','Noto Sans CJK SC',sans-serif;font-size:22pt;text-align:center;font-weight:normal;"
      "margin:1em 0}"
      "h2{font-family:'SimHei','Noto Sans CJK SC',sans-serif;font-size:16pt;font-weight:normal;margin:.5em 0 0;"
      "text-indent:2em}"
      "p{text-indent:2em;margin:0}p.to{text-indent:0}"
      "ol{margin:0;padding-left:2em}li{margin:.2em 0}"
      ".detail{font-size:14pt;color:#333}"
      ".sign{text-align:right;margin-top:2em}.contact{margin-top:1em}"
      "@media print{body{margin:0;max-width:none}}";
  pugi::xml_node body = html.append_child("body");
  auto para = [&](pugi::xml_node parent, const char* tag, const std::string& text, const char* cls = nullptr) {
    pugi::xml_node p = parent.append_child(tag);
    if (cls) p.append_attribute("class") = cls;
    p.text() = text.c_str();
    return p;
  };
  para(body, "p", n.issuer, "issuer");
  para(body, "p", n.doc_number, "number");
  body.append_child("hr").append_attribute("class") = "red";
  para(body, "h1", n.title);
  para(body, "p", n.addressee, "to");
  for (const std::string& s : n.opening) para(body, "p", s);
  if (!n.items.empty()) {
    para(body, "h2", "一、存在的问题");
    pugi::xml_node list = body.append_child("ol");
    for (const NoticeItem& item : n.items) {
      pugi::xml_node li = list.append_child("li");
      li.append_child(pugi::node_pcdata).set_value(("【" + item.severity + "】" + item.message).c_str());
      const std::string detail = ItemDetail(item);
      if (!detail.empty()) {
        li.append_child("br");
        para(li, "span", detail, "detail");
      }
    }
    para(body, "h2", "二、整改要求");
    for (const std::string& s : n.requirements) para(body, "p", s);
  }
  para(body, "p", n.contact, "contact");
  pugi::xml_node sign = body.append_child("div");
  sign.append_attribute("class") = "sign";
  para(sign, "div", n.issuer == kIssuerPlaceholder ? "（盖章）" : n.issuer);
  para(sign, "div", n.date);
  std::ostringstream out;
  out << "<!DOCTYPE html>\n";
  doc.save(out, "  ", pugi::format_indent | pugi::format_no_declaration, pugi::encoding_utf8);
  return out.str();
}

namespace {

using ooxml::Align;
using ooxml::Paragraph;
using ooxml::Run;
using ooxml::Save;
using ooxml::kWordNs;

std::string DocumentXml(const Notice& n) {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  decl.append_attribute("standalone") = "yes";
  pugi::xml_node root = doc.append_child("w:document");
  root.append_attribute("xmlns:w") = kWordNs;
  pugi::xml_node body = root.append_child("w:body");
  const Run fang{};
  const Run hei{false, 32, "黑体", nullptr};
  Paragraph(body, n.issuer, Run{true, 52, "宋体", "C00000"}, Align::kCenter, false, 120);
  Paragraph(body, n.doc_number, fang, Align::kCenter, false, 240);
  Paragraph(body, n.title, Run{false, 44, "宋体", nullptr}, Align::kCenter, false, 240);
  Paragraph(body, n.addressee, fang, Align::kLeft, false);
  for (const std::string& s : n.opening) Paragraph(body, s, fang, Align::kBoth, true);
  if (!n.items.empty()) {
    Paragraph(body, "一、存在的问题", hei, Align::kLeft, true);
    for (std::size_t i = 0; i < n.items.size(); ++i) {
      const NoticeItem& item = n.items[i];
      Paragraph(body, std::to_string(i + 1) + ".【" + item.severity + "】" + item.message, fang, Align::kBoth, true);
      const std::string detail = ItemDetail(item);
      if (!detail.empty()) Paragraph(body, detail, Run{false, 28, "仿宋", "333333"}, Align::kBoth, true);
    }
    Paragraph(body, "二、整改要求", hei, Align::kLeft, true);
    for (std::size_t i = 0; i < n.requirements.size(); ++i) {
      const std::string number = i < std::size(kChineseNumbers) ? std::string(kChineseNumbers[i]) : std::to_string(i + 1);
      Paragraph(body, "（" + number + "）" + n.requirements[i], fang, Align::kBoth, true);
    }
  }
  Paragraph(body, n.contact, fang, Align::kLeft, true, 480);
  Paragraph(body, n.issuer == kIssuerPlaceholder ? "（盖章）" : n.issuer, fang, Align::kRight, false);
  Paragraph(body, n.date, fang, Align::kRight, false);
  // A4, margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
  pugi::xml_node sect = body.append_child("w:sectPr");
  pugi::xml_node size = sect.append_child("w:pgSz");
  size.append_attribute("w:w") = 11906;
  size.append_attribute("w:h") = 16838;
  pugi::xml_node mar = sect.append_child("w:pgMar");
  mar.append_attribute("w:top") = 2098;
  mar.append_attribute("w:right") = 1474;
  mar.append_attribute("w:bottom") = 1984;
  mar.append_attribute("w:left") = 1588;
  mar.append_attribute("w:header") = 851;
  mar.append_attribute("w:footer") = 992;
  mar.append_attribute("w:gutter") = 0;
  return Save(doc);
}

}  // namespace

std::string NoticeDocx(const Report& report, const Unit& unit, const NoticeOptions& options) {
  const Notice n = Compose(report, unit, options);
  return ooxml::DocxPackage(DocumentXml(n));
}

}  // namespace gongkai::writers
