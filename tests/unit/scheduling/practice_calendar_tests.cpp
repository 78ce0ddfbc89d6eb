// The practice's closed days (issue 17): Italy's public holidays with Easter computed, Rome's
// patron saint's day, and the settings that turn them off.
#include <boost/test/unit_test.hpp>

#include "i18n/catalogs.hpp"
#include "scheduling/practice_calendar.hpp"

using namespace medassist::scheduling;

BOOST_AUTO_TEST_SUITE(practice_calendar)

BOOST_AUTO_TEST_CASE(easter_sunday_is_computed_for_any_year) {
    // Known dates (Gregorian calendar).
    BOOST_TEST(formatDate(easterSunday(2000)) == "2000-04-23");
    BOOST_TEST(formatDate(easterSunday(2019)) == "2019-04-21");
    BOOST_TEST(formatDate(easterSunday(2024)) == "2024-03-31");
    BOOST_TEST(formatDate(easterSunday(2025)) == "2025-04-20");
    BOOST_TEST(formatDate(easterSunday(2026)) == "2026-04-05");
    BOOST_TEST(formatDate(easterSunday(2027)) == "2027-03-28");
    BOOST_TEST(formatDate(easterSunday(2038)) == "2038-04-25");
}

BOOST_AUTO_TEST_CASE(the_italian_holidays_and_romes_patron_day_close_the_practice) {
    CalendarSettings rome;
    rome.patron = parsePatronDay("06-29");
    const auto all = closuresOf(2026, rome);
    BOOST_TEST(all.size() == 13u);
    // The names are msgids, said in the reader's language (issue 17): Italian here.
    static const medassist::i18n::Catalogs catalogs(MEDASSIST_LOCALE_DIR);
    auto name = [&](const char* date, const char* lang = "it") {
        auto c = closedOn(*parseDate(date), rome);
        return c ? catalogs.tr(lang, c->name) : std::string("open");
    };
    BOOST_TEST(name("2026-12-08", "en") == "Immaculate Conception");
    BOOST_TEST(name("2026-04-06", "en") == "Easter Monday");
    BOOST_TEST(name("2026-06-29", "en") == "Saints Peter and Paul");
    BOOST_TEST(name("2026-12-08") == "Immacolata Concezione");
    BOOST_TEST(name("2026-12-25") == "Natale");
    BOOST_TEST(name("2026-12-26") == "Santo Stefano");
    BOOST_TEST(name("2026-04-06") == "Lunedì dell'Angelo");  // Easter Monday 2026
    BOOST_TEST(name("2027-03-29") == "Lunedì dell'Angelo");  // and 2027
    BOOST_TEST(name("2026-06-29") == "Santi Pietro e Paolo");
    BOOST_TEST(name("2026-06-02") == "Festa della Repubblica");
    BOOST_TEST(name("2026-12-07") == "open");
    BOOST_TEST(name("2026-12-09") == "open");
    for (std::size_t i = 1; i < all.size(); ++i) BOOST_TEST((all[i - 1].date < all[i].date));
}

BOOST_AUTO_TEST_CASE(an_admin_can_open_on_holidays_or_change_the_patron_day) {
    CalendarSettings open;
    open.nationalHolidays = false;
    BOOST_TEST(!closedOn(*parseDate("2026-12-25"), open).has_value());
    BOOST_TEST(closuresOf(2026, open).empty());
    open.patron = parsePatronDay("12-07");  // Milan's Sant'Ambrogio, say
    open.patronName = "Sant'Ambrogio";
    BOOST_TEST(closedOn(*parseDate("2026-12-07"), open)->name == "Sant'Ambrogio");
    // Its name in English and in Italian ("patron_name", "patron_name.it"), each reader's own.
    static const medassist::i18n::Catalogs catalogs(MEDASSIST_LOCALE_DIR);
    open.patronName = "Saint Ambrose";
    open.patronNames = {{"it", "Sant'Ambrogio"}};
    const auto milan = closedOn(*parseDate("2026-12-07"), open);
    BOOST_TEST_REQUIRE(milan.has_value());
    BOOST_TEST(catalogs.show("en", milan->label()) == "Saint Ambrose");
    BOOST_TEST(catalogs.show("it", milan->label()) == "Sant'Ambrogio");
    // The built-in name still comes from the catalogs when no version was written.
    CalendarSettings rome;
    rome.nationalHolidays = false;
    rome.patron = parsePatronDay("06-29");
    BOOST_TEST(catalogs.show("it", closedOn(*parseDate("2026-06-29"), rome)->label()) == "Santi Pietro e Paolo");
    BOOST_TEST(!parsePatronDay("").has_value());
    BOOST_TEST(!parsePatronDay("none").has_value());
    BOOST_TEST(!parsePatronDay("13-01").has_value());
    BOOST_TEST(!parsePatronDay("6-29").has_value());
    BOOST_TEST(parsePatronDay("02-29").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
