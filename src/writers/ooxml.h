// WordprocessingML (.docx) written in memory with libzip and pugixml: the
// package parts every document needs and the paragraph and run shapes the
// official documents use (仿宋 三号 body, 黑体 headings, GB/T 9704 page).
// Shared by the notice (notice_writer) and the annual report draft
// (draft_writer). Pure functions; MemoryZip is one archive, not shared.
#ifndef GONGKAI_WRITERS_OOXML_H_
#define GONGKAI_WRITERS_OOXML_H_

#include <deque>
#include <pugixml.hpp>
#include <string>

struct zip;
struct zip_source;

namespace gongkai::writers::ooxml {

inline constexpr const char* kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

struct Run {
  bool bold = false;
  int half_points = 32;  // 三号 16pt
  const char* font = "仿宋";
  const char* color = nullptr;
};
enum class Align { kLeft, kCenter, kRight, kBoth };

// Appends <w:p> with one run of `text` to `body` (a w:body or w:tc).
void Paragraph(pugi::xml_node body, const std::string& text, const Run& run, Align align, bool indent,
               int space_after = 0);

// The document serialised as UTF-8 without indentation.
std::string Save(const pugi::xml_document& doc);

// A .docx: [Content_Types].xml, _rels/.rels, word/_rels/document.xml.rels,
// word/styles.xml (仿宋 三号, exact 28 pt lines) and `document_xml`.
// Throws std::runtime_error if libzip fails.
std::string DocxPackage(const std::string& document_xml);

// A zip archive built in memory.
class MemoryZip {
 public:
  MemoryZip();
  ~MemoryZip();
  MemoryZip(const MemoryZip&) = delete;
  MemoryZip& operator=(const MemoryZip&) = delete;
  void Add(const char* name, std::string data);
  // Closes the archive and returns its bytes (once).
  std::string Bytes();

 private:
  zip_source* source_ = nullptr;
  zip* zip_ = nullptr;
  std::deque<std::string> parts_;  // a deque never moves its elements: libzip holds pointers into them
};

}  // namespace gongkai::writers::ooxml

#endif  // GONGKAI_WRITERS_OOXML_H_
