// OCR: tesseract (chi_sim, LSTM) on page images. Ruled tables are found on
// the image itself (page_layout.h), and their lines are erased before
// recognition: borders read as "|", "一" or "1" otherwise, and a cell's text
// run into its neighbour's. Words come back with boxes and confidences and go
// through the same layout as a PDF's text layer. A word read with low
// confidence is kept as read and carries a note (Word::doubt) that the layout
// places in Document::doubts, so that the extractor can name the table cell
// it went into; nothing is corrected or guessed here.
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <filesystem>
#include <memory>

#include "readers/ocr.h"

#include "readers/budget.h"
#include "readers/reader.h"
#include "readers/scan_geometry.h"
#include "util/text.h"

namespace gongkai::readers {

namespace {

bool HasChiSim(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / "chi_sim.traineddata", ec);
}

std::string Percent(float conf) { return std::to_string(static_cast<int>(conf + 0.5f)) + "%"; }

bool HasDigit(std::string_view s) {
  for (char c : s) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

layout::GrayImage FromPix(Pix* pix) {
  layout::GrayImage out;
  PixPtr gray(pixConvertTo8(pix, 0));
  if (!gray) return out;
  out.width = static_cast<int>(pixGetWidth(gray.get()));
  out.height = static_cast<int>(pixGetHeight(gray.get()));
  int dpi = pixGetXRes(pix);
  // Images without a resolution: assume a 200-dpi scan of an A4 page, which
  // is what a page 1600–1800 pixels wide is.
  if (dpi < 50 || dpi > 1200) dpi = 200;
  out.dpi = dpi;
  out.units_per_pixel = 72.0 / dpi;
  out.scanned = true;
  out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
  const l_uint32* data = pixGetData(gray.get());
  const int wpl = pixGetWpl(gray.get());
  for (int y = 0; y < out.height; ++y) {
    const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    for (int x = 0; x < out.width; ++x) {
      out.pixels[static_cast<std::size_t>(y) * out.width + x] = static_cast<std::uint8_t>(GET_DATA_BYTE(line, x));
    }
  }
  return out;
}

}  // namespace

std::string FindTessdata() {
  std::vector<std::filesystem::path> candidates;
  if (const char* env = std::getenv("TESSDATA_PREFIX"); env != nullptr && *env != '\0') {
    candidates.emplace_back(env);
    candidates.emplace_back(std::filesystem::path(env) / "tessdata");
  }
  std::error_code ec;
  // Debian: /usr/share/tesseract-ocr/5/tessdata (4.00 on older releases).
  for (const auto& e : std::filesystem::directory_iterator("/usr/share/tesseract-ocr", ec)) {
    candidates.push_back(e.path() / "tessdata");
  }
  candidates.emplace_back("/usr/share/tessdata");
  candidates.emplace_back("/usr/local/share/tessdata");
  for (const auto& c : candidates) {
    if (HasChiSim(c)) return c.string();
  }
  return {};
}

OcrEngine::OcrEngine() : api_(std::make_unique<tesseract::TessBaseAPI>()) {
  const std::string data = FindTessdata();
  if (data.empty()) {
    throw ReadError("找不到文字识别语言包 chi_sim（请安装 tesseract-ocr-chi-sim 或设置 TESSDATA_PREFIX）",
                    "OCR language data chi_sim not found (install tesseract-ocr-chi-sim or set TESSDATA_PREFIX)");
  }
  if (api_->Init(data.c_str(), "chi_sim", tesseract::OEM_LSTM_ONLY) != 0) {
    throw ReadError("文字识别引擎初始化失败", "the OCR engine (tesseract) failed to start");
  }
  // Tesseract reports its own notes ("Estimating resolution", "Detected N
  // diacritics") on stderr; they are not the user's business.
  api_->SetVariable("debug_file", "/dev/null");
  // Chinese has no spaces between words; keep tesseract from inventing them.
  api_->SetVariable("preserve_interword_spaces", "1");
}

OcrEngine::~OcrEngine() {
  if (api_) api_->End();
  if (digits_) digits_->End();
  if (osd_) osd_->End();
}

namespace {

// Reads the words tesseract found in the image last set, in page units, with
// (dx, dy) the image's position on the page in pixels.
// A word of low confidence carries a note (Word::doubt) that the layout
// turns into a Document::Doubt at the word's place.
// `strict`: every word below kLowConfidence is doubtful, not only those with
// digits or of very low confidence (the first page's text, where reports
// name their agency: a misread name files the report under another body).
void CollectWords(tesseract::TessBaseAPI& api, double u, int dx, int dy, int page_number,
                  std::vector<layout::Word>& out, bool strict = false) {
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return;
  do {
    if (it->Empty(tesseract::RIL_WORD)) continue;
    std::unique_ptr<char[]> txt(it->GetUTF8Text(tesseract::RIL_WORD));
    if (!txt) continue;
    layout::Word w;
    for (const auto& piece : text::SplitWhitespace(txt.get())) w.text += piece.text;
    if (w.text.empty()) continue;
    int l = 0, t = 0, r = 0, b = 0;
    it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b);
    w.box = {(l + dx) * u, (t + dy) * u, (r + dx) * u, (b + dy) * u};
    w.confidence = it->Confidence(tesseract::RIL_WORD);
    // Glyph boxes, so that a word run over an erased border can be split.
    tesseract::ResultIterator sym(*it);
    std::string joined;
    do {
      std::unique_ptr<char[]> s(sym.GetUTF8Text(tesseract::RIL_SYMBOL));
      if (!s) continue;
      layout::Glyph g;
      g.text = s.get();
      sym.BoundingBox(tesseract::RIL_SYMBOL, &l, &t, &r, &b);
      g.box = {(l + dx) * u, (t + dy) * u, (r + dx) * u, (b + dy) * u};
      joined += g.text;
      w.glyphs.push_back(std::move(g));
    } while (!sym.IsAtFinalElement(tesseract::RIL_WORD, tesseract::RIL_SYMBOL) && sym.Next(tesseract::RIL_SYMBOL));
    if (joined != w.text) w.glyphs.clear();  // the boxes must cover the text exactly
    if (w.confidence < kLowConfidence && (strict || HasDigit(w.text) || w.confidence < kLowConfidence / 2)) {
      w.doubt = "第" + std::to_string(page_number) + "页文字识别置信度低（" + Percent(w.confidence) + "）：读作“" +
                w.text + "”，请核对原件";
    }
    out.push_back(std::move(w));
  } while (it->Next(tesseract::RIL_WORD));
}


// Characters of a table value: digits, the "no value" marks and separators.
constexpr const char* kNumberChars = "0123456789/-—.,";

bool IsNumberLike(std::string_view s) {
  bool any = false;
  for (const auto& piece : text::SplitWhitespace(s)) {
    std::size_t i = 0;
    while (i < piece.text.size()) {
      const char32_t c = text::NextCodePoint(piece.text, i);
      if (c == U'—' || c == U'-' || c == U'/' || c == U'.' || c == U',' || c == U'，' || c == U'．' ||
          (c >= U'0' && c <= U'9')) {
        any = true;
      } else {
        return false;
      }
    }
  }
  return any;
}

int CodePoints(std::string_view s) {
  int n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// One reading of a cell: its words, their text joined, the lowest confidence.
struct Reading {
  std::vector<layout::Word> words;
  std::string text;
  float confidence = 0;
};

Reading Finish(Reading r) {
  r.confidence = r.words.empty() ? 0 : 100;
  for (const layout::Word& w : r.words) {
    r.text += w.text;
    r.confidence = std::min(r.confidence, w.confidence);
  }
  return r;
}

}  // namespace

void OcrEngine::ReadCell(const std::vector<std::uint8_t>& crop, int cw, int ch, double u, int dx, int dy,
                         int page_number, std::vector<layout::Word>& out, std::vector<std::string>& warnings) {
  // First as text: a cell may hold a label, a number or both.
  api_->SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
  api_->SetImage(crop.data(), cw, ch, 1, cw);
  Reading text_read;
  if (api_->Recognize(nullptr) == 0) CollectWords(*api_, u, dx, dy, page_number, text_read.words);
  text_read = Finish(std::move(text_read));
  // A value cell (read as a number, or as one or two doubtful characters: a
  // "2" read as "和", a "0" as "站") is read again as one line of digits.
  // chi_sim's page mode loses or swaps digits in short numbers ("27" as
  // "2"); restricted to number characters the LSTM reads them far better.
  const bool value_cell = IsNumberLike(text_read.text) ||
                          (CodePoints(text_read.text) <= 2 && text_read.confidence < kLowConfidence);
  if (!value_cell) {
    out.insert(out.end(), std::make_move_iterator(text_read.words.begin()),
               std::make_move_iterator(text_read.words.end()));
    return;
  }
  // Read again as one line of number characters, scaled up twice: at 200 dpi
  // a table digit is ~20 px high, below the 30-odd px tesseract's LSTM reads
  // best, and there it drops or swaps digits ("27" read as "2").
  const int k = 2;
  const int bw = cw * k, bh = ch * k;
  std::vector<std::uint8_t> big(static_cast<std::size_t>(bw) * bh);
  for (int y = 0; y < bh; ++y) {
    const double sy = std::clamp((y + 0.5) / k - 0.5, 0.0, ch - 1.0);
    const int y0 = static_cast<int>(sy), y1 = std::min(ch - 1, y0 + 1);
    const double fy = sy - y0;
    for (int x = 0; x < bw; ++x) {
      const double sx = std::clamp((x + 0.5) / k - 0.5, 0.0, cw - 1.0);
      const int x0 = static_cast<int>(sx), x1 = std::min(cw - 1, x0 + 1);
      const double fx = sx - x0;
      const auto at = [&](int xx, int yy) { return crop[static_cast<std::size_t>(yy) * cw + xx]; };
      const double v = (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x1, y0)) + fy * ((1 - fx) * at(x0, y1) + fx * at(x1, y1));
      big[static_cast<std::size_t>(y) * bw + x] = static_cast<std::uint8_t>(v + 0.5);
    }
  }
  const double ub = u / k;
  const auto read_digits = [&](tesseract::TessBaseAPI& api) {
    api.SetVariable("tessedit_char_whitelist", kNumberChars);
    api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    api.SetSourceResolution(static_cast<int>(72 / ub));
    api.SetImage(big.data(), bw, bh, 1, bw);
    Reading r;
    if (api.Recognize(nullptr) == 0) CollectWords(api, ub, dx * k, dy * k, page_number, r.words);
    api.SetVariable("tessedit_char_whitelist", "");
    return Finish(std::move(r));
  };
  std::vector<Reading> reads;
  reads.push_back(std::move(text_read));
  reads.push_back(read_digits(*api_));
  // Always a third opinion from the Latin model, whose digits are trained on
  // far more numbers than chi_sim's: chi_sim's two readings are one model's,
  // and agree on its mistakes (17516 read 17510 by both, with confidence 88,
  // on a damaged scan; eng read 17516), which unasked would go unflagged.
  // Its reading is a vote, not the answer: it reads a clean "0" as "4" with
  // confidence too (tests/unit/data/ocr_table_rows.png).
  if (Digits() != nullptr) {
    reads.push_back(read_digits(*Digits()));
  }
  api_->SetSourceResolution(static_cast<int>(72 / u));
  // The reading most of them agree on; between equals, the one tesseract is
  // surest of; only readings that are numbers at all. Nothing is made up or
  // corrected here: a disagreement or a doubtful reading is reported with
  // every reading, for a person (or the audit's identities) to settle.
  std::size_t best = 0;
  int best_votes = -1;
  for (std::size_t i = 0; i < reads.size(); ++i) {
    if (!IsNumberLike(reads[i].text)) continue;
    int votes = 0;
    for (const Reading& r : reads) votes += r.text == reads[i].text;
    if (votes > best_votes || (votes == best_votes && reads[i].confidence > reads[best].confidence)) {
      best = i;
      best_votes = votes;
    }
  }
  Reading& chosen = reads[best];
  // A reading that found nothing is tesseract failing to segment (the line
  // modes often return nothing for a lone "0"), not another value.
  bool agree = true;
  for (const Reading& r : reads) agree = agree && (r.text == chosen.text || r.text.empty());
  float conf = 0;
  for (const Reading& r : reads) {
    if (r.text == chosen.text) conf = std::max(conf, r.confidence);
  }
  if (!agree || conf < kLowConfidence) {
    std::string msg = "第" + std::to_string(page_number) + "页表格单元格文字识别存疑：读作“" + chosen.text + "”（置信度" +
                      Percent(conf) + "）";
    std::vector<std::string> others;
    for (const Reading& r : reads) {
      if (r.text == chosen.text || r.text.empty() || std::find(others.begin(), others.end(), r.text) != others.end()) {
        continue;
      }
      others.push_back(r.text);
      msg += "，另一读法“" + r.text + "”（置信度" + Percent(r.confidence) + "）";
    }
    msg += "，请核对原件";
    // The note goes with the reading into its table cell; a reading with no
    // words (nothing to place) is reported for the page.
    if (chosen.words.empty()) warnings.push_back(msg);
    for (layout::Word& w : chosen.words) w.doubt = msg;
  }
  out.insert(out.end(), std::make_move_iterator(chosen.words.begin()), std::make_move_iterator(chosen.words.end()));
}

