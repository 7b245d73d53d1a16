// Naming cells in the form's own words: 表三“自然人”列、“（七）总计”行.
#ifndef GONGKAI_AUDIT_NAMES_H_
#define GONGKAI_AUDIT_NAMES_H_

#include <string>

#include "report/report.h"

namespace gongkai::audit {

std::string TableName(int table);  // "表二", "表三", "表四"
// “（三）不予公开—1.属于国家秘密”, in quotes.
std::string RowName(const Report& r, const CellRef& ref);
// “法人或其他组织—商业企业”, in quotes.
std::string ColumnName(const Report& r, const CellRef& ref);
// 表三“自然人”列、“（七）总计”行; 表四“行政复议”的“总计”; 表二“行政许可”行“本年处理决定数量”列.
std::string CellName(const Report& r, const CellRef& ref);
// A number as people write it, with its unit if any.
std::string Num(double v);

}  // namespace gongkai::audit

#endif  // GONGKAI_AUDIT_NAMES_H_
