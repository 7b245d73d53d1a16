#include "extract/extract.h"

#include <algorithm>

#include "extract/meta.h"
#include "format/labels.h"
#include "extract/sections.h"
#include "extract/tables.h"
#include "extract/tokens.h"
#include "report/evidence.h"
#include "report/for_each_cell.h"

namespace gongkai::extract {

namespace {

// The layout of the tables decides the version; the year only breaks a tie.
format::Version DecideVersion(format::Version from_table2, const Report& r) {
  if (from_table2 != format::Version::kUnknown) return from_table2;
  const bool any_table = r.table2.found || r.table3.found || r.table4.found;
  if (r.table3.found) {
    if (r.table3.other_split) return format::Version::kV2021;
    if (r.meta.year && *r.meta.year <= 2020) return format::Version::kV2019;
    return format::Version::kV2021;
  }
  if (!any_table && r.meta.year && *r.meta.year <= 2018) return format::Version::kLegacy;
  return format::Version::kUnknown;
}

// A reading the reader doubted (OCR) is reported at the table cells whose
// values were read from it, so that a reviewer checks exactly those cells
// against the original, and the rules that follow can tell a doubtful cell
// from a sure one. A doubt in no cell (a word of the text) is reported with
// its place only.
//
// The agency's name is no table cell, but a misread name files the report
// under another body: a doubt where the name was read (its first place in the
// text, the title or the signature it was taken from) says so.
void ReportDoubts(const Document& doc, Report& report) {
  const std::string& agency = report.meta.agency;
  const std::size_t agency_at = agency.empty() ? std::string::npos : report.text.find(agency);
  for (const Doubt& d : doc.doubts) {
    Finding f;
    f.rule = "read.uncertain";
    f.severity = "warning";
    f.message = d.note;
    const std::size_t end = d.offset + std::max<std::size_t>(d.length, 1);
    if (agency_at != std::string::npos && d.offset < agency_at + agency.size() && agency_at < end) {
      f.message += "；单位名称“" + agency + "”由此读出，可能有误";
      f.facts.emplace_back("agency_doubted", "true");  // corpus::AgencyNameDoubted
    }
    ForEachCell(report, [&](int table, const auto& row, const auto& column, const CellValue& v) {
      if (v.offset && *v.offset >= d.offset && *v.offset < end) {
        f.cells.push_back(CellRef{table, std::string(row), std::string(column)});
      }
    });
    if (!f.cells.empty()) {
      f.table = f.cells.front().table;
      f.row = f.cells.front().row;
      f.column = f.cells.front().column;
    }
    Quote(report, d.offset, f);
    report.findings.push_back(std::move(f));
  }
}

// A table not found is a reading failure, said with its place: the section
// it belongs in, and whether that section holds a table grid whose cells
// could not be read, or no table at all that could be read.
void PlaceMissingTables(const Document& doc, const FoundSections& found, Report& report) {
  for (Finding& f : report.findings) {
    if (f.rule != "extract.table_missing" || !f.table) continue;
    for (std::size_t s = 0; s < found.sections.size(); ++s) {
      const Section& sec = found.sections[s];
      if (sec.number != *f.table) continue;
      const std::size_t begin = found.heading_blocks[s] + 1;
      const std::size_t end = s + 1 < found.heading_blocks.size() ? found.heading_blocks[s + 1] : doc.blocks.size();
      bool grid = false;
      for (std::size_t b = begin; b < end && b < doc.blocks.size(); ++b) grid |= doc.blocks[b].kind == Block::Kind::kTable;
      const std::string place = "（第" +
                                std::string(format::Sections()[static_cast<std::size_t>(sec.number - 1)].heading.substr(0, 3)) +
                                "部分“" + sec.heading + "”中" +
                                (grid ? "有表格，但未能读取其内容）" : "未能读取到该表）");
      const std::size_t comma = f.message.find("，其全部");
      if (comma != std::string::npos) f.message.insert(comma, place);
      Quote(report, sec.offset, f);
      break;
    }
  }
}

}  // namespace

Extractor::Extractor() : v2019_(format::Version::kV2019), v2021_(format::Version::kV2021) {}

Report Extract(const Document& doc) { return Extractor().Extract(doc); }

Report Extractor::Extract(const Document& doc) const {
  Report report;
  report.text = doc.text;
  report.original = doc.original;
  report.original_anchors = doc.original_anchors;
  report.page_offsets = doc.page_offsets;
  const FoundSections found = FindSections(doc);
  report.sections = found.sections;
  ExtractMeta(doc, found, report.meta);

  const std::vector<Token> tokens = Tokenize(doc);
  format::Version t2 = DetectTable2Version(tokens, markers_);
  format::Version layout = t2;
  if (layout == format::Version::kUnknown && report.meta.year && *report.meta.year <= 2020) {
    layout = format::Version::kV2019;
  }
  ExtractTables(tokens, layout, doc.text,
                Table2Layout(layout) == format::Version::kV2019 ? v2019_ : v2021_, report);
  report.meta.format_version = DecideVersion(t2, report);
  PlaceMissingTables(doc, found, report);
  for (const std::string& w : doc.warnings) {
    Finding f;
    f.rule = "read.uncertain";
    f.severity = "warning";
    f.message = w;
    report.findings.push_back(std::move(f));
  }
  ReportDoubts(doc, report);
  QuoteOriginals(report);
  return report;
}

}  // namespace gongkai::extract
