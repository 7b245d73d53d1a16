#include "writers/draft_writer.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <pugixml.hpp>
#include <sstream>

#include "format/header_groups.h"
#include "util/number.h"
#include "writers/json_writer.h"
#include "writers/ooxml.h"

namespace gongkai::writers {

namespace {

// One cell of a table as HTML sees it: cells covered by a span are absent.
struct GridCell {
  std::string text;
  int rowspan = 1;
  int colspan = 1;
  bool head = false;  // a header or label cell (bold in the header rows)
};
using Grid = std::vector<std::vector<GridCell>>;

GridCell Label(std::string_view text, int rowspan = 1, int colspan = 1, bool head = false) {
  return GridCell{std::string(text), rowspan, colspan, head};
}

// A value as printed: blank when null (never 0), integers without a point,
// other numbers in the shortest form that reads back to the same double.
std::string ValueText(const CellValue& c, std::string_view unit = "") {
  if (!c.value) return "";
  const double v = *c.value;
  std::string s;
  if (v == std::floor(v) && std::fabs(v) < 9e15) {
    s = std::to_string(static_cast<long long>(v));
  } else {
    s = Json(v).dump();
  }
  return s + std::string(unit);
}

const CellValue& At(const std::vector<std::vector<CellValue>>& rows, std::size_t r, std::size_t c) {
  static const CellValue kNull{};
  if (r >= rows.size() || c >= rows[r].size()) return kNull;
  return rows[r][c];
}

std::string AgencyOf(const Report& r) { return r.meta.agency.empty() ? "（单位名称）" : r.meta.agency; }
std::string YearOf(const Report& r) { return r.meta.year ? std::to_string(*r.meta.year) + "年" : ""; }
std::string TitleOf(const Report& r) {
  if (!r.meta.title.empty()) return r.meta.title;
  return AgencyOf(r) + YearOf(r) + "政府信息公开工作年度报告";
}

format::Version Table2Version(const Report& r) {
  if (r.table2.version == format::Version::kV2019) return format::Version::kV2019;
  if (r.table2.version == format::Version::kUnknown && r.meta.format_version == format::Version::kV2019) {
    return format::Version::kV2019;
  }
  return format::Version::kV2021;
}

Grid Table2Grid(const Report& r) {
  const format::Version v = Table2Version(r);
  const auto rows = format::Table2Rows(v);
  constexpr int kWidth = 4;
  Grid g;
  std::string_view block;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& spec = rows[i];
    const int n = static_cast<int>(spec.columns.size());
    auto spans = [&](int k) { return k + 1 == n ? kWidth - 1 - (n - 1) : 1; };
    if (spec.block != block || (i > 0 && rows[i - 1].columns.data() != spec.columns.data())) {
      if (spec.block != block) g.push_back({Label(spec.block, 1, kWidth, true)});
      block = spec.block;
      std::vector<GridCell> head{Label("信息内容", 1, 1, true)};
      for (int k = 0; k < n; ++k) head.push_back(Label(spec.columns[static_cast<std::size_t>(k)].label, 1, spans(k), true));
      g.push_back(std::move(head));
    }
    std::vector<GridCell> line{Label(spec.label)};
    for (int k = 0; k < n; ++k) {
      const CellValue& c = At(r.table2.rows, i, static_cast<std::size_t>(k));
      const bool amount = spec.key == "procurement" && k == 1;
      line.push_back(GridCell{ValueText(c, amount && c.value ? r.table2.procurement_unit : ""), 1, spans(k), false});
    }
    g.push_back(std::move(line));
  }
  return g;
}

Grid Table3Grid(const Report& r) {
  Grid g;
  const auto cols = format::Table3Columns();
  const auto groups = format::Table3ColumnGroups();
  g.push_back({Label("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3, true),
               Label("申请人情况", 1, static_cast<int>(cols.size()), true)});
  std::vector<GridCell> second, third;
  for (std::size_t c = 0; c < cols.size(); ++c) {
    const format::HeaderGroup* in = nullptr;
    for (const auto& h : groups) {
      if (c >= h.first && c < h.first + h.count) in = &h;
    }
    if (!in) {
      second.push_back(Label(cols[c].label, 2, 1, true));
    } else {
      if (c == in->first) second.push_back(Label(in->label, 1, static_cast<int>(in->count), true));
      third.push_back(Label(cols[c].label, 1, 1, true));
    }
  }
  g.push_back(std::move(second));
  g.push_back(std::move(third));
  Table3 layout;
  layout.other_split = r.table3.other_split;
  const auto rows = format::Table3Rows();
  int outcome_rows = 0;
  std::vector<std::pair<std::string_view, int>> group_sizes;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!Table3RowInLayout(layout, i) || rows[i].group.empty()) continue;
    ++outcome_rows;
    if (rows[i].group == "三、本年度办理结果") continue;
    if (group_sizes.empty() || group_sizes.back().first != rows[i].group) group_sizes.push_back({rows[i].group, 0});
    ++group_sizes.back().second;
  }
  std::string_view last_group;
  bool outcome_started = false;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!Table3RowInLayout(layout, i)) continue;
    const auto& spec = rows[i];
    std::vector<GridCell> line;
    if (spec.group.empty()) {
      line.push_back(Label(spec.label, 1, 3));
    } else {
      if (!outcome_started) {
        line.push_back(Label("三、本年度办理结果", outcome_rows, 1));
        outcome_started = true;
      }
      if (spec.group == "三、本年度办理结果") {
        line.push_back(Label(spec.label, 1, 2));
      } else {
        if (spec.group != last_group) {
          int size = 1;
          for (const auto& [name, n] : group_sizes) {
            if (name == spec.group) size = n;
          }
          line.push_back(Label(spec.group, size, 1));
          last_group = spec.group;
        }
        line.push_back(Label(spec.label));
      }
    }
    for (std::size_t c = 0; c < format::kTable3Columns; ++c) {
      const CellValue& v = i < r.table3.rows.size() ? r.table3.rows[i][c] : CellValue{};
      line.push_back(GridCell{ValueText(v), 1, 1, false});
    }
    g.push_back(std::move(line));
  }
  return g;
}

