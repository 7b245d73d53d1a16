#include "register/deadline.h"

#include <algorithm>

namespace gongkai::reg {

Deadline ComputeDeadline(const Calendar& c, const DeadlineInput& in) {
  Deadline d;
  d.start = in.received;
  if (in.completion_received && *in.completion_received > in.received) {
    d.start = *in.completion_received;
    d.completion_moved = true;
  }
  d.extended = in.extended;
  d.consultation_days = std::max(0, in.consultation_days);
  const int days = kAnswerWorkingDays + (in.extended ? kExtensionWorkingDays : 0) + d.consultation_days;
  d.due = c.AddWorkingDays(d.start, days);
  d.due_without_changes = c.AddWorkingDays(in.received, kAnswerWorkingDays);
  if (in.completion_requested || in.completion_received) {
    d.completion_notice_due = c.AddWorkingDays(in.received, kCompletionNoticeWorkingDays);
  }
  return d;
}

int WorkingDaysLate(const Calendar& c, Date due, Date answered) {
  if (answered <= due) return 0;
  return std::max(1, c.WorkingDaysAfter(due, answered));
}

}  // namespace gongkai::reg
