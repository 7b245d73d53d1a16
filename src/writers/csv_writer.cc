#include "writers/csv_writer.h"

#include "audit/names.h"
#include "writers/cell_columns.h"
#include "writers/text_format.h"

namespace gongkai::writers {

namespace {

int Count(const Report& r, std::string_view severity) {
  int n = 0;
  for (const Finding& f : r.findings) n += f.severity == severity;
  return n;
}

std::string Leading(const Report& report, std::string_view agency, std::string_view region) {
  return CsvField(agency) + "," + CsvField(region) + "," +
         (report.meta.year ? std::to_string(*report.meta.year) : "") + "," +
         CsvField(text::VersionShortName(format::VersionKey(report.meta.format_version)));
}

}  // namespace

std::string NeutraliseFormula(std::string_view s) {
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')) {
    return "'" + std::string(s);
  }
  return std::string(s);
}

std::string CsvField(std::string_view raw) {
  const std::string s = NeutraliseFormula(raw);
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CsvNumber(double v, bool money, std::string_view raw) {
  return money ? text::Money(v, text::PrintedDecimals(raw)) : text::Number(v);
}

void WriteCsvHeader(std::ostream& out) { out << kUtf8Bom << "单位,地区,年度,格式,表格,行,列,数值,行代码,列代码\n"; }

void WriteCsvRows(std::ostream& out, const Report& report, std::string_view agency, std::string_view region) {
  const std::string prefix = Leading(report, agency, region) + ",";
  ForEachCell(report, [&](int table, std::string_view row, std::string_view col, const CellValue& c) {
    const CellRef ref{table, std::string(row), std::string(col)};
    out << prefix << audit::TableName(table) << ',' << CsvField(Unquote(audit::RowName(report, ref))) << ','
        << CsvField(Unquote(audit::ColumnName(report, ref))) << ','
        << (c.value ? CsvNumber(*c.value, text::IsMoney(report, ref), c.raw) : std::string()) << ',' << row << ','
        << col << '\n';
  });
}

void WriteWideCsvHeader(std::ostream& out) {
  out << kUtf8Bom << "单位,地区,年度,格式,发布日期,错误数,警告数";
  for (const CellColumn& c : AllCellColumns()) {
    std::string head = audit::TableName(c.table);
    if (c.table == 2) head += c.version == format::Version::kV2019 ? "（2019版）" : "（2021版）";
    out << ',' << CsvField(head + " " + c.row_label + "—" + c.column_label);
  }
  out << '\n';
}

void WriteWideCsvRow(std::ostream& out, const Report& report, std::string_view agency, std::string_view region) {
  out << Leading(report, agency, region) << ',' << CsvField(report.meta.published_on) << ','
      << Count(report, "error") << ',' << Count(report, "warning");
  for (const CellColumn& c : AllCellColumns()) {
    const CellValue* v = CellOf(report, c);
    out << ',';
    if (v && v->value) out << CsvNumber(*v->value, c.money, v->raw);
  }
  out << '\n';
}

}  // namespace gongkai::writers
