#include "register/register.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include "format/labels.h"
#include "register/deadline.h"
#include "util/number.h"
#include "util/text.h"

namespace gongkai::reg {

const std::vector<ColumnSpec>& Columns() {
  static const std::vector<ColumnSpec> kColumns = {
      {Column::kReceived, "收到日期", {"收到日期", "收到申请日期", "申请日期", "受理日期"}, true},
      {Column::kApplicantType, "申请人类型", {"申请人类型"}, true},
      {Column::kOutcome, "办理结果", {"办理结果"}, true},
      {Column::kAnswered, "答复日期", {"答复日期", "办结日期"}, true},
      {Column::kCompletionRequested, "补正告知日期", {"补正告知日期"}, false},
      {Column::kCompletionReceived, "收到补正日期", {"收到补正日期"}, false},
      {Column::kExtended, "延期", {"延期", "是否延期"}, false},
      {Column::kConsultationDays, "征求意见天数", {"征求意见天数", "征求第三方意见所需工作日"}, false},
      {Column::kFee, "收费金额（元）", {"收费金额（元）", "收费金额"}, false},
      {Column::kApplicant, "申请人", {"申请人"}, false},
      {Column::kContent, "申请内容", {"申请内容"}, false},
      {Column::kChannel, "申请方式", {"申请方式"}, false},
      {Column::kNumber, "编号", {"编号"}, false},
  };
  return kColumns;
}

namespace {

// A header as compared: MatchKey, without the marks offices put on required
// columns (*, （必填）) and without brackets' difference.
std::string HeaderKey(std::string_view s) {
  std::string k = text::MatchKey(s);
  for (const std::string_view drop : {"*", "(必填)", "必填", "：", ":"}) {
    for (std::size_t at; (at = k.find(drop)) != std::string::npos;) k.erase(at, drop.size());
  }
  return k;
}

std::string Clean(std::string_view s) { return std::string(text::Trim(text::Normalize(s))); }

bool Blank(const std::vector<SheetCell>& row) {
  for (const SheetCell& c : row) {
    if (!text::Trim(c.text).empty() || c.formula) return false;
  }
  return true;
}

std::string Joined(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : std::string(sep)) + p;
  return out;
}

std::string Quote(std::string_view s) { return "“" + std::string(s) + "”"; }

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Removes the numbering offices and the form put in front of labels: （三）, (3),
// 三、, 1., 1、, and the separators between a group and its reason.
std::string OutcomeKey(std::string_view s) {
  std::string k = text::MatchKey(s);
  std::string out;
  std::size_t i = 0;
  static constexpr std::string_view kNumerals = "一二三四五六七八九十";
  auto is_numeral = [&](std::string_view cp) {
    if (cp.size() == 1) return cp[0] >= '0' && cp[0] <= '9';
    return kNumerals.find(cp) != std::string_view::npos && cp.size() == 3;
  };
  while (i < k.size()) {
    std::size_t j = i;
    text::NextCodePoint(k, j);
    const std::string_view cp(k.data() + i, j - i);
    if (cp == "(") {
      // (一) / (1): drop when a numeral sits inside.
      std::size_t m = j, n = j;
      bool numeral = false;
      while (n < k.size()) {
        std::size_t q = n;
        text::NextCodePoint(k, q);
        const std::string_view c2(k.data() + n, q - n);
        if (!is_numeral(c2)) break;
        numeral = true;
        n = q;
      }
      if (numeral && n < k.size() && k[n] == ')') {
        i = n + 1;
        continue;
      }
      (void)m;
    }
    if (is_numeral(cp)) {
      // 1. 1、 三、 : a numeral directly followed by . or 、
      std::size_t n = j;
      while (n < k.size()) {
        std::size_t q = n;
        text::NextCodePoint(k, q);
        if (!is_numeral(std::string_view(k.data() + n, q - n))) break;
        n = q;
      }
      const std::string_view rest(k.data() + n, k.size() - n);
      if (rest.starts_with(".") || rest.starts_with("、")) {
        i = n + (rest.starts_with(".") ? 1 : std::string_view("、").size());
        continue;
      }
    }
    static constexpr std::string_view kSeparators[] = {"-", "—", "–", "－", "/", "·", "，", ",", "(", ")", "、", ":", "："};
    if (std::find(std::begin(kSeparators), std::end(kSeparators), cp) != std::end(kSeparators)) {
      i = j;
      continue;
    }
    out.append(cp);
    i = j;
  }
  return out;
}

struct OutcomeTable {
  std::map<std::string, std::vector<int>> keys;  // key → candidate rows
};

OutcomeTable BuildOutcomes(bool other_split) {
  OutcomeTable t;
  auto add_key = [&](const std::string& key, int row) {
    auto& v = t.keys[key];
    if (std::find(v.begin(), v.end(), row) == v.end()) v.push_back(row);
  };
  // The 2021 form's long （六） labels end in 、行政机关不再处理其政府信息公开申请; the short forms
  // offices write (申请人逾期未按收费通知要求缴纳费用) name the same row.
  constexpr std::string_view kTail = "、行政机关不再处理其政府信息公开申请";
  auto short_label = [&](std::string_view label) {
    const auto at = label.find(kTail);
    return at == std::string_view::npos ? label : label.substr(0, at);
  };
  // `row` answers to its label alone (unless that is a bare 其他, which says
  // nothing) and to its group's label followed by it.
  auto add = [&](std::string_view group, std::string_view label, int row) {
    if (label.empty()) return;
    const std::string bare = OutcomeKey(label);
    if (bare != "其他") add_key(bare, row);
    if (!group.empty() && group != "三、本年度办理结果") add_key(OutcomeKey(group) + bare, row);
  };
  const auto rows = format::Table3Rows();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (!r.outcome) continue;
    if (other_split ? !r.in_v2021_split : !r.in_single_other) continue;
    const int row = static_cast<int>(i);
    add(r.group, r.label, row);
    add(r.group, short_label(r.label), row);
    for (std::string_view a : r.aliases) add(r.group, a, row);
  }
  // A single （六） row: the reasons of the split layout count into it.
  if (!other_split) {
    const int other = format::Table3RowIndex("other");
    for (const std::string_view k : {"other.no_correction", "other.no_fee", "other.other"}) {
      const auto& r = rows[static_cast<std::size_t>(format::Table3RowIndex(k))];
      add(r.group, r.label, other);
      add(r.group, short_label(r.label), other);
    }
  }
  return t;
}

