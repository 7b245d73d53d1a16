#include "writers/csv_writer.h"

#include <cmath>
#include <cstdio>

namespace gongkai::writers {

namespace {

std::string Number(double v) {
  char buf[64];
  if (v == std::floor(v) && std::fabs(v) < 9e15) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
  } else {
    std::snprintf(buf, sizeof buf, "%.10g", v);
  }
  return buf;
}

}  // namespace

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void WriteCsvHeader(std::ostream& out) { out << "agency,region,year,table,row,column,value\n"; }

void WriteCsvRows(std::ostream& out, const Report& report, std::string_view agency, std::string_view region) {
  const std::string prefix = CsvField(agency) + "," + CsvField(region) + "," +
                             (report.meta.year ? std::to_string(*report.meta.year) : "") + ",";
  ForEachCell(report, [&](int table, std::string_view row, std::string_view col, const CellValue& c) {
    out << prefix << table << ',' << CsvField(row) << ',' << CsvField(col) << ','
        << (c.value ? Number(*c.value) : std::string()) << '\n';
  });
}

}  // namespace gongkai::writers
