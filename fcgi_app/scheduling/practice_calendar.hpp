#pragma once
// The days the practice is closed as a whole (issue 17): Italy's national public holidays,
// Easter Monday computed for each year, and the patron saint's day of the practice's city
// (Rome: 29 June, Saints Peter and Paul), each a practice setting an admin can turn off.
// Pure: the service passes the settings and the dates; no slot is offered or booked on a
// closed day, and the pages and the assistant name the holiday.
#include <optional>
#include <string>
#include <vector>

#include "i18n/catalogs.hpp"
#include "scheduling/practice_time.hpp"

namespace medassist::scheduling {

struct Closure {
    LocalDate date;
    // An English msgid ("Immaculate Conception") the reader's page, the API or the assistant
    // translates (the catalogs' tr); a patron saint's name an admin typed stays as typed.
    std::string name;
};

struct CalendarSettings {
    bool nationalHolidays = true;      // practice setting "closed_on_holidays" (1/0)
    std::optional<LocalDate> patron;   // "patron_day" MM-DD (year ignored); none: "" or "none"
    std::string patronName = i18n::N_("Saints Peter and Paul");  // setting "patron_name" replaces it
};

// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm: Meeus/Jones/Butcher).
LocalDate easterSunday(int year);

// Every closure in the year, sorted by date.
std::vector<Closure> closuresOf(int year, const CalendarSettings& settings);

// The closure on that date, if any.
std::optional<Closure> closedOn(const LocalDate& date, const CalendarSettings& settings);

// "patron_day" setting: "06-29" -> 29 June; "", "none" or anything invalid -> none.
std::optional<LocalDate> parsePatronDay(const std::string& text);

}  // namespace medassist::scheduling
