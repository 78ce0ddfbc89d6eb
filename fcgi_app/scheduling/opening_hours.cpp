#include "scheduling/opening_hours.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace medassist::scheduling {

namespace {

constexpr int kLookAheadDays = 14;
const char* const kDayKeys[] = {"hours.monday", "hours.tuesday",  "hours.wednesday", "hours.thursday",
                                "hours.friday", "hours.saturday", "hours.sunday"};

bool digit(char c) { return c >= '0' && c <= '9'; }

// Every time of the day written in the text, in order: "8", "08", "8:30", "08.30".
std::vector<int> timesIn(const std::string& s) {
    std::vector<int> out;
    std::size_t i = 0;
    while (i < s.size()) {
        if (!digit(s[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < s.size() && digit(s[j])) ++j;
        const std::size_t hourDigits = j - i;
        int minute = 0;
        std::size_t end = j;
        if (j + 2 < s.size() && (s[j] == ':' || s[j] == '.') && digit(s[j + 1]) && digit(s[j + 2]) &&
            (j + 3 == s.size() || !digit(s[j + 3]))) {
            minute = (s[j + 1] - '0') * 10 + (s[j + 2] - '0');
            end = j + 3;
        }
        if (hourDigits <= 2) {
            const int hour = std::stoi(s.substr(i, hourDigits));
            if (hour <= 24 && minute < 60 && !(hour == 24 && minute > 0)) out.push_back(hour * 60 + minute);
        }
        i = end;
    }
    return out;
}

}  // namespace

bool WeeklyOpening::known() const {
    return std::any_of(days.begin(), days.end(), [](const auto& d) { return !d.empty(); });
}

std::vector<OpeningBlock> parseOpeningText(const std::string& text) {
    const auto times = timesIn(text);
    std::vector<OpeningBlock> out;
    for (std::size_t i = 0; i + 1 < times.size(); i += 2)
        if (times[i] < times[i + 1]) out.push_back({times[i], times[i + 1]});
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.startMinute < b.startMinute; });
    // Blocks that touch or overlap are one opening: "until" is when the phone stops.
    std::vector<OpeningBlock> merged;
    for (const auto& b : out) {
        if (!merged.empty() && b.startMinute <= merged.back().endMinute)
            merged.back().endMinute = std::max(merged.back().endMinute, b.endMinute);
        else
            merged.push_back(b);
    }
    return merged;
}

WeeklyOpening weeklyOpening(const std::map<std::string, std::string>& settings) {
    WeeklyOpening w;
    for (std::size_t d = 0; d < 7; ++d)
        if (auto it = settings.find(kDayKeys[d]); it != settings.end()) w.days[d] = parseOpeningText(it->second);
    return w;
}

OpenNow openingNow(const PracticeTime& clock, const WeeklyOpening& hours, const CalendarSettings& calendar,
                   std::int64_t now) {
    OpenNow out;
    if (!hours.known()) return out;
    out.known = true;
    const LocalDate today = clock.dateOf(now);
    for (int k = 0; k <= kLookAheadDays; ++k) {
        const LocalDate day = addDays(today, k);
        if (closedOn(day, calendar)) continue;
        for (const auto& b : hours.days[static_cast<std::size_t>(isoWeekday(day) - 1)]) {
            const auto from = clock.toInstant(day, b.startMinute), to = clock.toInstant(day, b.endMinute);
            if (!from || !to) continue;
            if (*from <= now && now < *to) {
                out.open = true;
                out.until = *to;
                return out;
            }
            if (now < *from) {
                out.next = *from;
                return out;
            }
        }
    }
    return out;
}

}  // namespace medassist::scheduling
