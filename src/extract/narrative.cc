#include "extract/narrative.h"

#include <algorithm>
#include <optional>

#include "format/labels.h"
#include "util/number.h"
#include "util/text.h"

namespace gongkai::extract {

std::size_t FlatText::Source(std::size_t i) const {
  if (source.empty()) return 0;
  return i < source.size() ? source[i] : source.back() + 1;
}

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Phrases of the running text (not labels of the form: the form's labels are
// read from format/labels.h below). Each maps to what the figure after it
// counts; lower `rank` wins when several phrases occur before one figure.
enum class Kind { kRow3, kLoad3, kColumn3, kRow2, kGroup4 };
struct Phrase {
  std::string_view words;
  Kind kind;
  int rank;
  std::string_view target;  // row key or group key; "" for computed targets
  std::string_view column;  // column key where it is fixed
};

constexpr Phrase kPhrases[] = {
    // Table 三: the rows people write about in their own words.
    {"结转下年度", Kind::kRow3, 0, "carried_forward", ""},
    {"转结下年度", Kind::kRow3, 0, "carried_forward", ""},
    {"结转至下年度", Kind::kRow3, 0, "carried_forward", ""},
    {"上年结转", Kind::kRow3, 0, "carried_over", ""},
    {"上年转结", Kind::kRow3, 0, "carried_over", ""},
    {"上年度结转", Kind::kRow3, 0, "carried_over", ""},
    {"同意公开", Kind::kRow3, 1, "granted", ""},
    {"收到和处理", Kind::kLoad3, 2, "", ""},
    {"收到并处理", Kind::kLoad3, 2, "", ""},
    {"新收", Kind::kRow3, 3, "new_received", ""},
    {"新受理", Kind::kRow3, 3, "new_received", ""},
    {"共收到", Kind::kRow3, 3, "new_received", ""},
    {"收到", Kind::kRow3, 4, "new_received", ""},
    {"受理", Kind::kRow3, 4, "new_received", ""},
    {"答复", Kind::kRow3, 4, "total", ""},
    {"办结", Kind::kRow3, 4, "total", ""},
    {"办理", Kind::kLoad3, 5, "", ""},
    {"办件", Kind::kLoad3, 5, "", ""},
    {"处理", Kind::kLoad3, 6, "", ""},
    // Table 三 columns: "其中自然人申请363件" qualifies the row before it.
    {"法人或其他组织", Kind::kColumn3, 0, "", "org"},
    {"法人", Kind::kColumn3, 1, "", "org"},
    // Table 四.
    {"复议后起诉", Kind::kGroup4, 0, "litigation_after_review", ""},
    {"直接起诉", Kind::kGroup4, 0, "litigation_direct", ""},
    {"行政诉讼", Kind::kGroup4, 1, "litigation", ""},
    {"行政复议", Kind::kGroup4, 2, "review", ""},
};

// Table 二 columns of 规章/行政规范性文件 (v2021), in the words of the text.
struct DocWord {
  std::string_view words;
  std::string_view column;
};
constexpr DocWord kDocWords[] = {
    {"现行有效", "in_force"}, {"废止", "repealed"}, {"失效", "repealed"}, {"清理", "repealed"},
    {"制发", "issued"},       {"印发", "issued"},   {"出台", "issued"},   {"制定", "issued"},
};
// "行政规范性84件": reports drop 文件.
constexpr std::string_view kNormativeStem = "规范性";

// Words that may stand between a Table 二 row name and its figure
// ("行政许可决定数50535个", "行政事业性收费共474.88577万元").
constexpr std::string_view kTable2Filler[] = {"处理决定数量", "决定数量", "决定数", "决定", "数量",
                                              "共计",         "合计",     "总计",   "共",   "计",
                                              "为",           "达",       "约",     "金额", "收入",
                                              "案件",         "件数",     "事项",   "的"};

// Figures in sentences with these words compare or qualify (同比增长5件,
// 被纠错0件) and are not counts of a table cell.
constexpr std::string_view kSkipWords[] = {"同比", "增长", "下降", "增加", "减少", "较上年",
                                           "纠错", "败诉", "纠正", "维持", "撤销", "超过",
                                           "以上", "以内", "不超过", "%", "％", "平均", "人次"};

// Other business counted with the same verbs ("受理各类群众诉求办件109513件").
constexpr std::string_view kOtherBusiness[] = {"诉求", "热线", "留言", "咨询", "信访", "投诉",
                                               "议提案", "建议", "提案"};

constexpr std::string_view kCountUnits[] = {"件", "个", "宗", "起"};
constexpr std::string_view kMoneyUnits[] = {"万元", "亿元", "元"};

bool IsClauseEnd(std::string_view s, std::size_t i, std::size_t& len) {
  static constexpr std::string_view kEnds[] = {"，", "。", "；", "：", "！", "？", ",", ";", ":", "!", "?"};
  for (std::string_view e : kEnds) {
    if (s.compare(i, e.size(), e) == 0) {
      len = e.size();
      return true;
    }
  }
  return false;
}
// "；" separates the items of one enumeration ("其中予以公开105件；同意部分
// 公开87件"): only "。" ends what a "其中" refers to.
bool IsSentenceEnd(std::string_view s, std::size_t i) { return s.compare(i, 3, "。") == 0; }

// The label as people write it in prose: without its enumerator ("（一）",
// "1.") and without a trailing parenthetical remark.
std::string ProseLabel(std::string_view label) {
  std::string s(label);
  if (s.rfind("（", 0) == 0) {
    const std::size_t close = s.find("）");
    if (close != std::string::npos) s.erase(0, close + 3);
  } else {
    std::size_t i = 0;
    while (i < s.size() && (IsDigit(s[i]))) ++i;
    if (i > 0 && i < s.size() && s[i] == '.') s.erase(0, i + 1);
  }
  const std::size_t paren = s.find("（");
  if (paren != std::string::npos && paren > 0) s.resize(paren);
  return s;
}

struct Hit {
  int rank = 1000;
  std::size_t pos = 0;
  bool found = false;
};
// Keeps the better of two candidate phrases: lower rank, then closer to the figure.
bool Better(int rank, std::size_t pos, const Hit& h) {
  return !h.found || rank < h.rank || (rank == h.rank && pos > h.pos);
}

bool Contains(std::string_view s, std::string_view w) { return !w.empty() && s.find(w) != std::string_view::npos; }

// Strips Table 二 filler words from the start of `tail`; true if nothing else is left.
bool OnlyFiller(std::string_view tail) {
  bool progress = true;
  while (!tail.empty() && progress) {
    progress = false;
    for (std::string_view f : kTable2Filler) {
      if (tail.substr(0, f.size()) == f) {
        tail.remove_prefix(f.size());
        progress = true;
        break;
      }
    }
  }
  return tail.empty();
}

struct Number {
  std::size_t begin = 0, end = 0;  // in flat text, number and unit
  double value = 0;
  std::string unit;
  int decimals = 0;
};

// The number starting at `i` (a digit not preceded by a digit), with its unit.
std::optional<Number> ReadNumber(const std::string& s, std::size_t i, std::size_t& digits_end) {
  std::size_t j = i;
  int decimals = -1;
  while (j < s.size()) {
    if (IsDigit(s[j])) {
      if (decimals >= 0) ++decimals;
      ++j;
    } else if (s[j] == '.' && decimals < 0 && j + 1 < s.size() && IsDigit(s[j + 1])) {
      decimals = 0;
      ++j;
    } else if (s[j] == ',' && j + 1 < s.size() && IsDigit(s[j + 1])) {  // 1,234
      ++j;
    } else {
      break;
    }
  }
  digits_end = j;
  std::string unit;
  for (std::string_view u : kMoneyUnits) {
    if (s.compare(j, u.size(), u) == 0) unit = std::string(u);
  }
  if (unit.empty()) {
    for (std::string_view u : kCountUnits) {
      if (s.compare(j, u.size(), u) == 0) unit = std::string(u);
    }
  }
  if (unit.empty()) return std::nullopt;
  // "一件事", "个人": the unit character begins a word, not a count.
  if (unit == "件" && s.compare(j + 3, 3, "事") == 0) return std::nullopt;
  if (unit == "个" && s.compare(j + 3, 3, "人") == 0) return std::nullopt;
  const auto parsed = number::Parse(std::string_view(s).substr(i, j + unit.size() - i));
  if (!parsed) return std::nullopt;
  Number n;
  n.begin = i;
  n.end = j + unit.size();
  n.value = parsed->value;
  n.unit = unit;
  n.decimals = decimals < 0 ? 0 : decimals;
  return n;
}

NarrativeTarget Target3(std::string_view row, std::string_view column) {
  NarrativeTarget t;
  t.table = 3;
  t.rows.emplace_back(row);
  if (column == "org") {
    for (std::size_t c = 1; c + 1 < format::kTable3Columns; ++c) {
      t.columns.emplace_back(format::Table3Columns()[c].key);
    }
  } else {
    t.columns.emplace_back(column);
  }
  return t;
}

class Classifier {
 public:
  explicit Classifier(format::Version version) : version_(version) {
    // Table 三 rows and groups by their labels as written in prose.
    for (const auto& r : format::Table3Rows()) {
      if (!r.outcome) continue;
      // "3.其他" is too short a name to be recognised in prose; it still
      // belongs to its group.
      if (!r.needs_number) {
        rows3_.push_back({ProseLabel(r.label), std::string(r.key)});
        for (std::string_view a : r.aliases) {
          if (!a.empty()) rows3_.push_back({ProseLabel(a), std::string(r.key)});
        }
      }
      if (!r.group.empty() && r.group.rfind("（", 0) == 0) {
        const std::string g = ProseLabel(r.group);
        auto it = std::find_if(groups3_.begin(), groups3_.end(), [&](const auto& x) { return x.first == g; });
        if (it == groups3_.end()) {
          groups3_.push_back({g, {}});
          it = groups3_.end() - 1;
        }
        it->second.emplace_back(r.key);
      }
    }
    // （六）其他处理 printed as one row (v2019) belongs to its own group.
    for (auto& g : groups3_) {
      if (g.second.front().rfind("other.", 0) == 0) g.second.emplace_back("other");
    }
    for (const auto& c : format::Table3Columns()) {
      if (c.key == "other_org" || c.key == "total") continue;  // "其他"/"总计" are not names
      columns3_.push_back({std::string(c.label), std::string(c.key)});
    }
  }

  // What the figure after `segment` (words since the previous number of its
  // clause) counts. `sentence` is the sentence so far; `last_row3` the Table
  // 三 row of the sentence's previous figure; `in_section4` whether the
  // figure stands in section 四.
  std::optional<NarrativeFigure> Classify(std::string_view segment, std::string_view sentence,
                                          const Number& n, std::string& last_row3, bool in_section4) const {
    for (std::string_view w : kSkipWords) {
      if (Contains(segment, w)) return std::nullopt;
    }
    const bool money = n.unit == "元" || n.unit == "万元" || n.unit == "亿元";
    NarrativeFigure f;
    f.value = n.value;
    f.unit = n.unit;
    f.decimals = n.decimals;

    // Table 二 first: its row names are specific ("行政许可") and must stand
    // right before the figure.
    for (const auto& row : format::Table2Rows(version_)) {
      std::vector<std::string_view> names = {row.label};
      for (std::string_view a : row.aliases) {
        if (!a.empty()) names.push_back(a);
      }
      if (row.key == "normative_documents") names.push_back(kNormativeStem);
      for (std::string_view name : names) {
        const std::size_t at = segment.rfind(name);
        if (at == std::string_view::npos) continue;
        if (row.columns.size() == 3 && !row.money && version_ != format::Version::kV2019) {
          // 规章 / 行政规范性文件: the column is named in the words around.
          Hit best;
          std::string_view column;
          for (const DocWord& d : kDocWords) {
            const std::size_t p = segment.rfind(d.words);
            if (p != std::string_view::npos && Better(0, p, best)) {
              best = {0, p, true};
              column = d.column;
            }
          }
          if (!best.found || money) return std::nullopt;
          f.topic = "table2." + std::string(row.key) + "." + std::string(column);
          f.alternatives.push_back({2, {std::string(row.key)}, {std::string(column)}});
          return f;
        }
        if (!OnlyFiller(segment.substr(at + name.size()))) continue;
        if (row.money != money) return std::nullopt;  // v2019 fee items are counts
        if (!row.scalar && !row.money) {
          const auto dec = std::find_if(row.columns.begin(), row.columns.end(),
                                        [](const auto& c) { return c.key == "decisions"; });
          if (dec == row.columns.end()) return std::nullopt;
        }
        if (!money && n.unit != "件" && n.unit != "个" && n.unit != "宗") return std::nullopt;
        f.topic = "table2." + std::string(row.key);
        f.alternatives.push_back({2, {std::string(row.key)}, {std::string(row.columns.back().key)}});
        if (!row.scalar && !row.money) f.alternatives.back().columns = {"decisions"};
        return f;
      }
    }
    if (money) return std::nullopt;

    // Table 四: only where the text speaks of its own disclosure cases.
    if (in_section4 || Contains(sentence, "信息公开")) {
      Hit best;
      const Phrase* chosen = nullptr;
      for (const Phrase& p : kPhrases) {
        if (p.kind != Kind::kGroup4) continue;
        const std::size_t at = segment.rfind(p.words);
        if (at != std::string_view::npos && Better(p.rank, at, best)) {
          best = {p.rank, at, true};
          chosen = &p;
        }
      }
      if (chosen) {
        f.topic = "table4." + std::string(chosen->target);
        NarrativeTarget t;
        t.table = 4;
        if (chosen->target == "litigation") {
          t.rows = {"litigation_direct", "litigation_after_review"};
        } else {
          t.rows = {std::string(chosen->target)};
        }
        t.columns = {"total"};
        f.alternatives.push_back(std::move(t));
        return f;
      }
    }

    // Table 三: only in sentences about requests for disclosure.
    const bool about_requests = Contains(sentence, "申请");
    if (!about_requests) return std::nullopt;
    Hit best;
    std::string row;
    bool load = false;
    std::vector<std::string> group;
    auto consider = [&](std::string_view words, int rank, auto&& apply) {
      const std::size_t at = segment.rfind(words);
      if (at != std::string_view::npos && Better(rank, at, best)) {
        best = {rank, at, true};
        apply();
      }
    };
    for (const Phrase& p : kPhrases) {
      if (p.kind != Kind::kRow3 && p.kind != Kind::kLoad3) continue;
      consider(p.words, p.rank, [&] {
        row = std::string(p.target);
        load = p.kind == Kind::kLoad3;
        group.clear();
      });
    }
    // The form's own row names are more specific than any verb.
    for (const auto& [words, key] : rows3_) {
      consider(words, 1, [&, k = key] {
        row = k;
        load = false;
        group.clear();
      });
    }
    for (const auto& [words, keys] : groups3_) {
      consider(words, 1, [&, ks = keys] {
        row.clear();
        load = false;
        group = ks;
      });
    }
    // A generic verb (受理, 办理, 答复) counts disclosure requests only if
    // nothing says the count is of another kind of business.
    if (best.found && best.rank >= 2 && group.empty()) {
      for (std::string_view w : kOtherBusiness) {
        if (Contains(segment, w)) return std::nullopt;
      }
    }
    std::string column = "total";
    Hit col_hit;
    for (const Phrase& p : kPhrases) {
      if (p.kind != Kind::kColumn3) continue;
      const std::size_t at = segment.rfind(p.words);
      if (at != std::string_view::npos && Better(p.rank, at, col_hit)) {
        col_hit = {p.rank, at, true};
        column = std::string(p.column);
      }
    }
    for (const auto& [words, key] : columns3_) {
      const std::size_t at = segment.rfind(words);
      if (at != std::string_view::npos && Better(0, at, col_hit)) {
        col_hit = {0, at, true};
        column = key;
      }
    }
    if (!best.found) {
      // "其中自然人申请363件": a column of the row the sentence spoke of.
      if (!col_hit.found || last_row3.empty()) return std::nullopt;
      row = last_row3;
    }
    if (!group.empty()) {
      f.topic = "table3." + group.front().substr(0, group.front().find('.'));
      NarrativeTarget t = Target3(group.front(), column);
      t.rows = group;
      f.alternatives.push_back(std::move(t));
      last_row3.clear();
      return f;
    }
    if (load) {
      // "共办理依申请件27件": all requests on hand, the new ones alone or with
      // those carried over (reports use both readings).
      f.topic = "table3.handled";
      f.alternatives.push_back(Target3("new_received", column));
      NarrativeTarget both = Target3("new_received", column);
      both.rows.emplace_back("carried_over");
      f.alternatives.push_back(std::move(both));
      last_row3 = "new_received";
      return f;
    }
    f.topic = "table3." + row;
    f.alternatives.push_back(Target3(row, column));
    last_row3 = row;
    return f;
  }

 private:
  format::Version version_;
  std::vector<std::pair<std::string, std::string>> rows3_;
  std::vector<std::pair<std::string, std::vector<std::string>>> groups3_;
  std::vector<std::pair<std::string, std::string>> columns3_;
};

}  // namespace

FlatText Flatten(std::string_view text) {
  FlatText out;
  out.text.reserve(text.size());
  out.source.reserve(text.size());
  std::size_t i = 0;
  bool pending_space = false;
  std::size_t space_at = 0;
  while (i < text.size()) {
    const std::size_t at = i;
    char32_t c = text::NextCodePoint(text, i);
    if (text::IsSpace(c)) {
      if (!pending_space) space_at = at;
      pending_space = true;
      continue;
    }
    if (c >= U'０' && c <= U'９') c = U'0' + (c - U'０');
    if (c == U'．') c = U'.';
    const bool digit = c >= U'0' && c <= U'9';
    if (pending_space && digit && !out.text.empty() && IsDigit(out.text.back())) {
      out.text += ' ';
      out.source.push_back(space_at);
    }
    pending_space = false;
    const std::size_t before = out.text.size();
    text::AppendCodePoint(out.text, c);
    for (std::size_t k = before; k < out.text.size(); ++k) out.source.push_back(at);
  }
  return out;
}

std::vector<NarrativeFigure> ExtractNarrative(const Report& report) {
  std::vector<NarrativeFigure> out;
  const FlatText flat = Flatten(report.text);
  const std::string& s = flat.text;
  const Classifier classifier(report.table2.version == format::Version::kUnknown ? report.meta.format_version
                                                                                 : report.table2.version);
  // Section 四 spans from its heading to the next heading.
  std::size_t s4_begin = std::string::npos, s4_end = std::string::npos;
  for (std::size_t k = 0; k < report.sections.size(); ++k) {
    if (report.sections[k].number != 4) continue;
    s4_begin = report.sections[k].offset;
    s4_end = k + 1 < report.sections.size() ? report.sections[k + 1].offset : report.text.size();
  }

  std::size_t sentence_begin = 0, segment_begin = 0;
  std::string last_row3;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t len = 0;
    if (IsClauseEnd(s, i, len)) {
      if (IsSentenceEnd(s, i)) {
        sentence_begin = i + len;
        last_row3.clear();
      }
      segment_begin = i + len;
      i += len;
      continue;
    }
    if (!IsDigit(s[i]) || (i > 0 && (IsDigit(s[i - 1]) || s[i - 1] == '.'))) {
      ++i;
      continue;
    }
    std::size_t digits_end = i;
    const std::optional<Number> n = ReadNumber(s, i, digits_end);
    if (!n) {
      // A year, a date, a percentage: a boundary, not a figure.
      segment_begin = std::max(segment_begin, digits_end);
      i = std::max(digits_end, i + 1);
      continue;
    }
    const std::string_view segment = std::string_view(s).substr(segment_begin, n->begin - segment_begin);
    const std::string_view sentence = std::string_view(s).substr(sentence_begin, n->begin - sentence_begin);
    const std::size_t offset = flat.Source(n->begin);
    const bool in_s4 = s4_begin != std::string::npos && offset >= s4_begin && offset < s4_end;
    if (auto f = classifier.Classify(segment, sentence, *n, last_row3, in_s4)) {
      f->offset = offset;
      // The last byte of the unit maps to the start of its code point.
      std::size_t k = flat.Source(n->end - 1);
      text::NextCodePoint(report.text, k);
      f->length = k - offset;
      out.push_back(std::move(*f));
    }
    segment_begin = n->end;
    i = n->end;
  }
  return out;
}

}  // namespace gongkai::extract
