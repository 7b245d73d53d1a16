// DOCX (Office Open XML): a zip whose main part (word/document.xml, or
// wherever _rels/.rels points) holds paragraphs and tables. Read with libzip
// from memory and pugixml. Paragraph numbering ("一、", "（一）") lives in
// word/numbering.xml, not in the text, and is put back so that headings keep
// their numbers. Headers, footers, footnotes and comments are other parts and
// are not read. Pictures in the body (w:drawing's a:blip, VML's v:imagedata)
// are read by OCR in place (pictures.h): reports often carry a table pasted as
// a screenshot.
#include <pugixml.hpp>
#include <zip.h>

#include <array>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "readers/assemble.h"
#include "readers/docx.h"
#include "readers/ocr.h"
#include "readers/page_layout.h"
#include "readers/budget.h"
#include "readers/pictures.h"
#include "readers/reader.h"
#include "readers/xml_names.h"
#include "util/text.h"

namespace gongkai::readers {

namespace {

// A document.xml larger than this (uncompressed) is a zip bomb, not a report.
constexpr zip_uint64_t kMaxPartBytes = budget::kMaxDocxPartBytes;
constexpr int kMaxDepth = 200;

ReadError Corrupt(const std::string& what) {
  return ReadError("DOCX 文件已损坏或不完整（" + what + "），请用 Word 或 WPS 打开后重新另存为 DOCX",
                   "corrupt or truncated DOCX (" + what + "); open it in Word or WPS and save it as DOCX again");
}

class Zip {
 public:
  explicit Zip(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (src == nullptr) {
      zip_error_fini(&error);
      throw Corrupt("zip");
    }
    archive_ = zip_open_from_source(src, ZIP_RDONLY, &error);
    if (archive_ == nullptr) {
      zip_source_free(src);
      const int code = zip_error_code_zip(&error);
      const std::string message = zip_error_strerror(&error);
      zip_error_fini(&error);
      if (code == ZIP_ER_NOZIP) throw Corrupt("不是有效的 ZIP 压缩包 / not a valid zip archive");
      throw Corrupt("zip: " + message);
    }
    zip_error_fini(&error);
  }
  ~Zip() {
    if (archive_ != nullptr) zip_discard(archive_);
  }
  Zip(const Zip&) = delete;
  Zip& operator=(const Zip&) = delete;

  bool Has(const std::string& name) const { return zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE) >= 0; }

  // The uncompressed part, or nullopt when it is absent.
  std::optional<std::string> Read(const std::string& name) const {
    const zip_int64_t index = zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return std::nullopt;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &st) != 0) throw Corrupt(name);
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
      throw ReadError("DOCX 文件已加密，请去除密码后另存为 DOCX", "the DOCX file is encrypted; remove the password and save it again");
    }
    if ((st.valid & ZIP_STAT_SIZE) && st.size > kMaxPartBytes) {
      throw budget::OverBudget("DOCX 部件 " + name + " 解压后的大小", "size of DOCX part " + name + " inflated",
                               budget::Bytes(st.size), budget::Bytes(kMaxPartBytes));
    }
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> f(zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0),
                                                        &zip_fclose);
    if (f == nullptr) {
      const int code = zip_error_code_zip(zip_get_error(archive_));
      if (code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD) {
        throw ReadError("DOCX 文件已加密，请去除密码后另存为 DOCX",
                        "the DOCX file is encrypted; remove the password and save it again");
      }
      throw Corrupt(name);
    }
    std::string out;
    std::array<char, 65536> buf;
    while (true) {
      const zip_int64_t n = zip_fread(f.get(), buf.data(), buf.size());
      if (n < 0) throw Corrupt(name);  // CRC error, truncated data
      if (n == 0) break;
      out.append(buf.data(), static_cast<std::size_t>(n));
      // The size in the directory can lie; count what is actually inflated.
      if (out.size() > kMaxPartBytes) {
        throw budget::OverBudget("DOCX 部件 " + name + " 解压后的大小", "size of DOCX part " + name + " inflated",
                                 "> " + budget::Bytes(kMaxPartBytes), budget::Bytes(kMaxPartBytes));
      }
    }
    return out;
  }

 private:
  zip_t* archive_ = nullptr;
};

// Element names without their namespace prefix: Word writes "w:", but the
// prefix is the document's choice.
std::string_view Local(const pugi::xml_node& n) { return xml::LocalName(n.name()); }

using xml::Child;

// w:val (or any prefix's val) of a child element.
std::string_view Val(const pugi::xml_node& n) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    std::string_view name = a.name();
    const std::size_t colon = name.find(':');
    if ((colon == std::string_view::npos ? name : name.substr(colon + 1)) == "val") return a.value();
  }
  return {};
}

std::string_view AttrLocal(const pugi::xml_node& n, std::string_view local) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    std::string_view name = a.name();
    const std::size_t colon = name.find(':');
    if ((colon == std::string_view::npos ? name : name.substr(colon + 1)) == local) return a.value();
  }
  return {};
}

