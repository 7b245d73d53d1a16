#include "readers/assemble.h"

#include <opencc.h>

#include <string_view>

#include "util/text.h"

namespace gongkai::readers {

namespace {

// Characters that exist only in Traditional script and are among the commonest
// in a report's text (開 關 請 數 國 機 處 報 …). Written by hand: OpenCC
// offers no "is this Traditional?" query, and loading its dictionaries for
// every Simplified page only to find nothing to convert costs more than the
// whole read.
constexpr std::u32string_view kTraditionalOnly =
    U"開關請數國機處報這會與業辦為們個時對從來經動發說過點現實當應區務條計縣議資訊門網級規範"
    U"權審結轉總項決書導習價問題準際統幹產檢種類組織體製標確認選擇證訴複據構險衛環護財稅廣電視"
    U"農鄉鎮傳齊頭優絡貫徹興華歲聯繫專屬執還";

bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2FFFF);
}

void Convert(const opencc::SimpleConverter& conv, std::string& s) {
  if (!s.empty()) s = conv.Convert(s);
}

}  // namespace

bool LooksTraditional(std::string_view text) {
  std::size_t han = 0;
  std::size_t traditional = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const char32_t c = text::NextCodePoint(text, i);
    if (!IsHan(c)) continue;
    ++han;
    if (kTraditionalOnly.find(c) != std::u32string_view::npos) ++traditional;
  }
  // Simplified text has none of these (a stray quoted name at most); in
  // Traditional text they are well over a tenth of the characters.
  return traditional >= 5 && traditional * 33 >= han;
}

Document Assemble(std::vector<RawBlock> blocks, std::vector<std::string> warnings) {
  std::string all;
  for (const RawBlock& b : blocks) {
    all += b.text;
    for (const auto& row : b.rows) {
      for (const auto& c : row) all += c.text;
    }
  }
  if (LooksTraditional(all)) {
    try {
      const opencc::SimpleConverter conv("t2s.json");
      for (RawBlock& b : blocks) {
        Convert(conv, b.text);
        for (auto& row : b.rows) {
          for (auto& c : row) Convert(conv, c.text);
        }
      }
      warnings.emplace_back(
          "原文为繁体字，已用 OpenCC（t2s）转换为简体后识别，引用的原文为转换后的简体文本 / "
          "text in Traditional script converted to Simplified (OpenCC t2s); evidence quotes the converted text");
    } catch (const std::exception& e) {
      warnings.emplace_back(std::string("原文为繁体字，但无法加载 OpenCC 转换 / Traditional script, OpenCC t2s unavailable: ") +
                            e.what());
    }
  }

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
