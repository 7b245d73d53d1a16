#include "writers/ooxml.h"

#include <zip.h>

#include <sstream>
#include <stdexcept>

namespace gongkai::writers::ooxml {

void Paragraph(pugi::xml_node body, const std::string& text, const Run& run, Align align, bool indent,
               int space_after) {
  pugi::xml_node p = body.append_child("w:p");
  pugi::xml_node ppr = p.append_child("w:pPr");
  if (space_after) {
    pugi::xml_node sp = ppr.append_child("w:spacing");
    sp.append_attribute("w:after") = space_after;
  }
  if (indent) {
    pugi::xml_node ind = ppr.append_child("w:ind");
    ind.append_attribute("w:firstLineChars") = 200;
    ind.append_attribute("w:firstLine") = run.half_points * 20;  // two characters, in twips
  }
  static constexpr const char* kAlign[] = {"left", "center", "right", "both"};
  ppr.append_child("w:jc").append_attribute("w:val") = kAlign[static_cast<int>(align)];
  pugi::xml_node r = p.append_child("w:r");
  pugi::xml_node rpr = r.append_child("w:rPr");
  pugi::xml_node fonts = rpr.append_child("w:rFonts");
  fonts.append_attribute("w:ascii") = run.font;
  fonts.append_attribute("w:eastAsia") = run.font;
  fonts.append_attribute("w:hAnsi") = run.font;
  if (run.bold) rpr.append_child("w:b");
  if (run.color) rpr.append_child("w:color").append_attribute("w:val") = run.color;
  rpr.append_child("w:sz").append_attribute("w:val") = run.half_points;
  rpr.append_child("w:szCs").append_attribute("w:val") = run.half_points;
  pugi::xml_node t = r.append_child("w:t");
  t.append_attribute("xml:space") = "preserve";
  t.text() = text.c_str();
}

std::string Save(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw, pugi::encoding_utf8);
  return out.str();
}


namespace {

constexpr const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
    R"(<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>)"
    R"(</Types>)";
constexpr const char* kRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
    R"(</Relationships>)";
constexpr const char* kDocumentRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
    R"(</Relationships>)";
constexpr const char* kStyles =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
    R"(<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="仿宋" w:eastAsia="仿宋" w:hAnsi="仿宋"/>)"
    R"(<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>)"
    R"(<w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>)"
    R"(<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>)"
    R"(</w:styles>)";

}  // namespace

MemoryZip::MemoryZip() {
  zip_error_t error;
  zip_error_init(&error);
  source_ = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!source_) throw std::runtime_error("libzip: cannot create a buffer");
  zip_source_keep(source_);  // kept past zip_close to read the bytes back
  zip_ = zip_open_from_source(source_, ZIP_TRUNCATE, &error);
  zip_error_fini(&error);
  if (!zip_) {
    zip_source_free(source_);
    throw std::runtime_error("libzip: cannot open the archive");
  }
}

MemoryZip::~MemoryZip() {
  if (zip_) zip_discard(zip_);
  zip_source_free(source_);
}

void MemoryZip::Add(const char* name, std::string data) {
  parts_.push_back(std::move(data));  // libzip reads the buffer at zip_close
  zip_source_t* s = zip_source_buffer(zip_, parts_.back().data(), parts_.back().size(), 0);
  if (!s || zip_file_add(zip_, name, s, ZIP_FL_ENC_UTF_8) < 0) {
    zip_source_free(s);
    throw std::runtime_error(std::string("libzip: cannot add ") + name);
  }
}

std::string MemoryZip::Bytes() {
  if (zip_close(zip_) != 0) throw std::runtime_error("libzip: cannot write the archive");
  zip_ = nullptr;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(source_, &st) != 0 || zip_source_open(source_) != 0) {
    throw std::runtime_error("libzip: cannot read the archive back");
  }
  std::string out(st.size, '\0');
  const zip_int64_t n = zip_source_read(source_, out.data(), st.size);
  zip_source_close(source_);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) throw std::runtime_error("libzip: short read");
  return out;
}

std::string DocxPackage(const std::string& document_xml) {
  MemoryZip zip;
  zip.Add("[Content_Types].xml", kContentTypes);
  zip.Add("_rels/.rels", kRels);
  zip.Add("word/_rels/document.xml.rels", kDocumentRels);
  zip.Add("word/styles.xml", kStyles);
  zip.Add("word/document.xml", document_xml);
  return zip.Bytes();
}

}  // namespace gongkai::writers::ooxml
