#pragma once
// Whether the practice is open now, and when it opens next (issue 22): where online
// changes are closed, a patient is told to call, and "call" is only useful with the hours
// the phone is answered. The weekly hours are the practice settings an admin edits
// ("hours.monday" = "08:00–19:00", "08:00–13:00, 15:00–19:00", "Closed"); the days the
// whole practice is closed (holidays) count as closed. Pure: the caller passes the clock.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "scheduling/practice_calendar.hpp"
#include "scheduling/practice_time.hpp"

namespace medassist::scheduling {

struct OpeningBlock {
    int startMinute = 0, endMinute = 0;  // local minutes of the day, [start, end)
};

struct WeeklyOpening {
    std::array<std::vector<OpeningBlock>, 7> days;  // Monday first
    // Whether any day has hours at all (free text without times tells nothing to compute).
    bool known() const;
};

// The times of one day's text, in pairs: "08:00–19:00", "8.30-12.30 / 15-19" (any dash,
// "to"/"alle" between them). A text without a time (such as "Closed") is a closed day.
std::vector<OpeningBlock> parseOpeningText(const std::string& text);

// From the practice settings "hours.monday" ... "hours.sunday".
WeeklyOpening weeklyOpening(const std::map<std::string, std::string>& settings);

struct OpenNow {
    bool known = false;       // false: the hours say nothing usable; tell only the phone
    bool open = false;
    std::int64_t until = 0;   // open: when this opening ends
    std::int64_t next = 0;    // closed: the next opening's start (0: none in the next two weeks)
};

OpenNow openingNow(const PracticeTime& clock, const WeeklyOpening& hours, const CalendarSettings& calendar,
                   std::int64_t now);

}  // namespace medassist::scheduling
