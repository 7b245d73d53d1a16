// .doc, .wps, .xls and .et through LibreOffice (office_convert.h), then the
// DOCX or XLSX reader.
#include "readers/docx.h"
#include "readers/office.h"
#include "readers/reader.h"

namespace gongkai::readers {

std::string ConvertLegacyOffice(std::string_view bytes, std::string_view format_key, const ConvertOptions& options) {
  if (format_key == "doc" || format_key == "wps") {
    const std::string kind = format_key == "doc" ? "Word 97-2003 文档（.doc）" : "WPS 文字文档（.wps）";
    return ConvertOffice(bytes, format_key, "docx", kind, options);
  }
  if (format_key == "xls" || format_key == "et") {
    const std::string kind = format_key == "xls" ? "Excel 97-2003 工作簿（.xls）" : "WPS 表格（.et）";
    return ConvertOffice(bytes, format_key, "xlsx", kind, options);
  }
  throw ReadError("不支持的格式：" + std::string(format_key), "unsupported format: " + std::string(format_key));
}

Document ReadLegacyOffice(std::string_view bytes, std::string_view format_key, const ConvertOptions& options) {
  const std::string converted = ConvertLegacyOffice(bytes, format_key, options);
  if (format_key == "doc" || format_key == "wps") return ReadDocx(converted);
  return ReadXlsx(converted);
}

}  // namespace gongkai::readers
