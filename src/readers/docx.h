// DOCX reader options. ReadDocx(bytes) in reader.h reads with the defaults.
#ifndef GONGKAI_READERS_DOCX_H_
#define GONGKAI_READERS_DOCX_H_

#include <string_view>

#include "document/document.h"

namespace gongkai::readers {

struct DocxOptions {
  // Pictures in the body (a table pasted as a screenshot) read by OCR in
  // place. Off, they are skipped as before (fuzzing, fast batches).
  bool ocr = true;
  // More pictures than this are not read (each costs seconds of OCR); a
  // warning says how many were left.
  int max_pictures = 30;
};

// Throws ReadError for encrypted, corrupt or non-Word zips.
Document ReadDocx(std::string_view bytes, const DocxOptions& options);

}  // namespace gongkai::readers

#endif  // GONGKAI_READERS_DOCX_H_
