// HTML: the pages government sites publish reports as. The page is decoded
// (BOM, then the declared charset, then detection), parsed with libxml2's
// forgiving HTML parser, stripped of what is not the report (scripts, styles,
// forms' controls, hidden elements, navigation/header/footer chrome), and the
// article body is chosen the way readability-style extractors do: the
// element that holds most of the page's running (non-link) text. Its
// paragraphs and tables become the Document; <table>s become grids with
// rowspan/colspan expanded.
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "readers/assemble.h"
#include "readers/budget.h"
#include "readers/encoding.h"
#include "readers/reader.h"
#include "util/text.h"

namespace gongkai::readers {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// ---------------------------------------------------------------------------
// Decoding

// The charset a page declares in its first bytes: <meta charset=X> or
// <meta http-equiv="Content-Type" content="text/html; charset=X">. Both forms
// put "charset" right before the name, which is all the HTML5 prescan needs.
std::optional<std::string> DeclaredCharset(std::string_view bytes) {
  const std::string head = Lower(bytes.substr(0, 8192));
  std::size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    const std::size_t end = head.find('>', pos);
    const std::string_view tag = std::string_view(head).substr(pos, end == std::string::npos ? 512 : end - pos);
    pos += 5;
    const std::size_t cs = tag.find("charset");
    if (cs == std::string_view::npos) continue;
    std::size_t i = cs + 7;
    while (i < tag.size() && (tag[i] == ' ' || tag[i] == '=' || tag[i] == '"' || tag[i] == '\'')) ++i;
    std::size_t j = i;
    while (j < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[j])) || tag[j] == '-' || tag[j] == '_')) ++j;
    if (j > i) return std::string(tag.substr(i, j - i));
  }
  return std::nullopt;
}

bool HasNonAscii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// Up to `limit` bytes of the text of a page in an unknown charset: the runs
// between markup ('>' … '<') that have a byte outside ASCII, each with a
// line break after it. Multi-byte characters do not contain '<' or '>' in
// GB18030 or Big5 (their trailing bytes are 0x40 and above), so runs never
// split one.
std::string TextSample(std::string_view bytes, std::size_t limit) {
  std::string out;
  std::size_t i = bytes.find('>');
  while (i != std::string_view::npos && i + 1 < bytes.size() && out.size() < limit) {
    const std::size_t end = std::min(bytes.find('<', i + 1), bytes.size());
    const std::string_view run = bytes.substr(i + 1, end - i - 1);
    if (HasNonAscii(run)) {
      out.append(run.substr(0, limit - out.size()));
      out += '\n';
    }
    i = bytes.find('>', end);
  }
  return out;
}

