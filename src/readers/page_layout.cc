#include "readers/page_layout.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <numbers>
#include <numeric>

#include "readers/columns.h"
#include "readers/gray_pix.h"

#include "util/text.h"

namespace gongkai::readers::layout {

namespace {

// ---------------------------------------------------------------- ruling lines

// A ruling line in image pixels: `pos` across it, `from`..`to` along it.
struct Seg {
  double pos = 0;
  int from = 0, to = 0;
  int first = 0, last = 0;  // first and last pixel row (column) of its thickness
  // A line of a scan a little tilted (a photographed page, whose keystone
  // correction leaves its lines converging by a fraction of a degree): it
  // drifts `slope` pixels across per pixel along, is `thick` pixels thick at
  // any point, and first..last spans its drift. 0 and last - first + 1 for a
  // straight one.
  double slope = 0, thick = 0;
  // Least-squares sums of its runs (centre along, row across, weighted by
  // the run's length), while Segments collects them.
  double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  int run_from = 0, run_to = 0;  // its run in the last row (column) joined
};

// Ink for ruling lines, one mask per direction: pixels that may belong to a
// horizontal (`h`) or a vertical (`v`) border.
struct InkMasks {
  std::vector<std::uint8_t> h, v;
};

// The paper's grey around each pixel: the brightest grey within `r` pixels
// (leptonica's grey dilation), which text and ruling lines, thinner than the
// window, do not darken while uneven light and a grey copy do. Empty if
// leptonica cannot allocate the image.
std::vector<std::uint8_t> PaperGrey(const GrayImage& image, int r) {
  const PixPtr pix = ToPix(image);
  if (!pix) return {};
  const PixPtr paper(pixDilateGray(pix.get(), 2 * r + 1, 2 * r + 1));
  if (!paper) return {};
  return FromPix(paper.get(), image).pixels;
}

// Ruling lines of a scan, one mask per direction. Scans blur a border over
// several pixel rows, lighten it (a faint copy), break it (toner, JPEG
// blocks) and sprinkle noise around it, so no threshold on single pixels
// separates it from the paper and from text. Instead, for horizontal lines
// (vertical ones alike, turned):
//  - darkness: how much darker each pixel is than the paper around it (the
//    brightest grey in a window of a quarter inch, leptonica's grey
//    dilation), so that uneven light and a grey copier do not count;
//  - averaged along the line direction over a tenth of an inch: noise and
//    JPEG speckle average out, a line's darkness does not, and its breaks
//    are bridged;
//  - a ridge: darker than the pixels a line's thickness above and below it
//    (paper on both sides), so that a row of text, which the averaging turns
//    into a grey band, is not a line, while a border is;
//  - a ridge higher than the page's own noise (4 robust deviations of the
//    ridge image, at least 4 grey levels): a border lightened to a third of
//    its darkness (8–10 levels after blur and JPEG) is still found on a
//    clean scan, while on a noisy one the threshold rises with the noise;
//  - then leptonica's morphology on the binary mask: a closing along the
//    line bridges the breaks left, an opening with a long structuring
//    element keeps only what is longer than a character's stroke.
InkMasks ScannedRuleMasks(const GrayImage& image, int r) {
  const int w = image.width, h = image.height;
  const double dpi = image.dpi > 0 ? image.dpi : 72;
  const std::size_t n = static_cast<std::size_t>(w) * h;
  InkMasks out;
  out.h.assign(n, 0);
  out.v.assign(n, 0);
  const std::vector<std::uint8_t> paper = PaperGrey(image, r);
  if (paper.empty()) return out;
  std::vector<float> dark(n);
  for (std::size_t i = 0; i < n; ++i) dark[i] = static_cast<float>(std::max(0, paper[i] - image.pixels[i]));
  // Averaged over a tenth of an inch along horizontal lines (text's
  // horizontal strokes do not pass the strict ridge below), over a
  // twenty-fifth along vertical ones (longer, and a character's vertical
  // strokes would reach the length of a row's borders).
  const int half_h = std::max(2, static_cast<int>(dpi / 20));
  const int half_v = std::max(2, static_cast<int>(dpi / 50));
  const int d = std::max(3, static_cast<int>(dpi / 40 + 0.5));     // a blurred border's half profile
  const int near = std::max(2, static_cast<int>(dpi / 70 + 0.5));  // just beside a border
  const int close_len = std::max(3, static_cast<int>(dpi / 40));  // breaks bridged
  const int open_h = std::max(12, static_cast<int>(dpi * 0.3));  // longer than a character's stroke
  const int open_v = std::max(8, static_cast<int>(dpi * 0.18));
  // One direction: `stride` steps along the line, `step` across it;
  // `along` x `across` pixels.
  // `cross`: the other direction's lines when known (see the seeds below).
  const auto mask = [&](bool horizontal, const std::vector<std::uint8_t>* cross) {
    const int along = horizontal ? w : h, across = horizontal ? h : w;
    int half = horizontal ? half_h : half_v;
    const auto at = [&](int a, int c) {
      return horizontal ? static_cast<std::size_t>(c) * w + a : static_cast<std::size_t>(a) * w + c;
    };
    std::vector<float> avg(n);
    std::vector<double> run(static_cast<std::size_t>(along) + 1);
    // The darkness averaged over 2 * half + 1 pixels along the line, and the
    // page's noise after averaging: the spread of the difference between two
    // averages along the line direction (most of the page is paper; a robust
    // deviation, so that text and lines do not count). A scanner's streaks
    // along the line, the same in every window, are not noise here: the
    // ridge test below sees through them.
    const auto average = [&]() {
      for (int c = 0; c < across; ++c) {
        run[0] = 0;
        for (int a = 0; a < along; ++a) run[static_cast<std::size_t>(a) + 1] = run[static_cast<std::size_t>(a)] + dark[at(a, c)];
        for (int a = 0; a < along; ++a) {
          const int a0 = std::max(0, a - half), a1 = std::min(along, a + half + 1);
          avg[at(a, c)] = static_cast<float>((run[static_cast<std::size_t>(a1)] - run[static_cast<std::size_t>(a0)]) / (a1 - a0));
        }
      }
      std::vector<float> sample;
      sample.reserve(n / 16 + 1);
      const int apart = 2 * half + 1;  // windows that share no pixel
      for (int c = 0; c < across; c += 4) {
        for (int a = c % 16; a + apart < along; a += 16) sample.push_back(std::abs(avg[at(a, c)] - avg[at(a + apart, c)]));
      }
      if (sample.empty()) return 0.0f;
      const std::size_t mid = sample.size() / 2;
      std::nth_element(sample.begin(), sample.begin() + static_cast<std::ptrdiff_t>(mid), sample.end());
      return 1.4826f * sample[mid] / std::numbers::sqrt2_v<float>;
    };
    float noise = average();
    // On a noisy page (heavy JPEG damage, speckle) averaged over up to three
    // times the length: the noise of an average falls with the square root
    // of its length, a border's darkness does not, and a border of 20 grey
    // levels with a ridge of 10-15 is no longer half lost under a threshold
    // of 12. A clean page keeps the short window (short borders, ends).
    if (const int k = std::clamp(static_cast<int>(std::lround(noise * noise / 2.25f)), 1, 3); noise > 1.5f && k > 1) {
      half *= k;
      noise = average();
    }
    // Two ridges: a strict one, with paper over a band of a line's width on
    // both sides (no character has that: its strokes are closer), and a
    // lenient one, with paper just beside it (a sixtieth of an inch), which
    // text set close to a border (a wrapped label filling its cell) leaves
    // standing.
    // A third, one-sided ridge: paper over that band on one side at least,
    // as under a header row's border whose sub-headings (商业企业, 科研机构)
    // are set just below it, closer than a line's width.
    std::vector<float> strict(n, 0), loose(n, 0), one_sided(n, 0);
    // Beyond the image is paper (a picture cropped to its table's border).
    const auto dark_at = [&](int a, int c) { return c < 0 || c >= across ? 0.0f : avg[at(a, c)]; };
    for (int c = 0; c < across; ++c) {
      for (int a = 0; a < along; ++a) {
        float before = 0, after = 0;
        for (int k = d; k <= 2 * d; ++k) {
          before = std::max(before, dark_at(a, c - k));
          after = std::max(after, dark_at(a, c + k));
        }
        const float v = avg[at(a, c)];
        strict[at(a, c)] = v - std::max(before, after);
        one_sided[at(a, c)] = v - std::min(before, after);
        loose[at(a, c)] = v - std::max(dark_at(a, c - near), dark_at(a, c + near));
      }
    }
    // A ridge mask: 4 deviations above the noise (at least 4 grey levels),
    // its breaks closed, its short pieces opened away.
    const float threshold = std::max(4.0f, 4 * noise);
    const auto binary = [&](const std::vector<float>& ridge) {
      std::vector<std::uint8_t> m(n, 0);
      PixPtr bin(pixCreate(w, h, 1));
      if (!bin) return m;
      l_uint32* bdata = pixGetData(bin.get());
      const int bwpl = pixGetWpl(bin.get());
      for (int y = 0; y < h; ++y) {
        l_uint32* line = bdata + static_cast<std::ptrdiff_t>(y) * bwpl;
        for (int x = 0; x < w; ++x) {
          if (ridge[static_cast<std::size_t>(y) * w + x] > threshold) SET_DATA_BIT(line, x);
        }
      }
      PixPtr closed(horizontal ? pixCloseBrick(nullptr, bin.get(), close_len, 1)
                               : pixCloseBrick(nullptr, bin.get(), 1, close_len));
      if (!closed) return m;
      PixPtr opened(horizontal ? pixOpenBrick(nullptr, closed.get(), open_h, 1)
                               : pixOpenBrick(nullptr, closed.get(), 1, open_v));
      if (!opened) return m;
      const l_uint32* odata = pixGetData(opened.get());
      const int owpl = pixGetWpl(opened.get());
      for (int y = 0; y < h; ++y) {
        const l_uint32* line = odata + static_cast<std::ptrdiff_t>(y) * owpl;
        for (int x = 0; x < w; ++x) m[static_cast<std::size_t>(y) * w + x] = GET_DATA_BIT(line, x) != 0;
      }
      return m;
    };
    const std::vector<std::uint8_t> sure = binary(strict);
    const std::vector<std::uint8_t> one_sure = cross != nullptr ? binary(one_sided) : std::vector<std::uint8_t>();
    // A ruling line of the other direction passing through (a, c), within
    // a line's width: text stops at a cell's border, a border goes through.
    const auto crossed = [&](int a, int c) {
      for (int j = -d; j <= d; ++j) {
        if (c + j >= 0 && c + j < across && (*cross)[at(a, c + j)] != 0) return true;
      }
      return false;
    };
    std::vector<std::uint8_t> m = binary(loose);
    // The lenient mask's runs (along the line) that hold a piece of the
    // strict one: a border carried on past the text beside it, while the
    // ridges inside text rows, with no strict piece, go.
    for (int c = 0; c < across; ++c) {
      int a = 0;
      while (a < along) {
        if (!m[at(a, c)]) {
          ++a;
          continue;
        }
        int e = a;
        bool seeded = false;
        for (; e < along && m[at(e, c)]; ++e) seeded = seeded || sure[at(e, c)] != 0;
        // Or a one-sided ridge from a ruling line of the other direction to
        // another, going on through one between them (a line's width past
        // it on both sides): a border, while text stops short of its cell's
        // borders and a row of text beside one ends short of the next.
        if (!seeded && !one_sure.empty()) {
          const auto rule_near = [&](int from, int to) {
            for (int k = std::max(0, from); k <= std::min(along - 1, to); ++k) {
              if (crossed(k, c)) return true;
            }
            return false;
          };
          bool through = false;
          for (int k = a + half + d; !through && k + half + d < e; ++k) {
            through = one_sure[at(k, c)] != 0 && one_sure[at(k - d, c)] != 0 && one_sure[at(k + d, c)] != 0 &&
                      crossed(k, c);
          }
          seeded = through && rule_near(a - half, a + half + d) && rule_near(e - 1 - half - d, e - 1 + half);
        }
        if (!seeded) {
          for (int k = a; k < e; ++k) m[at(k, c)] = 0;
        }
        a = e;
      }
    }
    // And the strict mask where it carries on a run kept above: a faint
    // border blurred over a few pixel rows is darker than the paper a line's
    // width away but not than the pixels just beside it (a third of its
    // darkness there after the blur), so the lenient ridge loses it in
    // places where the strict one stands. Not a strict run alone: a streak
    // of the scanner, a pixel wide, darker than the paper at a line's width
    // but not beside it, is no border.
    for (int c = 0; c < across; ++c) {
      int a = 0;
      while (a < along) {
        if (!sure[at(a, c)] || m[at(a, c)]) {
          ++a;
          continue;
        }
        int e = a;
        while (e < along && sure[at(e, c)] && !m[at(e, c)]) ++e;
        // Within the averaging window of it: the lenient ridge falls under
        // the threshold over a few pixels where the two meet.
        bool carries_on = false;
        for (int k = std::max(0, a - 2 * half); !carries_on && k < a; ++k) carries_on = m[at(k, c)] != 0;
        for (int k = e; !carries_on && k < std::min(along, e + 2 * half); ++k) carries_on = m[at(k, c)] != 0;
        if (carries_on) {
          for (int k = a; k < e; ++k) m[at(k, c)] = 1;
        }
        a = e;
      }
    }
    return m;
  };
  // Vertical lines first: a table's columns run its whole height, past the
  // rows of text that hide a header's horizontal borders, and then seed them.
  out.v = mask(false, nullptr);
  out.h = mask(true, &out.v);
  return out;
}

// A fixed threshold fails on scans: a 0.5pt border scanned at 200 dpi,
// blurred and resampled (poppler draws the page's JPEG scaled) is a light
// grey (175–215) spread over two or three pixel rows, while a copier's
// background varies across the page. Two tests:
//  - darker than the local mean (a window of about a quarter inch): the mean
//    is paper in most of a table, so "a tenth darker" keeps faint borders and
//    the grey borders of Word tables and leaves the paper's noise out. Next to
//    dense text (a wrapped label, a row of digits) the mean drops and a pale
//    border fails this test over the width of the text.
//  - on scans, also a tenth darker than the paper itself (the brightest grey
//    in the window: leptonica's grey dilation), which text does not darken;
//    but that would also take the pale fringes of text strokes, which join
//    the strokes of neighbouring characters into long runs. So a pixel passes
//    it only as part of a thin line: for the horizontal mask, the pixels a
//    line's thickness above and below must both fail it (paper on both
//    sides), for the vertical mask those left and right.
InkMasks FindInk(const GrayImage& image) {
  const int w = image.width, h = image.height;
  const double dpi = image.dpi > 0 ? image.dpi : 72;
  const int r = std::max(6, static_cast<int>(dpi / 8));
  const std::size_t n = static_cast<std::size_t>(w) * h;
  std::vector<std::uint64_t> sum(static_cast<std::size_t>(w + 1) * (h + 1), 0);
  for (int y = 0; y < h; ++y) {
    std::uint64_t row = 0;
    for (int x = 0; x < w; ++x) {
      row += image.pixels[static_cast<std::size_t>(y) * w + x];
      sum[static_cast<std::size_t>(y + 1) * (w + 1) + x + 1] = sum[static_cast<std::size_t>(y) * (w + 1) + x + 1] + row;
    }
  }
  InkMasks out;
  out.h.assign(n, 0);
  for (int y = 0; y < h; ++y) {
    const int y0 = std::max(0, y - r), y1 = std::min(h, y + r + 1);
    for (int x = 0; x < w; ++x) {
      const int x0 = std::max(0, x - r), x1 = std::min(w, x + r + 1);
      const std::uint64_t s = sum[static_cast<std::size_t>(y1) * (w + 1) + x1] -
                              sum[static_cast<std::size_t>(y0) * (w + 1) + x1] -
                              sum[static_cast<std::size_t>(y1) * (w + 1) + x0] +
                              sum[static_cast<std::size_t>(y0) * (w + 1) + x0];
      const double mean = static_cast<double>(s) / ((y1 - y0) * (x1 - x0));
      const int v = image.pixels[static_cast<std::size_t>(y) * w + x];
      // Dark on any background (a shaded header row), or a tenth darker than
      // the paper around it.
      out.h[static_cast<std::size_t>(y) * w + x] = v < 96 || (v < 235 && v < 0.9 * mean);
    }
  }
  out.v = out.h;
  if (!image.scanned) return out;
  return ScannedRuleMasks(image, r);
}

// Collects runs of ink along one direction and merges runs in adjacent
// rows/columns into segments (a line is 1–4 pixels thick). `along` is the run
// direction length, `across` the number of rows (columns).
template <typename At>
std::vector<Seg> Segments(int along, int across, int min_len, int max_thick, bool scanned, At at) {
  std::vector<Seg> done, active;
  const int gap_ok = scanned ? 3 : 0;  // pixels of paper inside a line (noise, JPEG)
  for (int a = 0; a < across; ++a) {
    std::vector<Seg> next_active;
    int i = 0;
    while (i < along) {
      if (!at(i, a)) {
        ++i;
        continue;
      }
      int start = i, end = i, gap = 0;
      for (int j = i + 1; j < along; ++j) {
        if (at(j, a)) {
          end = j;
          gap = 0;
        } else if (++gap > gap_ok) {
          break;
        }
      }
      i = end + 1;
      if (end - start + 1 < min_len) continue;
      // Continue a segment of the previous row if they overlap mostly (on a
      // scan, or the segment's run in that row: a tilted line steps along).
      const auto add_run = [&](Seg& s) {
        const double len = end - start + 1, x = (start + end) / 2.0;
        s.sw += len;
        s.sx += len * x;
        s.sy += len * a;
        s.sxx += len * x * x;
        s.sxy += len * x * a;
        s.run_from = start;
        s.run_to = end;
      };
      const auto mostly = [&](int from, int to) {
        const int ov = std::min(to, end) - std::max(from, start);
        return ov > 0 && ov * 2 >= std::min(to - from, end - start);
      };
      bool joined = false;
      for (Seg& s : active) {
        if (mostly(s.from, s.to) || (scanned && mostly(s.run_from, s.run_to))) {
          s.from = std::min(s.from, start);
          s.to = std::max(s.to, end);
          s.last = a;
          add_run(s);
          next_active.push_back(s);
          s.to = -1;  // consumed
          joined = true;
          break;
        }
      }
      if (!joined) {
        Seg fresh{.pos = 0, .from = start, .to = end, .first = a, .last = a};
        add_run(fresh);
        next_active.push_back(fresh);
      }
    }
    for (const Seg& s : active) {
      if (s.to >= 0) done.push_back(s);
    }
    active = std::move(next_active);
  }
  done.insert(done.end(), active.begin(), active.end());
  std::vector<Seg> out;
  for (Seg& s : done) {
    s.thick = s.last - s.first + 1;
    if (s.thick > max_thick) {
      // A filled area, not a line; or on a scan a thin line, tilted: its
      // runs drift along a straight line (least squares), by up to 2°, and
      // it is thin wherever it is (its pixels over its length).
      const double var = s.sxx / s.sw - (s.sx / s.sw) * (s.sx / s.sw);
      const double slope = var > 0 ? (s.sxy / s.sw - (s.sx / s.sw) * (s.sy / s.sw)) / var : 0;
      const double thick = s.sw / (s.to - s.from + 1);
      if (!scanned || std::abs(slope) > 0.035 || thick > max_thick ||
          s.last - s.first + 1 > max_thick + std::abs(slope) * (s.to - s.from)) {
        continue;
      }
      s.slope = slope;
      s.thick = std::max(1.0, std::ceil(thick));
    }
    s.pos = (s.first + s.last) / 2.0;
    out.push_back(s);
  }
  return out;
}

// Joins pieces of one line broken by noise or a light spot of a scan: same
// position, end to end with a short gap.
std::vector<Seg> MergeCollinear(std::vector<Seg> segs, double tol, int max_gap) {
  std::sort(segs.begin(), segs.end(), [](const Seg& a, const Seg& b) {
    return a.pos != b.pos ? a.pos < b.pos : a.from < b.from;
  });
  std::vector<Seg> out;
  std::vector<bool> used(segs.size(), false);
  for (std::size_t i = 0; i < segs.size(); ++i) {
    if (used[i]) continue;
    Seg cur = segs[i];
    bool grew = true;
    while (grew) {
      grew = false;
      for (std::size_t j = i + 1; j < segs.size() && segs[j].pos - cur.pos <= tol; ++j) {
        if (used[j] || std::abs(segs[j].pos - cur.pos) > tol) continue;
        if (segs[j].from - cur.to > max_gap || cur.from - segs[j].to > max_gap) continue;
        cur.from = std::min(cur.from, segs[j].from);
        cur.to = std::max(cur.to, segs[j].to);
        // The line's thickness is that of all its pieces: EraseRules paints
        // it over, and a pixel column of a border left standing reads as
        // "|" or "[" next to a cell's text.
        cur.first = std::min(cur.first, segs[j].first);
        cur.last = std::max(cur.last, segs[j].last);
        used[j] = true;
        grew = true;
      }
    }
    cur.pos = (cur.first + cur.last) / 2.0;
    out.push_back(cur);
  }
  return out;
}

bool Crosses(const Seg& h, const Seg& v, double tol) {
  return v.pos >= h.from - tol && v.pos <= h.to + tol && h.pos >= v.from - tol && h.pos <= v.to + tol;
}

int Find(std::vector<int>& parent, int i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

void Unite(std::vector<int>& parent, int a, int b) {
  a = Find(parent, a);
  b = Find(parent, b);
  if (a != b) parent[std::max(a, b)] = std::min(a, b);
}

// The sets of borders that cross one another, horizontal borders first
// (index i), then vertical ones (hs.size() + j).
std::vector<int> CrossingSets(const std::vector<Seg>& hs, const std::vector<Seg>& vs, double tol) {
  const int nh = static_cast<int>(hs.size());
  std::vector<int> parent(hs.size() + vs.size());
  std::iota(parent.begin(), parent.end(), 0);
  for (int i = 0; i < nh; ++i) {
    for (std::size_t j = 0; j < vs.size(); ++j) {
      if (Crosses(hs[i], vs[j], tol)) Unite(parent, i, nh + static_cast<int>(j));
    }
  }
  return parent;  // a union-find forest: Find() gives a border's set
}

std::vector<double> Cluster(std::vector<double> v, double tol) {
  std::sort(v.begin(), v.end());
  std::vector<double> out;
  double sum = 0;
  int n = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (n > 0 && v[i] - v[i - 1] > tol) {
      out.push_back(sum / n);
      sum = 0;
      n = 0;
    }
    sum += v[i];
    ++n;
  }
  if (n > 0) out.push_back(sum / n);
  return out;
}

// ---------------------------------------------------------------- text

bool IsCjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

char32_t FirstCodePoint(std::string_view s) {
  std::size_t i = 0;
  return s.empty() ? 0 : text::NextCodePoint(s, i);
}

char32_t LastCodePoint(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t i = s.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return text::NextCodePoint(s, i);
}

Box Union(const Box& a, const Box& b) {
  return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

// A line's identity across pages for running headers: digits collapsed.
std::string RunningKey(std::string_view line) {
  std::string out;
  bool in_digits = false;
  for (char ch : text::MatchKey(line)) {
    const bool d = ch >= '0' && ch <= '9';
    if (d && in_digits) continue;
    out += d ? '#' : ch;
    in_digits = d;
  }
  return out;
}

struct Item {
  double y = 0;
  int grid = -1;            // index into the page's grids, or -1 for a line
  std::vector<Word> line;   // a line of free text
};

}  // namespace

namespace {

// The ruling lines of a page: long thin runs of ink that cross or touch at
// least two lines of the other direction (character strokes, underlines and
// "——" dashes do not).
struct Rules {
  std::vector<Seg> hs, vs;
  double tol = 2;
};

Rules FindRules(const GrayImage& image) {
  Rules out;
  if (image.empty() || image.pixels.size() < static_cast<std::size_t>(image.width) * image.height) return out;
  const int w = image.width, h = image.height;
  const double dpi = image.dpi > 0 ? image.dpi : 72;
  const InkMasks ink = FindInk(image);
  // Horizontal borders: longer than a CJK character or a "——" dash at body
  // size; the crossing test below removes what is left of text.
  const int min_h = std::max(12, static_cast<int>(dpi * 0.3));
  const int min_v = std::max(6, static_cast<int>(dpi * 0.08));
  const int max_thick = std::max(3, static_cast<int>(dpi * 0.05));
  std::vector<Seg> hs = Segments(w, h, min_h, max_thick, image.scanned,
                             [&](int along, int a) { return ink.h[static_cast<std::size_t>(a) * w + along] != 0; });
  std::vector<Seg> vs = Segments(h, w, min_v, max_thick, image.scanned,
                             [&](int along, int a) { return ink.v[static_cast<std::size_t>(along) * w + a] != 0; });
  const double tol = std::max(2.0, dpi / 25);
  if (image.scanned) {
    hs = MergeCollinear(std::move(hs), 2, static_cast<int>(dpi * 0.15));
    vs = MergeCollinear(std::move(vs), 2, static_cast<int>(dpi * 0.15));
  }
  // On scans, strokes of characters set against a border pass the tests
  // above too: 本年 just right of a column line is a horizontal run from the
  // line through the strokes of both characters, crossing the vertical
  // stroke of 本, which in turn reaches up to the row's border. A border of
  // the table's own ends on a line of the other direction at both ends (a
  // corner, a T), however short (a narrow column's, a row's), while a
  // stroke's run stops in the middle of its cell: a run shorter than an inch
  // with an end that no line passes is not a border. An end at the edge of
  // the image is one (a picture cropped inside a table: it goes on beyond).
  const double short_run = dpi;
  const auto anchored = [&](const Seg& s, const std::vector<Seg>& cross) {
    if (!image.scanned || s.to - s.from >= short_run) return true;
    const int extent = &cross == &vs ? w : h;  // along s
    const auto end_on_line = [&](int end) {
      if (end <= tol || end >= extent - 1 - tol) return true;
      return std::any_of(cross.begin(), cross.end(), [&](const Seg& c) {
        return std::abs(c.pos - end) <= tol && c.from - 2 * tol <= s.pos && s.pos <= c.to + 2 * tol;
      });
    };
    return end_on_line(s.from) && end_on_line(s.to);
  };
  for (int round = 0; round < 4; ++round) {
    std::vector<Seg> h2, v2;
    for (const Seg& s : hs) {
      int n = 0;
      for (const Seg& v : vs) n += Crosses(s, v, tol);
      if (n >= 2 && anchored(s, vs)) h2.push_back(s);
    }
    for (const Seg& s : vs) {
      int n = 0;
      for (const Seg& hh : h2) n += Crosses(hh, s, tol);
      if (n >= 2 && anchored(s, h2)) v2.push_back(s);
    }
    const bool stable = h2.size() == hs.size() && v2.size() == vs.size();
    hs = std::move(h2);
    vs = std::move(v2);
    if (stable) break;
  }
  // Strokes of characters cross too (年, 新), and on scans, where pale
  // pixels count, a few of them can pass the tests above: a set of crossing
  // lines is a table only if it could hold a line of text with padding (a
  // fifth of an inch high) and is wider than a few characters. Those that are
  // not are neither tables nor erased before OCR.
  {
    const int nh = static_cast<int>(hs.size());
    std::vector<int> parent = CrossingSets(hs, vs, tol);
    std::map<int, Box> extent;
    const auto grow = [&](int root, double x0, double y0, double x1, double y1) {
      auto [it, fresh] = extent.try_emplace(root, Box{x0, y0, x1, y1});
      if (!fresh) it->second = Union(it->second, Box{x0, y0, x1, y1});
    };
    for (int i = 0; i < nh; ++i) grow(Find(parent, i), hs[i].from, hs[i].pos, hs[i].to, hs[i].pos);
    for (std::size_t j = 0; j < vs.size(); ++j) {
      grow(Find(parent, nh + static_cast<int>(j)), vs[j].pos, vs[j].from, vs[j].pos, vs[j].to);
    }
    const auto table_sized = [&](int node) {
      const Box& b = extent[Find(parent, node)];
      return b.h() >= 0.2 * dpi && b.w() >= 0.75 * dpi;
    };
    std::vector<Seg> h2, v2;
    for (int i = 0; i < nh; ++i) {
      if (table_sized(i)) h2.push_back(hs[i]);
    }
    for (std::size_t j = 0; j < vs.size(); ++j) {
      if (table_sized(nh + static_cast<int>(j))) v2.push_back(vs[j]);
    }
    hs = std::move(h2);
    vs = std::move(v2);
  }
  out.hs = std::move(hs);
  out.vs = std::move(vs);
  out.tol = tol;
  return out;
}

}  // namespace

std::vector<RuleLine> FindRuleLines(const GrayImage& image) {
  const Rules rules = FindRules(image);
  std::vector<RuleLine> out;
  for (const Seg& s : rules.hs) out.push_back({true, s.pos, s.from, s.to});
  for (const Seg& s : rules.vs) out.push_back({false, s.pos, s.from, s.to});
  return out;
}

void EraseRules(GrayImage& image) {
  const Rules rules = FindRules(image);
  const int w = image.width, h = image.height;
  // Painted the paper's own grey: on a photographed or copied page (paper
  // at 180–220) a white stripe along a cell's border makes tesseract's
  // binarisation of the cell take its grey paper for ink, and a lone "0"
  // reads as 滞 or 到. The paper just beside a line, a tenth of an inch
  // around, is the line's paper.
  const std::vector<std::uint8_t> paper =
      image.scanned ? PaperGrey(image, std::max(3, static_cast<int>(image.dpi / 20))) : std::vector<std::uint8_t>();
  const auto whiten = [&](int x0, int y0, int x1, int y1) {
    for (int y = std::max(0, y0); y <= std::min(h - 1, y1); ++y) {
      for (int x = std::max(0, x0); x <= std::min(w - 1, x1); ++x) {
        const std::size_t i = static_cast<std::size_t>(y) * w + x;
        image.pixels[i] = paper.empty() ? 255 : paper[i];
      }
    }
  };
  // A margin: the grey edge of a scanned line reads as a stroke ("|", "一").
  // On a scan the ridge that found the line is its darkest core, and its
  // blurred edges reach about a line's width further on each side.
  const int m = image.scanned ? std::max(2, static_cast<int>(image.dpi / 60 + 0.5)) : 1;
  // A straight line: the band of its thickness. A tilted one: its own
  // thickness around where it is at each step along it, not the band it
  // drifts over (which would take the edge of the text beside it at its
  // ends).
  const auto erase = [&](const Seg& s, bool horizontal) {
    const double mid = (s.from + s.to) / 2.0, half = s.thick / 2 + m;
    for (int t = s.from - m; t <= s.to + m; ++t) {
      int lo = s.first - m, hi = s.last + m;
      if (s.slope != 0) {
        const double at = s.pos + s.slope * (t - mid);
        lo = static_cast<int>(std::floor(at - half));
        hi = static_cast<int>(std::ceil(at + half));
      }
      if (horizontal) {
        whiten(t, lo, t, hi);
      } else {
        whiten(lo, t, hi, t);
      }
    }
  };
  for (const Seg& s : rules.hs) erase(s, true);
  for (const Seg& s : rules.vs) erase(s, false);
}

std::vector<Grid> FindGrids(const GrayImage& image) {
  std::vector<Grid> grids;
  Rules rules = FindRules(image);
  std::vector<Seg>& hs = rules.hs;
  std::vector<Seg>& vs = rules.vs;
  const double tol = rules.tol;
  const double dpi = image.dpi > 0 ? image.dpi : 72;
  if (hs.size() < 2 || vs.size() < 2) return grids;

  // One table per connected set of crossing borders.
  const int nh = static_cast<int>(hs.size());
  std::vector<int> parent = CrossingSets(hs, vs, tol);
  std::map<int, std::pair<std::vector<const Seg*>, std::vector<const Seg*>>> groups;
  for (int i = 0; i < nh; ++i) groups[Find(parent, i)].first.push_back(&hs[i]);
  for (std::size_t j = 0; j < vs.size(); ++j) groups[Find(parent, nh + static_cast<int>(j))].second.push_back(&vs[j]);

  for (auto& [root, g] : groups) {
    const auto& gh = g.first;
    const auto& gv = g.second;
    std::vector<double> ypos, xpos;
    for (const Seg* s : gh) ypos.push_back(s->pos);
    for (const Seg* s : gv) xpos.push_back(s->pos);
    const std::vector<double> ys = Cluster(ypos, tol);
    const std::vector<double> xs = Cluster(xpos, tol);
    if (ys.size() < 2 || xs.size() < 2) continue;
    const int rows = static_cast<int>(ys.size()) - 1, cols = static_cast<int>(xs.size()) - 1;
    if (rows * cols < 2) continue;  // a framed box, not a table
    // The same size test as in FindRules, on the borders that make cells (a
    // set of strokes may reach wider than its crossings).
    if (ys.back() - ys.front() < 0.2 * dpi || xs.back() - xs.front() < 0.75 * dpi) continue;
    std::vector<int> cell_parent(static_cast<std::size_t>(rows) * cols);
    std::iota(cell_parent.begin(), cell_parent.end(), 0);
    // A border between two cells is a line along most of their common edge,
    // not one that only reaches its middle: the stroke of a character set
    // against a border (总计 beside a column line) extends that line's
    // run into the next cell, and on scans pale pixels make this common.
    // Pieces of one broken line add up.
    const auto covered = [&](const std::vector<const Seg*>& segs, double pos, double a, double b) {
      double len = 0;
      for (const Seg* s : segs) {
        if (std::abs(s->pos - pos) > tol) continue;
        len += std::max(0.0, std::min<double>(b, s->to) - std::max<double>(a, s->from));
      }
      return len >= 0.7 * (b - a);
    };
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < cols; ++c) {
        if (c > 0 && !covered(gv, xs[c], ys[r], ys[r + 1])) Unite(cell_parent, r * cols + c - 1, r * cols + c);
        if (r > 0 && !covered(gh, ys[r], xs[c], xs[c + 1])) Unite(cell_parent, (r - 1) * cols + c, r * cols + c);
      }
    }
    Grid grid;
    for (double x : xs) grid.xs.push_back(x * image.units_per_pixel);
    for (double y : ys) grid.ys.push_back(y * image.units_per_pixel);
    grid.anchor.resize(cell_parent.size());
    // Unite keeps the smaller index as root: the top-left cell of the region.
    for (std::size_t i = 0; i < cell_parent.size(); ++i) grid.anchor[i] = Find(cell_parent, static_cast<int>(i));
    grids.push_back(std::move(grid));
  }
  std::sort(grids.begin(), grids.end(), [](const Grid& a, const Grid& b) { return a.ys.front() < b.ys.front(); });
  return grids;
}

