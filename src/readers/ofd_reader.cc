// OFD (GB/T 33190-2016). Coordinates are millimetres, y down, and are turned
// into PDF points here so that the page layout sees exactly what the PDF
// reader gives it: words with glyph boxes, and a rendering of the ruling
// lines (here drawn from the PathObjects, there rendered by poppler).
//
// A TextObject's Boundary places its own coordinate system on the page; its
// CTM (when given) maps the TextCode positions into that system. A TextCode
// gives the first glyph's baseline origin (X, Y) and the advances to the
// next glyphs (DeltaX, with "g N d" for N advances of d); a TextCode without
// X or Y continues where the previous one ended.
#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "readers/ocr.h"
#include "readers/office.h"
#include "readers/page_layout.h"
#include "readers/pictures.h"
#include "readers/reader.h"
#include "readers/scan_geometry.h"
#include "readers/zip_parts.h"
#include "readers/xml_names.h"
#include "util/text.h"

namespace gongkai::readers {

namespace {

constexpr double kPt = 72.0 / 25.4;  // points per millimetre
constexpr int kMaxDepth = 64;        // nested PageBlocks
constexpr std::size_t kMaxObjects = 200000;

using xml::Child;
constexpr auto Local = xml::LocalName;

std::string Attr(const pugi::xml_node& n, std::string_view local) { return xml::Attr(n, local); }

ReadError Missing(const std::string& part, const std::string& what_zh, const std::string& what_en) {
  return ReadError("OFD 文件不完整：缺少" + what_zh + "（" + part + "），无法读取",
                   "incomplete OFD file: missing " + what_en + " (" + part + ")");
}

pugi::xml_document Parse(std::string& xml, const std::string& part) {
  pugi::xml_document doc;
  if (!doc.load_buffer_inplace(xml.data(), xml.size())) {
    throw ReadError("OFD 文件已损坏（" + part + " 不是有效的 XML）", "corrupt OFD file (" + part + " is not valid XML)");
  }
  return doc;
}

std::vector<double> Numbers(std::string_view s) {
  std::vector<double> out;
  std::string buf(s);
  const char* p = buf.c_str();
  while (*p != '\0') {
    char* end = nullptr;
    const double v = std::strtod(p, &end);
    if (end == p) {
      ++p;
      continue;
    }
    if (std::isfinite(v)) out.push_back(v);
    p = end;
  }
  return out;
}

// DeltaX/DeltaY: numbers, with "g N d" meaning N times d.
std::vector<double> Deltas(std::string_view s, std::size_t limit) {
  std::vector<double> out;
  std::size_t i = 0;
  auto skip = [&] {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == ',')) ++i;
  };
  auto number = [&](double& v) {
    skip();
    const std::size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' && s[i] != ',') ++i;
    const std::string tok(s.substr(start, i - start));
    char* end = nullptr;
    v = std::strtod(tok.c_str(), &end);
    return !tok.empty() && end == tok.c_str() + tok.size() && std::isfinite(v);
  };
  while (out.size() < limit) {
    skip();
    if (i >= s.size()) break;
    if (s[i] == 'g' || s[i] == 'G') {
      ++i;
      double n = 0, d = 0;
      if (!number(n) || !number(d)) break;
      for (long k = 0; k < static_cast<long>(n) && out.size() < limit; ++k) out.push_back(d);
      continue;
    }
    double v = 0;
    if (!number(v)) break;
    out.push_back(v);
  }
  return out;
}

// An affine map a b c d e f: (x, y) → (a x + c y + e, b x + d y + f).
struct Ctm {
  double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;
  void Apply(double x, double y, double& ox, double& oy) const {
    ox = a * x + c * y + e;
    oy = b * x + d * y + f;
  }
  double Scale() const { return std::sqrt(std::fabs(a * d - b * c)); }
};

std::optional<Ctm> ParseCtm(const std::string& s) {
  const std::vector<double> v = Numbers(s);
  if (v.size() != 6) return std::nullopt;
  return Ctm{v[0], v[1], v[2], v[3], v[4], v[5]};
}

struct Rect {
  double x = 0, y = 0, w = 0, h = 0;  // mm
};

Rect ParseBox(const std::string& s) {
  const std::vector<double> v = Numbers(s);
  if (v.size() < 4) return {};
  return {v[0], v[1], std::max(0.0, v[2]), std::max(0.0, v[3])};
}