int ToInt(std::string_view s, int fallback, int limit) {
  if (s.empty()) return fallback;
  long v = 0;
  bool neg = false;
  std::size_t i = 0;
  if (s[0] == '-') {
    neg = true;
    i = 1;
  }
  if (i >= s.size()) return fallback;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return fallback;
    v = v * 10 + (s[i] - '0');
    if (v > limit) return limit;
  }
  return static_cast<int>(neg ? -v : v);
}

// ---------------------------------------------------------------------------
// Numbering

std::string ChineseCount(int n) {
  static constexpr std::array<std::string_view, 10> kDigits = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n <= 0 || n >= 10000) return std::to_string(n);
  std::string out;
  const std::array<std::pair<int, std::string_view>, 3> units = {{{1000, "千"}, {100, "百"}, {10, "十"}}};
  bool zero = false;
  bool started = false;
  for (const auto& [unit, name] : units) {
    const int d = n / unit % 10;
    if (d == 0) {
      zero = started;
      continue;
    }
    if (zero) out += "〇";
    zero = false;
    // 十一 rather than 一十一, as printed on the form.
    if (!(unit == 10 && d == 1 && !started)) out += kDigits[static_cast<std::size_t>(d)];
    out += name;
    started = true;
  }
  const int d = n % 10;
  if (d != 0) {
    if (zero) out += "〇";
    out += kDigits[static_cast<std::size_t>(d)];
  }
  return out;
}

std::string Roman(int n, bool upper) {
  if (n <= 0 || n >= 4000) return std::to_string(n);
  static constexpr std::array<std::pair<int, const char*>, 13> kTable = {{{1000, "m"}, {900, "cm"}, {500, "d"},
      {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}}};
  std::string out;
  for (const auto& [v, s] : kTable) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  if (upper) {
    for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string FormatNumber(int n, std::string_view fmt) {
  if (fmt == "chineseCounting" || fmt == "chineseCountingThousand" || fmt == "japaneseCounting" ||
      fmt == "ideographTraditional" || fmt == "taiwaneseCounting" || fmt == "taiwaneseCountingThousand") {
    return ChineseCount(n);
  }
  if (fmt == "ideographDigital" || fmt == "taiwaneseDigital" || fmt == "chineseLegalSimplified") {
    static constexpr std::array<std::string_view, 10> kDigits = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    std::string out;
    for (char c : std::to_string(n)) {
      if (c >= '0' && c <= '9') out += kDigits[static_cast<std::size_t>(c - '0')];
    }
    return out;
  }
  if (fmt == "decimalEnclosedCircle" || fmt == "decimalEnclosedCircleChinese") {
    if (n >= 1 && n <= 20) {
      std::string out;
      text::AppendCodePoint(out, static_cast<char32_t>(0x2460 + n - 1));
      return out;
    }
    return std::to_string(n);
  }
  if (fmt == "upperLetter" || fmt == "lowerLetter") {
    if (n <= 0) return std::to_string(n);
    const char base = fmt == "upperLetter" ? 'A' : 'a';
    return std::string(static_cast<std::size_t>((n - 1) / 26 + 1), static_cast<char>(base + (n - 1) % 26));
  }
  if (fmt == "upperRoman") return Roman(n, true);
  if (fmt == "lowerRoman") return Roman(n, false);
  if (fmt == "none") return {};
  return std::to_string(n);  // decimal, decimalZero, decimalFullWidth, ...
}

struct Level {
  int start = 1;
  std::string format = "decimal";
  std::string text;  // "%1、"
  bool bullet = false;
};

// word/numbering.xml: num → abstractNum → levels, and the running counters.
class Numbering {
 public:
  void Load(const pugi::xml_node& numbering) {
    std::map<std::string, std::array<Level, 9>> abstract;
    for (pugi::xml_node a = numbering.first_child(); a; a = a.next_sibling()) {
      if (Local(a) == "abstractNum") {
        auto& levels = abstract[std::string(AttrLocal(a, "abstractNumId"))];
        for (pugi::xml_node l = a.first_child(); l; l = l.next_sibling()) {
          if (Local(l) != "lvl") continue;
          const int ilvl = ToInt(AttrLocal(l, "ilvl"), 0, 8);
          if (ilvl < 0) continue;
          LoadLevel(l, levels[static_cast<std::size_t>(ilvl)]);
        }
      }
    }
    for (pugi::xml_node n = numbering.first_child(); n; n = n.next_sibling()) {
      if (Local(n) != "num") continue;
      const auto it = abstract.find(std::string(Val(Child(n, "abstractNumId"))));
      if (it == abstract.end()) continue;
      auto& num = nums_[std::string(AttrLocal(n, "numId"))];
      num.abstract_id = std::string(Val(Child(n, "abstractNumId")));
      num.levels = it->second;
      for (pugi::xml_node o = n.first_child(); o; o = o.next_sibling()) {
        if (Local(o) != "lvlOverride") continue;
        const int ilvl = ToInt(AttrLocal(o, "ilvl"), 0, 8);
        if (ilvl < 0) continue;
        Level& level = num.levels[static_cast<std::size_t>(ilvl)];
        if (pugi::xml_node s = Child(o, "startOverride")) level.start = ToInt(Val(s), 1, 1 << 20);
        if (pugi::xml_node l = Child(o, "lvl")) LoadLevel(l, level);
      }
    }
  }

  // The number text of the next paragraph of list `num_id` at `ilvl`.
  std::string Next(const std::string& num_id, int ilvl) {
    const auto it = nums_.find(num_id);
    if (it == nums_.end() || ilvl < 0 || ilvl > 8) return {};
    const Num& num = it->second;
    // Lists sharing an abstract definition share counters (Word's behaviour
    // for paragraphs continuing "the same list" through different nums).
    auto& counters = counters_[num.abstract_id];
    if (!counters.started) {
      for (std::size_t i = 0; i < 9; ++i) counters.value[i] = num.levels[i].start - 1;
      counters.started = true;
    }
    const auto l = static_cast<std::size_t>(ilvl);
    ++counters.value[l];
    for (std::size_t i = l + 1; i < 9; ++i) counters.value[i] = num.levels[i].start - 1;
    const Level& level = num.levels[l];
    if (level.bullet) return {};
    std::string out;
    const std::string& t = level.text;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i] == '%' && i + 1 < t.size() && t[i + 1] >= '1' && t[i + 1] <= '9') {
        const auto k = static_cast<std::size_t>(t[i + 1] - '1');
        out += FormatNumber(std::max(counters.value[k], num.levels[k].start), num.levels[k].format);
        ++i;
      } else {
        out += t[i];
      }
    }
    return out;
  }

 private:
  static void LoadLevel(const pugi::xml_node& l, Level& level) {
    if (pugi::xml_node s = Child(l, "start")) level.start = ToInt(Val(s), 1, 1 << 20);
    if (pugi::xml_node f = Child(l, "numFmt")) level.format = std::string(Val(f));
    if (pugi::xml_node t = Child(l, "lvlText")) level.text = std::string(Val(t));
    level.bullet = level.format == "bullet";
  }

  struct Num {
    std::string abstract_id;
    std::array<Level, 9> levels;
  };
  struct Counters {
    bool started = false;
    std::array<int, 9> value{};
  };
  std::map<std::string, Num> nums_;
  std::map<std::string, Counters> counters_;
};

