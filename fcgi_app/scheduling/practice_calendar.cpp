#include "scheduling/practice_calendar.hpp"

#include <algorithm>

#include "i18n/catalogs.hpp"

namespace medassist::scheduling {

LocalDate easterSunday(int y) {
    const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    return LocalDate{y, month, day};
}

std::vector<Closure> closuresOf(int year, const CalendarSettings& settings) {
    std::vector<Closure> out;
    if (settings.nationalHolidays) {
        const LocalDate easter = easterSunday(year);
        // A national holiday's name is a msgid: the catalogs have it in every language.
        auto holiday = [](const LocalDate& date, const char* name) { return Closure{date, name, {}}; };
        out = {
            holiday(LocalDate{year, 1, 1}, i18n::N_("New Year's Day")),
            holiday(LocalDate{year, 1, 6}, i18n::N_("Epiphany")),
            holiday(easter, i18n::N_("Easter Sunday")),
            holiday(addDays(easter, 1), i18n::N_("Easter Monday")),
            holiday(LocalDate{year, 4, 25}, i18n::N_("Liberation Day")),
            holiday(LocalDate{year, 5, 1}, i18n::N_("Labour Day")),
            holiday(LocalDate{year, 6, 2}, i18n::N_("Republic Day")),
            holiday(LocalDate{year, 8, 15}, i18n::N_("Ferragosto (Assumption Day)")),
            holiday(LocalDate{year, 11, 1}, i18n::N_("All Saints' Day")),
            holiday(LocalDate{year, 12, 8}, i18n::N_("Immaculate Conception")),
            holiday(LocalDate{year, 12, 25}, i18n::N_("Christmas Day")),
            holiday(LocalDate{year, 12, 26}, i18n::N_("St Stephen's Day")),
        };
    }
    if (settings.patron)
        out.push_back({{year, settings.patron->month, settings.patron->day}, settings.patronName, settings.patronNames});
    std::stable_sort(out.begin(), out.end(), [](const Closure& x, const Closure& y) { return x.date < y.date; });
    return out;
}

std::optional<Closure> closedOn(const LocalDate& date, const CalendarSettings& settings) {
    for (auto& c : closuresOf(date.year, settings))
        if (c.date == date) return c;
    return std::nullopt;
}

std::optional<LocalDate> parsePatronDay(const std::string& text) {
    if (text.size() != 5 || text[2] != '-') return std::nullopt;
    // 2024 is a leap year, so 29 February parses too.
    auto d = parseDate("2024-" + text);
    if (!d) return std::nullopt;
    return d;
}

}  // namespace medassist::scheduling
