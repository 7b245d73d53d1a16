#include "register/calendar.h"

#include <nlohmann/json.hpp>

#include "register/calendar_data.h"

namespace gongkai::reg {

namespace {

// Howard Hinnant's days_from_civil / civil_from_days.
long DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Ymd {
  int y, m, d;
};
Ymd CivilFromDays(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long y = yoe + era * 400;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(y + (m <= 2)), m, d};
}

bool Leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int MonthDays(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && Leap(y) ? 29 : kDays[m - 1];
}

constexpr std::string_view kWeekdays[] = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};

}  // namespace

Date Date::FromYmd(int y, int m, int d) {
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > MonthDays(y, m)) {
    throw std::invalid_argument("不存在的日期 / no such date: " + std::to_string(y) + "-" + std::to_string(m) + "-" +
                                std::to_string(d));
  }
  return Date(DaysFromCivil(y, m, d));
}

std::optional<Date> Date::ParseIso(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int v[3] = {0, 0, 0};
  const std::size_t starts[] = {0, 5, 8}, lens[] = {4, 2, 2};
  for (int k = 0; k < 3; ++k) {
    for (std::size_t i = starts[k]; i < starts[k] + lens[k]; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      v[k] = v[k] * 10 + (s[i] - '0');
    }
  }
  try {
    return FromYmd(v[0], v[1], v[2]);
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
}

int Date::year() const { return CivilFromDays(days_).y; }
int Date::month() const { return CivilFromDays(days_).m; }
int Date::day() const { return CivilFromDays(days_).d; }
int Date::weekday() const {
  // 1970-01-01 was a Thursday (4).
  const long w = ((days_ % 7) + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(w) + 1;
}

std::string Date::Iso() const {
  const Ymd c = CivilFromDays(days_);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.y, c.m, c.d);
  return buf;
}

std::string Date::Chinese() const {
  const Ymd c = CivilFromDays(days_);
  return std::to_string(c.y) + "年" + std::to_string(c.m) + "月" + std::to_string(c.d) + "日";
}

OutsideCalendar::OutsideCalendar(Date d)
    : std::runtime_error(d.Chinese() + "不在工作日历的年份内（工作日历只收录国务院办公厅已公布节假日安排的年份）/ " + d.Iso() +
                         " is outside the working-day calendar"),
      date_(d) {}

Calendar Calendar::FromJson(const std::vector<std::string>& files) {
  Calendar c;
  for (const std::string& text : files) {
    const nlohmann::json j = nlohmann::json::parse(text);
    YearSource src;
    src.year = j.at("year").get<int>();
    src.notice = j.at("notice").get<std::string>();
    src.title = j.at("title").get<std::string>();
    const std::string where = "工作日历 " + std::to_string(src.year) + " 年 / calendar " + std::to_string(src.year) + ": ";
    if (j.contains("amended_by")) {
      for (const auto& a : j["amended_by"]) src.amended_by.push_back(a.at("notice").get<std::string>());
    }
    if (c.sources_.count(src.year)) throw std::invalid_argument(where + "年份重复 / year given twice");
    auto date = [&](const nlohmann::json& v) {
      const auto d = Date::ParseIso(v.get<std::string>());
      if (!d) throw std::invalid_argument(where + "日期有误 / bad date " + v.dump());
      return *d;
    };
    for (const auto& h : j.at("holidays")) {
      const Date from = date(h.at("from")), to = date(h.at("to"));
      if (to < from || to.days() - from.days() > 10) throw std::invalid_argument(where + "假期起止有误 / bad holiday range");
      for (Date d = from; d <= to; d = d + 1) c.holidays_[d.days()] = h.at("name").get<std::string>();
    }
    for (const auto& w : j.at("working_weekends")) {
      const Date d = date(w.at("date"));
      if (d.weekday() < 6) throw std::invalid_argument(where + d.Iso() + " 不是周末，不能调休上班 / not a weekend");
      if (w.contains("weekday") && w["weekday"].get<std::string>() != kWeekdays[d.weekday() - 1]) {
        throw std::invalid_argument(where + d.Iso() + " 的星期写错 / weekday does not match");
      }
      c.working_weekends_[d.days()] = w.at("name").get<std::string>();
    }
    c.sources_[src.year] = std::move(src);
  }
  for (const auto& [day, name] : c.working_weekends_) {
    if (c.holidays_.count(day)) {
      throw std::invalid_argument("工作日历 / calendar: " + Date::FromDays(day).Iso() + " 既是假日又是调休上班日 / both holiday and working day");
    }
  }
  return c;
}

const Calendar& Calendar::Official() {
  // Built once, immutable: a function-local constant, not mutable state.
  static const Calendar kOfficial = FromJson(EmbeddedCalendarFiles());
  return kOfficial;
}

int Calendar::first_year() const { return sources_.empty() ? 0 : sources_.begin()->first; }
int Calendar::last_year() const { return sources_.empty() ? 0 : sources_.rbegin()->first; }

bool Calendar::IsWorkingDay(Date d) const {
  if (!Covers(d)) throw OutsideCalendar(d);
  if (working_weekends_.count(d.days())) return true;
  if (holidays_.count(d.days())) return false;
  return d.weekday() <= 5;
}

Date Calendar::AddWorkingDays(Date from, int n) const {
  if (!Covers(from)) throw OutsideCalendar(from);
  Date d = from;
  for (int k = 0; k < n;) {
    d = d + 1;
    if (IsWorkingDay(d)) ++k;
  }
  return d;
}

int Calendar::WorkingDaysAfter(Date from, Date to) const {
  int n = 0;
  for (Date d = from + 1; d <= to; d = d + 1) n += IsWorkingDay(d) ? 1 : 0;
  return n;
}

std::string Calendar::HolidayName(Date d) const {
  auto it = holidays_.find(d.days());
  return it == holidays_.end() ? "" : it->second;
}

}  // namespace gongkai::reg