Grid Table4Grid(const Report& r) {
  const auto groups = format::Table4Groups();
  const auto cols = format::Table4Columns();
  const auto heads = format::Table4GroupHeaders();
  const int width = static_cast<int>(cols.size());
  Grid g;
  std::vector<GridCell> top, mid, low;
  for (std::size_t k = 0; k < groups.size(); ++k) {
    const format::HeaderGroup* in = nullptr;
    for (const auto& h : heads) {
      if (k >= h.first && k < h.first + h.count) in = &h;
    }
    if (!in) {
      top.push_back(Label(groups[k].label, 1, width, true));
      for (const auto& c : cols) mid.push_back(Label(c.label, 2, 1, true));
    } else {
      if (k == in->first) top.push_back(Label(in->label, 1, width * static_cast<int>(in->count), true));
      mid.push_back(Label(groups[k].label, 1, width, true));
      for (const auto& c : cols) low.push_back(Label(c.label, 1, 1, true));
    }
  }
  std::vector<GridCell> values;
  for (std::size_t k = 0; k < groups.size(); ++k) {
    for (std::size_t c = 0; c < cols.size(); ++c) values.push_back(GridCell{ValueText(r.table4.groups[k][c]), 1, 1, false});
  }
  g.push_back(std::move(top));
  g.push_back(std::move(mid));
  g.push_back(std::move(low));
  g.push_back(std::move(values));
  return g;
}

// ---------------------------------------------------------------- text

std::optional<double> Value(const Report& r, int table, std::string_view row, std::size_t column) {
  if (table == 3) {
    const int i = format::Table3RowIndex(row);
    if (i < 0 || static_cast<std::size_t>(i) >= r.table3.rows.size()) return std::nullopt;
    return r.table3.rows[static_cast<std::size_t>(i)][column].value;
  }
  for (std::size_t g = 0; g < format::Table4Groups().size(); ++g) {
    if (format::Table4Groups()[g].key == row) return r.table4.groups[g][column].value;
  }
  return std::nullopt;
}

std::string Count(double v) { return number::Format(v) + "件"; }

