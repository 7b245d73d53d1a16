#include "pipeline/pipeline.h"

#include <algorithm>
#include <filesystem>

#include "audit/audit.h"
#include "extract/narrative.h"
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

Report Pipeline::ProcessBytes(std::string_view bytes, const std::string& path) const {
  if (bytes.empty()) throw readers::ReadError("文件为空", "the file is empty");
  const readers::Format format = readers::Detect(bytes);
  Document doc = workers_ ? workers_->Read(bytes, format) : readers::ReadAs(bytes, format);
  simplifier_.Apply(doc);
  Report report = extractor_.Extract(doc);
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

std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs) {
  static constexpr std::string_view kExtensions[] = {".txt", ".html", ".htm", ".shtml", ".pdf", ".docx",
                                                     ".wps", ".png", ".jpg", ".jpeg", ".tif", ".tiff"};
  std::vector<std::string> out;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(in, ec)) {
      out.push_back(in);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = std::filesystem::recursive_directory_iterator(
             in, std::filesystem::directory_options::skip_permission_denied, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      std::string ext = it->path().extension().string();
      std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
      if (std::find(std::begin(kExtensions), std::end(kExtensions), ext) != std::end(kExtensions)) {
        found.push_back(it->path().string());
      }
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace gongkai::pipeline