std::vector<std::vector<Word>> GroupLines(std::vector<Word> words) {
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
    return a.box.y0 != b.box.y0 ? a.box.y0 < b.box.y0 : a.box.x0 < b.box.x0;
  });
  struct Line {
    double y0 = 0, y1 = 0;  // mean band of its words
    std::vector<Word> words;
  };
  std::vector<Line> lines;
  for (Word& wd : words) {
    Line* best = nullptr;
    double best_ov = 0;
    // Only recent lines can overlap: words come sorted by their top.
    for (std::size_t k = lines.size(); k-- > 0 && k + 8 >= lines.size();) {
      Line& l = lines[k];
      const double ov = std::min(l.y1, wd.box.y1) - std::max(l.y0, wd.box.y0);
      const double need = 0.5 * std::min(l.y1 - l.y0, wd.box.h());
      if (ov > need && ov > best_ov) {
        best = &l;
        best_ov = ov;
      }
    }
    if (best == nullptr) {
      lines.push_back(Line{wd.box.y0, wd.box.y1, {}});
      best = &lines.back();
    }
    const double n = static_cast<double>(best->words.size());
    best->y0 = (best->y0 * n + wd.box.y0) / (n + 1);
    best->y1 = (best->y1 * n + wd.box.y1) / (n + 1);
    best->words.push_back(std::move(wd));
  }
  std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.y0 < b.y0; });
  std::vector<std::vector<Word>> out;
  out.reserve(lines.size());
  for (Line& l : lines) {
    std::sort(l.words.begin(), l.words.end(), [](const Word& a, const Word& b) { return a.box.x0 < b.box.x0; });
    out.push_back(std::move(l.words));
  }
  return out;
}

