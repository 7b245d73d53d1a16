#include "extract/narrative.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <span>

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
// v2019: 本年新制作数量 / 本年新公开数量 / 对外公开总数量. A bare "公开" is
// not enough: "公开规范性文件12件" may mean either of the last two.
constexpr DocWord kDocWords2019[] = {
    {"新制作", "made"},       {"制作", "made"},           {"制发", "made"},
    {"印发", "made"},         {"出台", "made"},           {"制定", "made"},
    {"新公开", "published"},  {"对外公开总数", "total_published"}, {"公开总数", "total_published"},
    {"累计公开", "total_published"},
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
// 以来/历年: counts since a year ("自2008年…施行以来，累计受理…4216件").
constexpr std::string_view kSkipWords[] = {"同比", "增长", "下降", "增加", "减少", "较上年", "比上年",
                                           "比去年", "较去年", "环比", "上升", "增幅", "降幅", "多收",
                                           "少收", "纠错", "败诉", "纠正", "维持", "撤销", "超过",
                                           "以上", "以内", "不超过", "%", "％", "平均", "人次",
                                           "以来", "历年", "分别", "复议机关"};

// Words before a Table 二 row name that make the figure a part of it
// ("为市场主体减免行政事业性收费120万元").
constexpr std::string_view kTable2Narrowing[] = {"减免", "免征", "免收", "减征", "停征", "退还", "返还", "降低"};

// Words that speak of disclosure requests: a Table 三 figure in a paragraph
// without them ("各镇共收到申请400件") may count something else.
constexpr std::string_view kDisclosureWords[] = {"信息公开", "依申请", "公开申请"};

// After a generic verb: the requests of one topic ("收到涉及征地拆迁的申请126件").
constexpr std::string_view kTopicWords[] = {"涉及", "关于", "有关", "领域"};
// Ways requests arrive: after 其中 or right before the verb they make the
// figure a part ("其中网上受理312件、当面受理54件").
constexpr std::string_view kChannelWords[] = {"网上", "网络", "在线", "当面", "现场", "信函", "邮寄",
                                              "邮件", "传真", "电话", "窗口"};

// The collective subject of all applicants ("收到公民、法人和其他组织申请386件"):
// not the legal-person columns.
constexpr std::string_view kCollectiveSubjects[] = {
    "公民、法人和其他组织", "公民、法人或其他组织", "公民、法人或者其他组织", "公民、法人及其他组织",
    "自然人、法人和其他组织", "自然人、法人或其他组织", "自然人、法人或者其他组织", "自然人、法人及其他组织",
    "公民、法人", "自然人、法人", "公民和法人", "自然人和法人"};

// Words that join two row names into one figure ("予以公开及部分公开192件").
constexpr std::string_view kJoiners[] = {"以及", "及", "和", "与", "、", "或"};
// Words that may stand between the joined names or after the last one.
constexpr std::string_view kJoinFiller[] = {"同意", "的", "共计", "合计", "总计", "共", "计", "为", "数", "申请"};

// Other business counted with the same verbs ("受理各类群众诉求办件109513件").
// Reviews and suits are Table 四's ("收到行政复议申请125件"); permits,
// registrations and services are other applications.
constexpr std::string_view kOtherBusiness[] = {"诉求", "热线", "留言", "咨询", "信访", "投诉", "议提案",
                                               "建议", "提案", "复议", "诉讼", "许可", "审批", "登记",
                                               "企业开办", "注册", "政务服务", "不动产"};

// Words after which an other-business word is the name of an agency ("市信访局
// 共收到政府信息公开申请12件" is the 信访局's own disclosure requests).
// Not 办/处: "投诉办理", "信访处理" are the other business itself.
constexpr std::string_view kAgencySuffixes[] = {"局", "办公室", "委员会", "中心"};
// The object that makes a count one of disclosure requests whatever came before.
constexpr std::string_view kRequestObjects[] = {"信息公开申请", "依申请公开", "公开申请"};

// Whether `segment` says that a generic verb counts another kind of business.
// An other-business word does not count when it names the agency or when the
// disclosure requests themselves are named after it.
bool OtherBusiness(std::string_view segment) {
  for (std::string_view w : kOtherBusiness) {
    for (std::size_t at = segment.find(w); at != std::string_view::npos; at = segment.find(w, at + w.size())) {
      const std::string_view after = segment.substr(at + w.size());
      bool agency = false;
      for (std::string_view a : kAgencySuffixes) agency |= after.substr(0, a.size()) == a;
      if (agency) continue;
      bool object_named = false;
      for (std::string_view o : kRequestObjects) object_named |= after.find(o) != std::string_view::npos;
      if (object_named) continue;
      return true;
    }
  }
  return false;
}

constexpr std::string_view kCountUnits[] = {"件", "个", "宗", "起"};
constexpr std::string_view kMoneyUnits[] = {"万元", "亿元", "元"};

bool IsClauseEnd(std::string_view s, std::size_t i, std::size_t& len) {
  // Called for every byte: reject by the first byte before comparing
  // (，；：！？ start with 0xEF, 。 with 0xE3).
  const auto b = static_cast<unsigned char>(s[i]);
  if (b != 0xEF && b != 0xE3 && b != ',' && b != ';' && b != ':' && b != '!' && b != '?') return false;
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
  // Digits printed after the decimal point; negative when the last printed
  // digit stands for a higher place ("1.2万件": -3, "三万件": -4), so that a
  // rounded count is compared within half its last digit.
  int decimals = 0;
  // "十余件", "约30件", "近百件", "30件左右": never compared as exact.
  bool approximate = false;
};

// The code point of the 3-byte UTF-8 sequence at `i` (all CJK is 3 bytes), or 0.
char32_t Cjk3(std::string_view s, std::size_t i) {
  if (i + 2 >= s.size()) return 0;
  const auto a = static_cast<unsigned char>(s[i]);
  if ((a & 0xF0) != 0xE0) return 0;
  return static_cast<char32_t>(((a & 0x0F) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                               (static_cast<unsigned char>(s[i + 2]) & 0x3F));
}

// Characters of a Chinese numeral as reports write counts ("二十三件", "两千").
bool IsNumeralChar(char32_t c) {
  switch (c) {
    case U'零': case U'〇': case U'一': case U'二': case U'两': case U'三': case U'四':
    case U'五': case U'六': case U'七': case U'八': case U'九': case U'十': case U'百':
    case U'千': case U'万': case U'亿':
      return true;
    default:
      return false;
  }
}
// A numeral read as a count starts with a digit or 十: "零件" is a spare part,
// "万一" a contingency, "百姓" people.
bool StartsNumeral(char32_t c) {
  return IsNumeralChar(c) && c != U'零' && c != U'〇' && c != U'百' && c != U'千' && c != U'万' && c != U'亿';
}
// Characters before a numeral that make it an ordinal or a determiner
// ("第三件", "每一件", "逐一", "唯一").
bool DeterminerBefore(char32_t c) {
  switch (c) {
    case U'第': case U'每': case U'逐': case U'各': case U'任': case U'某': case U'单': case U'同':
    case U'这': case U'那': case U'唯': case U'统': case U'之': case U'初': case U'周':
      return true;
    default:
      return false;
  }
}

// Words right before a figure that make it approximate ("约30件", "近百件",
// "数十件", "超过50件", "不足10件"). 上/数/几 only qualify Chinese numerals
// (上百件, 数十件); before Arabic digits they belong to other words.
constexpr std::string_view kApproxBefore[] = {"约", "近", "逾", "超", "超过", "多达", "不到", "不足"};
constexpr std::string_view kApproxBeforeChinese[] = {"上", "数", "几"};
// Between the numeral and its unit ("十余件", "30多件", "二十来件").
constexpr std::string_view kApproxInside[] = {"余", "多", "来"};
// After the unit ("30件左右", "10件以上").
constexpr std::string_view kApproxAfter[] = {"左右", "上下", "以上", "之多"};

bool EndsWith(std::string_view s, std::size_t end, std::string_view w) {
  return end >= w.size() && s.compare(end - w.size(), w.size(), w) == 0;
}

// The number starting at `i` (an Arabic digit not preceded by a digit, or the
// first character of a Chinese numeral), with its unit.
std::optional<Number> ReadNumber(const std::string& s, std::size_t i, std::size_t& digits_end) {
  std::size_t j = i;
  int decimals = -1;
  const bool chinese = !IsDigit(s[i]);
  if (chinese) {
    while (IsNumeralChar(Cjk3(s, j))) j += 3;
  } else {
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
  }
  digits_end = j;
  const std::size_t numeral_end = j;
  // "1.2万件": a multiplier before a count unit (万元/亿元 are money units).
  int scale = 0;
  if (!chinese) {
    if (s.compare(j, 3, "万") == 0 && s.compare(j + 3, 3, "元") != 0) {
      scale = 4;
      j += 3;
    } else if (s.compare(j, 3, "亿") == 0 && s.compare(j + 3, 3, "元") != 0) {
      scale = 8;
      j += 3;
    }
  } else {
    // A Chinese numeral ending in a place word is rounded to that place.
    const std::string_view last = std::string_view(s).substr(numeral_end - 3, 3);
    scale = last == "亿" ? 8 : last == "万" ? 4 : last == "千" ? 3 : last == "百" ? 2 : 0;
  }
  bool approximate = false;
  for (std::string_view w : kApproxInside) {
    if (s.compare(j, w.size(), w) == 0) {
      approximate = true;
      j += w.size();
      break;
    }
  }
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
  if (chinese) {
    // "一起" (together), "两个平台", "一件一档": Chinese numerals are common
    // words; only counts that cannot be anything else are read.
    if (unit == "起" && numeral_end - i == 3) return std::nullopt;
    if (unit == "个" && numeral_end - i == 3) return std::nullopt;
    if (IsNumeralChar(Cjk3(s, j + unit.size()))) return std::nullopt;
  }
  std::optional<double> value;
  if (chinese) {
    value = number::ParseChinese(std::string_view(s).substr(i, numeral_end - i));
  } else if (const auto parsed = number::Parse(std::string_view(s).substr(i, numeral_end - i))) {
    value = parsed->value * std::pow(10.0, scale);
  }
  if (!value) return std::nullopt;
  for (std::string_view w : kApproxBefore) approximate |= EndsWith(s, i, w);
  if (chinese) {
    for (std::string_view w : kApproxBeforeChinese) approximate |= EndsWith(s, i, w);
  }
  for (std::string_view w : kApproxAfter) approximate |= s.compare(j + unit.size(), w.size(), w) == 0;
  Number n;
  n.begin = i;
  n.end = j + unit.size();
  n.value = *value;
  n.unit = unit;
  n.decimals = (decimals < 0 ? 0 : decimals) - scale;
  n.approximate = approximate;
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

bool StartsWith(std::string_view s, std::string_view w) { return s.substr(0, w.size()) == w; }

bool ContainsAny(std::string_view s, std::span<const std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return Contains(s, w); });
}

// Whether `text` is only joiners and filler (kJoiners, kJoinFiller, 案件);
// with `need_joiner`, at least one joiner.
bool OnlyJoinWords(std::string_view text, bool need_joiner) {
  bool joined = false;
  while (!text.empty()) {
    std::size_t len = 0;
    for (std::string_view w : kJoiners) {
      if (StartsWith(text, w)) {
        len = w.size();
        joined = true;
        break;
      }
    }
    if (len == 0) {
      for (std::string_view w : kJoinFiller) {
        if (StartsWith(text, w)) {
          len = w.size();
          break;
        }
      }
    }
    if (len == 0 && StartsWith(text, "案件")) len = 6;
    if (len == 0) return false;
    text.remove_prefix(len);
  }
  return joined || !need_joiner;
}

// Whether `after` (the text right after a unit) starts a word: "3个环节",
// "15个工作日" count what follows, not the tables.
bool StartsWord(std::string_view after) {
  const char32_t c = Cjk3(after, 0);
  return c >= 0x4E00 && c <= 0x9FFF;
}

// The text before `offset` that belongs with it: its line, and the lines
// before back to the start of its sentence (a sentence wrapped by a PDF), but
// not across a blank line or a table ("\t", "|" cells: a table's labels say
// 政府信息公开 whatever the sentence after it speaks of).
std::string_view ParagraphBefore(std::string_view text, std::size_t sentence_start, std::size_t offset) {
  const std::size_t nl = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  std::size_t start = nl == std::string_view::npos ? 0 : nl + 1;
  if (sentence_start < start) {
    const std::string_view before = text.substr(sentence_start, start - sentence_start);
    if (before.find_first_of("\t|") == std::string_view::npos && before.find("\n\n") == std::string_view::npos) {
      start = sentence_start;
    }
  }
  return text.substr(start, offset > start ? offset - start : 0);
}

// Where a figure stands and the words around it.
struct FigureContext {
  std::string_view segment;    // words since the previous number of its clause
  std::string_view sentence;   // its sentence up to the figure
  std::string_view after;      // its sentence after the figure's unit (at most 120 bytes)
  std::string_view paragraph;  // its paragraph up to the figure, as in Report::text (ParagraphBefore)
  bool in_section3 = false;    // in section 三 / 四 of the report
  bool in_section4 = false;
};

class Classifier {
 public:
  Classifier(format::Version version, int year) : version_(version), year_(year) {
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
    // Names that may be joined into one figure: rows, groups and the
    // outcomes people name in their own words (同意公开).
    for (const auto& [words, key] : rows3_) joinable3_.push_back({words, {key}});
    for (const auto& [words, keys] : groups3_) joinable3_.push_back({words, keys});
    for (const Phrase& p : kPhrases) {
      if (p.kind == Kind::kRow3 && p.rank == 1) joinable3_.push_back({std::string(p.words), {std::string(p.target)}});
    }
  }

  // What the figure `n` counts, from the words around it (see FigureContext);
  // `last_row3`/`last_row2` are the Table 三/二 rows of the sentence's
  // previous figure.
  std::optional<NarrativeFigure> Classify(const FigureContext& cx, const Number& n, std::string& last_row3,
                                          std::string& last_row2) const {
    const std::string_view segment = cx.segment, sentence = cx.sentence;
    for (std::string_view w : kSkipWords) {
      if (Contains(segment, w)) return std::nullopt;
    }
    // A figure about another year ("2022年共收到申请344件", "上年度收到…").
    if (OtherYear(sentence)) return std::nullopt;
    const bool money = n.unit == "元" || n.unit == "万元" || n.unit == "亿元";
    // "3个环节", "15个工作日", "6个部分": a measure word of the noun after it.
    const bool measure_of_noun = (n.unit == "个" || n.unit == "件") && StartsWord(cx.after);
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
        if (measure_of_noun) return std::nullopt;
        for (std::string_view w : kTable2Narrowing) {
          if (Contains(segment.substr(0, at), w)) return std::nullopt;
        }
        if (row.key == "regulations" || row.key == "normative_documents") {
          // 规章 / 行政规范性文件: the column is named in the words around.
          const std::string_view column = DocColumn(segment, nullptr);
          if (column.empty() || money) return std::nullopt;
          last_row2 = row.key;
          return DocFigure(std::move(f), row.key, column);
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
    // "新制作规范性文件12件，对外公开总数87件": the column alone, of the
    // document row the sentence spoke of.
    if (!last_row2.empty() && !money && !measure_of_noun) {
      std::size_t end = 0;
      const std::string_view column = DocColumn(segment, &end);
      if (!column.empty() && OnlyFiller(segment.substr(end))) return DocFigure(std::move(f), last_row2, column);
    }
    if (money) return std::nullopt;
    // Requests, reviews and suits are counted in 件 (宗, 起), never in 个.
    if (n.unit == "个" || measure_of_noun) return std::nullopt;
    // "收到行政复议申请125件，其中涉及政府信息公开的5件": the first figure
    // counts more than the tables do.
    if (StartsWith(cx.after, "其中") && Contains(cx.after, "信息公开")) return std::nullopt;

    // Table 四: only where the text speaks of its own disclosure cases.
    if (cx.in_section4 || Contains(sentence, "信息公开")) {
      if (auto t4 = Classify4(segment, f)) return t4;
    }

    // Table 三: only in sentences about requests, or in a paragraph or
    // section about disclosure requests ("（二）依申请公开。…全年答复378件，
    // 其中予以公开105件").
    const bool disclosure_context = cx.in_section3 || ContainsAny(cx.paragraph, kDisclosureWords);
    if (!Contains(sentence, "申请") && !disclosure_context) return std::nullopt;
    Hit best;
    std::string row;
    std::string_view verb;
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
        verb = p.words;
        group.clear();
      });
    }
    // The form's own row names are more specific than any verb.
    for (const auto& [words, key] : rows3_) {
      consider(words, 1, [&, k = key] {
        row = k;
        load = false;
        verb = {};
        group.clear();
      });
    }
    for (const auto& [words, keys] : groups3_) {
      consider(words, 1, [&, ks = keys] {
        row.clear();
        load = false;
        verb = {};
        group = ks;
      });
    }
    const bool generic = best.found && best.rank >= 2 && group.empty();
    if (generic) {
      // A generic verb (受理, 办理, 答复) counts disclosure requests only if
      // nothing says the count is of another kind of business, of one topic,
      // or of one channel of a breakdown.
      if (OtherBusiness(segment)) return std::nullopt;
      const std::string_view object = segment.substr(best.pos);
      for (std::string_view w : kTopicWords) {
        if (Contains(object, w)) return std::nullopt;
      }
      for (std::string_view w : kChannelWords) {
        if (EndsWith(segment, best.pos, w) || (Contains(sentence, "其中") && Contains(segment, w))) {
          return std::nullopt;
        }
      }
    }
    // The paragraph may never say that it speaks of disclosure requests.
    f.ambiguous = !disclosure_context;

    // "公民、法人和其他组织" names all applicants, not the legal-person columns.
    std::string columns_text(segment);
    for (std::string_view c : kCollectiveSubjects) {
      for (std::size_t at = columns_text.find(c); at != std::string::npos; at = columns_text.find(c, at)) {
        columns_text.replace(at, c.size(), c.size(), '_');
      }
    }
    std::string column = "total";
    Hit col_hit;
    for (const Phrase& p : kPhrases) {
      if (p.kind != Kind::kColumn3) continue;
      const std::size_t at = columns_text.rfind(p.words);
      if (at != std::string::npos && Better(p.rank, at, col_hit)) {
        col_hit = {p.rank, at, true};
        column = std::string(p.column);
      }
    }
    for (const auto& [words, key] : columns3_) {
      const std::size_t at = columns_text.rfind(words);
      if (at != std::string::npos && Better(0, at, col_hit)) {
        col_hit = {0, at, true};
        column = key;
      }
    }
    if (!best.found) {
      // "其中自然人申请363件": a column of the row the sentence spoke of.
      if (!col_hit.found || last_row3.empty()) return std::nullopt;
      row = last_row3;
    }
    // "予以公开及部分公开192件": the sum of the rows the names join.
    if (best.found && best.rank == 1) {
      if (std::vector<std::string> joined = JoinedRows(segment); !joined.empty()) {
        NarrativeTarget t = Target3(joined.front(), column);
        t.rows = joined;
        f.topic = "table3.";
        for (std::size_t k = 0; k < t.rows.size(); ++k) {
          const std::string& key = t.rows[k];
          const std::string stem = key.substr(0, key.find('.'));
          if (k > 0 && t.rows[k - 1].substr(0, t.rows[k - 1].find('.')) == stem) continue;
          f.topic += (k > 0 ? "+" : "") + stem;
        }
        f.alternatives.push_back(std::move(t));
        last_row3.clear();
        return f;
      }
    }
    if (!group.empty()) {
      f.topic = "table3." + group.front().substr(0, group.front().find('.'));
      NarrativeTarget t = Target3(group.front(), column);
      t.rows = group;
      f.alternatives.push_back(std::move(t));
      last_row3.clear();
      return f;
    }
    NarrativeTarget with_carried = Target3("new_received", column);
    with_carried.rows.emplace_back("carried_over");
    if (load) {
      // "共办理依申请件27件": all requests on hand, the new ones alone or with
      // those carried over (reports use both readings).
      f.topic = "table3.handled";
      f.alternatives.push_back(Target3("new_received", column));
      f.alternatives.push_back(std::move(with_carried));
      last_row3 = "new_received";
      return f;
    }
    f.topic = "table3." + row;
    f.alternatives.push_back(Target3(row, column));
    // "共收到申请388件（含上年结转2件）": 收到/受理 without 新 may include the
    // requests carried over from last year.
    if (row == "new_received" && !verb.empty() && verb != "新收" && verb != "新受理") {
      if (Contains(cx.after.substr(0, 24), "含上年")) {
        f.alternatives.insert(f.alternatives.begin(), std::move(with_carried));
      } else {
        f.alternatives.push_back(std::move(with_carried));
      }
    }
    last_row3 = row;
    return f;
  }

 private:
  // A Table 四 figure: the group named nearest the figure, or the sum of
  // reviews and suits joined in one figure ("行政复议和行政诉讼共6件").
  static std::optional<NarrativeFigure> Classify4(std::string_view segment, NarrativeFigure f) {
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
    if (!chosen) return std::nullopt;
    const std::size_t review = segment.rfind("复议"), suit = segment.rfind("诉讼");
    if (review != std::string_view::npos && suit != std::string_view::npos &&
        segment.find("复议后起诉") == std::string_view::npos) {
      const std::size_t first_end = std::min(review, suit) + 6, second = std::max(review, suit);
      std::string_view gap = segment.substr(first_end, second > first_end ? second - first_end : 0);
      // "行政复议、行政诉讼": the second name may repeat 行政.
      if (gap.size() >= 6 && gap.substr(gap.size() - 6) == "行政") gap.remove_suffix(6);
      if (OnlyJoinWords(gap, true) && OnlyJoinWords(segment.substr(second + 6), false)) {
        f.topic = "table4.review+litigation";
        f.alternatives.push_back({4, {"review", "litigation_direct", "litigation_after_review"}, {"total"}});
        f.alternatives.push_back({4, {"review", "litigation_direct"}, {"total"}});
        return f;
      }
    }
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
    // "被申请行政复议2件，提起行政诉讼0件": reports also count only the
    // suits filed directly, the others being part of the reviews.
    if (chosen->target == "litigation") f.alternatives.push_back({4, {"litigation_direct"}, {"total"}});
    return f;
  }

  // The Table 三 rows of two or more row or group names joined right before
  // the figure ("予以公开及部分公开", "不予公开、无法提供、不予处理的共"), or
  // empty when the nearest name stands alone.
  std::vector<std::string> JoinedRows(std::string_view segment) const {
    struct Name {
      std::size_t pos, end;
      const std::vector<std::string>* rows;
    };
    std::vector<Name> names;
    auto add = [&](std::string_view words, const std::vector<std::string>* rows) {
      for (std::size_t at = segment.find(words); at != std::string_view::npos; at = segment.find(words, at + 1)) {
        names.push_back({at, at + words.size(), rows});
      }
    };
    for (const auto& [words, rows] : joinable3_) add(words, &rows);
    if (names.size() < 2) return {};
    // The name ending nearest the figure (the longest of those ending there).
    auto last_before = [&](std::size_t limit) -> const Name* {
      const Name* pick = nullptr;
      for (const Name& nm : names) {
        if (nm.end > limit) continue;
        if (!pick || nm.end > pick->end || (nm.end == pick->end && nm.pos < pick->pos)) pick = &nm;
      }
      return pick;
    };
    const Name* cur = last_before(segment.size());
    if (!cur || !OnlyJoinWords(segment.substr(cur->end), false)) return {};
    std::vector<const Name*> chain = {cur};
    while (const Name* prev = last_before(cur->pos)) {
      if (!OnlyJoinWords(segment.substr(prev->end, cur->pos - prev->end), true)) break;
      chain.push_back(prev);
      cur = prev;
    }
    if (chain.size() < 2) return {};
    std::vector<std::string> rows;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      for (const std::string& r : *(*it)->rows) {
        if (std::find(rows.begin(), rows.end(), r) == rows.end()) rows.push_back(r);
      }
    }
    return rows;
  }
  // The Table 二 document column named in `segment` (the phrase nearest the
  // figure), or empty; `end` receives where that phrase ends.
  std::string_view DocColumn(std::string_view segment, std::size_t* end) const {
    Hit best;
    std::string_view column;
    const std::span<const DocWord> words =
        version_ == format::Version::kV2019 ? std::span<const DocWord>(kDocWords2019) : kDocWords;
    for (const DocWord& d : words) {
      const std::size_t p = segment.rfind(d.words);
      if (p != std::string_view::npos && Better(0, p, best)) {
        best = {0, p, true};
        column = d.column;
        if (end) *end = p + d.words.size();
      }
    }
    return column;
  }
  static NarrativeFigure DocFigure(NarrativeFigure f, std::string_view row, std::string_view column) {
    f.topic = "table2." + std::string(row) + "." + std::string(column);
    f.alternatives.push_back({2, {std::string(row)}, {std::string(column)}});
    return f;
  }

  // Whether the year the sentence last names before the figure ("2022年",
  // "上年度", "本年") is not the report's: the figure is about another year.
  // "上年结转" is a row of this year's table, "较上年" a comparison.
  bool OtherYear(std::string_view sentence) const {
    if (year_ <= 0) return false;
    std::size_t last = std::string_view::npos;
    int year = year_;
    auto mark = [&](std::size_t at, int y) {
      if (last == std::string_view::npos || at > last) {
        last = at;
        year = y;
      }
    };
    for (std::size_t at = sentence.find("年"); at != std::string_view::npos; at = sentence.find("年", at + 3)) {
      if (at >= 4 && IsDigit(sentence[at - 4]) && IsDigit(sentence[at - 3]) && IsDigit(sentence[at - 2]) &&
          IsDigit(sentence[at - 1]) && (at < 5 || !IsDigit(sentence[at - 5]))) {
        const int y = std::stoi(std::string(sentence.substr(at - 4, 4)));
        if (y >= 1990 && y <= 2100) mark(at, y);
      }
    }
    static constexpr std::pair<std::string_view, int> kRelative[] = {
        {"上年度", -1}, {"上一年", -1}, {"上年", -1}, {"去年", -1}, {"前年", -2},
        {"本年", 0},    {"今年", 0},    {"全年", 0},  {"当年", 0}};
    for (const auto& [w, delta] : kRelative) {
      for (std::size_t at = sentence.find(w); at != std::string_view::npos; at = sentence.find(w, at + 1)) {
        const std::string_view next = sentence.substr(at + w.size());
        if (delta < 0 && (StartsWith(next, "结转") || StartsWith(next, "转结"))) continue;
        if (delta < 0 && (EndsWith(sentence, at, "比") || EndsWith(sentence, at, "较"))) continue;
        mark(at, year_ + delta);
      }
    }
    return year != year_;
  }

  format::Version version_;
  int year_;
  std::vector<std::pair<std::string, std::vector<std::string>>> joinable3_;
  std::vector<std::pair<std::string, std::string>> rows3_;
  std::vector<std::pair<std::string, std::vector<std::string>>> groups3_;
  std::vector<std::pair<std::string, std::string>> columns3_;
};