// Paragraph styles that carry numbering (headings numbered by their style).
struct StyleNumbering {
  std::map<std::string, std::pair<std::string, int>> by_style;  // styleId → numId, ilvl

  void Load(const pugi::xml_node& styles) {
    std::map<std::string, std::string> based_on;
    std::map<std::string, std::pair<std::string, int>> own;
    for (pugi::xml_node s = styles.first_child(); s; s = s.next_sibling()) {
      if (Local(s) != "style") continue;
      const std::string id(AttrLocal(s, "styleId"));
      if (pugi::xml_node b = Child(s, "basedOn")) based_on[id] = std::string(Val(b));
      if (pugi::xml_node num = Child(Child(s, "pPr"), "numPr")) {
        own[id] = {std::string(Val(Child(num, "numId"))), ToInt(Val(Child(num, "ilvl")), 0, 8)};
      }
    }
    for (const auto& [id, parent] : based_on) {
      std::string cur = id;
      for (int hops = 0; hops < 16; ++hops) {  // basedOn chains can loop
        if (const auto it = own.find(cur); it != own.end()) {
          by_style[id] = it->second;
          break;
        }
        const auto b = based_on.find(cur);
        if (b == based_on.end()) break;
        cur = b->second;
      }
    }
    for (const auto& [id, n] : own) by_style[id] = n;
  }
};

// ---------------------------------------------------------------------------
// document.xml

// A picture in the body: where its text goes in the block list, the
// relationship naming its part, and its printed size when known.
struct PictureRef {
  std::size_t at = 0;  // its blocks go before blocks[at]
  std::string rel_id;
  double width_in = 0, height_in = 0;
  bool in_cell = false;  // inside a table cell: not read (a cell holds text)
};

// EMU (English Metric Units, 914400 per inch) as inches.
double EmuInches(std::string_view emu) { return ToInt(emu, 0, 1 << 30) / 914400.0; }

