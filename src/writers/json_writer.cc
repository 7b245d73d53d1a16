#include "writers/json_writer.h"

#include <cmath>

namespace gongkai::writers {

namespace {

Json Value(const CellValue& c) {
  if (!c.value) return nullptr;
  const double v = *c.value;
  if (v == std::floor(v) && std::fabs(v) < 9e15) return static_cast<long long>(v);
  return v;
}

Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json Table2Json(const Table2& t) {
  Json out = Json::object();
  const auto rows = format::Table2Rows(t.version);
  for (std::size_t r = 0; r < rows.size() && r < t.rows.size(); ++r) {
    const auto& spec = rows[r];
    if (spec.scalar) {
      out[std::string(spec.key)] = Value(t.rows[r][0]);
      continue;
    }
    Json row = Json::object();
    for (std::size_t c = 0; c < spec.columns.size(); ++c) {
      row[std::string(spec.columns[c].key)] = Value(t.rows[r][c]);
    }
    if (spec.key == "procurement") row["amount_unit"] = OrNull(t.procurement_unit);
    out[std::string(spec.key)] = std::move(row);
  }
  return out;
}

}  // namespace

Json FindingToJson(const Finding& f) {
  Json j = Json::object();
  j["rule"] = f.rule;
  j["severity"] = f.severity;
  j["message"] = f.message;
  j["table"] = f.table ? Json(*f.table) : Json(nullptr);
  j["row"] = OrNull(f.row);
  j["column"] = OrNull(f.column);
  Json ev = Json::object();
  ev["excerpt"] = OrNull(f.excerpt);
  ev["offset"] = f.offset ? Json(*f.offset) : Json(nullptr);
  // Beyond the contract: the excerpt as the report wrote it, when its text
  // was converted from Traditional script (`excerpt` quotes the conversion).
  if (!f.original.empty()) ev["original"] = f.original;
  // Beyond the contract: the page of a report that has pages (PDF, scans).
  if (f.page) ev["page"] = *f.page;
  j["evidence"] = std::move(ev);
  // Beyond the contract's one row/column: every cell the finding involves
  // (the cells of a failed sum, the culprit of several failed sums).
  Json cells = Json::array();
  for (const CellRef& c : f.cells) cells.push_back({{"table", c.table}, {"row", c.row}, {"column", c.column}});
  j["cells"] = std::move(cells);
  // Findings of gongkai register: the register's data row, and the facts.
  if (f.register_row) j["register_row"] = *f.register_row;
  if (!f.facts.empty()) {
    Json facts = Json::object();
    for (const auto& [key, value] : f.facts) facts[key] = Json::parse(value, nullptr, false);
    j["facts"] = std::move(facts);
  }
  return j;
}

Json ToJson(const Report& r) {
  Json j = Json::object();
  j["schema"] = "gongkai.report/1";
  j["source"] = {{"path", r.source.path},
                 {"format", r.source.format},
                 {"sha256", r.source.sha256},
                 {"bytes", r.source.bytes}};
  Json meta = Json::object();
  meta["title"] = OrNull(r.meta.title);
  meta["agency"] = OrNull(r.meta.agency);
  meta["year"] = r.meta.year ? Json(*r.meta.year) : Json(nullptr);
  meta["format_version"] = std::string(format::VersionKey(r.meta.format_version));
  meta["published_on"] = OrNull(r.meta.published_on);
  meta["contact"] = {{"phone", OrNull(r.meta.phone)}, {"address", OrNull(r.meta.address)}};
  j["meta"] = std::move(meta);

  Json sections = Json::array();
  for (const Section& s : r.sections) {
    sections.push_back({{"number", s.number}, {"heading", s.heading}, {"text", s.text}});
  }
  j["sections"] = std::move(sections);
  j["table2"] = Table2Json(r.table2);

  Json t3 = Json::object();
  const auto rows = format::Table3Rows();
  for (std::size_t i = 0; i < rows.size() && i < r.table3.rows.size(); ++i) {
    if (!Table3RowInLayout(r.table3, i)) continue;
    Json vals = Json::array();
    for (const CellValue& c : r.table3.rows[i]) vals.push_back(Value(c));
    t3[std::string(rows[i].key)] = std::move(vals);
  }
  j["table3"] = std::move(t3);

  Json t4 = Json::object();
  const auto groups = format::Table4Groups();
  for (std::size_t g = 0; g < groups.size(); ++g) {
    Json vals = Json::array();
    for (const CellValue& c : r.table4.groups[g]) vals.push_back(Value(c));
    t4[std::string(groups[g].key)] = std::move(vals);
  }
  j["table4"] = std::move(t4);

  Json findings = Json::array();
  for (const Finding& f : r.findings) findings.push_back(FindingToJson(f));
  j["findings"] = std::move(findings);
  return j;
}

std::string WriteJson(const Report& report) {
  return ToJson(report).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace gongkai::writers