// Statements that a count is zero: "未收到政府信息公开申请", "无因政府信息
// 公开工作被申请行政复议、提起行政诉讼办件", "没有发生…行政复议".
//
// After the negation every word up to the end of the clause must be one of
// these: a verb or filler, a separator, or a thing the tables count. Anything
// else narrows the scope and the statement is not read
// ("没有收到超过一定数量或频次范围的政府信息公开申请" speaks of fee
// thresholds, "未收到涉及国家秘密的申请" of one kind of request).
enum class NegWord { kFiller, kAboutDisclosure, kDocVerb, kRequests, kReview, kLitigation, kTable2 };
struct NegToken {
  std::string_view words;
  NegWord kind;
  std::string_view key;  // Table 二 row key
};
constexpr NegToken kNegTokens[] = {
    {"收到", NegWord::kFiller, ""},     {"接到", NegWord::kFiller, ""},     {"受理", NegWord::kFiller, ""},
    {"接收", NegWord::kFiller, ""},     {"发生", NegWord::kFiller, ""},     {"出现", NegWord::kFiller, ""},
    {"产生", NegWord::kFiller, ""},     {"办理", NegWord::kFiller, ""},     {"作出", NegWord::kFiller, ""},     {"有", NegWord::kFiller, ""},       {"任何", NegWord::kFiller, ""},
    {"的", NegWord::kFiller, ""},       {"因", NegWord::kFiller, ""},       {"工作", NegWord::kFiller, ""},
    {"被", NegWord::kFiller, ""},       {"被申请", NegWord::kFiller, ""},   {"提起", NegWord::kFiller, ""},
    {"提出", NegWord::kFiller, ""},     {"提交", NegWord::kFiller, ""},     {"引起", NegWord::kFiller, ""},
    {"引发", NegWord::kFiller, ""},     {"涉及", NegWord::kFiller, ""},     {"申请人", NegWord::kFiller, ""},
    {"办件", NegWord::kFiller, ""},     {"案件", NegWord::kFiller, ""},     {"情况", NegWord::kFiller, ""},
    {"情形", NegWord::kFiller, ""},     {"事项", NegWord::kFiller, ""},     {"相关", NegWord::kFiller, ""},
    {"公开", NegWord::kFiller, ""},     {"本年度", NegWord::kFiller, ""},   {"年度", NegWord::kFiller, ""},
    {"全年", NegWord::kFiller, ""},     {"一件", NegWord::kFiller, ""},     {"件", NegWord::kFiller, ""},
    {"公民、法人或其他组织", NegWord::kFiller, ""},
    {"公民、法人和其他组织", NegWord::kFiller, ""},
    {"、", NegWord::kFiller, ""},       {"和", NegWord::kFiller, ""},       {"或", NegWord::kFiller, ""},
    {"及", NegWord::kFiller, ""},       {"与", NegWord::kFiller, ""},       {"以及", NegWord::kFiller, ""},
    {"或者", NegWord::kFiller, ""},
    {"政府信息公开工作", NegWord::kAboutDisclosure, ""},
    {"政府信息公开", NegWord::kAboutDisclosure, ""},
    {"信息公开", NegWord::kAboutDisclosure, ""},
    {"制发", NegWord::kDocVerb, ""},    {"印发", NegWord::kDocVerb, ""},    {"出台", NegWord::kDocVerb, ""},
    {"制定", NegWord::kDocVerb, ""},    {"制作", NegWord::kDocVerb, ""},    {"新制作", NegWord::kDocVerb, ""},
    {"依申请公开", NegWord::kRequests, ""},
    {"政府信息公开申请", NegWord::kRequests, ""},
    {"信息公开申请", NegWord::kRequests, ""},
    {"公开申请", NegWord::kRequests, ""},
    {"行政复议", NegWord::kReview, ""},  {"复议", NegWord::kReview, ""},
    {"行政诉讼", NegWord::kLitigation, ""}, {"诉讼", NegWord::kLitigation, ""},
    {"规章", NegWord::kTable2, "regulations"},
    {"行政规范性文件", NegWord::kTable2, "normative_documents"},
    {"规范性文件", NegWord::kTable2, "normative_documents"},
    {"行政许可", NegWord::kTable2, "licensing"},
    {"行政处罚", NegWord::kTable2, "punishment"},
    {"行政强制", NegWord::kTable2, "coercion"},
    {"行政事业性收费", NegWord::kTable2, "fees_wan_yuan"},
};
// "未经复议直接起诉" is a column, "尚未审结" a result, "未因政务公开被责任追究"
// is about something else: these fail the word list. Words before the
// negation that narrow its time or scope ("上半年未收到…") are refused here.
constexpr std::string_view kNegationWords[] = {"没有", "无", "未"};
constexpr std::string_view kNarrowingBefore[] = {"上半年", "下半年", "季度", "除", "以外", "之外", "其余", "其中"};

