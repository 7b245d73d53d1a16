// Traditional script → Simplified, for the labels to match. Mirror sites
// convert whole pages to Traditional; the official labels are matched in
// Simplified. The conversion (OpenCC t2s) keeps the original text beside the
// converted one, with a map between their offsets, so that findings can quote
// the report in its own script.
#ifndef GONGKAI_READERS_SIMPLIFY_H_
#define GONGKAI_READERS_SIMPLIFY_H_

#include <memory>
#include <string>
#include <string_view>

#include "document/document.h"

namespace gongkai::readers {

// True when the text is written in Traditional script: enough characters
// that exist only in Traditional, among the commonest of report text.
bool LooksTraditional(std::string_view text);

// Converts Documents written in Traditional script to Simplified. OpenCC's
// dictionaries take longer to load than a whole report takes to read, so they
// are loaded on the first Traditional document only and kept: keep one
// Simplifier for a batch (pipeline::Pipeline holds one). Apply() may be
// called from several threads at once.
class Simplifier {
 public:
  Simplifier();
  ~Simplifier();
  Simplifier(Simplifier&&) noexcept;
  Simplifier& operator=(Simplifier&&) noexcept;

  // If `doc` LooksTraditional: converts its text, paragraphs and cells to
  // Simplified, moves the text as read into Document::original with
  // Document::original_anchors, and adds a warning saying so. Otherwise (or
  // if it already has an original) leaves it alone. If OpenCC cannot be
  // loaded the text stays as it is and a warning says why.
  void Apply(Document& doc) const;

  // The Simplified form of one string (no offsets kept); `text` itself if
  // OpenCC cannot be loaded.
  std::string Convert(std::string_view text) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace gongkai::readers

#endif  // GONGKAI_READERS_SIMPLIFY_H_
