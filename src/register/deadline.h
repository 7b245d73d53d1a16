// The statutory time limits of an application (《中华人民共和国政府信息公开条例》
// 第三十条、第三十三条), counted in working days on the calendar:
//  - the answer is due within 20 working days of receipt; when the
//    application had to be completed (补正), counting starts from the day the
//    completed application arrived;
//  - the notice asking for completion is due within 7 working days of receipt;
//  - an extension (延期, approved and notified) adds at most 20 working days;
//  - working days spent consulting third parties or other bodies
//    (征求意见) do not count.
// The day of receipt itself is not counted (a period starts the next day).
// Pure functions; throw OutsideCalendar when a day falls outside the calendar.
#ifndef GONGKAI_REGISTER_DEADLINE_H_
#define GONGKAI_REGISTER_DEADLINE_H_

#include <optional>

#include "register/calendar.h"

namespace gongkai::reg {

inline constexpr int kAnswerWorkingDays = 20;
inline constexpr int kExtensionWorkingDays = 20;
inline constexpr int kCompletionNoticeWorkingDays = 7;

struct DeadlineInput {
  Date received;
  std::optional<Date> completion_requested;  // 补正告知日期
  std::optional<Date> completion_received;   // 收到补正日期
  bool extended = false;
  int consultation_days = 0;  // 征求意见所用工作日
};

struct Deadline {
  Date start;  // the day counting starts after: receipt, or the completed application's arrival
  Date due;    // the last day the answer may be given
  Date due_without_changes;  // 20 working days after receipt, nothing else counted
  bool completion_moved = false;  // counting restarted from the completed application
  bool extended = false;
  int consultation_days = 0;
  std::optional<Date> completion_notice_due;  // when a completion was asked: receipt + 7 working days
};

Deadline ComputeDeadline(const Calendar& c, const DeadlineInput& in);

// Working days past `due` of an answer given on `answered` (> due): the
// working days in (due, answered], at least 1 (an answer on the weekend
// after the due Friday is one day late).
int WorkingDaysLate(const Calendar& c, Date due, Date answered);

}  // namespace gongkai::reg

#endif  // GONGKAI_REGISTER_DEADLINE_H_