// The longest token of kNegTokens at `i`, or nullptr.
const NegToken* NegTokenAt(std::string_view s, std::size_t i) {
  const NegToken* best = nullptr;
  for (const NegToken& t : kNegTokens) {
    if (s.compare(i, t.words.size(), t.words) == 0 && (!best || t.words.size() > best->words.size())) best = &t;
  }
  return best;
}

// Reads the zero statement whose negation word (`neg_len` bytes) starts at
// `i` in `s` (flat text); `clause_begin` is where its clause starts. Returns
// one figure per thing it says is zero (offsets left to the caller) and sets
// `end` to the end of the statement.
std::vector<NarrativeFigure> ReadNegation(std::string_view s, std::size_t i, std::size_t neg_len,
                                          std::size_t clause_begin, format::Version version, bool in_section4,
                                          std::size_t& end) {
  std::vector<NarrativeFigure> out;
  const std::string_view before = s.substr(clause_begin, i - clause_begin);
  for (std::string_view w : kNarrowingBefore) {
    if (Contains(before, w)) return out;
  }
  bool disclosure = false, doc_verb = false;
  std::vector<const NegToken*> things;
  std::size_t j = i + neg_len;
  while (j < s.size()) {
    std::size_t len = 0;
    if (IsClauseEnd(s, j, len)) break;
    const NegToken* t = NegTokenAt(s, j);
    if (!t) return out;  // a word that narrows or changes the subject
    disclosure |= t->kind == NegWord::kAboutDisclosure || t->kind == NegWord::kRequests;
    doc_verb |= t->kind == NegWord::kDocVerb;
    if (t->kind == NegWord::kRequests || t->kind == NegWord::kReview || t->kind == NegWord::kLitigation ||
        t->kind == NegWord::kTable2) {
      things.push_back(t);
    }
    j += t->words.size();
  }
  end = j;
  for (const NegToken* t : things) {
    NarrativeFigure f;
    f.value = 0;  // unit left empty: a statement, not a printed figure
    switch (t->kind) {
      case NegWord::kRequests:
        f.topic = "table3.new_received";
        f.alternatives.push_back(Target3("new_received", "total"));
        break;
      case NegWord::kReview:
      case NegWord::kLitigation: {
        // Only the disclosure cases themselves (Table 四), not the agency's
        // other reviews and lawsuits.
        if (!disclosure && !in_section4) continue;
        const bool review = t->kind == NegWord::kReview;
        f.topic = review ? "table4.review" : "table4.litigation";
        NarrativeTarget target;
        target.table = 4;
        target.rows = review ? std::vector<std::string>{"review"}
                             : std::vector<std::string>{"litigation_direct", "litigation_after_review"};
        target.columns = {"total"};
        f.alternatives.push_back(std::move(target));
        if (!review) f.alternatives.push_back({4, {"litigation_direct"}, {"total"}});
        break;
      }
      case NegWord::kTable2: {
        std::string column;
        const bool docs = t->key == "regulations" || t->key == "normative_documents";
        if (docs) {
          // "无公开的规章" does not say which column; "未制发规章" does.
          if (!doc_verb) continue;
          column = version == format::Version::kV2019 ? "made" : "issued";
        } else if (t->key == "fees_wan_yuan") {
          if (version == format::Version::kV2019) continue;  // v2019 counts fee items
          column = "amount";
        } else {
          column = "decisions";
        }
        f.topic = "table2." + std::string(t->key);
        f.alternatives.push_back({2, {std::string(t->key)}, {column}});
        break;
      }
      default:
        continue;
    }
    // "行政复议、复议": one figure per thing.
    if (std::none_of(out.begin(), out.end(), [&](const NarrativeFigure& g) { return g.topic == f.topic; })) {
      out.push_back(std::move(f));
    }
  }
  return out;
}