// ICU's detector for pages that declare nothing and are not UTF-8. Chinese
// pages are GB18030 (a superset of GB2312/GBK) unless ICU is confident
// otherwise (Big5 from Taiwan and Hong Kong sites).
std::string DetectCharset(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> det(ucsdet_open(&status), &ucsdet_close);
  if (U_FAILURE(status)) return "gb18030";
  // ICU's n-gram statistics cost as much per byte as parsing the page, and
  // 4 KB of Chinese text (2,000 characters) tell GB18030 from Big5 as well
  // as the whole page does. So ICU gets the page's text, not its markup: the
  // runs between tags that have non-ASCII bytes in them, up to 4 KB.
  const std::string sample = TextSample(bytes, 1 << 12);
  ucsdet_setText(det.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  const UCharsetMatch* m = ucsdet_detect(det.get(), &status);
  if (U_FAILURE(status) || m == nullptr) return "gb18030";
  const char* name = ucsdet_getName(m, &status);
  const int32_t confidence = ucsdet_getConfidence(m, &status);
  if (U_FAILURE(status) || name == nullptr) return "gb18030";
  const std::string n_lower = Lower(name);
  if (confidence >= 50 && (n_lower == "big5" || n_lower == "euc-jp" || n_lower == "shift_jis" ||
                           n_lower == "euc-kr" || StartsWith(n_lower, "utf-16"))) {
    return n_lower;
  }
  return "gb18030";
}

// Repairs of the decoding as the page's warnings: the places of replaced
// bytes are file offsets (the decoded text is parsed again, so a place in it
// would not last).
void Note(encoding::Repairs& repairs, std::vector<std::string>& warnings) {
  for (Doubt& d : repairs.doubts) warnings.push_back(std::move(d.note));
  for (std::string& w : repairs.warnings) warnings.push_back(std::move(w));
  repairs = {};
}

std::string Decode(std::string_view bytes, std::vector<std::string>& warnings) {
  encoding::Repairs repairs;
  // UTF-16/32 (BOM or the place of NULs) and UTF-8 with a BOM: the bytes say
  // which, whatever the page declares.
  if (encoding::DetectUnicode(bytes)) {
    std::string out = encoding::DecodeText(bytes, repairs);
    Note(repairs, warnings);
    return out;
  }
  // UTF-8 but for a few bytes (replaced, each noted), or not UTF-8 at all.
  std::optional<std::string> utf8 = encoding::RepairUtf8(bytes, repairs);
  const bool exact_utf8 = utf8 && repairs.doubts.empty() && repairs.warnings.empty();
  const auto as_utf8 = [&] {
    Note(repairs, warnings);
    return std::move(*utf8);
  };
  const auto detected = [&](const std::string& said) {
    const std::string charset = DetectCharset(bytes);
    std::string out;
    if (std::optional<std::string> strict = encoding::StrictToUtf8(bytes, charset)) {
      out = std::move(*strict);
      if (!said.empty()) warnings.push_back(said + "，按检测到的 " + charset + " 读取");
    } else {
      out = ToUtf8(bytes, charset);
      warnings.push_back((said.empty() ? std::string("网页编码未声明") : said) + "，按 " + charset +
                         " 读取，但有字节无法解码（已替换为 �），请核对原件");
    }
    encoding::DropNuls(out, repairs);
    Note(repairs, warnings);
    return out;
  };
  if (auto declared = DeclaredCharset(bytes)) {
    const bool says_utf8 = *declared == "utf-8" || *declared == "utf8";
    // Templates are copied between sites: a page that declares gb2312 but is
    // valid UTF-8 with Chinese in it is UTF-8 (GBK text is almost never valid
    // UTF-8), and one that declares UTF-8 but is not UTF-8 is not.
    if (says_utf8 && utf8) return as_utf8();
    if (says_utf8) return detected("网页声明编码为 UTF-8，但内容不是 UTF-8");
    if (exact_utf8 && HasNonAscii(bytes)) {
      warnings.push_back("网页声明编码为 " + *declared + "，实际为 UTF-8 / page declares " + *declared +
                         " but is UTF-8");
      return as_utf8();
    }
    // The declared charset, checked against the bytes: every byte must convert.
    if (std::optional<std::string> strict = encoding::StrictToUtf8(bytes, *declared)) {
      encoding::DropNuls(*strict, repairs);
      Note(repairs, warnings);
      return std::move(*strict);
    }
    if (encoding::KnownCharset(*declared)) {
      if (utf8) {
        warnings.push_back("网页声明编码为 " + *declared + "，但内容为 UTF-8（个别字节无效）");
        return as_utf8();
      }
      // The charset is known but the bytes do not fit it.
      repairs = {};
      return detected("网页声明编码为 " + *declared + "，但内容与之不符");
    }
    warnings.push_back("无法识别网页声明的编码 " + *declared + " / unknown declared charset " + *declared);
  }
  if (utf8) return as_utf8();
  repairs = {};
  return detected("");
}

// Attributes per tag are bounded before libxml2 sees the page: its HTML
// parser checks each new attribute against the tag's others, so one tag with
// 300,000 attributes costs minutes. The count is a lexical one (name=value
// pairs between '<' and '>', quotes respected): enough to bound the cost.
void CheckAttributes(std::string_view page) {
  std::size_t i = 0;
  while ((i = page.find('<', i)) != std::string_view::npos) {
    ++i;
    if (i >= page.size() || !std::isalpha(static_cast<unsigned char>(page[i]))) continue;
    int attributes = 0;
    char quote = 0;
    for (; i < page.size(); ++i) {
      const char c = page[i];
      if (quote != 0) {
        if (c == quote) quote = 0;
        continue;
      }
      if (c == '"' || c == '\'') quote = c;
      else if (c == '=') ++attributes;
      else if (c == '>') break;
      if (attributes > budget::kMaxHtmlAttributesPerTag) {
        throw budget::OverBudget("网页中一个标签的属性数", "attributes on one HTML tag",
                                 "> " + std::to_string(budget::kMaxHtmlAttributesPerTag),
                                 std::to_string(budget::kMaxHtmlAttributesPerTag));
      }
    }
  }
}

// ---------------------------------------------------------------------------
// The parsed page

std::string_view Name(const xmlNode* n) {
  return n->name ? std::string_view(reinterpret_cast<const char*>(n->name)) : std::string_view();
}

// Attributes are looked at on every element of the page (class, id, style,
// hidden, spans): found by walking the element's list once and read in place
// when the value is the single text node the HTML parser makes of it, rather
// than copied out by xmlGetProp. The parser lowercases attribute names.
const xmlAttr* FindAttr(const xmlNode* n, std::string_view name) {
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    if (a->name != nullptr && std::string_view(reinterpret_cast<const char*>(a->name)) == name) return a;
  }
  return nullptr;
}