std::vector<std::string> Skeleton(const Report& r, int number) {
  const std::string year = r.meta.year ? std::to_string(*r.meta.year) + "年" : "本年度";
  const std::size_t total = format::kTable3Columns - 1;
  switch (number) {
    case 1:
      return {year + "，" + AgencyOf(r) + "认真贯彻落实《中华人民共和国政府信息公开条例》，（请填写本年度政府信息公开工作的总体情况：主动公开、依申请公开、政府信息管理、平台建设、监督保障等）。"};
    case 2:
      return {"（请填写本年度主动公开政府信息的情况。）主动公开政府信息情况见下表。"};
    case 3: {
      std::string s;
      const auto n = Value(r, 3, "new_received", total), c = Value(r, 3, "carried_over", total);
      if (n) s += "本年度新收政府信息公开申请" + Count(*n);
      if (c) s += std::string(s.empty() ? "" : "，") + "上年结转政府信息公开申请" + Count(*c);
      if (!s.empty()) s += "。";
      std::vector<std::string> parts;
      const auto g = Value(r, 3, "granted", total), p = Value(r, 3, "partially_granted", total);
      if (g) parts.push_back("予以公开" + Count(*g));
      if (p) parts.push_back("部分公开" + Count(*p));
      const auto t = Value(r, 3, "total", total), f = Value(r, 3, "carried_forward", total);
      std::string done;
      if (t) done = "本年度办结政府信息公开申请" + Count(*t);
      if (!parts.empty()) done += std::string(done.empty() ? "其中" : "，其中") + parts[0] + (parts.size() > 1 ? "，" + parts[1] : "");
      if (!done.empty()) s += done + "。";
      if (f) s += "结转下年度继续办理" + Count(*f) + "。";
      return {s.empty() ? "本年度收到和处理政府信息公开申请情况见下表。" : s + "具体情况见下表。"};
    }
    case 4: {
      const auto rv = Value(r, 4, "review", 4), d = Value(r, 4, "litigation_direct", 4),
                 a = Value(r, 4, "litigation_after_review", 4);
      std::string s;
      // "本年度，本机关因…": right after the heading 四、…行政复议、行政诉讼情况 a bare
      // "本年度被申请行政复议N件" is read as a figure about the suits.
      if (rv) s += "本年度，本机关因政府信息公开工作被申请行政复议" + Count(*rv);
      if (d && a) s += std::string(s.empty() ? "本年度，本机关因政府信息公开工作" : "，") + "被提起行政诉讼" + Count(*d + *a);
      return {s.empty() ? "政府信息公开行政复议、行政诉讼情况见下表。" : s + "。具体情况见下表。"};
    }
    case 5:
      return {"（请填写本年度政府信息公开工作存在的主要问题，以及针对问题采取的改进措施和取得的成效。）"};
    case 6:
      return {"（请填写其他需要报告的事项，如信息处理费的收取情况、落实上年度政务公开工作要点情况、人大代表建议和政协提案办理结果公开情况等。）"};
    default:
      return {};
  }
}

}  // namespace

std::vector<std::string> DraftSectionText(const Report& report, int number) {
  for (const Section& s : report.sections) {
    if (s.number != number || std::string_view(s.text).find_first_not_of(" \t\r\n") == std::string_view::npos) continue;
    std::vector<std::string> out;
    std::istringstream in(s.text);
    for (std::string line; std::getline(in, line);) {
      if (line.find_first_not_of(" \t\r") != std::string::npos) out.push_back(line);
    }
    return out;
  }
  return Skeleton(report, number);
}

namespace {

struct Piece {
  enum Kind { kTitle, kHeading, kText, kTable, kSignature } kind;
  std::string text;
  Grid grid;
};

std::vector<Piece> Compose(const Report& r) {
  std::vector<Piece> out;
  out.push_back({Piece::kTitle, TitleOf(r), {}});
  for (const auto& spec : format::Sections()) {
    out.push_back({Piece::kHeading, std::string(spec.heading), {}});
    for (std::string& p : DraftSectionText(r, spec.number)) out.push_back({Piece::kText, std::move(p), {}});
    if (spec.number == 2) out.push_back({Piece::kTable, "", Table2Grid(r)});
    if (spec.number == 3) out.push_back({Piece::kTable, "", Table3Grid(r)});
    if (spec.number == 4) out.push_back({Piece::kTable, "", Table4Grid(r)});
  }
  out.push_back({Piece::kSignature, AgencyOf(r), {}});
  if (!r.meta.published_on.empty()) {
    // "2024-01-18" → 2024年1月18日, as signatures are dated.
    const std::string& d = r.meta.published_on;
    std::string date = d;
    if (d.size() == 10 && d[4] == '-' && d[7] == '-') {
      date = d.substr(0, 4) + "年" + std::to_string(std::stoi(d.substr(5, 2))) + "月" + std::to_string(std::stoi(d.substr(8, 2))) + "日";
    }
    out.push_back({Piece::kSignature, date, {}});
  }
  return out;
}

}  // namespace

