#include "writers/notice_writer.h"

#include <zip.h>

#include <algorithm>
#include <ctime>
#include <deque>
#include <pugixml.hpp>
#include <sstream>
#include <stdexcept>

#include "audit/rules.h"
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

constexpr const char* kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

struct Run {
  bool bold = false;
  int half_points = 32;  // 三号 16pt
  const char* font = "仿宋";
  const char* color = nullptr;
};
enum class Align { kLeft, kCenter, kRight, kBoth };

void Paragraph(pugi::xml_node body, const std::string& text, const Run& run, Align align, bool indent,
               int space_after = 0) {
  pugi::xml_node p = body.append_child("w:p");
  pugi::xml_node ppr = p.append_child("w:pPr");
  if (space_after) {
    pugi::xml_node sp = ppr.append_child("w:spacing");
    sp.append_attribute("w:after") = space_after;
  }
  if (indent) {
    pugi::xml_node ind = ppr.append_child("w:ind");
    ind.append_attribute("w:firstLineChars") = 200;
    ind.append_attribute("w:firstLine") = run.half_points * 20;  // two characters, in twips
  }
  static constexpr const char* kAlign[] = {"left", "center", "right", "both"};
  ppr.append_child("w:jc").append_attribute("w:val") = kAlign[static_cast<int>(align)];
  pugi::xml_node r = p.append_child("w:r");
  pugi::xml_node rpr = r.append_child("w:rPr");
  pugi::xml_node fonts = rpr.append_child("w:rFonts");
  fonts.append_attribute("w:ascii") = run.font;
  fonts.append_attribute("w:eastAsia") = run.font;
  fonts.append_attribute("w:hAnsi") = run.font;
  if (run.bold) rpr.append_child("w:b");
  if (run.color) rpr.append_child("w:color").append_attribute("w:val") = run.color;
  rpr.append_child("w:sz").append_attribute("w:val") = run.half_points;
  rpr.append_child("w:szCs").append_attribute("w:val") = run.half_points;
  pugi::xml_node t = r.append_child("w:t");
  t.append_attribute("xml:space") = "preserve";
  t.text() = text.c_str();
}

std::string Save(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw, pugi::encoding_utf8);
  return out.str();
}

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

constexpr const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
    R"(<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>)"
    R"(</Types>)";
constexpr const char* kRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
    R"(</Relationships>)";
constexpr const char* kDocumentRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
    R"(</Relationships>)";
constexpr const char* kStyles =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
    R"(<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="仿宋" w:eastAsia="仿宋" w:hAnsi="仿宋"/>)"
    R"(<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>)"
    R"(<w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>)"
    R"(<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>)"
    R"(</w:styles>)";

// A zip archive built in memory.
class MemoryZip {
 public:
  MemoryZip() {
    zip_error_t error;
    zip_error_init(&error);
    source_ = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!source_) throw std::runtime_error("libzip: cannot create a buffer");
    zip_source_keep(source_);  // kept past zip_close to read the bytes back
    zip_ = zip_open_from_source(source_, ZIP_TRUNCATE, &error);
    zip_error_fini(&error);
    if (!zip_) {
      zip_source_free(source_);
      throw std::runtime_error("libzip: cannot open the archive");
    }
  }
  ~MemoryZip() {
    if (zip_) zip_discard(zip_);
    zip_source_free(source_);
  }
  MemoryZip(const MemoryZip&) = delete;
  MemoryZip& operator=(const MemoryZip&) = delete;

  void Add(const char* name, std::string data) {
    parts_.push_back(std::move(data));  // libzip reads the buffer at zip_close
    zip_source_t* s = zip_source_buffer(zip_, parts_.back().data(), parts_.back().size(), 0);
    if (!s || zip_file_add(zip_, name, s, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(s);
      throw std::runtime_error(std::string("libzip: cannot add ") + name);
    }
  }

  std::string Bytes() {
    if (zip_close(zip_) != 0) throw std::runtime_error("libzip: cannot write the archive");
    zip_ = nullptr;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_stat(source_, &st) != 0 || zip_source_open(source_) != 0) {
      throw std::runtime_error("libzip: cannot read the archive back");
    }
    std::string out(st.size, '\0');
    const zip_int64_t n = zip_source_read(source_, out.data(), st.size);
    zip_source_close(source_);
    if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) throw std::runtime_error("libzip: short read");
    return out;
  }

 private:
  zip_source_t* source_ = nullptr;
  zip_t* zip_ = nullptr;
  std::deque<std::string> parts_;  // a deque never moves its elements: libzip holds pointers into them
};

}  // namespace

std::string NoticeDocx(const Report& report, const Unit& unit, const NoticeOptions& options) {
  const Notice n = Compose(report, unit, options);
  MemoryZip zip;
  zip.Add("[Content_Types].xml", kContentTypes);
  zip.Add("_rels/.rels", kRels);
  zip.Add("word/_rels/document.xml.rels", kDocumentRels);
  zip.Add("word/styles.xml", kStyles);
  zip.Add("word/document.xml", DocumentXml(n));
  return zip.Bytes();
}

}  // namespace gongkai::writers
