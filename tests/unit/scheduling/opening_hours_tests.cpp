// Whether the practice answers its phone now (issue 22): the weekly hours as admins write
// them, holidays closed, and the next opening across a weekend and a holiday.
#include <boost/test/unit_test.hpp>

#include "scheduling/opening_hours.hpp"

using namespace medassist::scheduling;

namespace {

const PracticeTime& rome() {
    static const PracticeTime clock("Europe/Rome");
    return clock;
}

std::int64_t at(int y, int m, int d, int hour, int minute = 0) {
    return *rome().toInstant(LocalDate{y, m, d}, hour * 60 + minute);
}

// The seed's hours (sql/seed/0001_practice.sql).
WeeklyOpening seedHours() {
    return weeklyOpening({{"hours.monday", "08:00–19:00"},
                          {"hours.tuesday", "08:00–19:00"},
                          {"hours.wednesday", "08:00–19:00"},
                          {"hours.thursday", "08:00–19:00"},
                          {"hours.friday", "08:00–17:00"},
                          {"hours.saturday", "09:00–12:30"},
                          {"hours.sunday", "Closed"}});
}

CalendarSettings holidays() {
    CalendarSettings c;
    c.patron = parsePatronDay("06-29");
    return c;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(opening_hours)

BOOST_AUTO_TEST_CASE(the_hours_are_read_as_admins_write_them) {
    auto blocks = parseOpeningText("08:00–19:00");
    BOOST_TEST_REQUIRE(blocks.size() == 1u);
    BOOST_TEST(blocks[0].startMinute == 8 * 60);
    BOOST_TEST(blocks[0].endMinute == 19 * 60);
    blocks = parseOpeningText("8.30-12.30 / 15-19");
    BOOST_TEST_REQUIRE(blocks.size() == 2u);
    BOOST_TEST(blocks[0].startMinute == 8 * 60 + 30);
    BOOST_TEST(blocks[1].startMinute == 15 * 60);
    BOOST_TEST(blocks[1].endMinute == 19 * 60);
    BOOST_TEST(parseOpeningText("Closed").empty());
    BOOST_TEST(parseOpeningText("Chiuso").empty());
    BOOST_TEST(parseOpeningText("").empty());
    BOOST_TEST(parseOpeningText("19:00-08:00").empty());  // backwards: not an opening
    BOOST_TEST(!weeklyOpening({{"hours.monday", "by appointment"}}).known());
}

BOOST_AUTO_TEST_CASE(open_now_until_the_end_of_the_block) {
    // Monday 7 December 2026, 11:15 in Rome.
    const auto o = openingNow(rome(), seedHours(), holidays(), at(2026, 12, 7, 11, 15));
    BOOST_TEST(o.known);
    BOOST_TEST(o.open);
    BOOST_TEST(o.until == at(2026, 12, 7, 19));
}

BOOST_AUTO_TEST_CASE(closed_on_a_sunday_night_opens_on_monday_morning) {
    // Sunday 6 December 2026, 22:00: the walkthrough's moment.
    const auto o = openingNow(rome(), seedHours(), holidays(), at(2026, 12, 6, 22));
    BOOST_TEST(o.known);
    BOOST_TEST(!o.open);
    BOOST_TEST(o.next == at(2026, 12, 7, 8));
}

BOOST_AUTO_TEST_CASE(a_holiday_is_closed_and_skipped) {
    // Monday evening before the Immacolata (Tuesday 8 December): next is Wednesday 08:00.
    const auto o = openingNow(rome(), seedHours(), holidays(), at(2026, 12, 7, 20));
    BOOST_TEST(!o.open);
    BOOST_TEST(o.next == at(2026, 12, 9, 8));
    // The holiday's morning: closed, though Tuesday has hours.
    BOOST_TEST(!openingNow(rome(), seedHours(), holidays(), at(2026, 12, 8, 10)).open);
    // Later the same day when a day has two blocks: "today at 15:00".
    const auto split = weeklyOpening({{"hours.wednesday", "08:30-12:30, 15:00-19:00"}});
    const auto lunch = openingNow(rome(), split, holidays(), at(2026, 12, 9, 13));
    BOOST_TEST(lunch.next == at(2026, 12, 9, 15));
}

BOOST_AUTO_TEST_CASE(unknown_hours_say_nothing) {
    const auto o = openingNow(rome(), weeklyOpening({}), holidays(), at(2026, 12, 7, 11));
    BOOST_TEST(!o.known);
    BOOST_TEST(!o.open);
}

BOOST_AUTO_TEST_SUITE_END()