std::string Attr(const xmlNode* n, const char* name) {
  const xmlAttr* a = FindAttr(n, name);
  if (a == nullptr || a->children == nullptr) return {};
  const xmlNode* v = a->children;
  if (v->next == nullptr && v->type == XML_TEXT_NODE) {
    return v->content ? std::string(reinterpret_cast<const char*>(v->content)) : std::string();
  }
  xmlChar* joined = xmlNodeListGetString(n->doc, v, 1);
  if (joined == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(joined));
  xmlFree(joined);
  return out;
}

bool HasAttr(const xmlNode* n, const char* name) { return FindAttr(n, name) != nullptr; }

// Words in class and id names that mark site chrome, and words that mark the
// article (which win). A word marked `alone` must not run on into more letters
// or digits ("links" but not "linkage", "con" but not "contact"). Matched as
// substrings: std::regex, which did this before, took longer than parsing
// the page.
struct ClassWord {
  std::string_view word;
  bool alone = false;
};

constexpr ClassWord kChromeWords[] = {
    {"nav"},     {"menu"},    {"header"},     {"foot"},       {"crumb"},      {"sidebar"},
    {"side-bar"}, {"banner"},  {"share"},      {"copyright"},  {"topbar"},     {"top-bar"},
    {"toolbar"}, {"search"},  {"login"},      {"related"},    {"friend"},     {"link", true},
    {"links", true}, {"qrcode"}, {"weixin"},  {"comment"},    {"popup"},      {"advert"},
    {"-ad", true}, {"_ad", true}, {"print"},  {"xxgk-meta"},  {"xxgk_meta"},  {"fenxiang"},
    {"bottom"}};

constexpr ClassWord kArticleWords[] = {{"article"}, {"content"}, {"main"}, {"zoom"}, {"text"}, {"detail"},
                                       {"body"},    {"con", true}, {"ucap"}, {"trs"},  {"union"}};

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

template <std::size_t N>
bool HasClassWord(std::string_view s, const ClassWord (&words)[N]) {
  for (const ClassWord& w : words) {
    for (std::size_t at = s.find(w.word); at != std::string_view::npos; at = s.find(w.word, at + 1)) {
      const std::size_t end = at + w.word.size();
      if (!w.alone || end == s.size() || !IsWordChar(s[end])) return true;
    }
  }
  return false;
}

bool IsElement(const xmlNode* n) { return n->type == XML_ELEMENT_NODE; }
bool IsText(const xmlNode* n) { return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE; }

// Deeper nesting than this is not a page anyone wrote; its content is
// dropped (with a warning) so that recursion stays bounded.
constexpr int kMaxDepth = 200;

// Elements that never hold report text.
const std::unordered_set<std::string_view>& DroppedElements() {
  static const std::unordered_set<std::string_view> kSet = {
      "head",   "script", "style",  "noscript", "template", "iframe", "frame",  "frameset", "object",
      "embed",  "applet", "svg",    "canvas",   "map",      "audio",  "video",  "input",    "select",
      "option", "button", "textarea", "nav",    "aside",    "menu",   "dialog", "title",    "link",
      "meta",   "img"};
  return kSet;
}

const std::unordered_set<std::string_view>& BlockElements() {
  static const std::unordered_set<std::string_view> kSet = {
      "p",     "div",   "h1",      "h2",     "h3",     "h4",     "h5",   "h6",       "li",  "ul",
      "ol",    "dl",    "dd",      "dt",     "section", "article", "main", "blockquote", "pre", "center",
      "table", "tr",    "td",      "th",     "tbody",  "thead",  "tfoot", "caption", "hr",  "address",
      "header", "footer", "figure", "figcaption", "form", "fieldset", "body", "html"};
  return kSet;
}

class Page {
 public:
  explicit Page(std::vector<std::string>& warnings) : warnings_(warnings) {}