// The negation word at `i`, or empty. 没/无/未 all start with byte 0xE6.
std::string_view NegationAt(std::string_view s, std::size_t i) {
  if (static_cast<unsigned char>(s[i]) != 0xE6) return {};
  for (std::string_view w : kNegationWords) {
    if (s.compare(i, w.size(), w) == 0) return w;
  }
  return {};
}

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

  // A section spans from its heading to the next heading.
  auto in_section = [&](int number, std::size_t offset) {
    for (std::size_t k = 0; k < report.sections.size(); ++k) {
      if (report.sections[k].number != number) continue;
      const std::size_t end = k + 1 < report.sections.size() ? report.sections[k + 1].offset : report.text.size();
      if (offset >= report.sections[k].offset && offset < end) return true;
    }
    return false;
  };

  const format::Version version =
      report.table2.version == format::Version::kUnknown ? report.meta.format_version : report.table2.version;
  // The end in the original text of the code point holding flat byte `k - 1`.
  auto source_end = [&](std::size_t k) {
    std::size_t e = flat.Source(k - 1);
    text::NextCodePoint(report.text, e);
    return e;
  };
  const Classifier classifier(version, report.meta.year.value_or(0));
  std::size_t sentence_begin = 0, segment_begin = 0, clause_begin = 0;
  std::string last_row3, last_row2;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t len = 0;
    if (IsClauseEnd(s, i, len)) {
      if (IsSentenceEnd(s, i)) {
        sentence_begin = i + len;
        last_row3.clear();
        last_row2.clear();
      }
      segment_begin = i + len;
      clause_begin = i + len;
      i += len;
      continue;
    }
    if (const std::string_view neg = NegationAt(s, i); !neg.empty()) {
      std::size_t end = i;
      const std::size_t offset = flat.Source(i);
      for (NarrativeFigure& f : ReadNegation(s, i, neg.size(), clause_begin, version, in_section(4, offset), end)) {
        f.offset = offset;
        f.length = source_end(end) - offset;
        out.push_back(std::move(f));
      }
    }
    const char32_t c = Cjk3(s, i);
    const bool arabic = IsDigit(s[i]) && !(i > 0 && (IsDigit(s[i - 1]) || s[i - 1] == '.'));
    const bool chinese = c != 0 && StartsNumeral(c) && !(i >= 3 && (IsNumeralChar(Cjk3(s, i - 3)) ||
                                                                   DeterminerBefore(Cjk3(s, i - 3))));
    if (!arabic && !chinese) {
      i += c != 0 ? 3 : 1;
      continue;
    }
    std::size_t digits_end = i;
    const std::optional<Number> n = ReadNumber(s, i, digits_end);
    // "未收到一件申请", "没有一起": a numeral under a negation counts nothing.
    if (chinese && n && (Contains(std::string_view(s).substr(segment_begin, i - segment_begin), "未") ||
                         Contains(std::string_view(s).substr(segment_begin, i - segment_begin), "没有") ||
                         EndsWith(s, i, "无"))) {
      segment_begin = n->end;
      i = n->end;
      continue;
    }
    if (chinese && !n) {
      // A numeral in a word ("三审三校", "一是"): not a boundary.
      i = digits_end;
      continue;
    }
    if (n && n->approximate) {
      // Never compared as exact; still ends the words that led to it.
      segment_begin = n->end;
      i = n->end;
      continue;
    }
    if (!n) {
      // A year, a date, a percentage: a boundary, not a figure.
      segment_begin = std::max(segment_begin, digits_end);
      i = std::max(digits_end, i + 1);
      continue;
    }
    const std::size_t offset = flat.Source(n->begin);
    FigureContext cx;
    cx.segment = std::string_view(s).substr(segment_begin, n->begin - segment_begin);
    cx.sentence = std::string_view(s).substr(sentence_begin, n->begin - sentence_begin);
    cx.after = std::string_view(s).substr(n->end, 120);
    if (const std::size_t stop = cx.after.find("。"); stop != std::string_view::npos) cx.after = cx.after.substr(0, stop);
    cx.paragraph = ParagraphBefore(report.text, flat.Source(sentence_begin), offset);
    cx.in_section3 = in_section(3, offset);
    cx.in_section4 = in_section(4, offset);
    if (auto f = classifier.Classify(cx, *n, last_row3, last_row2)) {
      f->offset = offset;
      // The last byte of the unit maps to the start of its code point.
      f->length = source_end(n->end) - offset;
      out.push_back(std::move(*f));
    }
    segment_begin = n->end;
    i = n->end;
  }
  return out;
}

}  // namespace gongkai::extract