// A length of a VML style ("width:415.3pt;height:300pt") in inches; 0 when
// absent or in a unit not handled.
double StyleInches(std::string_view style, std::string_view property) {
  std::size_t at = 0;
  while ((at = style.find(property, at)) != std::string_view::npos) {
    const bool start = at == 0 || style[at - 1] == ';' || style[at - 1] == ' ';
    at += property.size();
    if (!start || at >= style.size() || style[at] != ':') continue;
    ++at;
    std::size_t end = at;
    while (end < style.size() && ((style[end] >= '0' && style[end] <= '9') || style[end] == '.')) ++end;
    double v = 0;
    try {
      v = std::stod(std::string(style.substr(at, end - at)));
    } catch (const std::exception&) {
      return 0;
    }
    const std::string_view unit = style.substr(end, 2);
    if (unit == "pt") return v / 72;
    if (unit == "in") return v;
    if (unit == "cm") return v / 2.54;
    if (unit == "mm") return v / 25.4;
    return 0;
  }
  return 0;
}

class Body {
 public:
  Body(Numbering& numbering, const StyleNumbering& styles) : numbering_(numbering), styles_(styles) {}

  void Blocks(const pugi::xml_node& parent, std::vector<RawBlock>& out, int depth) {
    if (depth > kMaxDepth) {
      too_deep_ = true;
      return;
    }
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
      const std::string_view name = Local(c);
      if (name == "p") {
        Paragraph(c, out, depth);
      } else if (name == "tbl") {
        Table(c, out, depth);
      } else if (name == "sdt") {
        Blocks(Child(c, "sdtContent"), out, depth + 1);
      } else if (name == "customXml" || name == "ins" || name == "smartTag") {
        Blocks(c, out, depth + 1);
      }
    }
  }

  bool too_deep() const { return too_deep_; }
  const std::vector<PictureRef>& pictures() const { return pictures_; }

 private:
  void AddPicture(std::string_view rel_id, double width_in, double height_in) {
    if (rel_id.empty() || pictures_.size() >= 10000) return;
    PictureRef p;
    p.rel_id = std::string(rel_id);
    p.width_in = width_in;
    p.height_in = height_in;
    p.in_cell = cell_depth_ > 0;
    pictures_.push_back(std::move(p));
  }

  // A paragraph outside tables: its lines (w:br) become paragraphs, text boxes
  // anchored in it follow it.
  void Paragraph(const pugi::xml_node& p, std::vector<RawBlock>& out, int depth) {
    std::string text = NumberText(p);
    std::vector<pugi::xml_node> boxes;
    const std::size_t first_picture = pictures_.size();
    Runs(p, text, boxes, depth);
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
      if (i == text.size() || text[i] == '\n') {
        RawBlock b;
        b.text = text.substr(start, i - start);
        out.push_back(std::move(b));
        start = i + 1;
      }
    }
    // The paragraph's pictures follow its text (a pasted picture usually
    // has a paragraph of its own).
    for (std::size_t k = first_picture; k < pictures_.size(); ++k) pictures_[k].at = out.size();
    for (const auto& box : boxes) Blocks(box, out, depth + 1);
  }

  std::string NumberText(const pugi::xml_node& p) {
    const pugi::xml_node ppr = Child(p, "pPr");
    std::string num_id;
    int ilvl = 0;
    if (pugi::xml_node num = Child(ppr, "numPr")) {
      num_id = std::string(Val(Child(num, "numId")));
      ilvl = ToInt(Val(Child(num, "ilvl")), 0, 8);
    } else if (pugi::xml_node style = Child(ppr, "pStyle")) {
      const auto it = styles_.by_style.find(std::string(Val(style)));
      if (it == styles_.by_style.end()) return {};
      num_id = it->second.first;
      ilvl = it->second.second;
    }
    if (num_id.empty() || num_id == "0") return {};  // numId 0: numbering removed
    return numbering_.Next(num_id, ilvl);
  }

  // Text of runs in document order. Deleted text (w:del) and field codes
  // (w:instrText) are not text; the field's displayed result is.
  void Runs(const pugi::xml_node& n, std::string& out, std::vector<pugi::xml_node>& boxes, int depth) {
    if (depth > kMaxDepth) {
      too_deep_ = true;
      return;
    }
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      const std::string_view name = Local(c);
      if (name == "t") {
        out += c.text().get();
      } else if (name == "tab" || name == "ptab") {
        out += '\t';
      } else if (name == "br" || name == "cr") {
        // Page and column breaks end nothing in the text; line breaks do.
        const std::string_view type = AttrLocal(c, "type");
        out += type == "page" || type == "column" ? ' ' : '\n';
      } else if (name == "noBreakHyphen") {
        out += '-';
      } else if (name == "txbxContent") {
        boxes.push_back(c);
      } else if (name == "inline" || name == "anchor") {
        // wp:inline / wp:anchor: a drawing, with its printed size.
        const pugi::xml_node extent = Child(c, "extent");
        extent_w_ = EmuInches(AttrLocal(extent, "cx"));
        extent_h_ = EmuInches(AttrLocal(extent, "cy"));
        Runs(c, out, boxes, depth + 1);
        extent_w_ = extent_h_ = 0;
      } else if (name == "blip") {
        AddPicture(AttrLocal(c, "embed"), extent_w_, extent_h_);
      } else if (name == "imagedata") {
        // VML (Word 2003, WPS): the size is in the parent shape's style.
        const std::string_view style = AttrLocal(c.parent(), "style");
        AddPicture(AttrLocal(c, "id"), StyleInches(style, "width"), StyleInches(style, "height"));
      } else if (name == "AlternateContent") {
        // mc:Choice (DrawingML) and mc:Fallback (VML) hold the same text box;
        // read the first alternative only.
        for (pugi::xml_node alt = c.first_child(); alt; alt = alt.next_sibling()) {
          if (alt.type() == pugi::node_element) {
            Runs(alt, out, boxes, depth + 1);
            break;
          }
        }
      } else if (name == "del" || name == "delText" || name == "instrText" || name == "pPr" || name == "rPr" ||
                 name == "moveFrom" || name == "footnoteReference" || name == "endnoteReference" ||
                 name == "commentReference") {
        continue;
      } else {
        Runs(c, out, boxes, depth + 1);  // r, hyperlink, ins, smartTag, fldSimple, sdt, drawing, ...
      }
    }
  }

  // Text of a cell: its paragraphs as lines; nested tables flattened (rows
  // as lines, cells separated by spaces).
  void CellText(const pugi::xml_node& tc, std::string& out, int depth) {
    if (depth > kMaxDepth) {
      too_deep_ = true;
      return;
    }
    ++cell_depth_;
    CellContent(tc, out, depth);
    --cell_depth_;
  }

  void CellContent(const pugi::xml_node& tc, std::string& out, int depth) {
    for (pugi::xml_node c = tc.first_child(); c; c = c.next_sibling()) {
      const std::string_view name = Local(c);
      if (name == "p") {
        std::string line = NumberText(c);
        std::vector<pugi::xml_node> boxes;
        Runs(c, line, boxes, depth + 1);
        for (const auto& box : boxes) {
          line += '\n';
          CellText(box, line, depth + 1);
        }
        if (!out.empty()) out += '\n';
        out += line;
      } else if (name == "tbl") {
        for (pugi::xml_node tr = c.first_child(); tr; tr = tr.next_sibling()) {
          if (Local(tr) != "tr") continue;
          if (!out.empty()) out += '\n';
          for (pugi::xml_node cell = tr.first_child(); cell; cell = cell.next_sibling()) {
            if (Local(cell) != "tc") continue;
            std::string t;
            CellText(cell, t, depth + 1);
            for (char& ch : t) ch = ch == '\n' ? ' ' : ch;
            out += t;
            out += ' ';
          }
        }
      } else if (name == "sdt") {
        CellText(Child(c, "sdtContent"), out, depth + 1);
      } else if (name == "customXml") {
        CellText(c, out, depth + 1);
      }
    }
  }

  // Rows and cells, including those wrapped in content controls.
  template <typename F>
  static void ForEach(const pugi::xml_node& parent, std::string_view local, F&& f, int depth = 0) {
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
      const std::string_view name = Local(c);
      if (name == local) {
        f(c);
      } else if ((name == "sdt" || name == "customXml") && depth < 8) {
        ForEach(name == "sdt" ? Child(c, "sdtContent") : c, local, f, depth + 1);
      }
    }
  }

  // w:gridSpan spreads a cell over grid columns; w:vMerge="restart" starts a
  // vertical merge that following rows continue with a bare w:vMerge. Every
  // covered position becomes a merged cell pointing at the cell covering it.
  // A table with a single cell is a frame around text (some agencies box the
  // whole report): its content is read as paragraphs.
  void Table(const pugi::xml_node& tbl, std::vector<RawBlock>& out, int depth) {
    std::vector<pugi::xml_node> rows;
    ForEach(tbl, "tr", [&](const pugi::xml_node& tr) { rows.push_back(tr); });
    std::size_t cells = 0;
    for (const auto& tr : rows) ForEach(tr, "tc", [&](const pugi::xml_node&) { ++cells; });
    if (cells <= 1) {
      for (const auto& tr : rows) ForEach(tr, "tc", [&](const pugi::xml_node& tc) { Blocks(tc, out, depth + 1); });
      return;
    }
    constexpr std::size_t kMaxCols = 256;
    RawBlock b;
    b.table = true;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      std::vector<RawCell> row;
      const pugi::xml_node trpr = Child(rows[r], "trPr");
      const auto before = static_cast<std::size_t>(std::max(0, ToInt(Val(Child(trpr, "gridBefore")), 0, kMaxCols)));
      for (std::size_t j = 0; j < before; ++j) {
        RawCell hole;
        hole.merged = true;
        hole.origin_row = r;
        hole.origin_col = j;
        row.push_back(std::move(hole));
      }
      ForEach(rows[r], "tc", [&](const pugi::xml_node& tc) {
        if (row.size() >= kMaxCols) return;
        const pugi::xml_node tcpr = Child(tc, "tcPr");
        const std::size_t span = std::min<std::size_t>(
            static_cast<std::size_t>(std::max(1, ToInt(Val(Child(tcpr, "gridSpan")), 1, kMaxCols))),
            kMaxCols - row.size());
        const pugi::xml_node vmerge = Child(tcpr, "vMerge");
        const bool continues = vmerge && Val(vmerge) != "restart";
        const pugi::xml_node hmerge = Child(tcpr, "hMerge");  // Word 2003's horizontal merge
        const bool hcontinues = hmerge && Val(hmerge) != "restart" && !row.empty();
        const std::size_t col = row.size();
        if (continues || hcontinues) {
          // Continue the cell above (or to the left for hMerge): take its origin.
          std::size_t orow = r, ocol = col;
          if (hcontinues) {
            const RawCell& left = row.back();
            orow = left.merged ? left.origin_row : r;
            ocol = left.merged ? left.origin_col : col - 1;
          } else if (r > 0 && col < b.rows[r - 1].size()) {
            const RawCell& above = b.rows[r - 1][col];
            orow = above.merged ? above.origin_row : r - 1;
            ocol = above.merged ? above.origin_col : col;
          }
          for (std::size_t k = 0; k < span; ++k) {
            RawCell m;
            m.merged = true;
            m.origin_row = orow;
            m.origin_col = ocol;
            row.push_back(std::move(m));
          }
          return;
        }
        RawCell cell;
        CellText(tc, cell.text, depth + 1);
        row.push_back(std::move(cell));
        for (std::size_t k = 1; k < span; ++k) {
          RawCell m;
          m.merged = true;
          m.origin_row = r;
          m.origin_col = col;
          row.push_back(std::move(m));
        }
      });
      b.rows.push_back(std::move(row));
    }
    out.push_back(std::move(b));
  }

  Numbering& numbering_;
  const StyleNumbering& styles_;
  bool too_deep_ = false;
  std::vector<PictureRef> pictures_;
  int cell_depth_ = 0;
  double extent_w_ = 0, extent_h_ = 0;  // of the drawing being read
};