namespace {

// A second model from the tessdata folder (`lang`.traineddata), or null if
// it is not installed or does not load.
std::unique_ptr<tesseract::TessBaseAPI> LoadModel(const char* lang, tesseract::OcrEngineMode mode) {
  const std::string data = FindTessdata();
  std::error_code ec;
  if (data.empty() ||
      !std::filesystem::is_regular_file(std::filesystem::path(data) / (std::string(lang) + ".traineddata"), ec)) {
    return nullptr;
  }
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  if (api->Init(data.c_str(), lang, mode) != 0) return nullptr;
  api->SetVariable("debug_file", "/dev/null");
  return api;
}

}  // namespace

tesseract::TessBaseAPI* OcrEngine::Digits() {
  if (!digits_ready_) {
    digits_ready_ = true;
    digits_ = LoadModel("eng", tesseract::OEM_LSTM_ONLY);
  }
  return digits_.get();
}

tesseract::TessBaseAPI* OcrEngine::Osd() {
  if (!osd_ready_) {
    osd_ready_ = true;
    // osd.traineddata is a model of the legacy engine.
    osd_ = LoadModel("osd", tesseract::OEM_TESSERACT_ONLY);
  }
  return osd_.get();
}

layout::Page OcrEngine::RecognizePage(layout::GrayImage image, int page_number, std::vector<std::string>& warnings) {
  return Recognize(scan::Normalize(std::move(image), Osd(), nullptr, api_.get()), page_number, warnings);
}