  // Marks every element that is not part of the page's content.
  void MarkChrome(xmlNode* n, int depth, bool in_article) {
    for (xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (!IsElement(c)) continue;
      if (depth > kMaxDepth) {
        removed_.insert(c);
        too_deep_ = true;
        continue;
      }
      if (IsChrome(c, in_article)) {
        removed_.insert(c);
        continue;
      }
      const std::string_view name = Name(c);
      MarkChrome(c, depth + 1, in_article || name == "article" || name == "main");
    }
  }

  // Running text weight of each element: Han characters and letters outside
  // links. Navigation is mostly links and weighs nothing; digits weigh
  // nothing so that a table of numbers does not outweigh the narrative.
  std::size_t Weigh(const xmlNode* n, bool in_link) {
    std::size_t w = 0;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (IsText(c) && !in_link && c->content != nullptr) {
        const std::string_view s(reinterpret_cast<const char*>(c->content));
        std::size_t i = 0;
        while (i < s.size()) {
          const char32_t cp = text::NextCodePoint(s, i);
          if (cp >= 0x2E80 || (cp < 0x80 && std::isalpha(static_cast<int>(cp)))) ++w;
        }
      } else if (IsElement(c) && !removed_.contains(c)) {
        w += Weigh(c, in_link || Name(c) == "a");
      }
    }
    weight_[n] = w;
    return w;
  }

  // The article: from <body>, descend while one child element holds most of
  // the running text. Only containers are descended into (never a single
  // paragraph), data tables are not (the narrative around them belongs to
  // the article too), and a child that would leave a table of numbers behind
  // is not taken: the report's tables are what matters most.
  const xmlNode* FindArticle(const xmlNode* body) const {
    static const std::unordered_set<std::string_view> kContainers = {
        "div", "section", "article", "main", "form", "center", "td", "th", "table", "tbody", "tr",
        "font", "span", "blockquote", "body", "html"};
    const std::size_t total = Weight(body);
    const xmlNode* cur = body;
    while (true) {
      const xmlNode* next = nullptr;
      for (const xmlNode* c = cur->children; c != nullptr; c = c->next) {
        if (!IsElement(c) || removed_.contains(c)) continue;
        if (Weight(c) * 10 >= total * 7) {
          next = c;
          break;
        }
      }
      if (next == nullptr || !kContainers.contains(Name(next))) break;
      const std::string_view name = Name(next);
      if ((name == "table" || name == "tbody" || name == "tr") && !IsLayoutTable(next)) break;
      if (NumericTables(cur) > NumericTables(next)) break;
      cur = next;
    }
    return cur;
  }

  // Counts, for `n` and every element in it, the tables (not removed) with
  // at least three cells that are just a number. Once for the whole page:
  // FindArticle asks at every level it descends, and asking anew walked the
  // rest of the page and the text of every cell each time.
  std::size_t CountNumericTables(const xmlNode* n, int depth) {
    std::size_t count = 0;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (!IsElement(c) || removed_.contains(c) || depth > kMaxDepth) continue;
      if (Name(c) == "table") {
        std::size_t numeric = 0;
        std::string t;
        ForEachOwnCell(c, [&](const xmlNode* cell) {
          t.clear();
          CellText(cell, t, 0);
          const std::string_view v = text::Trim(t);
          if (!v.empty() && v.find_first_not_of("0123456789.,") == std::string_view::npos) ++numeric;
        });
        if (numeric >= 3) ++count;
      }
      count += CountNumericTables(c, depth + 1);
    }
    numeric_[n] = count;
    return count;
  }

  // A heading before the article (real pages put the title in its own box
  // above the text): the last <h1>/<h2> or *title* element preceding it.
  const xmlNode* TitleBefore(const xmlNode* root, const xmlNode* article) const {
    const xmlNode* found = nullptr;
    bool reached = false;
    FindTitle(root, article, found, reached, 0);
    return found;
  }

  bool IsLayoutTable(const xmlNode* table) const {
    // A table used to lay out the page: it holds other tables, has a single
    // cell, or has a cell with running text too long for a form.
    std::size_t cells = 0;
    bool layout = false;
    ForEachOwnCell(table, [&](const xmlNode* cell) {
      ++cells;
      if (ContainsTable(cell, 0)) layout = true;
      if (Weight(cell) > 300) layout = true;
    });
    return layout || cells <= 1;
  }

  // Emits the content of `n` as blocks.
  void Emit(const xmlNode* n, std::vector<RawBlock>& out, int depth) {
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (IsText(c)) {
        AppendText(c, pending_, false);
        continue;
      }
      if (!IsElement(c) || removed_.contains(c)) continue;
      const std::string_view name = Name(c);
      if (name == "br" || name == "hr") {
        Flush(out);
        continue;
      }
      if (name == "table") {
        Flush(out);
        if (IsLayoutTable(c) && depth < kMaxDepth) {
          ForEachOwnCell(c, [&](const xmlNode* cell) {
            Emit(cell, out, depth + 1);
            Flush(out);
          });
        } else {
          out.push_back(Table(c));
        }
        continue;
      }
      const bool block = BlockElements().contains(name);
      if (block) Flush(out);
      if (name == "pre") ++pre_;
      if (depth < kMaxDepth) Emit(c, out, depth + 1);
      if (name == "pre") --pre_;
      if (block) Flush(out);
    }
  }

  void Flush(std::vector<RawBlock>& out) {
    if (text::Trim(pending_).empty()) {
      pending_.clear();
      return;
    }
    RawBlock b;
    b.text = std::move(pending_);
    pending_.clear();
    out.push_back(std::move(b));
  }

  bool too_deep() const { return too_deep_; }

 private:
  std::size_t Weight(const xmlNode* n) const {
    const auto it = weight_.find(n);
    return it == weight_.end() ? 0 : it->second;
  }

  std::size_t NumericTables(const xmlNode* n) const {
    const auto it = numeric_.find(n);
    return it == numeric_.end() ? 0 : it->second;
  }

  static bool ContainsTable(const xmlNode* n, int depth) {
    if (depth > kMaxDepth) return false;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (!IsElement(c)) continue;
      if (Name(c) == "table" || ContainsTable(c, depth + 1)) return true;
    }
    return false;
  }

  // The cells of a table's own rows (not those of tables nested in them),
  // row by row: <tr> directly or inside <thead>/<tbody>/<tfoot>.
  template <typename F>
  void ForEachOwnRow(const xmlNode* table, F&& f) const {
    for (const xmlNode* c = table->children; c != nullptr; c = c->next) {
      if (!IsElement(c) || removed_.contains(c)) continue;
      const std::string_view name = Name(c);
      if (name == "tr") {
        f(c);
      } else if (name == "thead" || name == "tbody" || name == "tfoot") {
        for (const xmlNode* r = c->children; r != nullptr; r = r->next) {
          if (IsElement(r) && Name(r) == "tr" && !removed_.contains(r)) f(r);
        }
      }
    }
  }
  template <typename F>
  void ForEachOwnCell(const xmlNode* table, F&& f) const {
    ForEachOwnRow(table, [&](const xmlNode* row) {
      for (const xmlNode* c = row->children; c != nullptr; c = c->next) {
        if (IsElement(c) && (Name(c) == "td" || Name(c) == "th") && !removed_.contains(c)) f(c);
      }
    });
  }

  static std::size_t Span(const xmlNode* cell, const char* attr, std::size_t limit) {
    const std::string v = Attr(cell, attr);
    std::size_t n = 0;
    std::size_t i = 0;
    while (i < v.size() && v[i] == ' ') ++i;
    for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i) {
      n = n * 10 + static_cast<std::size_t>(v[i] - '0');
      if (n > limit) return limit;
    }
    return n == 0 ? 1 : n;
  }

  // The HTML table model: cells placed left to right into the first free
  // position of their row; a cell spanning rows/columns covers positions
  // that later rows skip. Covered positions become merged cells pointing at
  // the cell covering them; positions no cell covers (ragged rows) are
  // merged cells too, so they are not read as blank values.
  RawBlock Table(const xmlNode* table) {
    std::vector<const xmlNode*> rows;
    ForEachOwnRow(table, [&](const xmlNode* r) { rows.push_back(r); });
    RawBlock b;
    b.table = true;
    // Spans are clamped: to the rows that exist and to a width no form has.
    constexpr std::size_t kMaxCols = 256;
    constexpr std::size_t kMaxRowspan = 1024;
    std::size_t budget = std::size_t{1} << 22;
    bool clamped = false;
    struct Slot {
      bool used = false;
      std::size_t row = 0, col = 0;
    };
    std::vector<std::vector<Slot>> grid(rows.size());
    std::vector<std::vector<std::string>> texts(rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
      std::size_t col = 0;
      for (const xmlNode* c = rows[r]->children; c != nullptr; c = c->next) {
        if (!IsElement(c) || (Name(c) != "td" && Name(c) != "th") || removed_.contains(c)) continue;
        auto& row = grid[r];
        while (col < row.size() && row[col].used) ++col;
        if (col >= kMaxCols) break;
        std::size_t colspan = std::min(Span(c, "colspan", kMaxCols), kMaxCols - col);
        std::size_t rowspan = std::min(Span(c, "rowspan", kMaxRowspan), rows.size() - r);
        // Spans cost rows x columns of work: a hostile page with thousands
        // of huge spans would take minutes. Past the budget spans are ignored.
        if (rowspan * colspan > budget) {
          rowspan = colspan = 1;
          clamped = true;
        }
        budget -= std::min(budget, rowspan * colspan);
        for (std::size_t dr = 0; dr < rowspan; ++dr) {
          auto& g = grid[r + dr];
          if (g.size() < col + colspan) g.resize(col + colspan);
          auto& t = texts[r + dr];
          if (t.size() < col + colspan) t.resize(col + colspan);
          for (std::size_t dc = 0; dc < colspan; ++dc) {
            Slot& s = g[col + dc];
            if (s.used) continue;  // overlapping spans: the first cell keeps it
            s.used = true;
            s.row = r;
            s.col = col;
          }
        }
        std::string cell_text;
        CellText(c, cell_text, 0);
        texts[r][col] = std::move(cell_text);
        col += colspan;
      }
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
      std::vector<RawCell> row;
      for (std::size_t j = 0; j < grid[r].size(); ++j) {
        const Slot& s = grid[r][j];
        RawCell cell;
        if (s.used && s.row == r && s.col == j) {
          cell.text = std::move(texts[r][j]);
        } else {
          cell.merged = true;
          cell.origin_row = s.used ? s.row : r;
          cell.origin_col = s.used ? s.col : j;
        }
        row.push_back(std::move(cell));
      }
      b.rows.push_back(std::move(row));
    }
    if (clamped) warnings_.push_back("表格合并单元格过多，部分合并未展开 / too many spanned cells; some spans ignored");
    return b;
  }

  // Text of a cell: <br> and block elements become line breaks; a table
  // nested in a cell is flattened, its rows as lines.
  void CellText(const xmlNode* n, std::string& out, int depth) const {
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (IsText(c)) {
        AppendText(c, out, true);
        continue;
      }
      if (!IsElement(c) || removed_.contains(c)) continue;
      const std::string_view name = Name(c);
      if (name == "br") {
        out += '\n';
        continue;
      }
      const bool block = BlockElements().contains(name);
      if (block) out += '\n';
      if (name == "td" || name == "th") out += ' ';
      if (depth < kMaxDepth) CellText(c, out, depth + 1);
      if (block) out += '\n';
    }
  }

  // HTML whitespace rules: runs of ASCII whitespace are one space (except in
  // <pre>); no-break and ideographic spaces are kept.
  void AppendText(const xmlNode* t, std::string& out, bool in_cell) const {
    if (t->content == nullptr) return;
    const std::string_view s(reinterpret_cast<const char*>(t->content));
    for (char ch : s) {
      const bool space = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f';
      if (pre_ > 0 && !in_cell) {
        out += ch == '\r' ? '\n' : ch;
        continue;
      }
      if (space) {
        if (!out.empty() && out.back() != ' ' && out.back() != '\n') out += ' ';
        continue;
      }
      out += ch;
    }
  }

  bool IsChrome(const xmlNode* n, bool in_article) {
    const std::string_view name = Name(n);
    if (DroppedElements().contains(name)) return true;
    if ((name == "header" || name == "footer") && !in_article) return true;
    if (HasAttr(n, "hidden")) return true;
    if (Lower(Attr(n, "aria-hidden")) == "true") return true;
    std::string style = Lower(Attr(n, "style"));
    style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
    if (style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos) {
      return true;
    }
    // A form that wraps the whole page (ASP.NET sites) is a container; a
    // small one is a search or login box.
    if (name == "form") return !ContainsTable(n, 0) && TextLength(n, 0) < 200;
    const std::string cls = Lower(Attr(n, "class") + " " + Attr(n, "id"));
    if (cls.size() <= 1) return false;
    return HasClassWord(cls, kChromeWords) && !HasClassWord(cls, kArticleWords);
  }

  static std::size_t TextLength(const xmlNode* n, int depth) {
    std::size_t len = 0;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (IsText(c) && c->content != nullptr) len += text::Length(reinterpret_cast<const char*>(c->content));
      if (IsElement(c) && depth < kMaxDepth && !DroppedElements().contains(Name(c))) len += TextLength(c, depth + 1);
    }
    return len;
  }

  void FindTitle(const xmlNode* n, const xmlNode* article, const xmlNode*& found, bool& reached, int depth) const {
    for (const xmlNode* c = n->children; c != nullptr && !reached; c = c->next) {
      if (!IsElement(c) || removed_.contains(c)) continue;
      if (c == article) {
        reached = true;
        return;
      }
      const std::string_view name = Name(c);
      if (IsTitle(c)) {
        const std::size_t len = TextLength(c, 0);
        // A link with class "title" is an entry of a related-articles list.
        if (len >= 4 && len <= 120 && !ContainsTable(c, 0) && !Contains(c, "a", 0) && name != "a") found = c;
      }
      if (depth < kMaxDepth) FindTitle(c, article, found, reached, depth + 1);
    }
  }

  static bool IsTitle(const xmlNode* n) {
    const std::string_view name = Name(n);
    return name == "h1" || name == "h2" || Lower(Attr(n, "class") + " " + Attr(n, "id")).find("title") != std::string::npos;
  }

  static bool Contains(const xmlNode* n, std::string_view element, int depth) {
    if (depth > kMaxDepth) return false;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (IsElement(c) && (Name(c) == element || Contains(c, element, depth + 1))) return true;
    }
    return false;
  }

 public:
  // True if the article has a heading of its own (then no title is borrowed).
  bool HasTitle(const xmlNode* n, int depth) const {
    if (depth > kMaxDepth) return false;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (!IsElement(c) || removed_.contains(c)) continue;
      if (IsTitle(c) || HasTitle(c, depth + 1)) return true;
    }
    return false;
  }

 private:
  std::vector<std::string>& warnings_;
  std::unordered_set<const xmlNode*> removed_;
  std::unordered_map<const xmlNode*, std::size_t> weight_;
  std::unordered_map<const xmlNode*, std::size_t> numeric_;  // CountNumericTables
  std::string pending_;
  int pre_ = 0;
  bool too_deep_ = false;
};

