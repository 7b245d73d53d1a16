// The calendar's year files (data/calendar/*.json) as compiled into the
// program by cmake/embed_files.cmake, so that the binary needs no data
// directory at run time.
#ifndef GONGKAI_REGISTER_CALENDAR_DATA_H_
#define GONGKAI_REGISTER_CALENDAR_DATA_H_

#include <string>
#include <vector>

namespace gongkai::reg {

// The JSON text of every year file, in year order. Defined in the generated
// calendar_data.cc.
std::vector<std::string> EmbeddedCalendarFiles();

}  // namespace gongkai::reg

#endif  // GONGKAI_REGISTER_CALENDAR_DATA_H_
