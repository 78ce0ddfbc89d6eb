#include <boost/test/unit_test.hpp>

#include <ostream>
#include <stdexcept>

#include "scheduling/practice_time.hpp"

using namespace medassist::scheduling;

namespace medassist::scheduling {
std::ostream& operator<<(std::ostream& out, const LocalDate& d) { return out << formatDate(d); }
}  // namespace medassist::scheduling

namespace {
std::int64_t at(const std::string& text) {
    auto t = parseInstant(text);
    BOOST_REQUIRE_MESSAGE(t, "unparsable instant in test: " << text);
    return *t;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(practice_time)

BOOST_AUTO_TEST_CASE(parse_instant_accepts_offsets_z_and_optional_seconds) {
    BOOST_TEST(parseInstant("2026-11-24T09:30:00+01:00").value() == 1795509000);
    BOOST_TEST(parseInstant("2026-11-24T09:30+01:00").value() == 1795509000);
    BOOST_TEST(parseInstant("2026-11-24T08:30Z").value() == 1795509000);
    BOOST_TEST(parseInstant("2026-11-24T08:30:00Z").value() == 1795509000);
    BOOST_TEST(parseInstant("2026-11-24T03:30:00-05:00").value() == 1795509000);
    BOOST_TEST(parseInstant("2026-11-24T14:00:00+05:30").value() == 1795509000);
    BOOST_TEST(parseInstant("1970-01-01T00:00:00Z").value() == 0);
    BOOST_TEST(parseInstant("2000-02-29T23:59:59-05:00").value() == 951886799);
}

BOOST_AUTO_TEST_CASE(parse_instant_refuses_anything_not_strict_iso_with_offset) {
    for (const char* bad : {"", "2026-11-24", "2026-11-24T09:30", "2026-11-24T09:30:00",  // no offset
                            "2026-11-24 09:30:00+01:00", "2026-11-24t09:30Z", "2026-11-24T09:30z",
                            "2026-02-30T09:30Z", "2025-02-29T09:30Z", "2026-13-01T09:30Z", "2026-00-10T09:30Z",
                            "2026-11-24T24:00Z", "2026-11-24T09:60Z", "2026-11-24T09:30:60Z",
                            "2026-11-24T09:30:00.5Z", "2026-11-24T09:30Zjunk", "2026-11-24T09:30+01:00 ",
                            " 2026-11-24T09:30Z", "2026-11-24T09:30+0100", "2026-11-24T09:30+01",
                            "2026-11-24T09:30+1:00", "2026-11-24T09:30+01:60", "2026-11-24T09:30+19:00",
                            "2026-11-24T9:30Z", "2026-1-24T09:30Z", "+2026-11-24T09:30Z", "1899-12-31T23:00Z",
                            "tomorrow", "2026-11-24T09:3aZ"}) {
        BOOST_TEST(!parseInstant(bad).has_value(), "accepted: '" << bad << "'");
    }
}

BOOST_AUTO_TEST_CASE(parse_date_accepts_real_dates_only) {
    BOOST_TEST(parseDate("2026-11-24").value() == (LocalDate{2026, 11, 24}));
    BOOST_TEST(parseDate("2024-02-29").value() == (LocalDate{2024, 2, 29}));
    BOOST_TEST(parseDate("1900-01-01").value() == (LocalDate{1900, 1, 1}));
    BOOST_TEST(parseDate("2200-12-31").value() == (LocalDate{2200, 12, 31}));
    for (const char* bad : {"", "2026-02-30", "2025-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-01",
                            "2026-01-00", "1899-12-31", "2201-01-01", "2026-1-24", "2026-11-24 ", "2026/11/24",
                            "24-11-2026", "2026-11-24T00:00Z", "tomorrow", "-026-11-24", "2026-11-2x"}) {
        BOOST_TEST(!parseDate(bad).has_value(), "accepted: '" << bad << "'");
    }
}

BOOST_AUTO_TEST_CASE(calendar_arithmetic) {
    BOOST_TEST(formatDate({2026, 3, 9}) == "2026-03-09");
    BOOST_TEST(addDays({2026, 12, 31}, 1) == (LocalDate{2027, 1, 1}));
    BOOST_TEST(addDays({2024, 2, 28}, 1) == (LocalDate{2024, 2, 29}));
    BOOST_TEST(addDays({2026, 3, 1}, -1) == (LocalDate{2026, 2, 28}));
    BOOST_TEST(addDays({2026, 11, 20}, 60) == (LocalDate{2027, 1, 19}));
    BOOST_TEST(isoWeekday({2026, 11, 23}) == 1);
    BOOST_TEST(isoWeekday({2026, 11, 24}) == 2);
    BOOST_TEST(isoWeekday({2026, 3, 29}) == 7);
    BOOST_TEST(daysBetween({2026, 11, 20}, {2027, 1, 19}) == 60);
    BOOST_TEST(daysBetween({2027, 1, 19}, {2026, 11, 20}) == -60);
}

BOOST_AUTO_TEST_CASE(unknown_zone_throws_invalid_argument) {
    BOOST_CHECK_THROW(PracticeTime("Mars/Olympus_Mons"), std::invalid_argument);
    BOOST_CHECK_THROW(PracticeTime(""), std::invalid_argument);
    BOOST_CHECK_THROW(PracticeTime("europe/rome"), std::invalid_argument);
    BOOST_CHECK_NO_THROW(PracticeTime("UTC"));
    BOOST_TEST(PracticeTime("Europe/Rome").zoneName() == "Europe/Rome");
}

BOOST_AUTO_TEST_CASE(formats_local_time_in_winter_and_summer) {
    PracticeTime rome("Europe/Rome");
    std::int64_t winter = 1795509000;  // 2026-11-24T08:30Z
    BOOST_TEST(rome.iso(winter) == "2026-11-24T09:30:00+01:00");
    BOOST_TEST(rome.time(winter) == "09:30");
    BOOST_TEST(rome.longDate(winter) == "Tuesday 24 November 2026");
    BOOST_TEST(rome.offsetName(winter) == "CET");
    BOOST_TEST(rome.minuteOfDay(winter) == 9 * 60 + 30);
    BOOST_TEST(rome.dateOf(winter) == (LocalDate{2026, 11, 24}));

    std::int64_t summer = 1782900000;  // 2026-07-01T10:00Z
    BOOST_TEST(rome.iso(summer) == "2026-07-01T12:00:00+02:00");
    BOOST_TEST(rome.time(summer) == "12:00");
    BOOST_TEST(rome.longDate(summer) == "Wednesday 1 July 2026");
    BOOST_TEST(rome.offsetName(summer) == "CEST");

    // The local date is not the UTC date around midnight.
    BOOST_TEST(rome.dateOf(at("2026-07-01T22:30Z")) == (LocalDate{2026, 7, 2}));
    BOOST_TEST(rome.iso(at("2026-07-01T22:30:15Z")) == "2026-07-02T00:30:15+02:00");

    PracticeTime ny("America/New_York");
    BOOST_TEST(ny.iso(winter) == "2026-11-24T03:30:00-05:00");
    BOOST_TEST(ny.longDate(at("2026-11-24T03:00Z")) == "Monday 23 November 2026");
    PracticeTime kolkata("Asia/Kolkata");
    BOOST_TEST(kolkata.iso(winter) == "2026-11-24T14:00:00+05:30");
    PracticeTime utc("UTC");
    BOOST_TEST(utc.iso(0) == "1970-01-01T00:00:00+00:00");
}

BOOST_AUTO_TEST_CASE(to_instant_skips_the_spring_gap_and_takes_the_first_autumn_pass) {
    PracticeTime rome("Europe/Rome");
    BOOST_TEST(rome.toInstant({2026, 11, 24}, 9 * 60 + 30).value() == 1795509000);
    // 2026-03-29: 02:00 CET becomes 03:00 CEST.
    BOOST_TEST(rome.toInstant({2026, 3, 29}, 1 * 60 + 59).value() == at("2026-03-29T01:59+01:00"));
    BOOST_TEST(!rome.toInstant({2026, 3, 29}, 2 * 60).has_value());
    BOOST_TEST(!rome.toInstant({2026, 3, 29}, 2 * 60 + 59).has_value());
    BOOST_TEST(rome.toInstant({2026, 3, 29}, 3 * 60).value() == 1774746000);
    // 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:xx happens twice.
    BOOST_TEST(rome.toInstant({2026, 10, 25}, 2 * 60 + 30).value() == 1792888200);  // 02:30+02:00
    BOOST_TEST(rome.toInstant({2026, 10, 25}, 3 * 60).value() == at("2026-10-25T03:00+01:00"));
    // The second pass of 02:30 reads back as 02:30 in CET.
    BOOST_TEST(rome.minuteOfDay(at("2026-10-25T01:30Z")) == 2 * 60 + 30);
    BOOST_TEST(rome.iso(at("2026-10-25T01:30Z")) == "2026-10-25T02:30:00+01:00");
    // Days have their real length.
    auto midnight = [&](LocalDate d) { return rome.toInstant(d, 0).value(); };
    BOOST_TEST(midnight({2026, 3, 30}) - midnight({2026, 3, 29}) == 23 * 3600);
    BOOST_TEST(midnight({2026, 10, 26}) - midnight({2026, 10, 25}) == 25 * 3600);
    BOOST_TEST(midnight({2026, 11, 25}) - midnight({2026, 11, 24}) == 24 * 3600);
    // 24:00 is the next midnight; anything outside the day or an invalid date is refused.
    BOOST_TEST(rome.toInstant({2026, 10, 25}, 1440).value() == midnight({2026, 10, 26}));
    BOOST_TEST(!rome.toInstant({2026, 10, 25}, 1441).has_value());
    BOOST_TEST(!rome.toInstant({2026, 10, 25}, -1).has_value());
    BOOST_TEST(!rome.toInstant({2026, 2, 30}, 600).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