const OutcomeTable& Outcomes(bool other_split) {
  static const OutcomeTable kSplit = BuildOutcomes(true);
  static const OutcomeTable kSingle = BuildOutcomes(false);
  return other_split ? kSplit : kSingle;
}

std::optional<bool> ParseYesNo(std::string_view s) {
  const std::string k = text::MatchKey(s);
  if (k.empty()) return false;
  for (const std::string_view yes : {"是", "Y", "y", "YES", "yes", "Yes", "1", "√", "延期", "已延期", "TRUE", "true"}) {
    if (k == yes) return true;
  }
  for (const std::string_view no : {"否", "N", "n", "NO", "no", "No", "0", "×", "不延期", "未延期", "无", "FALSE", "false", "/"}) {
    if (k == no) return false;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Date> ParseDate(const SheetCell& cell, bool date1904, std::string& why) {
  auto serial = [&](double v) -> std::optional<Date> {
    // 1900 system: day 60 is Excel's 1900-02-29, which never was; serials from 61 on are days since 1899-12-30.
    if (v < 61 || v > 2958465) {
      why = "数值" + cell.text + "不是有效的 Excel 日期序号";
      return std::nullopt;
    }
    const long whole = static_cast<long>(std::floor(v));
    const Date base = date1904 ? Date::FromYmd(1904, 1, 1) : Date::FromYmd(1899, 12, 30);
    const Date d = base + whole;
    if (d.year() < 1990 || d.year() > 2100) {
      why = "Excel 日期序号" + cell.text + "对应" + d.Chinese() + "，不在合理年份内";
      return std::nullopt;
    }
    return d;
  };
  if (cell.formula_without_value) {
    why = "为公式单元格，文件中没有计算结果（请在 Excel 中重新计算并保存）";
    return std::nullopt;
  }
  if (cell.number) return serial(*cell.number);
  const std::string s = Clean(cell.text);
  if (s.empty()) {
    why = "为空";
    return std::nullopt;
  }
  // Runs of digits and of other characters, up to a time of day.
  struct Token {
    bool digits;
    std::string text;
  };
  std::vector<Token> tokens;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t j = i;
    text::NextCodePoint(s, j);
    const std::string_view cp(s.data() + i, j - i);
    const bool digit = cp.size() == 1 && cp[0] >= '0' && cp[0] <= '9';
    if (tokens.empty() || tokens.back().digits != digit) tokens.push_back({digit, ""});
    tokens.back().text.append(cp);
    i = j;
  }
  std::vector<int> parts;
  std::vector<std::string> seps;  // before each part but the first
  std::string sep, leading;
  for (const Token& t : tokens) {
    if (!t.digits) {
      const bool time = t.text.find(':') != std::string::npos || t.text.find("时") != std::string::npos ||
                        (parts.size() >= 3 && (t.text.find(' ') != std::string::npos || t.text.find('T') != std::string::npos));
      if (time) break;
      if (parts.empty()) leading += t.text;
      else sep = t.text;
      continue;
    }
    if (t.text.size() > 8 || parts.size() >= 3) {
      why = Quote(s) + "不是日期";
      return std::nullopt;
    }
    if (!parts.empty()) seps.push_back(sep);
    sep.clear();
    parts.push_back(std::stoi(t.text));
  }
  if (!leading.empty()) {
    why = Quote(s) + "不是可识别的日期（可写作2024-03-05、2024/3/5、2024.3.5、2024年3月5日）";
    return std::nullopt;
  }
  // What follows the last number: 日 or nothing.
  const std::string trailing = sep;
  if (parts.size() == 1 && trailing.empty()) {
    const std::string only = tokens.front().text;
    if (only.size() == 8) {
      const int v = parts[0];
      try {
        return Date::FromYmd(v / 10000, v / 100 % 100, v % 100);
      } catch (const std::invalid_argument&) {
        why = Quote(s) + "不是存在的日期";
        return std::nullopt;
      }
    }
    if (only.size() == 5) return serial(parts[0]);
  }
  if (parts.size() == 3 && parts[0] >= 1900) {
    // Separators: - / . or 年 月 (日).
    const bool ymd_cn = seps.size() >= 2 && seps[0] == "年" && seps[1] == "月" && (trailing.empty() || trailing == "日" || trailing == "号");
    const bool plain = seps.size() >= 2 && seps[0] == seps[1] && (seps[0] == "-" || seps[0] == "/" || seps[0] == ".") &&
                       (trailing.empty() || trailing == " ");
    if (ymd_cn || plain) {
      try {
        return Date::FromYmd(parts[0], parts[1], parts[2]);
      } catch (const std::invalid_argument&) {
        why = Quote(s) + "不是存在的日期";
        return std::nullopt;
      }
    }
  }
  if (parts.size() == 3 && parts[2] >= 1900) {
    why = Quote(s) + "的年份在后（月/日/年或日/月/年无法区分），请写成2024-03-05";
    return std::nullopt;
  }
  why = Quote(s) + "不是可识别的日期（可写作2024-03-05、2024/3/5、2024.3.5、2024年3月5日）";
  return std::nullopt;
}

int ParseApplicantType(std::string_view s) {
  std::string k = text::MatchKey(s);
  for (std::size_t at; (at = k.find("其它")) != std::string::npos;) k.replace(at, std::string_view("其它").size(), "其他");
  if (k == "公民" || k == "个人") return 0;
  if (k == "其他组织" || k == "法人或其他组织其他" || k == "法人或其他组织-其他") return 5;
  const auto cols = format::Table3Columns();
  for (std::size_t c = 0; c + 1 < cols.size(); ++c) {
    if (k == cols[c].label) return static_cast<int>(c);
  }
  // 法人或其他组织—商业企业
  for (std::size_t c = 1; c + 1 < cols.size(); ++c) {
    if (k.starts_with("法人或其他组织") && k.ends_with(cols[c].label)) return static_cast<int>(c);
  }
  return -1;
}

int ParseOutcome(std::string_view s, bool other_split) {
  const std::string k = OutcomeKey(s);
  if (k.empty()) return -2;
  for (const std::string_view pending : {"办理中", "正在办理", "未办结", "待答复", "处理中", "在办", "未答复"}) {
    if (k == pending) return -2;
  }
  const auto& t = Outcomes(other_split);
  auto it = t.keys.find(k);
  if (it != t.keys.end() && it->second.size() == 1) return it->second[0];
  return -1;
}

Register ParseRegister(const Sheet& sheet, const std::string& path) {
  Register reg;
  reg.path = path;
  reg.format = sheet.format;
  if (std::all_of(sheet.rows.begin(), sheet.rows.end(), [](const auto& row) { return Blank(row); })) {
    throw SheetError("台账文件为空 / the register is empty");
  }
  // The header row: the first of the first 30 rows naming the most required columns.
  const auto& specs = Columns();
  std::size_t best_row = 0, best_required = 0;
  std::map<Column, std::size_t> best;
  const std::size_t scan = std::min<std::size_t>(sheet.rows.size(), 30);
  for (std::size_t r = 0; r < scan; ++r) {
    std::map<Column, std::size_t> found;
    std::size_t required = 0;
    for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
      const std::string key = HeaderKey(sheet.rows[r][c].text);
      if (key.empty()) continue;
      for (const ColumnSpec& spec : specs) {
        for (std::string_view v : spec.variants) {
          if (key == HeaderKey(v) && !found.count(spec.column)) {
            found[spec.column] = c;
            required += spec.required;
          } else if (key == HeaderKey(v) && found[spec.column] != c) {
            throw SheetError("台账第" + std::to_string(r + 1) + "行有两列都是" + Quote(spec.name) + "（第" +
                             CellName(r, found[spec.column]) + "和" + CellName(r, c) + "），无法确定用哪一列 / two columns named " +
                             std::string(spec.name));
          }
        }
      }
    }
    if (required > best_required) {
      best_required = required;
      best_row = r;
      best = found;
    }
  }
  std::vector<std::string> missing;
  for (const ColumnSpec& spec : specs) {
    if (spec.required && !best.count(spec.column)) missing.push_back(Quote(spec.name));
  }
  if (best_required < 2 || !missing.empty()) {
    std::string seen;
    const std::size_t r = best_required >= 2 ? best_row : 0;
    for (std::size_t k = 0; k < sheet.rows.size() && k <= r + 2 && seen.empty(); ++k) {
      std::vector<std::string> cells;
      for (const SheetCell& c : sheet.rows[std::max(k, r)]) {
        if (!text::Trim(c.text).empty()) cells.push_back(Quote(Clean(c.text)));
      }
      seen = Joined(cells, "、");
    }
    throw SheetError("未找到台账的表头：缺少" + Joined(missing.empty() ? std::vector<std::string>{"必填列"} : missing, "、") +
                     "列（必填列为：收到日期（或收到申请日期、申请日期、受理日期）、申请人类型、办理结果、答复日期（或办结日期））" +
                     (seen.empty() ? "" : "；表头行为：" + seen) + " / no register header: missing required columns");
  }
  reg.header_row = best_row;
  std::map<std::pair<Column, std::string>, std::set<int>> merged;  // (column, top-left) → rows
  for (std::size_t r = best_row + 1; r < sheet.rows.size(); ++r) {
    const auto& row = sheet.rows[r];
    const int number = static_cast<int>(r - best_row);
    if (Blank(row)) {
      reg.blank_rows.push_back(number);
      continue;
    }
    Entry e;
    e.row = number;
    e.sheet_row = r;
    static const SheetCell kEmpty{};
    auto cell = [&](Column c) -> const SheetCell& {
      auto it = best.find(c);
      if (it == best.end() || it->second >= row.size()) return kEmpty;
      const SheetCell& sc = row[it->second];
      if (!sc.merged_from.empty()) merged[{c, sc.merged_from}].insert(number);
      return sc;
    };
    auto name_of = [&](Column c) {
      for (const ColumnSpec& s : specs) {
        if (s.column == c) return Quote(s.name);
      }
      return std::string();
    };
    auto date_of = [&](Column c, bool required) -> std::optional<Date> {
      const SheetCell& sc = cell(c);
      if (!required && text::Trim(sc.text).empty() && !sc.formula) return std::nullopt;
      std::string why;
      auto d = ParseDate(sc, sheet.date1904, why);
      if (!d) {
        const std::string msg = name_of(c) + why;
        if (required) e.errors.push_back(msg);
        else e.warnings.push_back(msg);
      }
      return d;
    };
    e.received = date_of(Column::kReceived, true);
    const SheetCell& type = cell(Column::kApplicantType);
    e.applicant = ParseApplicantType(type.text);
    if (e.applicant < 0) {
      e.errors.push_back(text::Trim(type.text).empty()
                             ? name_of(Column::kApplicantType) + "为空"
                             : name_of(Column::kApplicantType) + Quote(Clean(type.text)) +
                                   "不是表三的申请人类别（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他）");
    }
    // The outcome is resolved when counting (the layout depends on the year); here only its presence.
    const SheetCell& answered = cell(Column::kAnswered);
    if (!text::Trim(answered.text).empty() || answered.formula) e.answered = date_of(Column::kAnswered, true);
    e.completion_requested = date_of(Column::kCompletionRequested, false);
    e.completion_received = date_of(Column::kCompletionReceived, false);
    if (best.count(Column::kExtended)) {
      const SheetCell& x = cell(Column::kExtended);
      const auto yes = ParseYesNo(x.text);
      if (!yes) e.warnings.push_back(name_of(Column::kExtended) + Quote(Clean(x.text)) + "不是“是”或“否”，按未延期计算期限");
      e.extended = yes.value_or(false);
    }
    if (best.count(Column::kConsultationDays)) {
      const SheetCell& x = cell(Column::kConsultationDays);
      const std::string v = Clean(x.text);
      if (!v.empty()) {
        char* end = nullptr;
        const long n = std::strtol(v.c_str(), &end, 10);
        if (end && (*end == '\0' || std::string_view(end) == "天" || std::string_view(end) == "个工作日") && n >= 0 && n < 400) {
          e.consultation_days = static_cast<int>(n);
        } else {
          e.warnings.push_back(name_of(Column::kConsultationDays) + Quote(v) + "不是工作日天数，按0天计算期限");
        }
      }
    }
    e.number = Clean(cell(Column::kNumber).text);
    e.applicant_name = Clean(cell(Column::kApplicant).text);
    e.outcome_text = Clean(cell(Column::kOutcome).text);
    if (cell(Column::kOutcome).formula_without_value) e.errors.push_back(name_of(Column::kOutcome) + "为公式单元格，文件中没有计算结果");
    reg.entries.push_back(std::move(e));
  }
  for (const auto& [key, rows] : merged) {
    Finding f;
    f.rule = "register.merged_cell";
    f.severity = "warning";
    std::string name;
    for (const ColumnSpec& s : specs) {
      if (s.column == key.first) name = Quote(s.name);
    }
    f.message = "台账" + name + "列的" + key.second + "为合并单元格，第" + std::to_string(*rows.begin()) + "条至第" +
                std::to_string(*rows.rbegin()) + "条均取其值（共" + std::to_string(rows.size()) + "条），请核对";
    f.register_row = *rows.begin();
    reg.findings.push_back(std::move(f));
  }
  return reg;
}