bool ContainsNode(const xmlNode* ancestor, const xmlNode* n) {
  for (; n != nullptr; n = n->parent) {
    if (n == ancestor) return true;
  }
  return false;
}

// The date at the start of `s` as printed ("2024-01-18 09:30" → "2024-01-18",
// "2024年1月18日"), after spaces and a colon; "" if none.
std::string DateAt(std::string_view s) {
  std::size_t cut = std::min<std::size_t>(s.size(), 96);
  while (cut < s.size() && cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // a whole character
  const std::string n = text::Normalize(s.substr(0, cut));
  std::size_t i = 0;
  while (i < n.size() && (n[i] == ' ' || n[i] == ':' || n[i] == '\t' || n[i] == '\n')) ++i;
  if (n.compare(i, 3, "\xEF\xBC\x9A") == 0) i += 3;  // ：(not folded by NFKC)
  while (i < n.size() && n[i] == ' ') ++i;
  std::string out;
  int digits = 0;
  while (i < n.size()) {
    const char c = n[i];
    if (c >= '0' && c <= '9') {
      out += c;
      ++digits;
      ++i;
    } else if (c == '-' || c == '.' || c == '/') {
      out += c;
      ++i;
    } else if (n.compare(i, 3, "年") == 0 || n.compare(i, 3, "月") == 0) {
      out += n.substr(i, 3);
      i += 3;
    } else if (n.compare(i, 3, "日") == 0) {
      out += "日";
      break;
    } else {
      break;
    }
  }
  while (!out.empty() && (out.back() == '-' || out.back() == '.' || out.back() == '/')) out.pop_back();
  return digits >= 6 ? out : "";
}

// The page's own statement of when it was published: a <meta> of the site's
// publishing system (PubDate, firstpublishedtime, article:published_time …),
// else "发布时间：…"/"发布日期：…" in the page's text (the box above the
// article, which the chrome filter drops).
std::string PagePublished(const xmlNode* root) {
  static constexpr std::string_view kMetaNames[] = {"pubdate", "publishdate", "firstpublishedtime", "published_time",
                                                    "article:published_time", "publish_date", "publishtime"};
  std::string from_text;
  std::vector<const xmlNode*> stack = {root};
  while (!stack.empty()) {
    const xmlNode* n = stack.back();
    stack.pop_back();
    if (IsElement(n)) {
      const std::string name = Lower(Name(n));
      if (name == "script" || name == "style") continue;
      if (name == "meta") {
        const std::string key = Lower(Attr(n, "name") + Attr(n, "property"));
        if (std::find(std::begin(kMetaNames), std::end(kMetaNames), key) != std::end(kMetaNames)) {
          if (std::string d = DateAt(Attr(n, "content")); !d.empty()) return d;
        }
      }
    } else if (n->type == XML_TEXT_NODE && from_text.empty() && n->content != nullptr) {
      const std::string_view t(reinterpret_cast<const char*>(n->content));
      for (std::string_view label : {"发布时间", "发布日期", "发布于"}) {
        const std::size_t at = t.find(label);
        if (at == std::string_view::npos) continue;
        std::string d = DateAt(t.substr(at + label.size()));
        // The date may be in the next element ("发布时间：<span>2024-01-18</span>").
        if (d.empty() && n->next != nullptr) {
          const xmlNode* next = n->next;
          if (IsElement(next) && next->children != nullptr && next->children->type == XML_TEXT_NODE &&
              next->children->content != nullptr) {
            d = DateAt(reinterpret_cast<const char*>(next->children->content));
          }
        }
        if (!d.empty()) {
          from_text = std::move(d);
          break;
        }
      }
    }
    // Children in document order: pushed last to first.
    std::vector<const xmlNode*> children;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) children.push_back(c);
    for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back(*it);
    if (stack.size() > 200000) break;
  }
  return from_text;
}