layout::Page OcrEngine::Recognize(layout::GrayImage image, int page_number, std::vector<std::string>& warnings) {
  layout::Page page;
  page.width = image.width * image.units_per_pixel;
  page.height = image.height * image.units_per_pixel;
  if (image.empty()) return page;
  const double u = image.units_per_pixel;
  const int w = image.width, h = image.height;

  // Tables are read cell by cell: tesseract's page segmentation drops lone
  // digits in boxes ("0" cells are most of Table 三) and runs cells of a row
  // together. The rest of the page (tables painted white) is read as a page.
  const std::vector<layout::Grid> grids = layout::FindGrids(image);
  layout::GrayImage clean = image;
  layout::EraseRules(clean);
  layout::GrayImage prose = clean;
  const auto px = [&](double units) { return static_cast<int>(units / u + 0.5); };
  for (const layout::Grid& g : grids) {
    for (int y = std::max(0, px(g.ys.front())); y <= std::min(h - 1, px(g.ys.back())); ++y) {
      for (int x = std::max(0, px(g.xs.front())); x <= std::min(w - 1, px(g.xs.back())); ++x) {
        prose.pixels[static_cast<std::size_t>(y) * w + x] = 255;
      }
    }
  }
  api_->SetSourceResolution(static_cast<int>(image.dpi));
  // Automatic page segmentation for the prose: headings, paragraphs.
  api_->SetPageSegMode(tesseract::PSM_AUTO);
  api_->SetImage(prose.pixels.data(), w, h, 1, w);
  const bool has_prose = std::any_of(prose.pixels.begin(), prose.pixels.end(), [](std::uint8_t v) { return v < 128; });
  if (!has_prose) {
    // A page that is all table: nothing else to read.
  } else if (api_->Recognize(nullptr) != 0) {
    warnings.push_back("第" + std::to_string(page_number) + "页文字识别失败，该页正文缺失");
  } else {
    CollectWords(*api_, u, 0, 0, page_number, page.words, /*strict=*/page_number == 1);
  }

  // Each merged cell once, from its anchor to the far corner of its region.
  const int pad = std::max(4, static_cast<int>(image.dpi / 20));
  for (const layout::Grid& g : grids) {
    const int cols = g.cols();
    std::vector<int> x1(g.anchor.size(), -1), y1(g.anchor.size(), -1);
    for (std::size_t i = 0; i < g.anchor.size(); ++i) {
      const auto a = static_cast<std::size_t>(g.anchor[i]);
      x1[a] = std::max(x1[a], static_cast<int>(i) % cols + 1);
      y1[a] = std::max(y1[a], static_cast<int>(i) / cols + 1);
    }
    for (std::size_t i = 0; i < g.anchor.size(); ++i) {
      if (g.anchor[i] != static_cast<int>(i)) continue;
      const int r = static_cast<int>(i) / cols, c = static_cast<int>(i) % cols;
      // Inside the borders, a little off them.
      const int cx0 = std::clamp(px(g.xs[c]) + 2, 0, w - 1), cx1 = std::clamp(px(g.xs[x1[i]]) - 2, 0, w - 1);
      const int cy0 = std::clamp(px(g.ys[r]) + 2, 0, h - 1), cy1 = std::clamp(px(g.ys[y1[i]]) - 2, 0, h - 1);
      if (cx1 - cx0 < 4 || cy1 - cy0 < 4) continue;
      int ink = 0;
      for (int y = cy0; y <= cy1; ++y) {
        for (int x = cx0; x <= cx1; ++x) ink += clean.pixels[static_cast<std::size_t>(y) * w + x] < 128;
      }
      if (ink < 6) continue;  // an empty cell: nothing to read, nothing to invent
      // The cell on a margin of its own paper: tesseract wants some paper
      // around text, and a white margin around the grey paper of a photo or
      // a copy makes its binarisation take the paper for ink.
      const int cw = cx1 - cx0 + 1 + 2 * pad, ch = cy1 - cy0 + 1 + 2 * pad;
      std::vector<int> histogram(256, 0);
      for (int y = cy0; y <= cy1; ++y) {
        for (int x = cx0; x <= cx1; ++x) ++histogram[clean.pixels[static_cast<std::size_t>(y) * w + x]];
      }
      // The paper: the grey most of the cell is (its text is a small part).
      const int paper = static_cast<int>(std::max_element(histogram.begin() + 128, histogram.end()) - histogram.begin());
      std::vector<std::uint8_t> crop(static_cast<std::size_t>(cw) * ch, static_cast<std::uint8_t>(paper));
      for (int y = cy0; y <= cy1; ++y) {
        std::copy_n(clean.pixels.begin() + static_cast<std::ptrdiff_t>(y) * w + cx0, cx1 - cx0 + 1,
                    crop.begin() + static_cast<std::ptrdiff_t>(y - cy0 + pad) * cw + pad);
      }
      ReadCell(crop, cw, ch, u, cx0 - pad, cy0 - pad, page_number, page.words, warnings);
    }
  }
  api_->Clear();
  page.image = std::move(image);
  return page;
}

