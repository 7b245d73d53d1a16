#include "writers/json_reader.h"

#include <cmath>
#include <stdexcept>

#include "util/number.h"

namespace gongkai::writers {

namespace {

std::string Str(const Json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return "";
  return j[key].get<std::string>();
}

CellValue Cell(const Json& v, const std::string& where) {
  CellValue c;
  c.found = true;
  if (v.is_null()) return c;
  if (!v.is_number()) throw std::invalid_argument(where + " 不是数字或 null / is not a number or null");
  const double d = v.get<double>();
  if (!std::isfinite(d)) throw std::invalid_argument(where + " 不是有限数 / not finite");
  c.value = d;
  c.raw = v.is_number_float() ? v.dump() : number::Format(d);
  return c;
}

format::Version VersionOf(const std::string& key) {
  if (key == "v2021") return format::Version::kV2021;
  if (key == "v2019") return format::Version::kV2019;
  if (key == "legacy") return format::Version::kLegacy;
  return format::Version::kUnknown;
}

}  // namespace

Report ReportFromJson(const Json& j) {
  if (!j.is_object() || Str(j, "schema") != "gongkai.report/1") {
    throw std::invalid_argument("不是 gongkai.report/1 文档（缺少 \"schema\": \"gongkai.report/1\"）/ not a gongkai.report/1 document");
  }
  Report r;
  if (j.contains("source") && j["source"].is_object()) {
    r.source.path = Str(j["source"], "path");
    r.source.format = Str(j["source"], "format");
    r.source.sha256 = Str(j["source"], "sha256");
  }
  const Json meta = j.value("meta", Json::object());
  r.meta.title = Str(meta, "title");
  r.meta.agency = Str(meta, "agency");
  if (meta.contains("year") && meta["year"].is_number_integer()) r.meta.year = meta["year"].get<int>();
  r.meta.format_version = VersionOf(Str(meta, "format_version"));
  r.meta.published_on = Str(meta, "published_on");
  if (meta.contains("contact") && meta["contact"].is_object()) {
    r.meta.phone = Str(meta["contact"], "phone");
    r.meta.address = Str(meta["contact"], "address");
  }
  for (const Json& s : j.value("sections", Json::array())) {
    Section sec;
    sec.number = s.value("number", 0);
    sec.heading = Str(s, "heading");
    sec.text = Str(s, "text");
    r.sections.push_back(std::move(sec));
  }
  // Table 二: the version is the format's, or read from the keys (v2019 has made/published).
  const Json t2 = j.value("table2", Json::object());
  format::Version v2 = r.meta.format_version == format::Version::kV2019 ? format::Version::kV2019 : format::Version::kV2021;
  if (t2.contains("regulations") && t2["regulations"].is_object()) {
    v2 = t2["regulations"].contains("made") ? format::Version::kV2019 : format::Version::kV2021;
  }
  r.table2.version = v2;
  const auto rows2 = format::Table2Rows(v2);
  r.table2.rows.resize(rows2.size());
  for (std::size_t i = 0; i < rows2.size(); ++i) {
    const auto& spec = rows2[i];
    r.table2.rows[i].resize(spec.columns.size());
    const std::string key(spec.key);
    if (!t2.contains(key)) continue;
    r.table2.found = true;
    if (spec.scalar) {
      r.table2.rows[i][0] = Cell(t2[key], "表二 " + key);
      continue;
    }
    if (!t2[key].is_object()) throw std::invalid_argument("表二 " + key + " 应为对象 / must be an object");
    for (std::size_t c = 0; c < spec.columns.size(); ++c) {
      const std::string ck(spec.columns[c].key);
      if (t2[key].contains(ck)) r.table2.rows[i][c] = Cell(t2[key][ck], "表二 " + key + "." + ck);
    }
    if (spec.key == "procurement") r.table2.procurement_unit = Str(t2[key], "amount_unit");
  }
  const Json t3 = j.value("table3", Json::object());
  const auto rows3 = format::Table3Rows();
  r.table3.rows.resize(rows3.size());
  r.table3.other_split = !t3.contains("other") || t3.contains("other.other");
  for (std::size_t i = 0; i < rows3.size(); ++i) {
    const std::string key(rows3[i].key);
    if (!t3.contains(key)) continue;
    const Json& vals = t3[key];
    if (!vals.is_array() || vals.size() != format::kTable3Columns) {
      throw std::invalid_argument("表三 " + key + " 应为7个数值 / must hold 7 values");
    }
    r.table3.found = true;
    for (std::size_t c = 0; c < format::kTable3Columns; ++c) r.table3.rows[i][c] = Cell(vals[c], "表三 " + key);
  }
  const Json t4 = j.value("table4", Json::object());
  const auto groups = format::Table4Groups();
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::string key(groups[g].key);
    if (!t4.contains(key)) continue;
    const Json& vals = t4[key];
    if (!vals.is_array() || vals.size() != format::kTable4Columns) {
      throw std::invalid_argument("表四 " + key + " 应为5个数值 / must hold 5 values");
    }
    r.table4.found = true;
    for (std::size_t c = 0; c < format::kTable4Columns; ++c) r.table4.groups[g][c] = Cell(vals[c], "表四 " + key);
  }
  for (const Json& f : j.value("findings", Json::array())) {
    Finding x;
    x.rule = Str(f, "rule");
    x.severity = Str(f, "severity");
    x.message = Str(f, "message");
    if (f.contains("table") && f["table"].is_number_integer()) x.table = f["table"].get<int>();
    x.row = Str(f, "row");
    x.column = Str(f, "column");
    if (f.contains("register_row") && f["register_row"].is_number_integer()) x.register_row = f["register_row"].get<int>();
    r.findings.push_back(std::move(x));
  }
  return r;
}

Report ReportFromJsonText(std::string_view text) {
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded()) throw std::invalid_argument("不是有效的 JSON / not valid JSON");
  return ReportFromJson(j);
}

}  // namespace gongkai::writers