std::string DraftHtml(const Report& report) {
  const std::vector<Piece> pieces = Compose(report);
  pugi::xml_document doc;
  pugi::xml_node html = doc.append_child("html");
  html.append_attribute("lang") = "zh-CN";
  pugi::xml_node head = html.append_child("head");
  head.append_child("meta").append_attribute("charset") = "utf-8";
  head.append_child("title").text() = TitleOf(report).c_str();
  head.append_child("style").text() =
      "@page{size:A4;margin:37mm 26mm 35mm 28mm}body{font-family:FangSong,STFangsong,serif;font-size:16pt;line-height:28pt}"
      "h1{font-family:SimSun,serif;font-size:22pt;text-align:center;font-weight:normal}"
      "h2{font-family:SimHei,sans-serif;font-size:16pt;font-weight:normal;text-indent:2em;margin:0}"
      "p{text-indent:2em;margin:0}p.sign{text-align:right}"
      "table{border-collapse:collapse;width:100%;margin:8pt 0;font-size:10.5pt;line-height:14pt}"
      "td{border:1px solid #000;padding:2pt;text-align:center;vertical-align:middle}td.head{font-weight:bold}";
  pugi::xml_node body = html.append_child("body");
  for (const Piece& p : pieces) {
    switch (p.kind) {
      case Piece::kTitle: body.append_child("h1").text() = p.text.c_str(); break;
      case Piece::kHeading: body.append_child("h2").text() = p.text.c_str(); break;
      case Piece::kText: body.append_child("p").text() = p.text.c_str(); break;
      case Piece::kSignature: {
        pugi::xml_node s = body.append_child("p");
        s.append_attribute("class") = "sign";
        s.text() = p.text.c_str();
        break;
      }
      case Piece::kTable: {
        pugi::xml_node t = body.append_child("table").append_child("tbody");
        for (const auto& row : p.grid) {
          pugi::xml_node tr = t.append_child("tr");
          for (const GridCell& c : row) {
            pugi::xml_node td = tr.append_child("td");
            if (c.rowspan > 1) td.append_attribute("rowspan") = c.rowspan;
            if (c.colspan > 1) td.append_attribute("colspan") = c.colspan;
            if (c.head) td.append_attribute("class") = "head";
            td.text() = c.text.c_str();
          }
        }
        break;
      }
    }
  }
  std::ostringstream out;
  out << "<!DOCTYPE html>\n";
  doc.save(out, "", pugi::format_raw | pugi::format_no_declaration | pugi::format_no_empty_element_tags,
           pugi::encoding_utf8);
  out << "\n";
  return out.str();
}

