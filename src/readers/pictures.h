// Pictures inside text documents: a table pasted into a Word document or a
// text PDF as a screenshot (common in real reports), read by OCR in place.
// Used by the PDF reader (pictures found on the page rendering, where ink
// carries no text-layer words) and the DOCX reader (images of the package).
// Seals, emblems and logos must not turn into text: only pictures large
// enough, with dark non-red ink, whose recognised words look like text, are
// kept.
#ifndef GONGKAI_READERS_PICTURES_H_
#define GONGKAI_READERS_PICTURES_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "readers/ocr.h"
#include "readers/page_layout.h"
#include "readers/reader.h"

namespace gongkai::readers::pictures {

// Regions of a rendered text page (the ruling-line rendering) that carry ink
// but no text-layer words: pictures, in page units. Only regions large enough
// to hold a table or a paragraph, with many character-sized marks, are
// returned; underlines, table borders drawn as vectors and small emblems are
// not.
std::vector<layout::Box> FindPictureRegions(const layout::GrayImage& image, const std::vector<layout::Word>& words);

// One pixel of a colour picture as grey for OCR. Red ink (a seal stamped
// over the text, a red letterhead) is paper: it is never the text of a table,
// and a seal over a cell would otherwise hide its digits.
std::uint8_t GreyForOcr(std::uint8_t r, std::uint8_t g, std::uint8_t b);

// The median height in pixels of a picture's marks of ink (characters and
// their parts, not borders); 0 when there are too few to tell.
double MarkHeight(const layout::GrayImage& image);

// Whether an image holds enough dark ink to be worth reading (a seal whose
// red was dropped leaves nearly nothing).
bool HasInk(const layout::GrayImage& image);

// Whether words recognised in a picture read as text: enough words, most of
// them recognised with some confidence. A logo or a photograph gives a few
// words of low confidence, which are dropped rather than reported as text.
bool LooksLikeText(const std::vector<layout::Word>& words);

// Decodes a PNG, JPEG, GIF, BMP or TIFF picture (leptonica) as grey for OCR
// (GreyForOcr). `width_in` is its printed width in inches when known (0
// otherwise: 200 ppi is assumed), which sets the image's dpi. A picture whose
// characters are few pixels high (a screen capture) is scaled up so that
// they reach the size tesseract reads well (MarkHeight). Returns an
// empty image, with the reason in `why`, when the bytes are not such a
// picture or it is unreasonably large (a decompression bomb).
layout::GrayImage DecodePicture(std::string_view bytes, double width_in, std::string& why);

// What a picture's magic bytes say it is: "png", "jpeg", "gif", "bmp",
// "tiff", "emf", "wmf" or "" when unknown.
std::string_view PictureKind(std::string_view bytes);

// The OCR engine of one file, created on first need: most documents have no
// picture to read, and loading chi_sim costs a fraction of a second. When
// tesseract or its data is missing, Get() returns null and error() says
// why, so a text document is still read without its pictures; GetOrThrow()
// is for documents that cannot be read without OCR (scans).
class LazyOcr {
 public:
  OcrEngine* Get();
  OcrEngine& GetOrThrow();
  // The reason, in Chinese, when the engine could not be created.
  std::string error() const { return error_ ? error_->zh() : std::string(); }

 private:
  std::unique_ptr<OcrEngine> engine_;
  bool tried_ = false;
  std::optional<ReadError> error_;
};

}  // namespace gongkai::readers::pictures

#endif  // GONGKAI_READERS_PICTURES_H_