namespace {

std::string RowName(const Register&, const Entry& e) {
  std::string s = "台账第" + std::to_string(e.row) + "条（文件第" + std::to_string(e.sheet_row + 1) + "行";
  if (!e.number.empty()) s += "，编号" + e.number;
  return s + "）";
}

Finding RowFinding(std::string rule, std::string severity, const Entry& e, std::string message) {
  Finding f;
  f.rule = std::move(rule);
  f.severity = std::move(severity);
  f.message = std::move(message);
  f.register_row = e.row;
  return f;
}

}  // namespace

Report CountTable3(const Register& reg, const CountOptions& options, const Calendar& calendar) {
  const int year = options.year;
  const bool split = options.other_split.value_or(year >= 2021);
  Report r;
  r.source.path = reg.path;
  r.source.format = reg.format;
  r.meta.year = year;
  r.meta.format_version = split ? format::Version::kV2021 : format::Version::kV2019;
  r.table3.other_split = split;
  r.table3.found = true;
  const auto rows = format::Table3Rows();
  r.table3.rows.resize(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!Table3RowInLayout(r.table3, i)) continue;
    for (auto& c : r.table3.rows[i]) {
      c.value = 0;
      c.found = true;
      c.raw = "0";
    }
  }
  const Date first = Date::FromYmd(year, 1, 1), last = Date::FromYmd(year, 12, 31);
  auto add = [&](std::string_view key, int column) {
    auto& row = r.table3.rows[static_cast<std::size_t>(format::Table3RowIndex(key))];
    *row[static_cast<std::size_t>(column)].value += 1;
    *row[format::kTable3Columns - 1].value += 1;
  };
  auto add_index = [&](int index, int column) { add(rows[static_cast<std::size_t>(index)].key, column); };
  std::vector<int> outside_calendar;
  for (const Entry& src : reg.entries) {
    Entry e = src;
    const std::string& outcome_text = e.outcome_text;
    const int outcome = ParseOutcome(outcome_text, split);
    if (outcome == -1) {
      e.errors.push_back("“办理结果”" + Quote(outcome_text) + "不是表三的办理结果（应写表三的行名，如“予以公开”“不予公开-属于国家秘密”“无法提供-本机关不掌握相关政府信息”）");
    }
    const bool has_outcome = outcome >= 0;
    if (has_outcome && !e.answered && std::none_of(e.errors.begin(), e.errors.end(), [](const std::string& s) { return s.starts_with("“答复日期”"); })) {
      e.errors.push_back("有办理结果" + Quote(outcome_text) + "但没有“答复日期”");
    }
    if (outcome == -2 && e.answered) e.errors.push_back("有“答复日期”" + e.answered->Iso() + "但没有办理结果");
    if (e.received && e.answered && *e.answered < *e.received) {
      e.errors.push_back("“答复日期”" + e.answered->Iso() + "早于“收到日期”" + e.received->Iso());
    }
    if (e.received && e.completion_received && *e.completion_received < *e.received) {
      e.errors.push_back("“收到补正日期”" + e.completion_received->Iso() + "早于“收到日期”" + e.received->Iso());
    }
    if (!e.errors.empty()) {
      r.findings.push_back(RowFinding("register.row_invalid", "error", e,
                                      RowName(reg, e) + "无法计入表三：" + Joined(e.errors, "；") + "。该条未计入任何单元格"));
      continue;
    }
    for (const std::string& w : e.warnings) {
      r.findings.push_back(RowFinding("register.value_unclear", "warning", e, RowName(reg, e) + "：" + w));
    }
    const Date received = *e.received;
    const bool answered_in_year = e.answered && *e.answered >= first && *e.answered <= last;
    if (received >= first && received <= last) add("new_received", e.applicant);
    if (received < first && (!e.answered || *e.answered >= first)) add("carried_over", e.applicant);
    if (answered_in_year) {
      add_index(outcome, e.applicant);
      add("total", e.applicant);
    }
    if (received <= last && (!e.answered || *e.answered > last)) add("carried_forward", e.applicant);

    // Deadlines: answers given in the year, and applications still open at its end.
    const bool open_at_end = received <= last && (!e.answered || *e.answered > last);
    if (!answered_in_year && !open_at_end) continue;
    DeadlineInput in;
    in.received = received;
    in.completion_requested = e.completion_requested;
    in.completion_received = e.completion_received;
    in.extended = e.extended;
    in.consultation_days = e.consultation_days;
    Deadline d;
    try {
      d = ComputeDeadline(calendar, in);
    } catch (const OutsideCalendar& x) {
      // Open at the year's end with a deadline only next year: not late in this year.
      if (open_at_end && x.date() > last) continue;
      outside_calendar.push_back(e.row);
      continue;
    }
    std::vector<std::string> changed;
    if (d.completion_moved) changed.push_back("补正后自" + d.start.Chinese() + "起重新计算");
    if (d.extended) changed.push_back("延期20个工作日");
    if (d.consultation_days) changed.push_back("扣除征求意见" + std::to_string(d.consultation_days) + "个工作日");
    auto facts = [&](Finding& f, std::optional<Date> answered, int over) {
      f.facts = {{"received", JsonString(received.Iso())},
                 {"due", JsonString(d.due.Iso())},
                 {"answered", answered ? JsonString(answered->Iso()) : "null"},
                 {"working_days_over", std::to_string(over)},
                 {"extended", d.extended ? "true" : "false"},
                 {"completion", d.completion_moved ? "true" : "false"},
                 {"consultation_days", std::to_string(d.consultation_days)},
                 {"due_changed", changed.empty() ? "false" : "true"},
                 {"due_without_changes", JsonString(d.due_without_changes.Iso())}};
    };
    const std::string basis = changed.empty() ? "（收到之日起20个工作日）" : "（" + Joined(changed, "，") + "；未计这些时为" + d.due_without_changes.Chinese() + "）";
    if (answered_in_year && *e.answered > d.due) {
      const int over = WorkingDaysLate(calendar, d.due, *e.answered);
      Finding f = RowFinding("register.overdue", "error", e,
                             RowName(reg, e) + "答复超过法定期限：" + received.Chinese() + "收到，应于" + d.due.Chinese() + "前答复" + basis +
                                 "，" + e.answered->Chinese() + "答复，超过" + std::to_string(over) + "个工作日");
      facts(f, e.answered, over);
      r.findings.push_back(std::move(f));
    } else if (open_at_end && d.due < last) {
      const int over = WorkingDaysLate(calendar, d.due, last);
      Finding f = RowFinding("register.overdue", "error", e,
                             RowName(reg, e) + "至" + last.Chinese() + "仍未答复，已超过法定期限：" + received.Chinese() + "收到，应于" +
                                 d.due.Chinese() + "前答复" + basis + "，至年底已超过" + std::to_string(over) + "个工作日");
      facts(f, std::nullopt, over);
      r.findings.push_back(std::move(f));
    }
    if (d.completion_notice_due && e.completion_requested && *e.completion_requested > *d.completion_notice_due) {
      const int over = WorkingDaysLate(calendar, *d.completion_notice_due, *e.completion_requested);
      Finding f = RowFinding("register.completion_late", "warning", e,
                             RowName(reg, e) + "补正告知超过7个工作日：" + received.Chinese() + "收到，应于" +
                                 d.completion_notice_due->Chinese() + "前告知补正，" + e.completion_requested->Chinese() + "告知，超过" +
                                 std::to_string(over) + "个工作日");
      f.facts = {{"received", JsonString(received.Iso())},
                 {"due", JsonString(d.completion_notice_due->Iso())},
                 {"answered", JsonString(e.completion_requested->Iso())},
                 {"working_days_over", std::to_string(over)}};
      r.findings.push_back(std::move(f));
    }
  }
  if (!outside_calendar.empty()) {
    Finding f;
    f.rule = "register.calendar_missing";
    f.severity = "warning";
    f.register_row = outside_calendar.front();
    std::vector<std::string> names;
    for (std::size_t k = 0; k < outside_calendar.size() && k < 20; ++k) names.push_back(std::to_string(outside_calendar[k]));
    f.message = "台账第" + Joined(names, "、") + (outside_calendar.size() > 20 ? "等" : "") + "条（共" + std::to_string(outside_calendar.size()) +
                "条）的期限涉及工作日历未收录的年份（已收录" + std::to_string(calendar.first_year()) + "—" +
                std::to_string(calendar.last_year()) + "年），未核查是否超期";
    r.findings.push_back(std::move(f));
  }
  if (!reg.blank_rows.empty()) {
    Finding f;
    f.rule = "register.blank_rows";
    f.severity = "info";
    f.register_row = reg.blank_rows.front();
    std::vector<std::string> names;
    for (std::size_t k = 0; k < reg.blank_rows.size() && k < 20; ++k) names.push_back(std::to_string(reg.blank_rows[k]));
    f.message = "台账第" + Joined(names, "、") + (reg.blank_rows.size() > 20 ? "等" : "") + "条为空行（共" +
                std::to_string(reg.blank_rows.size()) + "行），已跳过";
    r.findings.push_back(std::move(f));
  }
  for (const Finding& f : reg.findings) r.findings.push_back(f);
  return r;
}

