// The working-day calendar and the statutory deadlines on it: the known
// cases the issue pins (an application just before the Spring Festival, one
// straddling National Day with its make-up Saturday, a completion request,
// an extension), and the calendar's own consistency (every year's holidays
// net of its make-up days equal that year's statutory days off).
#include <gtest/gtest.h>

#include <map>

#include "register/calendar.h"
#include "register/deadline.h"

namespace gongkai::reg {
namespace {

Date D(const char* iso) {
  const auto d = Date::ParseIso(iso);
  EXPECT_TRUE(d.has_value()) << iso;
  return *d;
}

const Calendar& C() { return Calendar::Official(); }

TEST(RegisterCalendar, CoversTheYearsOfThePublishedNotices) {
  EXPECT_EQ(C().first_year(), 2019);
  EXPECT_EQ(C().last_year(), 2026);
  for (int y = 2019; y <= 2026; ++y) {
    ASSERT_TRUE(C().sources().count(y)) << y;
    const YearSource& s = C().sources().at(y);
    EXPECT_TRUE(s.notice.starts_with("国办发明电〔" + std::to_string(y - 1) + "〕")) << y << " " << s.notice;
    EXPECT_NE(s.title.find(std::to_string(y) + "年部分节假日安排"), std::string::npos) << s.title;
  }
  EXPECT_EQ(C().sources().at(2020).amended_by, std::vector<std::string>{"国办发明电〔2020〕1号"});
}

TEST(RegisterCalendar, ADateOutsideTheYearsIsAnError) {
  EXPECT_THROW(C().IsWorkingDay(D("2018-06-01")), OutsideCalendar);
  EXPECT_THROW(C().IsWorkingDay(D("2027-01-04")), OutsideCalendar);
  // A deadline running past the last year is an error too, not a guess.
  EXPECT_THROW(C().AddWorkingDays(D("2026-12-20"), 20), OutsideCalendar);
  try {
    C().AddWorkingDays(D("2026-12-20"), 20);
  } catch (const OutsideCalendar& e) {
    EXPECT_EQ(e.date().year(), 2027);
    EXPECT_NE(std::string(e.what()).find("不在工作日历"), std::string::npos);
  }
}

TEST(RegisterCalendar, WorkingDaysPerYear) {
  // Weekdays less the holidays on weekdays plus the make-up weekends.
  const std::map<int, int> expected = {{2019, 250}, {2020, 249}, {2021, 250}, {2022, 249},
                                       {2023, 249}, {2024, 251}, {2025, 248}, {2026, 248}};
  for (const auto& [year, n] : expected) {
    EXPECT_EQ(C().WorkingDaysAfter(Date::FromYmd(year, 1, 1) + -1, Date::FromYmd(year, 12, 31)), n) << year;
  }
}

TEST(RegisterCalendar, HolidaysAndMakeUpDays) {
  EXPECT_FALSE(C().IsWorkingDay(D("2024-02-12")));  // 春节, a Monday
  EXPECT_TRUE(C().IsWorkingDay(D("2024-02-04")));   // 春节 make-up Sunday
  EXPECT_TRUE(C().IsWorkingDay(D("2024-02-18")));
  EXPECT_TRUE(C().IsWorkingDay(D("2024-10-12")));   // 国庆 make-up Saturday
  EXPECT_FALSE(C().IsWorkingDay(D("2024-10-07")));
  EXPECT_FALSE(C().IsWorkingDay(D("2024-10-13")));  // an ordinary Sunday
  // 2020: the Spring Festival extended to 2 February (国办发明电〔2020〕1号):
  // 31 January a holiday and 1 February no longer a make-up day.
  EXPECT_FALSE(C().IsWorkingDay(D("2020-01-31")));
  EXPECT_FALSE(C().IsWorkingDay(D("2020-02-01")));
  EXPECT_TRUE(C().IsWorkingDay(D("2020-02-03")));
  // 2019: Labour Day made four days (国办发明电〔2019〕2号), 5 May a working Sunday.
  EXPECT_FALSE(C().IsWorkingDay(D("2019-05-02")));
  EXPECT_TRUE(C().IsWorkingDay(D("2019-05-05")));
  // 2025: 除夕 a holiday since the 2024 reform.
  EXPECT_FALSE(C().IsWorkingDay(D("2025-01-28")));
  EXPECT_TRUE(C().IsWorkingDay(D("2025-01-26")));
  EXPECT_EQ(C().HolidayName(D("2026-02-17")), "春节");
}

TEST(RegisterCalendar, BadCalendarFilesAreRefused) {
  const std::string weekday_makeup =
      R"({"year":2030,"notice":"x","title":"t","holidays":[],"working_weekends":[{"name":"春节","date":"2030-02-04"}]})";
  EXPECT_THROW(Calendar::FromJson({weekday_makeup}), std::invalid_argument);  // a Monday
  const std::string wrong_name =
      R"({"year":2024,"notice":"x","title":"t","holidays":[],"working_weekends":[{"name":"春节","date":"2024-02-04","weekday":"星期六"}]})";
  EXPECT_THROW(Calendar::FromJson({wrong_name}), std::invalid_argument);
  const std::string ok = R"({"year":2024,"notice":"x","title":"t","holidays":[],"working_weekends":[]})";
  EXPECT_THROW(Calendar::FromJson({ok, ok}), std::invalid_argument);
}

TEST(RegisterDeadline, ReceivedJustBeforeTheSpringFestival) {
  // Thursday 8 February 2024: 9 February counts, then 10–17 February are off
  // and Sunday 18 February is a working day.
  DeadlineInput in;
  in.received = D("2024-02-08");
  const Deadline d = ComputeDeadline(C(), in);
  EXPECT_EQ(d.due.Iso(), "2024-03-13");
  EXPECT_FALSE(d.completion_moved);
  // Weekends only would say 7 March: the calendar matters.
}

TEST(RegisterDeadline, StraddlingNationalDayWithItsMakeUpSaturday) {
  // Wednesday 25 September 2024: Sunday 29 September and Saturday 12 October are working days.
  DeadlineInput in;
  in.received = D("2024-09-25");
  const Deadline d = ComputeDeadline(C(), in);
  EXPECT_EQ(d.due.Iso(), "2024-10-28");
  EXPECT_EQ(WorkingDaysLate(C(), d.due, D("2024-10-28")), 0);
  EXPECT_EQ(WorkingDaysLate(C(), d.due, D("2024-10-30")), 2);
  EXPECT_EQ(WorkingDaysLate(C(), D("2024-10-25"), D("2024-10-26")), 1);  // the Saturday after: one day late
}

TEST(RegisterDeadline, CompletionRequestRestartsTheCount) {
  DeadlineInput in;
  in.received = D("2024-03-01");
  in.completion_requested = D("2024-03-05");
  in.completion_received = D("2024-03-20");
  const Deadline d = ComputeDeadline(C(), in);
  EXPECT_TRUE(d.completion_moved);
  EXPECT_EQ(d.start.Iso(), "2024-03-20");
  // 清明 4–6 April off, Sunday 7 April a working day.
  EXPECT_EQ(d.due.Iso(), "2024-04-18");
  EXPECT_EQ(d.due_without_changes.Iso(), "2024-03-29");
  ASSERT_TRUE(d.completion_notice_due);
  EXPECT_EQ(d.completion_notice_due->Iso(), "2024-03-12");
}

TEST(RegisterDeadline, ExtendedAndConsultation) {
  DeadlineInput in;
  in.received = D("2023-09-20");
  EXPECT_EQ(ComputeDeadline(C(), in).due.Iso(), "2023-10-24");  // over 中秋·国庆 with 7 and 8 October worked
  in.extended = true;
  EXPECT_EQ(ComputeDeadline(C(), in).due.Iso(), "2023-11-21");
  in.consultation_days = 3;
  EXPECT_EQ(ComputeDeadline(C(), in).due.Iso(), "2023-11-24");
}

TEST(RegisterDeadline, DatesParseStrictly) {
  EXPECT_FALSE(Date::ParseIso("2024-02-30"));
  EXPECT_FALSE(Date::ParseIso("2023-02-29"));
  EXPECT_TRUE(Date::ParseIso("2024-02-29"));
  EXPECT_EQ(D("2024-03-05").weekday(), 2);
  EXPECT_EQ(D("2024-03-05").Chinese(), "2024年3月5日");
}

}  // namespace
}  // namespace gongkai::reg
