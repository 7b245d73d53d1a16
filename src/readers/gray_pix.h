// A GrayImage to and from leptonica's 8-bit Pix, for the readers that use
// leptonica's operations on page images (scan_geometry.cc, page_layout.cc).
#ifndef GONGKAI_READERS_GRAY_PIX_H_
#define GONGKAI_READERS_GRAY_PIX_H_

#include <leptonica/allheaders.h>

#include <cstddef>
#include <cstdint>
#include <memory>

#include "readers/page_layout.h"

namespace gongkai::readers::layout {

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// The image as an 8-bit Pix; null if leptonica cannot allocate it.
inline PixPtr ToPix(const GrayImage& image) {
  PixPtr pix(pixCreate(image.width, image.height, 8));
  if (!pix) return pix;
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < image.height; ++y) {
    l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    const std::uint8_t* src = image.pixels.data() + static_cast<std::ptrdiff_t>(y) * image.width;
    for (int x = 0; x < image.width; ++x) SET_DATA_BYTE(line, x, src[x]);
  }
  return pix;
}

// An 8-bit Pix's pixels, with the other fields of `like`.
inline GrayImage FromPix(Pix* pix, const GrayImage& like) {
  GrayImage out = like;
  out.width = static_cast<int>(pixGetWidth(pix));
  out.height = static_cast<int>(pixGetHeight(pix));
  out.pixels.assign(static_cast<std::size_t>(out.width) * out.height, 255);
  const l_uint32* data = pixGetData(pix);
  const int wpl = pixGetWpl(pix);
  for (int y = 0; y < out.height; ++y) {
    const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    std::uint8_t* dst = out.pixels.data() + static_cast<std::ptrdiff_t>(y) * out.width;
    for (int x = 0; x < out.width; ++x) dst[x] = static_cast<std::uint8_t>(GET_DATA_BYTE(line, x));
  }
  return out;
}

}  // namespace gongkai::readers::layout

#endif  // GONGKAI_READERS_GRAY_PIX_H_
