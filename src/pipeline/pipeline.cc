#include "pipeline/pipeline.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "audit/audit.h"
#include "extract/narrative.h"
#include "readers/office.h"
#include "readers/reader.h"
#include "util/sha256.h"

namespace gongkai::pipeline {

void CheckEvidence(const Report& r) {
  const bool table = r.table2.found || r.table3.found || r.table4.found;
  const bool year_and_agency = r.meta.year.has_value() && !r.meta.agency.empty();
  if (table || r.sections.size() >= 2 || (year_and_agency && !r.sections.empty())) return;
  std::string zh = "不是政府信息公开工作年度报告：没有找到表格二、三、四中的任何一张，章节标题只找到 " +
                   std::to_string(r.sections.size()) + " 个";
  std::string en = "not an annual report: none of tables 2, 3 and 4 found, " + std::to_string(r.sections.size()) +
                   " section heading(s)";
  if (!year_and_agency) {
    zh += std::string("，") + (r.meta.year ? "" : "没有年份") + (!r.meta.year && r.meta.agency.empty() ? "、" : "") +
          (r.meta.agency.empty() ? "没有单位名称" : "");
    en += std::string(", ") + (r.meta.year ? "" : "no year") + (!r.meta.year && r.meta.agency.empty() ? ", " : "") +
          (r.meta.agency.empty() ? "no agency" : "");
  }
  throw readers::ReadError(zh + "；未保存", en + "; not stored");
}

Pipeline::Pipeline(const Options& options) {
  if (!options.worker.empty()) workers_ = std::make_unique<WorkerPool>(options.worker, options.limits);
}

namespace {

bool IsSpreadsheet(readers::Format f) {
  return f == readers::Format::kXlsx || f == readers::Format::kXls || f == readers::Format::kEt;
}

// The part of a file name that may name the unit and the year: the stem
// without a leading numbering or "附件N：" ("03-", "t01_", "附件2：").
std::string NameForMeta(const std::string& path) {
  std::string stem = std::filesystem::path(path).stem().string();
  std::size_t start = 0;
  // Skip to the first CJK character (3-byte UTF-8 lead E3..E9), then past a
  // leading 附件N and its separator.
  while (start < stem.size()) {
    const auto c = static_cast<unsigned char>(stem[start]);
    if (c >= 0xE3 && c <= 0xE9) break;
    ++start;
  }
  stem.erase(0, start);
  if (stem.rfind("附件", 0) == 0) {
    std::size_t i = 6;
    while (i < stem.size() && ((stem[i] >= '0' && stem[i] <= '9') || stem[i] == ' ')) ++i;
    for (std::string_view sep : {"：", ":", "、", "-", "_", " "}) {
      if (stem.compare(i, sep.size(), sep) == 0) {
        i += sep.size();
        break;
      }
    }
    stem.erase(0, i);
  }
  // "单位-2021" → "单位2021年": separators out, a bare year marked as one.
  std::string out;
  for (std::size_t i = 0; i < stem.size(); ++i) {
    const char c = stem[i];
    if (c == '-' || c == '_' || c == ' ' || c == '.') continue;
    const bool year = i + 4 <= stem.size() && (stem.compare(i, 2, "19") == 0 || stem.compare(i, 2, "20") == 0) &&
                      std::all_of(stem.begin() + static_cast<std::ptrdiff_t>(i), stem.begin() + static_cast<std::ptrdiff_t>(i) + 4,
                                  [](char d) { return d >= '0' && d <= '9'; }) &&
                      (i == 0 || stem[i - 1] < '0' || stem[i - 1] > '9') &&
                      (i + 4 == stem.size() || stem[i + 4] < '0' || stem[i + 4] > '9');
    if (year) {
      out.append(stem, i, 4);
      i += 3;
      if (stem.compare(i + 1, 3, "年") != 0) out += "年";
      continue;
    }
    out += c;
  }
  return out;
}

// A workbook of the tables has no narrative to name its unit and year: they
// come from a title in the sheet, or else from the file name. A finding
// says which, so that nobody takes them for the report's own words.
void MetaFromSheetOrName(const Document& doc, const std::string& path, Report& report) {
  Finding f;
  f.rule = "read.meta_source";
  f.severity = "info";
  const bool had_agency = !report.meta.agency.empty(), had_year = report.meta.year.has_value();
  std::string from_name;
  if (!had_agency || !had_year) {
    // "单位2023年度…": the unit before the year, the year before 年.
    const std::string n = NameForMeta(path);
    Meta m;
    const std::size_t y = n.find("年");
    if (y != std::string::npos && y >= 4 && std::all_of(n.begin() + static_cast<std::ptrdiff_t>(y) - 4,
                                                         n.begin() + static_cast<std::ptrdiff_t>(y),
                                                         [](char d) { return d >= '0' && d <= '9'; })) {
      m.year = std::stoi(n.substr(y - 4, 4));
      m.agency = n.substr(0, y - 4);
    } else if (const std::size_t p = n.find("政府信息公开"); p != std::string::npos) {
      m.agency = n.substr(0, p);
    }
    if (m.agency.size() < 6) m.agency.clear();  // fewer than two characters names no unit
    if (!had_agency && !m.agency.empty()) {
      report.meta.agency = m.agency;
      from_name += "单位“" + m.agency + "”";
    }
    if (!had_year && m.year) {
      report.meta.year = m.year;
      from_name += (from_name.empty() ? "" : "、") + std::string("年度“") + std::to_string(*m.year) + "”";
    }
  }
  std::string from_sheet;
  if (had_agency) from_sheet += "单位“" + report.meta.agency + "”";
  if (had_year) from_sheet += (from_sheet.empty() ? "" : "、") + std::string("年度“") + std::to_string(*report.meta.year) + "”";
  const std::string name = std::filesystem::path(path).filename().string();
  f.message = "表格文件没有报告正文：";
  if (!from_sheet.empty()) {
    f.message += from_sheet + "取自工作表中的文字" + (report.meta.title.empty() ? "" : "“" + report.meta.title + "”");
  }
  if (!from_name.empty()) f.message += (from_sheet.empty() ? "" : "，") + from_name + "取自文件名“" + name + "”";
  if (from_sheet.empty() && from_name.empty()) {
    f.message += "工作表和文件名中都没有找到单位和年度";
  } else if (!had_agency && report.meta.agency.empty()) {
    f.message += "，未找到单位";
  } else if (!report.meta.year) {
    f.message += "，未找到年度";
  }
  f.message += "，请核对";
  report.findings.push_back(std::move(f));
  (void)doc;
}

}  // namespace

Report Pipeline::ProcessBytes(std::string_view bytes, const std::string& path) const {
  if (bytes.empty()) throw readers::ReadError("文件为空", "the file is empty");
  const readers::Format format = readers::Detect(bytes);
  Document doc;
  if (format == readers::Format::kDoc || format == readers::Format::kWps || format == readers::Format::kXls ||
      format == readers::Format::kEt) {
    // LibreOffice converts here, in a process of its own with its own limits
    // (office_convert.h); what it wrote is read like any DOCX/XLSX.
    const std::string converted = readers::ConvertLegacyOffice(bytes, readers::FormatKey(format));
    const readers::Format as = readers::Detect(converted);
    doc = workers_ ? workers_->Read(converted, as) : readers::ReadAs(converted, as);
  } else {
    doc = workers_ ? workers_->Read(bytes, format) : readers::ReadAs(bytes, format);
  }
  simplifier_.Apply(doc);
  Report report = extractor_.Extract(doc);
  if (IsSpreadsheet(format)) MetaFromSheetOrName(doc, path, report);
  CheckEvidence(report);
  report.narrative = extract::ExtractNarrative(report);
  audit::Audit(report);
  report.source.path = path;
  report.source.format = std::string(readers::FormatKey(format));
  report.source.sha256 = Sha256Hex(bytes);
  report.source.bytes = bytes.size();
  return report;
}

Report Pipeline::ProcessFile(const std::string& path) const {
  const std::string bytes = readers::LoadFile(path);
  return ProcessBytes(bytes, path);
}

Report ProcessBytes(std::string_view bytes, const std::string& path) {
  return Pipeline().ProcessBytes(bytes, path);
}

Report ProcessFile(const std::string& path) { return Pipeline().ProcessFile(path); }

namespace {

// The file names that say a report format.
constexpr std::string_view kReportExtensions[] = {".txt", ".html", ".htm", ".shtml", ".pdf", ".docx", ".doc",
                                                  ".wps", ".xlsx", ".xls", ".et", ".ofd", ".png", ".jpg",
                                                  ".jpeg", ".tif", ".tiff"};

// Files that systems leave beside the ones a person saved, under a report's
// name: macOS's resource forks (__MACOSX/, "._a.pdf") and the owner files
// Word and WPS keep while a document is open ("~$年报.docx").
bool SystemLeftover(const std::string& display, Skipped& why) {
  std::string_view name = display;
  const std::size_t slash = name.find_last_of("/\\");
  const std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
  if (base.starts_with("._") || name.find("__MACOSX/") != std::string_view::npos) {
    why = {display, "macOS 附带的资源文件（__MACOSX 或“._”开头），不是报告，未读取",
           "a macOS resource fork (__MACOSX or a name starting with ._), not a report; not read"};
    return true;
  }
  if (base.starts_with("~$")) {
    why = {display, "Word、WPS 打开文档时留下的临时文件（“~$”开头），不是报告，未读取",
           "an owner file Word or WPS leaves while a document is open (~$...), not a report; not read"};
    return true;
  }
  return false;
}

// A file with an unexpected name, by its first bytes (`head`, up to 64 KB).
bool ReportByContent(const std::string& display, std::string_view ext, std::string_view head, Skipped& why) {
  const std::string shown = ext.empty() ? "无扩展名" : std::string(ext);
  const std::string shown_en = ext.empty() ? "no extension" : std::string(ext);
  if (head.empty()) {
    why = {display, "空文件，未读取", "empty file, not read"};
    return false;
  }
  switch (readers::Detect(head)) {
    case readers::Format::kText:
      if (display.find("!/") != std::string::npos) {  // an entry of a zip archive
        why = {display, "文本文件，扩展名（" + shown + "）不是报告的文件类型，未读取；如是报告请解压后直接指定该文件",
               "a text file whose extension (" + shown_en + ") is not a report's, not read; extract it and name the file to read it"};
      } else {
        why = {display, "文本文件，扩展名（" + shown + "）不是报告的文件类型，未读取；如是报告请直接指定该文件",
               "a text file whose extension (" + shown_en + ") is not a report's, not read; name the file itself to read it"};
      }
      return false;
    case readers::Format::kUnknown:
      if (head.starts_with("PK\x03\x04")) {
        why = {display, "ZIP 压缩包，不是报告文件，未读取（gongkai import 可导入压缩包中的报告）",
               "a zip archive, not a report file; not read (gongkai import reads the reports inside archives)"};
      } else {
        why = {display, "文件类型（" + shown + "）不受支持，不是报告文件，未读取",
               "unsupported file type (" + shown_en + "), not a report file; not read"};
      }
      return false;
    default:
      return true;  // a PDF, an office file, an OFD, an image or a page under another name
  }
}

// What the first bytes of a file under a folder say it is: a report format to
// read, or why it is not read.
bool SniffReport(const std::filesystem::path& path, std::string_view ext, Skipped& why) {
  std::string head(64 * 1024, '\0');
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      why = {path.string(), "无法打开文件", "cannot open the file"};
      return false;
    }
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
  }
  return ReportByContent(path.string(), ext, head, why);
}