struct Image {
  std::string path;  // the part in the archive
};

// The ink of path objects, drawn in points at the ruling-line resolution.
class Canvas {
 public:
  Canvas(double width_pt, double height_pt, double dpi) {
    img_.dpi = dpi;
    img_.units_per_pixel = 72.0 / dpi;
    img_.width = std::clamp(static_cast<int>(std::ceil(width_pt / img_.units_per_pixel)), 1, 20000);
    img_.height = std::clamp(static_cast<int>(std::ceil(height_pt / img_.units_per_pixel)), 1, 20000);
    img_.pixels.assign(static_cast<std::size_t>(img_.width) * img_.height, 255);
  }
  // A segment in points with a stroke width in points.
  void Line(double x0, double y0, double x1, double y1, double width) {
    const double u = img_.units_per_pixel;
    const int half = std::max(0, static_cast<int>(std::lround(width / u / 2)));
    const double len = std::hypot(x1 - x0, y1 - y0) / u;
    const int steps = std::clamp(static_cast<int>(std::ceil(len)), 1, 40000);
    for (int i = 0; i <= steps; ++i) {
      const double t = static_cast<double>(i) / steps;
      const int px = static_cast<int>(std::lround((x0 + (x1 - x0) * t) / u));
      const int py = static_cast<int>(std::lround((y0 + (y1 - y0) * t) / u));
      for (int dy = -half; dy <= half; ++dy) {
        for (int dx = -half; dx <= half; ++dx) Dot(px + dx, py + dy);
      }
    }
  }
  void Fill(double x0, double y0, double x1, double y1) {
    const double u = img_.units_per_pixel;
    const int a = static_cast<int>(std::floor(std::min(x0, x1) / u)), b = static_cast<int>(std::ceil(std::max(x0, x1) / u));
    const int c = static_cast<int>(std::floor(std::min(y0, y1) / u)), d = static_cast<int>(std::ceil(std::max(y0, y1) / u));
    for (int y = std::max(0, c); y <= std::min(d, img_.height - 1); ++y) {
      for (int x = std::max(0, a); x <= std::min(b, img_.width - 1); ++x) Dot(x, y);
    }
  }
  bool inked() const { return inked_; }
  layout::GrayImage Take() { return std::move(img_); }

 private:
  void Dot(int x, int y) {
    if (x < 0 || y < 0 || x >= img_.width || y >= img_.height) return;
    img_.pixels[static_cast<std::size_t>(y) * img_.width + x] = 0;
    inked_ = true;
  }
  layout::GrayImage img_;
  bool inked_ = false;
};

struct PlacedImage {
  std::string part;
  layout::Box box;  // points
};

class PageReader {
 public:
  PageReader(double width_mm, double height_mm, double dpi, const std::map<std::string, std::string>& media)
      : canvas_(width_mm * kPt, height_mm * kPt, dpi), media_(media) {
    page_.width = width_mm * kPt;
    page_.height = height_mm * kPt;
  }

  void Objects(const pugi::xml_node& parent, int depth) {
    if (depth > kMaxDepth) {
      too_deep_ = true;
      return;
    }
    for (pugi::xml_node n = parent.first_child(); n; n = n.next_sibling()) {
      if (++objects_ > kMaxObjects) {
        too_many_ = true;
        return;
      }
      const std::string_view name = Local(n.name());
      if (name == "TextObject") {
        Text(n);
      } else if (name == "PathObject") {
        Path(n);
      } else if (name == "ImageObject") {
        ImageObj(n);
      } else if (name == "PageBlock" || name == "Layer" || name == "CompositeObject") {
        Objects(n, depth + 1);
      }
    }
  }

  layout::Page Finish(bool& has_paths) {
    has_paths = canvas_.inked();
    page_.image = canvas_.Take();
    return std::move(page_);
  }
  const std::vector<PlacedImage>& images() const { return images_; }
  bool too_deep() const { return too_deep_; }
  bool too_many() const { return too_many_; }