namespace {

// LineText, and the place in it of every doubtful word (Word::doubt), with
// offsets relative to the returned text.
std::string JoinLine(const std::vector<Word>& line, std::vector<Doubt>* doubts) {
  std::string out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (i > 0) {
      const Word& a = line[i - 1];
      const Word& b = line[i];
      const double gap = b.box.x0 - a.box.x1;
      const double hgt = std::max(1.0, std::min(a.box.h(), b.box.h()));
      const bool cjk = IsCjk(LastCodePoint(a.text)) && IsCjk(FirstCodePoint(b.text));
      // A space is a quarter em or more; OCR sets CJK characters apart by
      // up to half an em without meaning a space.
      if (gap > (cjk ? 0.6 : 0.15) * hgt) out += ' ';
    }
    if (doubts != nullptr && !line[i].doubt.empty()) {
      doubts->push_back(Doubt{out.size(), line[i].text.size(), line[i].doubt});
    }
    out += line[i].text;
  }
  return out;
}

// Moves `doubts` (relative to a string written at `base`) into `doc`. The
// words of one doubtful reading (OCR returns a cell's CJK characters one by
// one) become one doubt.
void AddDoubts(std::vector<Doubt> doubts, std::size_t base, Document& doc) {
  const std::size_t first = doc.doubts.size();
  for (Doubt& d : doubts) {
    d.offset += base;
    if (doc.doubts.size() > first) {
      Doubt& last = doc.doubts.back();
      const std::size_t end = last.offset + last.length;
      if (last.note == d.note && end <= d.offset && d.offset - end <= 1) {
        last.length = d.offset + d.length - last.offset;
        continue;
      }
    }
    doc.doubts.push_back(std::move(d));
  }
}

}  // namespace

