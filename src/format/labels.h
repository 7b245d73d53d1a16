// The official structure of the annual report (国办公开办函〔2021〕30号 and the
// 2019 trial format 国办公开办函〔2019〕60号), written once as data.
//
// Everything that needs to know a label, a key or the shape of a table reads
// it from here: the extractor matches these labels, the auditor names cells
// with them, the writers print the keys. Nothing else in the code base spells
// an official label.
//
// Keys are the stable English keys of the JSON contract (spec/OUTPUT.md).
#ifndef GONGKAI_FORMAT_LABELS_H_
#define GONGKAI_FORMAT_LABELS_H_

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

namespace gongkai::format {

enum class Version { kUnknown, kV2019, kV2021, kLegacy };

std::string_view VersionKey(Version v);  // "v2021", "v2019", "legacy", "unknown"

// ---------------------------------------------------------------- sections
struct SectionSpec {
  int number;                    // 1..6, the fixed order
  std::string_view heading;      // the official heading, e.g. "一、总体情况"
  // A heading line matches when it contains every word of one of these
  // alternatives (paraphrased headings are common: 因政府信息公开工作被申请行政复议…).
  std::array<std::array<std::string_view, 2>, 4> keywords;
};
std::span<const SectionSpec> Sections();

// ---------------------------------------------------------------- Table 二
struct Table2Column {
  std::string_view key;    // "issued"
  std::string_view label;  // "本年制发件数"
};

// One row of Table 二. A row with `scalar` set is written as a bare number in
// JSON (v2021 licensing etc.); others are objects keyed by column.
struct Table2Row {
  std::string_view key;    // "normative_documents"
  std::string_view label;  // "行政规范性文件"
  std::array<std::string_view, 3> aliases;  // other spellings seen in reports
  std::string_view block;  // "第二十条第（一）项"
  std::span<const Table2Column> columns;
  bool scalar;
  bool money;  // may be a decimal (fees in 万元, procurement amount)
};
std::span<const Table2Row> Table2Rows(Version v);  // kV2019 or kV2021 (default)

// Rows of Tables 二 and 三 the form lets an agency leave out, with the reason
// in the form's words: an agency without the power to make rules (规章) may
// leave that row out. A row of this list that is absent is reported as left
// out, not as unreadable.
struct OmittableRow {
  int table;               // 2 or 3
  std::string_view key;    // "regulations"
  std::string_view reason; // "没有规章制定权的机关可不列"
};
std::span<const OmittableRow> OmittableRows();

// Column headers that identify the version of Table 二.
std::span<const std::string_view> Table2Markers(Version v);

// ---------------------------------------------------------------- Table 三
inline constexpr std::size_t kTable3Columns = 7;
struct Table3Column {
  std::string_view key;    // "natural_person"
  std::string_view label;  // "自然人"
};
std::span<const Table3Column> Table3Columns();

struct Table3Row {
  std::string_view key;    // "denied.state_secret"
  std::string_view label;  // "1.属于国家秘密" (as printed, with its number)
  std::string_view group;  // "（三）不予公开" or empty
  std::array<std::string_view, 3> aliases;  // other spellings
  bool outcome;            // counts into （七）总计
  bool in_v2021_split;     // present when （六） is split in three rows
  bool in_single_other;    // present when （六） is one row (v2019 layout)
  // Short labels ("3.其他", "（七）总计") must be printed with their number
  // to be recognised: bare "其他"/"总计" are also column headers.
  bool needs_number;
};
std::span<const Table3Row> Table3Rows();
// Index of a row key in Table3Rows(), or -1.
int Table3RowIndex(std::string_view key);

// Group labels that carry no numbers (三、本年度办理结果, （三）不予公开, …) and
// the header texts of Tables 二/三/四. The extractor may skip them when
// they are glued in front of a row label.
std::span<const std::string_view> StructuralLabels();

// Characters reports use interchangeably in the labels (其它 for 其他). The
// label matcher folds `variant` to `canonical` before comparing, so one entry
// here covers every label containing it.
struct SpellingVariant {
  std::string_view variant;
  std::string_view canonical;
};
std::span<const SpellingVariant> SpellingVariants();

// ---------------------------------------------------------------- Table 四
struct Table4Group {
  std::string_view key;    // "review"
  std::string_view label;  // "行政复议"
};
std::span<const Table4Group> Table4Groups();
struct Table4Column {
  std::string_view key;    // "upheld"
  std::string_view label;  // "结果维持"
};
std::span<const Table4Column> Table4Columns();
inline constexpr std::size_t kTable4Groups = 3;
inline constexpr std::size_t kTable4Columns = 5;

}  // namespace gongkai::format

#endif  // GONGKAI_FORMAT_LABELS_H_
