#pragma once
// Wall-clock time in the practice's time zone. Appointments are stored as UTC instants;
// weekly hours, dates typed by people and everything shown are local. Conversions go
// through the IANA database (Howard Hinnant's date/tz over /usr/share/zoneinfo), so a day
// with a daylight-saving change has its real length and offsets.
#include <cstdint>
#include <optional>
#include <string>

namespace medassist::scheduling {

struct LocalDate {
    int year = 1970, month = 1, day = 1;
    auto operator<=>(const LocalDate&) const = default;
};

// "YYYY-MM-DD" → a real calendar date, or nullopt (2026-02-30, "tomorrow", ...).
std::optional<LocalDate> parseDate(const std::string& text);
std::string formatDate(const LocalDate& d);  // "YYYY-MM-DD"
LocalDate addDays(const LocalDate& d, int days);
int isoWeekday(const LocalDate& d);  // 1 = Monday ... 7 = Sunday
int daysBetween(const LocalDate& from, const LocalDate& to);  // to - from

// An ISO 8601 instant with an explicit offset or Z ("2026-11-24T09:30:00+01:00",
// "2026-11-24T08:30Z"); seconds optional. Local times without an offset are refused:
// they are ambiguous once a year.
std::optional<std::int64_t> parseInstant(const std::string& text);

class PracticeTime {
public:
    // Throws std::invalid_argument for a zone the system does not know.
    explicit PracticeTime(const std::string& zoneName);

    const std::string& zoneName() const { return zone_; }

    LocalDate dateOf(std::int64_t epoch) const;
    int minuteOfDay(std::int64_t epoch) const;  // local, 0..1439
    // The instant of a local wall-clock time; nullopt when that time does not exist (the
    // hour skipped when clocks go forward). A time that happens twice (clocks go back)
    // gives the earlier instant.
    std::optional<std::int64_t> toInstant(const LocalDate& d, int minuteOfDay) const;

    std::string iso(std::int64_t epoch) const;           // "2026-11-24T09:30:00+01:00"
    std::string time(std::int64_t epoch) const;          // "09:30"
    std::string longDate(std::int64_t epoch) const;      // "Tuesday 24 November 2026"
    std::string offsetName(std::int64_t epoch) const;    // "CET", "CEST"

private:
    std::string zone_;
    const void* tz_ = nullptr;  // const date::time_zone*, kept out of this header
};

}  // namespace medassist::scheduling