 private:
  void Text(const pugi::xml_node& n) {
    const Rect box = ParseBox(Attr(n, "Boundary"));
    const std::optional<Ctm> ctm = ParseCtm(Attr(n, "CTM"));
    const double size = std::max(0.1, std::atof(Attr(n, "Size").c_str()));
    double x = 0, y = 0;  // the pen, in the object's own units
    for (pugi::xml_node tc = n.first_child(); tc; tc = tc.next_sibling()) {
      if (Local(tc.name()) != "TextCode") continue;
      if (const std::string sx = Attr(tc, "X"); !sx.empty()) x = std::atof(sx.c_str());
      if (const std::string sy = Attr(tc, "Y"); !sy.empty()) y = std::atof(sy.c_str());
      const std::string s = tc.text().get();
      std::vector<std::string> chars;
      for (std::size_t i = 0; i < s.size();) {
        std::size_t len = 1;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0xF0) len = 4;
        else if (c >= 0xE0) len = 3;
        else if (c >= 0xC0) len = 2;
        chars.push_back(s.substr(i, len));
        i += len;
      }
      if (chars.size() > 100000) chars.resize(100000);
      const std::vector<double> dx = Deltas(Attr(tc, "DeltaX"), chars.size());
      const std::vector<double> dy = Deltas(Attr(tc, "DeltaY"), chars.size());
      layout::Word word;
      auto flush = [&] {
        if (!word.glyphs.empty()) {
          for (const auto& g : word.glyphs) word.text += g.text;
          page_.words.push_back(std::move(word));
        }
        word = layout::Word();
      };
      for (std::size_t i = 0; i < chars.size(); ++i) {
        const double adv = i < dx.size() ? dx[i] : (i > 0 && i - 1 < dx.size() ? dx[i - 1] : size);
        const std::string& ch = chars[i];
        const bool space = ch == " " || ch == "\t" || ch == "\xe3\x80\x80" || ch == "\xc2\xa0";
        if (space) {
          flush();
        } else {
          // The glyph's box in the object's units: baseline at y, ascent 0.88, descent 0.12 of the size.
          const double gw = std::min(std::fabs(adv) > 0 ? std::fabs(adv) : size, size);
          double ax = x, ay = y - size * 0.88, bx = x + gw, by = y + size * 0.12;
          if (ctm) {
            double px[4], py[4];
            ctm->Apply(ax, ay, px[0], py[0]);
            ctm->Apply(bx, ay, px[1], py[1]);
            ctm->Apply(ax, by, px[2], py[2]);
            ctm->Apply(bx, by, px[3], py[3]);
            ax = *std::min_element(px, px + 4);
            bx = *std::max_element(px, px + 4);
            ay = *std::min_element(py, py + 4);
            by = *std::max_element(py, py + 4);
          }
          layout::Glyph g;
          g.text = ch;
          g.box = {(box.x + ax) * kPt, (box.y + ay) * kPt, (box.x + bx) * kPt, (box.y + by) * kPt};
          if (word.glyphs.empty()) {
            word.box = g.box;
          } else {
            // A gap wider than half a character is a space the producer did not write.
            const double gap = g.box.x0 - word.box.x1;
            if (gap > g.box.h() * 0.5 || gap < -g.box.h() * 2 || std::fabs(g.box.cy() - word.box.cy()) > g.box.h() * 0.5) {
              flush();
              word.box = g.box;
            }
          }
          word.box.x0 = std::min(word.box.x0, g.box.x0);
          word.box.y0 = std::min(word.box.y0, g.box.y0);
          word.box.x1 = std::max(word.box.x1, g.box.x1);
          word.box.y1 = std::max(word.box.y1, g.box.y1);
          word.glyphs.push_back(std::move(g));
        }
        if (i < chars.size() - 1 || i < dx.size()) x += adv;
        if (i < dy.size()) y += dy[i];
      }
      flush();
    }
  }

  void Path(const pugi::xml_node& n) {
    const Rect box = ParseBox(Attr(n, "Boundary"));
    const std::optional<Ctm> ctm = ParseCtm(Attr(n, "CTM"));
    const std::string stroke = Attr(n, "Stroke");
    const std::string fill = Attr(n, "Fill");
    const bool do_stroke = stroke != "false";
    const bool do_fill = fill == "true";
    double lw = 0.353;  // mm: the standard's default line width
    if (const std::string w = Attr(n, "LineWidth"); !w.empty()) lw = std::atof(w.c_str());
    if (ctm) lw *= ctm->Scale();
    // A white stroke draws no rule.
    if (const pugi::xml_node sc = Child(n, "StrokeColor")) {
      const std::vector<double> v = Numbers(Attr(sc, "Value"));
      if (v.size() >= 3 && v[0] > 200 && v[1] > 200 && v[2] > 200) return;
    }
    const std::string data = Child(n, "AbbreviatedData").text().get();
    // Tokens: commands and numbers.
    std::vector<std::string> tok;
    std::string cur;
    for (char c : data) {
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ',') {
        if (!cur.empty()) tok.push_back(std::move(cur));
        cur.clear();
      } else {
        cur += c;
      }
      if (tok.size() > 200000) break;
    }
    if (!cur.empty()) tok.push_back(cur);
    auto page_point = [&](double x, double y, double& px, double& py) {
      if (ctm) ctm->Apply(x, y, x, y);
      px = (box.x + x) * kPt;
      py = (box.y + y) * kPt;
    };
    double cx = 0, cy = 0, sx = 0, sy = 0;
    double minx = 1e18, miny = 1e18, maxx = -1e18, maxy = -1e18;
    std::vector<std::array<double, 4>> segments;
    std::size_t i = 0;
    auto num = [&](double& v) {
      if (i >= tok.size()) return false;
      char* end = nullptr;
      v = std::strtod(tok[i].c_str(), &end);
      if (end == tok[i].c_str() || !std::isfinite(v)) return false;
      ++i;
      return true;
    };
    auto to = [&](double x, double y, bool draw) {
      double px, py;
      page_point(x, y, px, py);
      if (draw) {
        double qx, qy;
        page_point(cx, cy, qx, qy);
        segments.push_back({qx, qy, px, py});
      }
      minx = std::min(minx, px);
      maxx = std::max(maxx, px);
      miny = std::min(miny, py);
      maxy = std::max(maxy, py);
      cx = x;
      cy = y;
    };
    while (i < tok.size()) {
      const std::string op = tok[i++];
      double a, b, c, d, e, f, g;
      if (op == "M" || op == "S") {
        if (!num(a) || !num(b)) break;
        to(a, b, false);
        sx = a;
        sy = b;
      } else if (op == "L") {
        if (!num(a) || !num(b)) break;
        to(a, b, true);
      } else if (op == "Q") {
        if (!num(a) || !num(b) || !num(c) || !num(d)) break;
        to(c, d, true);
      } else if (op == "B") {
        if (!num(a) || !num(b) || !num(c) || !num(d) || !num(e) || !num(f)) break;
        to(e, f, true);
      } else if (op == "A") {
        if (!num(a) || !num(b) || !num(c) || !num(d) || !num(e) || !num(f) || !num(g)) break;
        to(f, g, true);
      } else if (op == "C") {
        to(sx, sy, true);
      } else {
        break;  // not a command: the rest cannot be trusted
      }
      if (segments.size() > 100000) break;
    }
    const double lw_pt = std::max(lw * kPt, 0.5);
    if (do_fill && maxx >= minx && maxy >= miny) {
      // A filled path drawn as a rule (a thin rectangle); a filled shape
      // (a coloured header band) would hide the rules on it: outline only.
      if (std::min(maxx - minx, maxy - miny) <= 2.0) {
        canvas_.Fill(minx, miny, maxx, maxy);
        return;
      }
    }
    if (!do_stroke && !do_fill) return;
    for (const auto& s : segments) canvas_.Line(s[0], s[1], s[2], s[3], lw_pt);
  }

  void ImageObj(const pugi::xml_node& n) {
    const auto it = media_.find(Attr(n, "ResourceID"));
    if (it == media_.end()) return;
    const Rect box = ParseBox(Attr(n, "Boundary"));
    if (box.w <= 0 || box.h <= 0) return;
    images_.push_back({it->second, {box.x * kPt, box.y * kPt, (box.x + box.w) * kPt, (box.y + box.h) * kPt}});
  }

  layout::Page page_;
  Canvas canvas_;
  const std::map<std::string, std::string>& media_;
  std::vector<PlacedImage> images_;
  std::size_t objects_ = 0;
  bool too_deep_ = false, too_many_ = false;
};

