#include "readers/assemble.h"

#include <string_view>

#include "util/text.h"

namespace gongkai::readers {

Document Assemble(std::vector<RawBlock> blocks, std::vector<std::string> warnings) {
  Document doc;
  doc.warnings = std::move(warnings);
  for (RawBlock& b : blocks) {
    if (!b.table) {
      const std::string_view t = text::Trim(b.text);
      if (t.empty()) continue;
      Block p;
      p.offset = doc.text.size();
      p.text = std::string(t);
      doc.text += p.text;
      doc.text += '\n';
      doc.blocks.push_back(std::move(p));
      continue;
    }
    bool any_text = false;
    for (const auto& row : b.rows) {
      for (const auto& c : row) any_text = any_text || !text::Trim(c.text).empty();
    }
    if (!any_text) continue;
    Block t;
    t.kind = Block::Kind::kTable;
    t.offset = doc.text.size();
    for (std::size_t r = 0; r < b.rows.size(); ++r) {
      const auto& raw_row = b.rows[r];
      std::vector<Cell> row;
      row.reserve(raw_row.size());
      bool first = true;
      for (std::size_t j = 0; j < raw_row.size(); ++j) {
        const RawCell& raw = raw_row[j];
        Cell c;
        if (raw.merged) {
          c.merged = true;
          // The covering cell is above or to the left, so already laid out.
          const bool covered = raw.origin_row < r || (raw.origin_row == r && raw.origin_col < j);
          const auto& origin_row = raw.origin_row < r ? t.rows[raw.origin_row] : row;
          c.offset = covered && raw.origin_col < origin_row.size() ? origin_row[raw.origin_col].offset
                                                                   : doc.text.size();
          row.push_back(std::move(c));
          continue;
        }
        if (!first) doc.text += '\t';
        first = false;
        // Lines of a cell trimmed one by one, empty lines dropped.
        std::string cell_text;
        for (const auto& line : text::SplitLines(raw.text)) {
          const std::string_view l = text::Trim(line.text);
          if (l.empty()) continue;
          if (!cell_text.empty()) cell_text += '\n';
          cell_text += l;
        }
        c.offset = doc.text.size();
        c.text = std::move(cell_text);
        doc.text += c.text;
        row.push_back(std::move(c));
      }
      doc.text += '\n';
      t.rows.push_back(std::move(row));
    }
    doc.blocks.push_back(std::move(t));
  }
  return doc;
}

}  // namespace gongkai::readers
