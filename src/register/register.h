// The application register (依申请公开台账, spec/REGISTER.md): one row per
// application, read from a Sheet by its Chinese headers (order free,
// accepted variants), counted into Table 三 for a year, and every answer
// checked against its statutory deadline on the working-day calendar.
//
// Nothing is guessed: a row that cannot be counted (a date missing or not a
// date, an unknown applicant type or outcome, an outcome without an answer
// date, an answer before the receipt) is left out of every cell and is a
// `register.row_invalid` finding with its row number (`register_row`: the
// first data row under the header is 1) and why. So the count obeys
// 一 + 二 = （七）总计 + 四 in every column by construction.
// Pure functions; thread-safe.
#ifndef GONGKAI_REGISTER_REGISTER_H_
#define GONGKAI_REGISTER_REGISTER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "register/calendar.h"
#include "register/sheet.h"
#include "report/report.h"

namespace gongkai::reg {

// The columns of a register, by the header that names them.
enum class Column {
  kReceived, kApplicantType, kOutcome, kAnswered, kCompletionRequested, kCompletionReceived,
  kExtended, kConsultationDays, kFee, kApplicant, kContent, kChannel, kNumber,
};
// The header's official name ("收到日期"); `required`: the register must have it.
struct ColumnSpec {
  Column column;
  std::string_view name;
  std::vector<std::string_view> variants;  // accepted spellings, name first
  bool required;
};
const std::vector<ColumnSpec>& Columns();

// One application as the register states it.
struct Entry {
  int row = 0;             // register_row: 1 = first row under the header
  std::size_t sheet_row = 0;  // 0-based row of the file
  std::optional<Date> received;
  int applicant = -1;      // index into format::Table3Columns() (0..5), -1 unknown
  std::string outcome_text;  // 办理结果 as written; resolved by CountTable3 (the layout depends on the year)
  std::optional<Date> answered;
  std::optional<Date> completion_requested, completion_received;
  bool extended = false;
  int consultation_days = 0;
  std::string number, applicant_name;  // kept for messages
  std::vector<std::string> errors;     // why the row cannot be counted (empty: countable)
  std::vector<std::string> warnings;   // fields that do not change the count
};

struct Register {
  std::string path;
  std::string format;  // "csv" | "xlsx"
  std::size_t header_row = 0;  // 0-based row of the file holding the headers
  std::vector<Entry> entries;  // data rows, blank rows left out
  std::vector<int> blank_rows; // register_row numbers of blank rows
  std::vector<Finding> findings;  // about the file (merged cells), not a row
};

// Reads the sheet's register. Throws SheetError (Chinese and English) when
// no header row names the required columns: which are missing, and what the
// first rows held.
Register ParseRegister(const Sheet& sheet, const std::string& path);

// A date as registers write it: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日,
// 20240305, with a time of day or not, full-width digits, and Excel serial
// numbers (a numeric XLSX cell, or 5 digits in CSV; `date1904` for the
// 1904 date system). nullopt with `why` set when it is not a date.
std::optional<Date> ParseDate(const SheetCell& cell, bool date1904, std::string& why);
// The applicant type's column (0..5) or -1.
int ParseApplicantType(std::string_view text);
// The outcome row of Table 三 for text in the register (official label or a
// clear short form), for the layout `other_split` (v2021: three （六） rows);
// -1 if unknown or ambiguous; -2 for "pending" words (办理中) and empty.
int ParseOutcome(std::string_view text, bool other_split);

struct CountOptions {
  int year = 0;
  // Table 三 layout: three （六）其他处理 rows (2021 form, the default from
  // 2021) or one (2019 trial form).
  std::optional<bool> other_split;
};

// Table 三 of `options.year` counted from the register, as a Report
// (meta.year, format version by the layout, source = the register), with
// findings: register.row_invalid for every row left out, register.overdue
// for every answer within the year past its deadline (and every application
// still pending at the year's end whose deadline passed in the year),
// register.completion_late, register.calendar_missing, register.merged_cell,
// register.blank_rows, register.value_unclear.
Report CountTable3(const Register& reg, const CountOptions& options, const Calendar& calendar);

// register.against: every cell of Table 三 where `report` differs from
// `count` (both in the count's layout; a report in the other （六） layout is
// compared on the sums it printed).
std::vector<Finding> CompareTable3(const Report& count, const Report& report);

}  // namespace gongkai::reg

#endif  // GONGKAI_REGISTER_REGISTER_H_