std::string LineText(const std::vector<Word>& line) { return JoinLine(line, nullptr); }

bool IsPageNumber(std::string_view line) {
  // Digits collapse to '#', spaces go ("第 3 页"), but "0 0 0" stays "###".
  std::string key;
  bool in_digits = false;
  for (char ch : text::Normalize(line)) {
    if (ch == ' ' || ch == '\t') {
      in_digits = false;
      continue;
    }
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    const bool d = ch >= '0' && ch <= '9';
    if (!(d && in_digits)) key += d ? '#' : ch;
    in_digits = d;
  }
  // Decoration around the number: "- 3 -", "— 3 —", "·3·", "(3)".
  static constexpr std::string_view kDecor[] = {"-", "—", "–", "_", ".", "·", "•", "(", ")", "[", "]", "【", "】", "~"};
  bool stripped = true;
  while (stripped && !key.empty()) {
    stripped = false;
    for (std::string_view d : kDecor) {
      if (key.size() >= d.size() && std::string_view(key).substr(0, d.size()) == d) {
        key.erase(0, d.size());
        stripped = true;
      }
      if (key.size() >= d.size() && std::string_view(key).substr(key.size() - d.size()) == d) {
        key.erase(key.size() - d.size());
        stripped = true;
      }
    }
  }
  static constexpr std::string_view kForms[] = {"#",        "第#页",     "第#页共#页", "第#页,共#页", "#/#",
                                                "第#页/共#页", "共#页第#页", "page#",     "page#of#",   "#of#"};
  return std::find(std::begin(kForms), std::end(kForms), key) != std::end(kForms);
}