const xmlNode* FindElement(const xmlNode* n, std::string_view name, int depth) {
  for (const xmlNode* c = n; c != nullptr; c = c->next) {
    if (IsElement(c) && Name(c) == name) return c;
    if (depth < 8 && c->children != nullptr) {
      if (const xmlNode* f = FindElement(c->children, name, depth + 1)) return f;
    }
  }
  return nullptr;
}

}  // namespace

Document ReadHtml(std::string_view bytes) {
  if (bytes.size() > budget::kMaxHtmlBytes) {
    throw budget::OverBudget("网页大小", "HTML page size", budget::Bytes(bytes.size()),
                             budget::Bytes(budget::kMaxHtmlBytes));
  }
  std::vector<std::string> warnings;
  std::string utf8 = Decode(bytes, warnings);
  // (UTF-16 can grow by half in UTF-8.)
  if (utf8.size() > budget::kMaxHtmlBytes * 3 / 2) {
    throw budget::OverBudget("网页解码后的大小", "HTML page size decoded", budget::Bytes(utf8.size()),
                             budget::Bytes(budget::kMaxHtmlBytes * 3 / 2));
  }
  CheckAttributes(utf8);
  // The page is handed over already in UTF-8; IGNORE_ENC stops libxml2 from
  // switching encoding again when it meets the <meta charset>. HTML_PARSE_HUGE
  // stays off: libxml2 keeps its limits on names, text nodes and nesting.
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                      HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT;
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      htmlReadMemory(utf8.data(), static_cast<int>(utf8.size()), nullptr, "UTF-8", options), &xmlFreeDoc);
  if (doc == nullptr) {
    throw ReadError("无法解析网页（HTML）内容，文件为空或已损坏", "cannot parse the HTML page (empty or corrupt)");
  }
  xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr) {
    throw ReadError("网页没有内容", "the HTML page has no content");
  }
  const xmlNode* body = FindElement(root, "body", 0);
  if (body == nullptr) body = root;
  std::string published = PagePublished(root);

  Page page(warnings);
  page.MarkChrome(const_cast<xmlNode*>(body), 0, false);
  page.Weigh(body, false);
  page.CountNumericTables(body, 0);
  const xmlNode* article = page.FindArticle(body);

  std::vector<RawBlock> blocks;
  if (article != body && !page.HasTitle(article, 0)) {
    if (const xmlNode* title = page.TitleBefore(body, article); title != nullptr && !ContainsNode(article, title)) {
      page.Emit(title, blocks, 0);
      page.Flush(blocks);
    }
  }
  page.Emit(article, blocks, 0);
  page.Flush(blocks);
  if (page.too_deep()) {
    warnings.push_back("网页嵌套过深，部分内容未读取 / page nested too deeply; some content skipped");
  }
  Document out = Assemble(std::move(blocks), std::move(warnings));
  if (out.blocks.empty()) {
    throw ReadError("网页中没有找到正文内容", "no text found in the HTML page");
  }
  out.published = std::move(published);
  return out;
}

}  // namespace gongkai::readers