std::vector<Finding> CompareTable3(const Report& count, const Report& report) {
  std::vector<Finding> out;
  const auto rows = format::Table3Rows();
  const auto cols = format::Table3Columns();
  auto value = [&](const Report& rep, std::string_view key, std::size_t c) -> std::optional<double> {
    const int i = format::Table3RowIndex(key);
    if (i < 0 || static_cast<std::size_t>(i) >= rep.table3.rows.size()) return std::nullopt;
    if (!Table3RowInLayout(rep.table3, static_cast<std::size_t>(i))) {
      // The other （六） layout: the single row is the sum of the three.
      if (key == "other") {
        double sum = 0;
        for (const std::string_view k : {"other.no_correction", "other.no_fee", "other.other"}) {
          const auto v = rep.table3.rows[static_cast<std::size_t>(format::Table3RowIndex(k))][c].value;
          if (!v) return std::nullopt;
          sum += *v;
        }
        return sum;
      }
      return std::nullopt;
    }
    return rep.table3.rows[static_cast<std::size_t>(i)][c].value;
  };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!Table3RowInLayout(report.table3, i) && !(rows[i].key == "other" && !report.table3.rows.empty())) continue;
    if (!Table3RowInLayout(report.table3, i)) continue;
    for (std::size_t c = 0; c < cols.size(); ++c) {
      std::optional<double> counted = value(count, rows[i].key, c);
      if (!counted && report.table3.other_split && !count.table3.other_split) continue;  // cannot split a single row
      std::optional<double> printed;
      if (i < report.table3.rows.size()) printed = report.table3.rows[i][c].value;
      const double printed_value = printed.value_or(-1), counted_value = counted.value_or(-1);
      if (counted && printed && counted_value == printed_value) continue;
      Finding f;
      f.rule = "register.against";
      f.severity = "error";
      f.table = 3;
      f.row = std::string(rows[i].key);
      f.column = std::string(cols[c].key);
      f.cells = {CellRef{3, f.row, f.column}};
      const std::string printed_text = printed ? number::Format(printed_value) : std::string("空");
      const std::string counted_text = counted ? number::Format(counted_value) : std::string("无法统计");
      f.message = "表三" + Quote(std::string(cols[c].label)) + "列" + Quote(std::string(rows[i].label)) + "行：报告填报" + printed_text +
                  "，台账统计为" + counted_text;
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace gongkai::reg
