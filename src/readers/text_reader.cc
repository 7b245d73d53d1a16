// Plain text: reports copied out of web pages, Word or PDF viewers. Three
// table layouts survive such copying and are recognised here:
//   - one cell per line, each starting with a tab, rows separated by blank
//     lines (Word/WPS "copy table" and many CMS exports);
//   - rows of cells separated by '|' (Markdown-ish exports);
//   - rows of values separated by spaces (pdftotext), which stay paragraphs:
//     the extractor splits them into words.
#include <string>
#include <vector>

#include "readers/budget.h"
#include "readers/encoding.h"
#include "readers/reader.h"
#include "util/text.h"

namespace gongkai::readers {

namespace {

bool IsBlank(std::string_view line) { return text::Trim(line).empty(); }
bool IsTabCell(std::string_view line) { return !line.empty() && line[0] == '\t'; }

bool IsPipeRow(std::string_view line) {
  if (line.find('|') == std::string_view::npos) return false;
  if (line.find("://") != std::string_view::npos) return false;
  return true;
}

// "|---|:--|" separator rows of Markdown tables.
bool IsRuleRow(std::string_view line) {
  for (char c : line) {
    if (c != '|' && c != '-' && c != ':' && c != ' ' && c != '\t' && c != '+' && c != '=') return false;
  }
  return true;
}

Cell MakeCell(std::string_view whole, std::string_view raw, std::size_t offset) {
  const std::string_view t = text::Trim(raw);
  Cell c;
  c.text = std::string(t);
  c.offset = t.empty() ? offset : offset + static_cast<std::size_t>(t.data() - raw.data());
  (void)whole;
  return c;
}

std::vector<Cell> SplitPipes(std::string_view line, std::size_t offset) {
  std::vector<Cell> cells;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == '|') {
      cells.push_back(MakeCell(line, line.substr(start, i - start), offset + start));
      start = i + 1;
    }
  }
  // A leading '|' opens the row and a trailing one closes it: no cells there.
  const std::string_view trimmed = text::Trim(line);
  if (!trimmed.empty() && trimmed.front() == '|' && !cells.empty() && cells.front().text.empty()) {
    cells.erase(cells.begin());
  }
  if (!trimmed.empty() && trimmed.back() == '|' && !cells.empty() && cells.back().text.empty()) {
    cells.pop_back();
  }
  return cells;
}

// A line that continues the previous cell after a blank line ("结果\n\n纠正")
// is short and is followed by more cells; a heading or a paragraph is not.
bool IsContinuation(const std::vector<text::Piece>& lines, std::size_t i) {
  const std::string_view t = text::Trim(lines[i].text);
  if (text::Length(t) > 12 || t.find("。") != std::string_view::npos) return false;
  for (std::size_t j = i + 1; j < lines.size(); ++j) {
    if (IsBlank(lines[j].text)) continue;
    return IsTabCell(lines[j].text);
  }
  return false;
}

}  // namespace

Document ReadText(std::string_view bytes) {
  if (bytes.size() > budget::kMaxTextBytes) {
    throw budget::OverBudget("文本文件大小", "text file size", budget::Bytes(bytes.size()),
                             budget::Bytes(budget::kMaxTextBytes));
  }
  Document doc;
  encoding::Repairs repairs;
  doc.text = encoding::DecodeText(bytes, repairs);
  doc.doubts = std::move(repairs.doubts);
  doc.warnings = std::move(repairs.warnings);
  const std::string_view all = doc.text;
  const std::vector<text::Piece> lines = text::SplitLines(all);

  std::size_t i = 0;
  while (i < lines.size()) {
    const std::string_view line = lines[i].text;
    if (IsBlank(line)) {
      ++i;
      continue;
    }
    if (IsTabCell(line)) {
      Block table;
      table.kind = Block::Kind::kTable;
      table.offset = lines[i].offset;
      std::vector<Cell> row;
      bool pending_break = false;
      for (; i < lines.size(); ++i) {
        const std::string_view l = lines[i].text;
        if (IsBlank(l) && !IsTabCell(l)) {
          pending_break = true;
          continue;
        }
        if (IsTabCell(l)) {
          if (pending_break && !row.empty()) {
            table.rows.push_back(std::move(row));
            row.clear();
          }
          pending_break = false;
          row.push_back(MakeCell(all, l.substr(1), lines[i].offset + 1));
          continue;
        }
        // A line without a tab: part of the previous cell, or the end of the table.
        if (row.empty() || (pending_break && !IsContinuation(lines, i))) break;
        const std::string_view t = text::Trim(l);
        Cell& last = row.back();
        if (last.text.empty()) last.offset = lines[i].offset + static_cast<std::size_t>(t.data() - l.data());
        if (!last.text.empty()) last.text += '\n';
        last.text += t;
        pending_break = false;
      }
      if (!row.empty()) table.rows.push_back(std::move(row));
      doc.blocks.push_back(std::move(table));
      continue;
    }
    if (IsPipeRow(line)) {
      Block table;
      table.kind = Block::Kind::kTable;
      table.offset = lines[i].offset;
      for (; i < lines.size(); ++i) {
        const std::string_view l = lines[i].text;
        if (IsBlank(l)) {
          std::size_t j = i + 1;
          while (j < lines.size() && IsBlank(lines[j].text)) ++j;
          if (j < lines.size() && IsPipeRow(lines[j].text)) continue;
          break;
        }
        if (!IsPipeRow(l)) break;
        if (IsRuleRow(l)) continue;
        table.rows.push_back(SplitPipes(l, lines[i].offset));
      }
      doc.blocks.push_back(std::move(table));
      continue;
    }
    Block p;
    const std::string_view t = text::Trim(line);
    p.text = std::string(t);
    p.offset = lines[i].offset + static_cast<std::size_t>(t.data() - line.data());
    doc.blocks.push_back(std::move(p));
    ++i;
  }
  return doc;
}

}  // namespace gongkai::readers