// Parses `xml` in place (pugixml keeps pointers into it, so it must outlive
// the document): no copy of a part that is often a few hundred kilobytes.
pugi::xml_document Parse(std::string& xml, const std::string& part) {
  pugi::xml_document doc;
  const pugi::xml_parse_result r =
      doc.load_buffer_inplace(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  // Out of memory is the memory budget (the reading worker's limit), not a
  // damaged file.
  if (r.status == pugi::status_out_of_memory) throw std::bad_alloc();
  if (!r) throw Corrupt(part + ": " + r.description());
  return doc;
}

// The main part: _rels/.rels names it (officeDocument relationship); Word
// always writes word/document.xml.
std::string MainPart(const Zip& zip) {
  if (auto rels = zip.Read("_rels/.rels")) {
    pugi::xml_document doc;
    if (doc.load_buffer(rels->data(), rels->size())) {
      for (pugi::xml_node r = doc.document_element().first_child(); r; r = r.next_sibling()) {
        const std::string_view type = AttrLocal(r, "Type");
        if (type.size() >= 15 && type.substr(type.size() - 15) == "/officeDocument") {
          std::string target(AttrLocal(r, "Target"));
          if (!target.empty() && target[0] == '/') target.erase(0, 1);
          if (!target.empty() && zip.Has(target)) return target;
        }
      }
    }
  }
  return "word/document.xml";
}

// ---------------------------------------------------------------------------
// Pictures

struct Relationship {
  std::string target;  // a part name in the zip
  bool external = false;
};

// The main part's relationships (word/_rels/document.xml.rels): id → part,
// targets resolved against the main part's folder ("media/image1.png" →
// "word/media/image1.png", "../media/x.png", "/word/media/x.png").
std::map<std::string, Relationship> Relationships(const Zip& zip, const std::string& main) {
  std::map<std::string, Relationship> out;
  const std::size_t slash = main.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : main.substr(0, slash + 1);
  const std::string file = slash == std::string::npos ? main : main.substr(slash + 1);
  const std::optional<std::string> xml = zip.Read(dir + "_rels/" + file + ".rels");
  if (!xml) return out;
  pugi::xml_document doc;
  if (!doc.load_buffer(xml->data(), xml->size())) return out;
  for (pugi::xml_node r = doc.document_element().first_child(); r; r = r.next_sibling()) {
    if (Local(r) != "Relationship") continue;
    Relationship rel;
    rel.external = AttrLocal(r, "TargetMode") == "External";
    const std::string_view target = AttrLocal(r, "Target");
    if (!rel.external) {
      std::vector<std::string> parts;
      std::string path = !target.empty() && target[0] == '/' ? std::string(target.substr(1)) : dir + std::string(target);
      std::size_t start = 0;
      for (std::size_t i = 0; i <= path.size(); ++i) {
        if (i < path.size() && path[i] != '/') continue;
        const std::string seg = path.substr(start, i - start);
        start = i + 1;
        if (seg == "..") {
          if (!parts.empty()) parts.pop_back();
        } else if (!seg.empty() && seg != ".") {
          parts.push_back(seg);
        }
      }
      for (const std::string& seg : parts) rel.target += (rel.target.empty() ? "" : "/") + seg;
    }
    out[std::string(AttrLocal(r, "Id"))] = std::move(rel);
  }
  return out;
}

// The blocks of a picture's page as the markup readers' blocks.
std::vector<RawBlock> ToRawBlocks(const Document& d) {
  std::vector<RawBlock> out;
  for (const Block& b : d.blocks) {
    RawBlock rb;
    if (b.kind == Block::Kind::kParagraph) {
      rb.text = b.text;
      out.push_back(std::move(rb));
      continue;
    }
    rb.table = true;
    for (std::size_t r = 0; r < b.rows.size(); ++r) {
      std::vector<RawCell> row;
      for (std::size_t c = 0; c < b.rows[r].size(); ++c) {
        RawCell cell;
        cell.text = b.rows[r][c].text;
        cell.merged = b.rows[r][c].merged;
        cell.origin_row = r;
        cell.origin_col = c;
        // A grid's merged cell names no origin; the cell to its left (or
        // the one above continues) is the likeliest, and only offsets
        // depend on it.
        if (cell.merged && c > 0) {
          cell.origin_row = row.back().origin_row;
          cell.origin_col = row.back().origin_col;
        } else if (cell.merged && r > 0 && c < rb.rows[r - 1].size()) {
          cell.origin_row = rb.rows[r - 1][c].origin_row;
          cell.origin_col = rb.rows[r - 1][c].origin_col;
        }
        row.push_back(std::move(cell));
      }
      rb.rows.push_back(std::move(row));
    }
    out.push_back(std::move(rb));
  }
  return out;
}

// OCR messages name a page ("第3页…"); a DOCX has none: they name the picture.
std::string NamePicture(const std::string& note, int number) {
  const std::string page = "第" + std::to_string(number) + "页";
  if (note.compare(0, page.size(), page) != 0) return note;
  return "文档中第" + std::to_string(number) + "幅图片" + note.substr(page.size());
}

// Reads the body's pictures by OCR and splices their text into `blocks`.
void ReadPictures(const Zip& zip, const std::string& main, const std::vector<PictureRef>& pictures,
                  const DocxOptions& options, std::vector<RawBlock>& blocks, std::vector<std::string>& warnings) {
  const std::map<std::string, Relationship> rels = Relationships(zip, main);
  pictures::LazyOcr ocr;
  std::vector<std::pair<std::size_t, std::vector<RawBlock>>> inserts;
  int number = 0, read = 0, in_cells = 0, left = 0;
  for (const PictureRef& pic : pictures) {
    ++number;
    if (pic.in_cell) {
      ++in_cells;
      continue;
    }
    // Icons, bullets, small emblems: not a table, not worth an OCR pass.
    if (pic.width_in > 0 && pic.height_in > 0 && (pic.width_in < 1.0 || pic.height_in < 0.4)) continue;
    const auto rel = rels.find(pic.rel_id);
    if (rel == rels.end()) continue;
    const std::string name = "文档中第" + std::to_string(number) + "幅图片";
    if (rel->second.external) {
      warnings.push_back(name + "为外部链接，未读取");
      continue;
    }
    if (!options.ocr || read >= options.max_pictures) {
      ++left;
      continue;
    }
    std::optional<std::string> bytes;
    try {
      bytes = zip.Read(rel->second.target);
    } catch (const ReadError& e) {
      warnings.push_back(name + "无法读取（" + e.zh() + "）");
      continue;
    }
    if (!bytes) continue;
    std::string why;
    layout::GrayImage image = pictures::DecodePicture(*bytes, pic.width_in, why);
    if (image.empty()) {
      warnings.push_back(name + "未识别（" + why + "）");
      continue;
    }
    if (!pictures::HasInk(image)) continue;  // a red seal, a blank
    OcrEngine* engine = ocr.Get();
    if (engine == nullptr) {
      warnings.push_back("文档中的图片未识别（" + ocr.error() + "）");
      return;
    }
    ++read;
    std::vector<std::string> notes;
    std::vector<layout::Page> page;
    page.push_back(engine->Recognize(std::move(image), number, notes));
    if (!pictures::LooksLikeText(page.front().words)) continue;  // a logo, a photograph
    std::size_t chars = 0;
    for (const layout::Word& w : page.front().words) chars += w.glyphs.empty() ? 1 : w.glyphs.size();
    const Document d = layout::Assemble(std::move(page));
    // The blocks are spliced in as raw blocks, which have no place for a
    // doubt: the picture's doubtful readings are reported by picture.
    for (const Doubt& doubt : d.doubts) notes.push_back(doubt.note);
    bool table = false;
    for (const Block& b : d.blocks) table = table || b.kind == Block::Kind::kTable;
    warnings.push_back(name + (table ? "（表格）" : "") + "经文字识别读取（约" + std::to_string(chars) + "字），请核对原件");
    for (const std::string& note : notes) warnings.push_back(NamePicture(note, number));
    inserts.emplace_back(pic.at, ToRawBlocks(d));
  }
  if (in_cells > 0) warnings.push_back("表格单元格中有 " + std::to_string(in_cells) + " 幅图片，未识别");
  if (left > 0) {
    warnings.push_back("文档中另有 " + std::to_string(left) + " 幅图片未识别" +
                       (options.ocr ? "（图片过多）" : "（未启用文字识别）"));
  }
  // From the back, so that earlier positions stay valid; pictures at the
  // same position keep their order.
  for (auto it = inserts.rbegin(); it != inserts.rend(); ++it) {
    const std::size_t at = std::min(it->first, blocks.size());
    blocks.insert(blocks.begin() + static_cast<std::ptrdiff_t>(at), std::make_move_iterator(it->second.begin()),
                  std::make_move_iterator(it->second.end()));
  }
}

}  // namespace