// Every regular file under `folder` (symbolic links to files included; links
// to folders are not followed, and listed as not read). A folder or entry that cannot be read, permission
// denied most often, goes to `unreadable` with the system's reason: never
// skipped in silence.
std::vector<std::filesystem::path> WalkFolder(const std::filesystem::path& folder, std::vector<Skipped>& unreadable) {
  std::vector<std::filesystem::path> files;
  std::vector<std::filesystem::path> pending = {folder};
  while (!pending.empty()) {
    const std::filesystem::path dir = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    std::filesystem::directory_iterator it(dir, ec);
    for (; !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
      std::error_code type_ec;
      const std::filesystem::file_status st = it->symlink_status(type_ec);
      if (std::filesystem::is_directory(st)) {
        pending.push_back(it->path());
      } else if (it->is_regular_file(type_ec)) {
        files.push_back(it->path());
      } else if (type_ec) {
        unreadable.push_back({it->path().string(), "无法读取文件信息（" + type_ec.message() + "），未读取",
                              "cannot stat the file (" + type_ec.message() + "); not read"});
      } else {
        unreadable.push_back({it->path().string(), "不是普通文件（指向文件夹或不存在的链接、设备等），未读取",
                              "not a regular file (a link to a folder or to nothing, a device, ...); not read"});
      }
    }
    if (ec) {
      unreadable.push_back({dir.string(), "文件夹无法读取（" + ec.message() + "），其中的文件未读取",
                            "the folder cannot be read (" + ec.message() + "); the files in it are not read"});
    }
  }
  return files;
}

}  // namespace