Document ReadImage(std::string_view bytes) {
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  l_int32 format = IFF_UNKNOWN;
  findFileFormatBuffer(data, &format);
  const bool tiff = format == IFF_TIFF || format == IFF_TIFF_G4 || format == IFF_TIFF_G3 || format == IFF_TIFF_LZW ||
                    format == IFF_TIFF_ZIP || format == IFF_TIFF_PACKBITS || format == IFF_TIFF_RLE ||
                    format == IFF_TIFF_JPEG;
  // Budgets (budget.h): the picture's size from its header, before it is
  // decoded (a few hundred bytes of PNG can declare 20000×20000 pixels), and
  // one page decoded, read and released at a time.
  const auto check = [&](int page) {
    l_int32 f = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
    const l_int32 bad = tiff ? readHeaderMemTiff(data, bytes.size(), page, &w, &h, &bps, &spp, nullptr, &cmap, &f)
                             : pixReadHeaderMem(data, bytes.size(), &f, &w, &h, &bps, &spp, &cmap);
    if (bad == 0 && static_cast<double>(w) * h > budget::kMaxOcrPixels) {
      throw budget::OverBudget(tiff ? "第" + std::to_string(page + 1) + "页图片的像素" : std::string("图片的像素"),
                               "pixels of the image" + (tiff ? " (page " + std::to_string(page + 1) + ")" : std::string()),
                               budget::Pixels(w, h),
                               std::to_string(static_cast<long long>(budget::kMaxOcrPixels / 1e6)) + " M");
    }
  };
  std::unique_ptr<OcrEngine> engine;
  std::vector<std::string> warnings;
  std::vector<layout::Page> pages;
  for (int i = 0; i < (tiff ? budget::kMaxPages + 1 : 1); ++i) {
    check(i);
    PixPtr pix(tiff ? pixReadMemTiff(data, bytes.size(), i) : pixReadMem(data, bytes.size()));
    if (!pix) break;
    if (i == budget::kMaxPages) {
      throw budget::OverBudget("TIFF 页数", "TIFF pages", "> " + std::to_string(budget::kMaxPages),
                               std::to_string(budget::kMaxPages));
    }
    if (!engine) engine = std::make_unique<OcrEngine>();
    pages.push_back(engine->RecognizePage(FromPix(pix.get()), i + 1, warnings));
    layout::ReleaseImage(pages.back());
  }
  if (pages.empty()) {
    throw ReadError("图片文件已损坏或格式不受支持（支持 PNG、JPEG、TIFF）",
                    "the image is corrupt or of an unsupported kind (PNG, JPEG, TIFF are read)");
  }
  Document doc = layout::Assemble(std::move(pages));
  doc.warnings.insert(doc.warnings.begin(), warnings.begin(), warnings.end());
  if (doc.blocks.empty()) throw ReadError("图片中没有识别出文字", "no text was recognised in the image");
  return doc;
}

}  // namespace gongkai::readers