Document ReadDocx(std::string_view bytes) { return ReadDocx(bytes, DocxOptions{}); }

Document ReadDocx(std::string_view bytes, const DocxOptions& options) {
  const Zip zip(bytes);
  const std::string main = MainPart(zip);
  std::optional<std::string> xml = zip.Read(main);
  if (!xml) {
    if (zip.Has("xl/workbook.xml")) {
      throw ReadError("这是 Excel（XLSX）文件，不是 Word 文档", "this is an Excel (XLSX) file, not a Word document");
    }
    if (zip.Has("ppt/presentation.xml")) {
      throw ReadError("这是 PowerPoint（PPTX）文件，不是 Word 文档", "this is a PowerPoint (PPTX) file, not a Word document");
    }
    throw ReadError("ZIP 压缩包中没有 Word 文档（word/document.xml），不是 DOCX 文件",
                    "zip archive without word/document.xml; not a DOCX file");
  }
  const pugi::xml_document doc = Parse(*xml, main);
  // numbering.xml and styles.xml sit next to the main part.
  const std::string dir = main.substr(0, main.rfind('/') + 1);
  Numbering numbering;
  if (auto n = zip.Read(dir + "numbering.xml")) {
    pugi::xml_document ndoc;
    if (ndoc.load_buffer_inplace(n->data(), n->size())) numbering.Load(ndoc.document_element());
  }
  StyleNumbering styles;
  if (auto s = zip.Read(dir + "styles.xml")) {
    pugi::xml_document sdoc;
    if (sdoc.load_buffer_inplace(s->data(), s->size())) styles.Load(sdoc.document_element());
  }
  const pugi::xml_node body = Child(doc.document_element(), "body");
  if (!body) throw Corrupt(main + ": no w:body");
  Body reader(numbering, styles);
  std::vector<RawBlock> blocks;
  reader.Blocks(body, blocks, 0);
  std::vector<std::string> warnings;
  if (reader.too_deep()) warnings.push_back("文档嵌套过深，部分内容未读取 / document nested too deeply; some content skipped");
  if (!reader.pictures().empty()) ReadPictures(zip, main, reader.pictures(), options, blocks, warnings);
  Document out = Assemble(std::move(blocks), std::move(warnings));
  if (out.blocks.empty()) throw ReadError("DOCX 文档中没有文字", "the DOCX document contains no text");
  return out;
}

