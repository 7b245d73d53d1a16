// The working-day calendar of the People's Republic of China, as data: one
// file per year (data/calendar/YYYY.json, embedded at build time), each from
// the 国务院办公厅's yearly notice 关于 YYYY 年部分节假日安排的通知 (and the
// notices that amended it), naming the notice. A day is a working day when it
// is Monday to Friday and not a holiday of a notice, or a weekend day a
// notice made a working day (调休上班).
//
// A date in a year without a file is an error (OutsideCalendar), never a
// guess: deadlines are not counted on a calendar nobody published.
// Immutable after construction; thread-safe to share.
#ifndef GONGKAI_REGISTER_CALENDAR_H_
#define GONGKAI_REGISTER_CALENDAR_H_

#include <compare>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai::reg {

// A civil date (proleptic Gregorian). `days` counts from 1970-01-01.
class Date {
 public:
  Date() = default;
  static Date FromYmd(int y, int m, int d);  // throws std::invalid_argument for 2024-02-30
  static Date FromDays(long days) { return Date(days); }
  // "2024-03-05"; nullopt when not an ISO date or not a real day.
  static std::optional<Date> ParseIso(std::string_view s);

  long days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  int weekday() const;  // 1 = Monday … 7 = Sunday
  std::string Iso() const;      // "2024-03-05"
  std::string Chinese() const;  // "2024年3月5日"
  Date operator+(long n) const { return Date(days_ + n); }
  auto operator<=>(const Date&) const = default;

 private:
  explicit Date(long days) : days_(days) {}
  long days_ = 0;
};

// A date the calendar does not cover.
class OutsideCalendar : public std::runtime_error {
 public:
  explicit OutsideCalendar(Date d);
  Date date() const { return date_; }

 private:
  Date date_;
};

struct YearSource {
  int year = 0;
  std::string notice;  // "国办发明电〔2023〕7号"
  std::string title;   // "国务院办公厅关于2024年部分节假日安排的通知"
  std::vector<std::string> amended_by;  // notices that changed it, e.g. 国办发明电〔2020〕1号
};

class Calendar {
 public:
  // The calendar of the files embedded at build time (2019 onward).
  static const Calendar& Official();
  // From the JSON texts of year files (the format of data/calendar/*.json);
  // throws std::invalid_argument naming the year and the fault (a working
  // weekend that is not a weekend, a weekday name that does not match, a
  // year given twice).
  static Calendar FromJson(const std::vector<std::string>& files);

  bool Covers(Date d) const { return sources_.count(d.year()) > 0; }
  int first_year() const;
  int last_year() const;
  // Throws OutsideCalendar.
  bool IsWorkingDay(Date d) const;
  // The `n`-th working day after `from` (the day itself not counted: 条例 counts
  // 自收到申请之日起, and a period's first day is not in it), n >= 0
  // (0 gives `from`). Throws OutsideCalendar.
  Date AddWorkingDays(Date from, int n) const;
  // Working days in (from, to]; 0 when to <= from. Throws OutsideCalendar.
  int WorkingDaysAfter(Date from, Date to) const;
  // The holiday a day belongs to ("春节"), or "".
  std::string HolidayName(Date d) const;
  const std::map<int, YearSource>& sources() const { return sources_; }

 private:
  std::map<int, YearSource> sources_;
  std::map<long, std::string> holidays_;  // day → name
  std::map<long, std::string> working_weekends_;
};

}  // namespace gongkai::reg

#endif  // GONGKAI_REGISTER_CALENDAR_H_