// MultiMedia resources (images) of a resource file: ID → archive part.
void LoadMedia(ZipParts& zip, const std::string& res_part, std::map<std::string, std::string>& media) {
  std::optional<std::string> xml = zip.Read(res_part);
  if (!xml) return;
  pugi::xml_document doc;
  if (!doc.load_buffer_inplace(xml->data(), xml->size())) return;
  const pugi::xml_node root = doc.document_element();
  const std::string base = Attr(root, "BaseLoc");
  const std::string dir = base.empty() ? res_part : ResolvePart(res_part, base + "/x");
  for (pugi::xml_node group = root.first_child(); group; group = group.next_sibling()) {
    if (Local(group.name()) != "MultiMedias") continue;
    for (pugi::xml_node m = group.first_child(); m; m = m.next_sibling()) {
      const std::string file = Child(m, "MediaFile").text().get();
      if (file.empty()) continue;
      media[Attr(m, "ID")] = ResolvePart(dir, file);
    }
  }
}

void Shift(layout::Box& b, double dx, double dy, double k) {
  b = {dx + b.x0 * k, dy + b.y0 * k, dx + b.x1 * k, dy + b.y1 * k};
}

}  // namespace

Document ReadOfd(std::string_view bytes, const OfdOptions& options) {
  ZipParts zip(bytes, "OFD");
  std::optional<std::string> root_xml = zip.Read("OFD.xml");
  if (!root_xml) throw Missing("OFD.xml", "入口文件", "the entry file");
  const pugi::xml_document root = Parse(*root_xml, "OFD.xml");
  const pugi::xml_node body = Child(root.document_element(), "DocBody");
  const std::string doc_root = Child(body, "DocRoot").text().get();
  if (doc_root.empty()) throw Missing("OFD.xml DocBody/DocRoot", "文档根节点", "the document root");
  const std::string doc_part = ResolvePart("OFD.xml", text::Trim(doc_root));
  std::optional<std::string> doc_xml = zip.Read(doc_part);
  if (!doc_xml) throw Missing(doc_part, "文档描述", "the document part");
  const pugi::xml_document document = Parse(*doc_xml, doc_part);
  const pugi::xml_node droot = document.document_element();
  const pugi::xml_node common = Child(droot, "CommonData");
  Rect default_box = ParseBox(Child(Child(common, "PageArea"), "PhysicalBox").text().get());
  if (default_box.w <= 0 || default_box.h <= 0) default_box = {0, 0, 210, 297};
  std::map<std::string, std::string> media;
  for (const char* res : {"PublicRes", "DocumentRes"}) {
    for (pugi::xml_node r = common.first_child(); r; r = r.next_sibling()) {
      if (Local(r.name()) == res) LoadMedia(zip, ResolvePart(doc_part, text::Trim(r.text().get())), media);
    }
  }
  // Template pages (letterheads, page numbers) by ID.
  std::map<std::string, std::string> templates;
  for (pugi::xml_node t = common.first_child(); t; t = t.next_sibling()) {
    if (Local(t.name()) == "TemplatePage") templates[Attr(t, "ID")] = ResolvePart(doc_part, Attr(t, "BaseLoc"));
  }
  const pugi::xml_node pages_node = Child(droot, "Pages");
  std::vector<std::string> page_parts;
  for (pugi::xml_node p = pages_node.first_child(); p; p = p.next_sibling()) {
    if (Local(p.name()) == "Page") page_parts.push_back(ResolvePart(doc_part, Attr(p, "BaseLoc")));
  }
  if (page_parts.empty()) throw Missing(doc_part + " Pages", "页面列表", "the list of pages");
  if (static_cast<int>(page_parts.size()) > options.max_pages) {
    throw ReadError("OFD 页数过多（" + std::to_string(page_parts.size()) + " 页），不像是一份年度报告",
                    "the OFD has too many pages (" + std::to_string(page_parts.size()) + "); not an annual report");
  }

  std::vector<layout::Page> pages;
  std::vector<std::string> warnings;
  pictures::LazyOcr ocr;
  int missing = 0;
  for (std::size_t i = 0; i < page_parts.size(); ++i) {
    const int page_number = static_cast<int>(i) + 1;
    std::optional<std::string> xml = zip.Read(page_parts[i]);
    if (!xml) {
      ++missing;
      warnings.push_back("第" + std::to_string(page_number) + "页内容缺失（" + page_parts[i] + "），未能读取");
      pages.emplace_back();
      continue;
    }
    pugi::xml_document pdoc;
    if (!pdoc.load_buffer_inplace(xml->data(), xml->size())) {
      ++missing;
      warnings.push_back("第" + std::to_string(page_number) + "页已损坏（" + page_parts[i] + " 不是有效的 XML），未能读取");
      pages.emplace_back();
      continue;
    }
    const pugi::xml_node proot = pdoc.document_element();
    Rect pbox = ParseBox(Child(Child(proot, "Area"), "PhysicalBox").text().get());
    if (pbox.w <= 0 || pbox.h <= 0) pbox = default_box;
    PageReader reader(std::min(pbox.w, 5000.0), std::min(pbox.h, 5000.0), options.rule_dpi, media);
    // The page's templates first (they lie beneath its content).
    for (pugi::xml_node t = proot.first_child(); t; t = t.next_sibling()) {
      if (Local(t.name()) != "Template") continue;
      const auto it = templates.find(Attr(t, "TemplateID"));
      if (it == templates.end()) continue;
      std::optional<std::string> txml = zip.Read(it->second);
      if (!txml) continue;
      pugi::xml_document tdoc;
      if (!tdoc.load_buffer_inplace(txml->data(), txml->size())) continue;
      reader.Objects(Child(tdoc.document_element(), "Content"), 0);
    }
    reader.Objects(Child(proot, "Content"), 0);
    if (reader.too_deep() || reader.too_many()) {
      warnings.push_back("第" + std::to_string(page_number) + "页对象过多或嵌套过深，部分内容未读取");
    }
    bool has_paths = false;
    const std::vector<PlacedImage> images = reader.images();
    layout::Page lp = reader.Finish(has_paths);
    if (!has_paths) lp.image = {};  // no ruling line to find
    // Images: a page that is only an image is a scan; an image among text
    // is a picture (a table pasted as a screenshot). Both go to OCR.
    for (const PlacedImage& im : images) {
      if (!options.ocr) {
        warnings.push_back("第" + std::to_string(page_number) + "页有图片未识别（未启用文字识别）");
        continue;
      }
      std::optional<std::string> data = zip.Read(im.part);
      if (!data) {
        warnings.push_back("第" + std::to_string(page_number) + "页的图片缺失（" + im.part + "），未能识别");
        continue;
      }
      std::string why;
      layout::GrayImage gray = pictures::DecodePicture(*data, im.box.w() / 72.0, why);
      if (gray.empty()) {
        warnings.push_back("第" + std::to_string(page_number) + "页的图片无法解码（" + why + "）");
        continue;
      }
      if (!pictures::HasInk(gray)) continue;
      OcrEngine* engine = ocr.Get();
      if (engine == nullptr) {
        warnings.push_back("第" + std::to_string(page_number) + "页有图片未识别（" + ocr.error() + "）");
        continue;
      }
      const bool whole_page = lp.words.empty() && im.box.w() * im.box.h() > 0.5 * lp.width * lp.height;
      gray.scanned = true;
      std::vector<std::string> notes;
      if (whole_page) {
        // A scanned page: read in the image's own units, as a PDF's scan.
        layout::Page got = engine->RecognizePage(std::move(gray), page_number, notes);
        warnings.insert(warnings.end(), notes.begin(), notes.end());
        lp = std::move(got);
        break;
      }
      const double gw = gray.width;
      layout::Page got = engine->Recognize(std::move(gray), page_number, notes);
      if (!pictures::LooksLikeText(got.words)) continue;
      const double k = gw > 0 ? im.box.w() / gw : 1;
      for (layout::Word& w : got.words) {
        Shift(w.box, im.box.x0, im.box.y0, k);
        for (layout::Glyph& g : w.glyphs) Shift(g.box, im.box.x0, im.box.y0, k);
        lp.words.push_back(std::move(w));
      }
      warnings.push_back("第" + std::to_string(page_number) + "页的图片经文字识别读取，请核对原件");
      warnings.insert(warnings.end(), notes.begin(), notes.end());
    }
    pages.push_back(std::move(lp));
  }
  if (missing == static_cast<int>(page_parts.size())) {
    throw Missing(page_parts.front(), "全部页面内容", "every page's content");
  }
  Document doc = layout::Assemble(std::move(pages));
  doc.warnings.insert(doc.warnings.begin(), warnings.begin(), warnings.end());
  if (doc.blocks.empty()) throw ReadError("OFD 中没有可读取的文字", "no readable text in the OFD");
  return doc;
}

}  // namespace gongkai::readers