// OLE compound files (D0 CF 11 E0): Word 97-2003 .doc, WPS .wps, and Office
// files encrypted with a password (the DOCX inside an EncryptedPackage
// stream). The directory entries name the streams in UTF-16LE.
[[noreturn]] void ThrowOleError(std::string_view bytes) {
  auto has = [&](std::string_view ascii) {
    std::string utf16;
    for (char c : ascii) {
      utf16 += c;
      utf16 += '\0';
    }
    return bytes.find(utf16) != std::string_view::npos;
  };
  if (has("EncryptedPackage")) {
    throw ReadError("文件已用密码加密，请去除密码后另存为 DOCX", "the file is password-encrypted; remove the password and save it as DOCX");
  }
  if (has("PowerPoint Document")) {
    throw ReadError("这是 PowerPoint（.ppt）演示文稿，不是年度报告的格式，请另存为 PDF",
                    "this is a PowerPoint (.ppt) presentation, not a report format; save it as PDF");
  }
  throw ReadError("暂不支持此格式（OLE 复合文档，不是 Word、WPS 或 Excel 文件），请另存为 DOCX 或 PDF",
                  "unsupported format (an OLE compound file that is not a Word, WPS or Excel file); save it as DOCX or PDF");
}

}  // namespace gongkai::readers
