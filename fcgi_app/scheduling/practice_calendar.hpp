#pragma once
// The days the practice is closed as a whole (issue 17): Italy's national public holidays,
// Easter Monday computed for each year, and the patron saint's day of the practice's city
// (Rome: 29 June, Saints Peter and Paul), each a practice setting an admin can turn off.
// Pure: the service passes the settings and the dates; no slot is offered or booked on a
// closed day, and the pages and the assistant name the holiday.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "i18n/catalogs.hpp"
#include "scheduling/practice_time.hpp"

namespace medassist::scheduling {

struct Closure {
    LocalDate date;
    // An English msgid ("Immaculate Conception") the reader's page, the API or the assistant
    // translates (the catalogs' tr); a patron saint's name an admin typed: as typed.
    std::string name;
    // The admin's versions of the name by language ("it" -> "Santi Pietro e Paolo"): the
    // reader's one wins over name. Empty for the national holidays (the catalogs have them).
    std::map<std::string, std::string> names;

    // The name as an argument of a text, shown in its reader's language (Catalogs::show).
    i18n::Arg label() const { return names.empty() ? i18n::Arg::msgid(name) : i18n::Arg::translated(name, names); }
};

struct CalendarSettings {
    bool nationalHolidays = true;      // practice setting "closed_on_holidays" (1/0)
    std::optional<LocalDate> patron;   // "patron_day" MM-DD (year ignored); none: "" or "none"
    // Setting "patron_name" (the English, and the default for a language without its own)
    // replaces it; "patron_name.<lang>" ("patron_name.it") gives that language's version.
    std::string patronName = i18n::N_("Saints Peter and Paul");
    std::map<std::string, std::string> patronNames;
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