namespace {

// A grid as WordprocessingML: the full grid of columns, colspans as
// gridSpan, rowspans as vMerge (restart on the first row, continue below).
void DocxTable(pugi::xml_node body, const Grid& grid) {
  // Place the cells on the full grid.
  struct Placed {
    const GridCell* cell;
    bool continued;  // a row below the first of a rowspan
  };
  std::vector<std::vector<std::pair<int, Placed>>> rows(grid.size());  // (column, cell)
  std::vector<int> busy;  // per column: rows still covered by a rowspan from above
  std::vector<const GridCell*> owner;
  int width = 0;
  for (std::size_t r = 0; r < grid.size(); ++r) {
    int col = 0;
    std::size_t k = 0;
    auto skip_busy = [&] {
      while (col < static_cast<int>(busy.size()) && busy[static_cast<std::size_t>(col)] > 0) {
        const GridCell* o = owner[static_cast<std::size_t>(col)];
        rows[r].push_back({col, Placed{o, true}});
        const int span = o->colspan;
        for (int s = 0; s < span; ++s) --busy[static_cast<std::size_t>(col + s)];
        col += span;
      }
    };
    skip_busy();
    for (; k < grid[r].size(); ++k) {
      const GridCell& c = grid[r][k];
      rows[r].push_back({col, Placed{&c, false}});
      if (busy.size() < static_cast<std::size_t>(col + c.colspan)) {
        busy.resize(static_cast<std::size_t>(col + c.colspan), 0);
        owner.resize(busy.size(), nullptr);
      }
      for (int s = 0; s < c.colspan; ++s) {
        busy[static_cast<std::size_t>(col + s)] = c.rowspan - 1;
        owner[static_cast<std::size_t>(col + s)] = &c;
      }
      col += c.colspan;
      skip_busy();
    }
    width = std::max(width, col);
  }
  pugi::xml_node tbl = body.append_child("w:tbl");
  pugi::xml_node pr = tbl.append_child("w:tblPr");
  pugi::xml_node w = pr.append_child("w:tblW");
  w.append_attribute("w:w") = 5000;
  w.append_attribute("w:type") = "pct";
  pugi::xml_node borders = pr.append_child("w:tblBorders");
  for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
    pugi::xml_node b = borders.append_child(side);
    b.append_attribute("w:val") = "single";
    b.append_attribute("w:sz") = 4;
    b.append_attribute("w:space") = 0;
    b.append_attribute("w:color") = "000000";
  }
  pugi::xml_node cols = tbl.append_child("w:tblGrid");
  const int total_twips = 8844;  // A4 less the GB/T 9704 margins
  for (int c = 0; c < width; ++c) cols.append_child("w:gridCol").append_attribute("w:w") = total_twips / std::max(width, 1);
  const ooxml::Run small{false, 21, "仿宋", nullptr};
  const ooxml::Run small_bold{true, 21, "仿宋", nullptr};
  for (const auto& row : rows) {
    pugi::xml_node tr = tbl.append_child("w:tr");
    for (const auto& [col, placed] : row) {
      (void)col;
      pugi::xml_node tc = tr.append_child("w:tc");
      pugi::xml_node tcpr = tc.append_child("w:tcPr");
      pugi::xml_node tw = tcpr.append_child("w:tcW");
      tw.append_attribute("w:w") = total_twips / std::max(width, 1) * placed.cell->colspan;
      tw.append_attribute("w:type") = "dxa";
      if (placed.cell->colspan > 1) tcpr.append_child("w:gridSpan").append_attribute("w:val") = placed.cell->colspan;
      if (placed.cell->rowspan > 1) {
        pugi::xml_node vm = tcpr.append_child("w:vMerge");
        if (!placed.continued) vm.append_attribute("w:val") = "restart";
      }
      tcpr.append_child("w:vAlign").append_attribute("w:val") = "center";
      ooxml::Paragraph(tc, placed.continued ? std::string() : placed.cell->text, placed.cell->head ? small_bold : small,
                       ooxml::Align::kCenter, false);
    }
  }
  // Word needs a paragraph between a table and what follows.
  body.append_child("w:p");
}

}  // namespace

std::string DraftDocx(const Report& report) {
  const std::vector<Piece> pieces = Compose(report);
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  decl.append_attribute("standalone") = "yes";
  pugi::xml_node root = doc.append_child("w:document");
  root.append_attribute("xmlns:w") = ooxml::kWordNs;
  pugi::xml_node body = root.append_child("w:body");
  const ooxml::Run fang{};
  const ooxml::Run hei{false, 32, "黑体", nullptr};
  for (const Piece& p : pieces) {
    switch (p.kind) {
      case Piece::kTitle: ooxml::Paragraph(body, p.text, ooxml::Run{false, 44, "宋体", nullptr}, ooxml::Align::kCenter, false, 240); break;
      case Piece::kHeading: ooxml::Paragraph(body, p.text, hei, ooxml::Align::kLeft, true); break;
      case Piece::kText: ooxml::Paragraph(body, p.text, fang, ooxml::Align::kBoth, true); break;
      case Piece::kSignature: ooxml::Paragraph(body, p.text, fang, ooxml::Align::kRight, false); break;
      case Piece::kTable: DocxTable(body, p.grid); break;
    }
  }
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
  return ooxml::DocxPackage(ooxml::Save(doc));
}

}  // namespace gongkai::writers
