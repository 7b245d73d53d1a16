// Agency names read by OCR: a misread character (援刀区 for 掇刀区) would file
// a scanned report under a new agency. A name whose characters the OCR
// doubted is matched against the agencies the corpus already knows (and the
// names of the region hierarchy) by their characters; one close name takes
// the report, and a name that matches none, or several equally, is kept and
// flagged for a person. Pure functions; thread-safe.
#ifndef GONGKAI_CORPUS_OCR_NAMES_H_
#define GONGKAI_CORPUS_OCR_NAMES_H_

#include <string>
#include <string_view>
#include <vector>

#include "report/report.h"

namespace gongkai::corpus {

// Whether the agency's name was read from a place the OCR doubted: a
// read.uncertain finding with the fact agency_doubted (extract's
// ReportDoubts). A doubt elsewhere in the report says nothing of the name.
bool AgencyNameDoubted(const Report& report);

// Edit distance between two UTF-8 strings in characters (code points).
int CharDistance(std::string_view a, std::string_view b);

// What a doubted name resolves to among the known names.
struct NameResolution {
  enum class Kind {
    kKnown,      // the name is known as read (or names a known agency by SameAgencyKey)
    kMatched,    // one known name is close: `name`, `distance` characters apart
    kUnmatched,  // none is close, or several are equally close (`name` empty)
  };
  Kind kind = Kind::kUnmatched;
  std::string name;
  int distance = 0;
};

// Resolves `read` among `known`. Names are compared by their agency keys
// (AgencyKey): in full, or by their root (RootKey) when one side names no
// region above it ("援刀区" against "荆门市掇刀区"). A match has at most one
// character in four wrong (at least one) and is closer than every other
// known agency; candidates that name one agency (SameAgencyKey) are not
// rivals.
NameResolution ResolveReadName(std::string_view read, const std::vector<std::string>& known);

}  // namespace gongkai::corpus

#endif  // GONGKAI_CORPUS_OCR_NAMES_H_
