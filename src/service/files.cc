#include "service/files.h"

#include "audit/audit.h"
#include "pipeline/pipeline.h"
#include "readers/reader.h"

namespace gongkai::service {

std::vector<std::string> ExpandFiles(const std::vector<std::string>& inputs, std::vector<FileResult>* skipped) {
  std::vector<pipeline::Skipped> not_read;
  std::vector<std::string> files = pipeline::ExpandInputs(inputs, &not_read);
  if (skipped != nullptr) {
    for (pipeline::Skipped& s : not_read) {
      FileResult r;
      r.path = std::move(s.path);
      r.error_zh = std::move(s.zh);
      r.error_en = std::move(s.en);
      skipped->push_back(std::move(r));
    }
  }
  return files;
}

std::string BatchCounts(std::size_t reports, std::size_t unreadable, std::size_t skipped) {
  const std::size_t total = reports + unreadable + skipped;
  std::string zh = std::to_string(total) + " 个文件：" + std::to_string(reports) + " 份报告";
  std::string en = std::to_string(total) + " file(s): " + std::to_string(reports) + " report(s)";
  if (unreadable > 0) {
    zh += "，" + std::to_string(unreadable) + " 个无法读取";
    en += ", " + std::to_string(unreadable) + " unreadable";
  }
  if (skipped > 0) {
    zh += "，" + std::to_string(skipped) + " 个不是报告文件（未读取）";
    en += ", " + std::to_string(skipped) + " not report files (not read)";
  }
  return zh + " / " + en;
}

void ProcessEach(const std::vector<std::string>& files, const pipeline::Options& options,
                 const std::function<void(FileResult&)>& each) {
  const pipeline::Pipeline pipe(options);  // built once for the whole batch
  for (const std::string& path : files) {
    FileResult r;
    r.path = path;
    try {
      r.report = pipe.ProcessFile(path);
    } catch (const readers::ReadError& e) {
      r.error_zh = e.zh();
      r.error_en = e.en();
    } catch (const std::exception& e) {
      r.error_zh = std::string("处理时出错：") + e.what();
      r.error_en = std::string("internal error: ") + e.what();
    }
    each(r);
  }
}

std::vector<FileResult> CheckFiles(const std::vector<std::string>& files, const pipeline::Options& options) {
  std::vector<FileResult> out;
  ProcessEach(files, options, [&](FileResult& r) { out.push_back(std::move(r)); });
  for (FileResult& cur : out) {
    if (!cur.report || !cur.report->meta.year) continue;
    for (const FileResult& prev : out) {
      if (&prev == &cur || !prev.report || !prev.report->meta.year ||
          *prev.report->meta.year + 1 != *cur.report->meta.year) {
        continue;
      }
      if (!audit::SameAgency(*prev.report, *cur.report)) continue;
      for (Finding& f : audit::CrossYear(*prev.report, *cur.report)) cur.report->findings.push_back(std::move(f));
      break;
    }
  }
  return out;
}

FindingCounts CountFindings(const Report& r) {
  FindingCounts c;
  for (const auto& f : r.findings) {
    if (f.severity == "error") {
      ++c.error;
    } else if (f.severity == "warning") {
      ++c.warning;
    } else {
      ++c.info;
    }
  }
  return c;
}

int CellsRead(const Report& r) {
  int n = 0;
  for (const auto& row : r.table2.rows)
    for (const auto& c : row) n += c.value.has_value();
  for (std::size_t i = 0; i < r.table3.rows.size(); ++i) {
    if (!Table3RowInLayout(r.table3, i)) continue;
    for (const auto& c : r.table3.rows[i]) n += c.value.has_value();
  }
  for (const auto& g : r.table4.groups)
    for (const auto& c : g) n += c.value.has_value();
  return n;
}

}  // namespace gongkai::service
