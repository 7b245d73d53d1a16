// 整改通知: a notice to one unit listing the problems found in its annual
// report, in the form's own words (table, row and column by their labels,
// the numbers, the source excerpt, the rule's legal or format basis), laid
// out as an official document: 发文机关, 文号 placeholder, title, 主送单位,
// body, 整改要求, signature and date.
//
// Two renderings of the same content:
//   NoticeHtml  a printable HTML page (A4, @page CSS), self-contained.
//   NoticeDocx  a WordprocessingML package (.docx) written with libzip and
//               pugixml: [Content_Types].xml, _rels/.rels, word/document.xml,
//               word/styles.xml, word/_rels/document.xml.rels. Opens in Word,
//               WPS and LibreOffice; `soffice --headless --convert-to pdf`
//               makes the PDF.
// Pure functions of their arguments; thread-safe.
#ifndef GONGKAI_WRITERS_NOTICE_WRITER_H_
#define GONGKAI_WRITERS_NOTICE_WRITER_H_

#include <string>
#include <vector>

#include "report/report.h"
#include "writers/unit.h"

namespace gongkai::writers {

struct NoticeOptions {
  std::string issuer;      // 发文机关, e.g. "某区人民政府办公室"; placeholder if empty
  std::string doc_number;  // 文号, e.g. "某政公开〔2027〕3号"; placeholder if empty
  std::string date;        // 成文日期, e.g. "2027年2月10日"; today if empty
  std::string deadline = "收到本通知之日起15个工作日内";
  std::string contact;     // 联系人及电话; a blank line to fill in if empty
  // Only findings whose review status (Unit::review) is one of these; when
  // empty, every error and warning finding (提示 never), and the notice
  // says they await review if no finding has a status.
  std::vector<std::string> statuses;
};

// One problem as the notice states it (exposed for tests and for callers
// that render it themselves).
struct NoticeItem {
  std::string severity;  // 错误 / 警告
  std::string place;     // 表三“自然人”列、“（七）总计”行, or 第5段, or ""
  std::string message;
  std::string excerpt;   // as the report wrote it
  std::string basis;     // the rule's basis (audit::Rule::basis)
};
std::vector<NoticeItem> NoticeItems(const Report& report, const Unit& unit, const NoticeOptions& options);

std::string NoticeHtml(const Report& report, const Unit& unit, const NoticeOptions& options = {});
// The .docx file's bytes; throws std::runtime_error if libzip fails.
std::string NoticeDocx(const Report& report, const Unit& unit, const NoticeOptions& options = {});

}  // namespace gongkai::writers

#endif  // GONGKAI_WRITERS_NOTICE_WRITER_H_