bool IsReportFile(const std::string& display, std::string_view head, Skipped& why) {
  if (SystemLeftover(display, why)) return false;
  std::string ext = std::filesystem::path(display).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (std::find(std::begin(kReportExtensions), std::end(kReportExtensions), ext) != std::end(kReportExtensions)) {
    return true;
  }
  return ReportByContent(display, ext, head, why);
}

std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs, std::vector<Skipped>* skipped) {
  std::vector<std::string> out;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(in, ec)) {
      out.push_back(in);
      continue;
    }
    std::vector<std::string> found;
    std::vector<Skipped> not_read;
    for (const std::filesystem::path& file : WalkFolder(in, not_read)) {
      std::string ext = file.extension().string();
      std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
      Skipped why;
      if (SystemLeftover(file.string(), why)) {
        not_read.push_back(std::move(why));
      } else if (std::find(std::begin(kReportExtensions), std::end(kReportExtensions), ext) != std::end(kReportExtensions) ||
          SniffReport(file, ext, why)) {
        found.push_back(file.string());
      } else {
        not_read.push_back(std::move(why));
      }
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
    std::sort(not_read.begin(), not_read.end(), [](const Skipped& a, const Skipped& b) { return a.path < b.path; });
    if (skipped != nullptr) skipped->insert(skipped->end(), not_read.begin(), not_read.end());
  }
  return out;
}

}  // namespace gongkai::pipeline