void ReleaseImage(Page& page) {
  if (page.grids_found) return;
  page.grids = FindGrids(page.image);
  page.grids_found = true;
  page.image = GrayImage();
}

Document Assemble(std::vector<Page> pages) {
  const std::size_t n = pages.size();
  std::vector<std::vector<Grid>> grids(n);
  std::vector<std::vector<Item>> items(n);
  // Per grid: the pieces of text of each elementary cell's anchor.
  std::vector<std::vector<std::vector<std::vector<Word>>>> cell_words(n);

  for (std::size_t p = 0; p < n; ++p) {
    grids[p] = pages[p].grids_found ? std::move(pages[p].grids) : FindGrids(pages[p].image);
    cell_words[p].resize(grids[p].size());
    for (std::size_t g = 0; g < grids[p].size(); ++g) {
      cell_words[p][g].resize(grids[p][g].anchor.size());
    }
    const auto locate = [&](double x, double y, std::size_t& gi, int& cell) {
      for (std::size_t g = 0; g < grids[p].size(); ++g) {
        const Grid& gr = grids[p][g];
        if (x < gr.xs.front() || x > gr.xs.back() || y < gr.ys.front() || y > gr.ys.back()) continue;
        const int c = static_cast<int>(std::upper_bound(gr.xs.begin(), gr.xs.end(), x) - gr.xs.begin()) - 1;
        const int r = static_cast<int>(std::upper_bound(gr.ys.begin(), gr.ys.end(), y) - gr.ys.begin()) - 1;
        gi = g;
        cell = gr.anchor[static_cast<std::size_t>(std::clamp(r, 0, gr.rows() - 1) * gr.cols() +
                                                  std::clamp(c, 0, gr.cols() - 1))];
        return true;
      }
      return false;
    };
    std::vector<Word> free_words;
    for (Word& wd : pages[p].words) {
      std::size_t g = 0;
      int cell = 0;
      if (!locate(wd.box.cx(), wd.box.cy(), g, cell) && wd.glyphs.empty()) {
        free_words.push_back(std::move(wd));
        continue;
      }
      if (wd.glyphs.empty()) {
        cell_words[p][g][static_cast<std::size_t>(cell)].push_back(std::move(wd));
        continue;
      }
      // Split the word where its glyphs change cell: a PDF word may run over
      // a border when two cells' texts are set close together.
      Word piece;
      std::size_t piece_g = 0;
      int piece_cell = -2;  // -1: outside every table
      const auto flush = [&]() {
        if (piece.text.empty()) return;
        if (piece_cell == -1) {
          free_words.push_back(std::move(piece));
        } else {
          cell_words[p][piece_g][static_cast<std::size_t>(piece_cell)].push_back(std::move(piece));
        }
        piece = Word{};
      };
      for (const Glyph& gl : wd.glyphs) {
        std::size_t gg = 0;
        int cc = -1;
        if (!locate(gl.box.cx(), gl.box.cy(), gg, cc)) cc = -1;
        if (cc != piece_cell || gg != piece_g) {
          flush();
          piece_cell = cc;
          piece_g = gg;
          piece.box = gl.box;
          piece.confidence = wd.confidence;
          piece.doubt = wd.doubt;
        }
        piece.text += gl.text;
        piece.box = Union(piece.box, gl.box);
      }
      flush();
    }
    // Tables without ruling lines, found by the alignment of the remaining
    // words (columns.h), are laid out like ruled ones from here on.
    std::vector<std::vector<Word>> lines = GroupLines(std::move(free_words));
    for (TextGrid& t : FindTextGrids(lines)) {
      grids[p].push_back(std::move(t.grid));
      cell_words[p].push_back(std::move(t.cell_words));
    }
    for (std::size_t g = 0; g < grids[p].size(); ++g) {
      items[p].push_back(Item{grids[p][g].ys.front(), static_cast<int>(g), {}});
    }
    for (auto& line : lines) {
      double top = line.front().box.y0;
      for (const Word& wd : line) top = std::min(top, wd.box.y0);
      items[p].push_back(Item{top, -1, std::move(line)});
    }
    std::stable_sort(items[p].begin(), items[p].end(), [](const Item& a, const Item& b) { return a.y < b.y; });
  }

  // Page numbers and running headers/footers: free lines in the margins.
  std::map<std::string, int> margin_pages;
  const auto in_margin = [&](std::size_t p, const Item& it) {
    const double hgt = pages[p].height;
    double bottom = it.y;
    for (const Word& wd : it.line) bottom = std::max(bottom, wd.box.y1);
    return hgt > 0 && (bottom < 0.12 * hgt || it.y > 0.88 * hgt);
  };
  for (std::size_t p = 0; p < n; ++p) {
    std::vector<std::string> seen;
    for (const Item& it : items[p]) {
      if (it.grid >= 0 || !in_margin(p, it)) continue;
      std::string key = RunningKey(LineText(it.line));
      if (std::find(seen.begin(), seen.end(), key) == seen.end()) {
        ++margin_pages[key];
        seen.push_back(std::move(key));
      }
    }
  }
  for (std::size_t p = 0; p < n; ++p) {
    std::erase_if(items[p], [&](const Item& it) {
      if (it.grid >= 0 || !in_margin(p, it)) return false;
      const std::string t = LineText(it.line);
      if (IsPageNumber(t)) return true;
      const int k = margin_pages[RunningKey(t)];
      return n >= 3 && k >= 3 && 2 * static_cast<std::size_t>(k) >= n;
    });
  }

  Document doc;
  bool table_open = false;  // the last block is a table that ended its page
  // The doubts of the last table row written, per cell and relative to it,
  // and where they start in doc.doubts: a row broken by a page break is
  // rewritten with its continuation.
  std::vector<std::vector<Doubt>> last_row_doubts;
  std::size_t last_row_doubts_at = 0;
  for (std::size_t p = 0; p < n; ++p) {
    // Where the page begins (a row broken by the page break is written back
    // before it, so the page starts at the latest of the two).
    doc.page_offsets.push_back(std::max(doc.text.size(), doc.page_offsets.empty() ? 0 : doc.page_offsets.back()));
    for (std::size_t i = 0; i < items[p].size(); ++i) {
      const Item& it = items[p][i];
      if (it.grid < 0) {
        Block b;
        b.kind = Block::Kind::kParagraph;
        std::vector<Doubt> doubts;
        b.text = JoinLine(it.line, &doubts);
        b.offset = doc.text.size();
        AddDoubts(std::move(doubts), b.offset, doc);
        doc.text += b.text;
        doc.text += '\n';
        doc.blocks.push_back(std::move(b));
        table_open = false;
        continue;
      }
      const Grid& gr = grids[p][static_cast<std::size_t>(it.grid)];
      auto& words = cell_words[p][static_cast<std::size_t>(it.grid)];
      // A table at the top of a page continues one that ended the last page.
      const bool join = table_open && i == 0 && !doc.blocks.empty();
      if (!join) {
        Block b;
        b.kind = Block::Kind::kTable;
        b.offset = doc.text.size();
        doc.blocks.push_back(std::move(b));
      }
      Block& table = doc.blocks.back();
      bool continued = false;  // a row of this grid has been written
      for (int r = 0; r < gr.rows(); ++r) {
        std::vector<Cell> row;
        std::vector<std::vector<Doubt>> row_doubts(static_cast<std::size_t>(gr.cols()));
        bool any_text = false;
        for (int c = 0; c < gr.cols(); ++c) {
          const std::size_t idx = static_cast<std::size_t>(r * gr.cols() + c);
          Cell cell;
          if (gr.anchor[idx] != static_cast<int>(idx)) {
            cell.merged = true;
          } else {
            std::string t;
            for (const auto& line : GroupLines(words[idx])) {
              if (!t.empty()) t += '\n';
              std::vector<Doubt> doubts;
              const std::string lt = JoinLine(line, &doubts);
              for (Doubt& d : doubts) d.offset += t.size();
              auto& cell_doubts = row_doubts[static_cast<std::size_t>(c)];
              cell_doubts.insert(cell_doubts.end(), doubts.begin(), doubts.end());
              t += lt;
            }
            any_text = any_text || !t.empty();
            cell.text = std::move(t);
          }
          row.push_back(std::move(cell));
        }
        // Rows that only continue merged cells (borders of a neighbouring
        // column split them) carry nothing.
        if (!any_text) continue;
        // The end of a row broken by the page break is written back into
        // it (the row is the last text written so far).
        if (join && !continued && !table.rows.empty() && ContinuesRow(table.rows.back(), row)) {
          doc.text.resize(table.rows.back().front().offset);
          std::vector<Cell> joined = JoinRows(std::move(table.rows.back()), row);
          table.rows.pop_back();
          // The doubts of the row before the break move with its cells (each
          // cell's text is still a prefix of the joined one); those of this
          // row's cells, aligned from the right as JoinRows aligns them, sit
          // at the end of the joined cell.
          doc.doubts.resize(last_row_doubts_at);
          for (std::size_t k = 1; k <= row.size() && k <= joined.size(); ++k) {
            const std::size_t rc = row.size() - k, jc = joined.size() - k;
            for (Doubt d : row_doubts[rc]) {
              d.offset += joined[jc].text.size() - row[rc].text.size();
              last_row_doubts[jc].push_back(std::move(d));
            }
          }
          row = std::move(joined);
          row_doubts = std::move(last_row_doubts);
        }
        continued = true;
        last_row_doubts_at = doc.doubts.size();
        for (std::size_t c = 0; c < row.size(); ++c) {
          if (c > 0) doc.text += '\t';
          row[c].offset = doc.text.size();
          if (c < row_doubts.size()) AddDoubts(row_doubts[c], row[c].offset, doc);
          doc.text += row[c].text;
        }
        row_doubts.resize(row.size());
        last_row_doubts = std::move(row_doubts);
        doc.text += '\n';
        table.rows.push_back(std::move(row));
      }
      table_open = i + 1 == items[p].size();
    }
  }
  return doc;
}

}  // namespace gongkai::readers::layout
