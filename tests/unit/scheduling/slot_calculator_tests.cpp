#include <boost/test/unit_test.hpp>

#include <ostream>

#include "i18n/catalogs.hpp"
#include "scheduling/slot_calculator.hpp"

using namespace medassist::scheduling;

namespace medassist::scheduling {
std::ostream& operator<<(std::ostream& out, const Slot& s) { return out << '[' << s.start << ", " << s.end << ')'; }
std::ostream& operator<<(std::ostream& out, BookingProblem p) { return out << static_cast<int>(p); }
}  // namespace medassist::scheduling

namespace {

const PracticeTime& rome() {
    static const PracticeTime clock("Europe/Rome");
    return clock;
}

std::int64_t at(const std::string& text) {
    auto t = parseInstant(text);
    BOOST_REQUIRE_MESSAGE(t, "unparsable instant in test: " << text);
    return *t;
}

Slot slot(const std::string& start, int minutes = 30) {
    auto s = at(start);
    return {s, s + minutes * 60};
}

// Friday 2026-11-20, 08:00 in Rome: Tuesday 2026-11-24 is well inside notice and horizon.
std::int64_t now() { return at("2026-11-20T08:00+01:00"); }

std::vector<Slot> slotsOn(const std::vector<WeeklyHours>& hours, LocalDate from, LocalDate to,
                          std::int64_t nowAt, const std::vector<Interval>& timeOff = {},
                          const std::vector<Interval>& busy = {}, BookingPolicy policy = {}) {
    return freeSlots(rome(), hours, timeOff, busy, from, to, nowAt, policy);
}

constexpr LocalDate kTuesday{2026, 11, 24};

}  // namespace

BOOST_AUTO_TEST_SUITE(slot_calculator)

BOOST_AUTO_TEST_CASE(weekly_hours_give_slots_on_their_weekdays_only) {
    std::vector<WeeklyHours> hours{{2, 9 * 60, 11 * 60, 30}, {4, 14 * 60, 15 * 60, 60}};
    auto slots = slotsOn(hours, {2026, 11, 23}, {2026, 11, 29}, now());
    std::vector<Slot> expected{slot("2026-11-24T09:00+01:00"), slot("2026-11-24T09:30+01:00"),
                               slot("2026-11-24T10:00+01:00"), slot("2026-11-24T10:30+01:00"),
                               slot("2026-11-26T14:00+01:00", 60)};
    BOOST_TEST(slots == expected, boost::test_tools::per_element());
    BOOST_TEST(slots.front().start == 1795507200);  // 08:00Z
}

BOOST_AUTO_TEST_CASE(a_block_that_does_not_divide_evenly_keeps_only_whole_slots) {
    auto slots = slotsOn({{2, 9 * 60, 10 * 60 + 45, 30}}, kTuesday, kTuesday, now());
    std::vector<Slot> expected{slot("2026-11-24T09:00+01:00"), slot("2026-11-24T09:30+01:00"),
                               slot("2026-11-24T10:00+01:00")};
    BOOST_TEST(slots == expected, boost::test_tools::per_element());

    auto longer = slotsOn({{2, 9 * 60, 10 * 60 + 45, 50}}, kTuesday, kTuesday, now());
    std::vector<Slot> expectedLonger{slot("2026-11-24T09:00+01:00", 50), slot("2026-11-24T09:50+01:00", 50)};
    BOOST_TEST(longer == expectedLonger, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(time_off_removes_exactly_the_overlapping_slots) {
    std::vector<WeeklyHours> hours{{2, 9 * 60, 11 * 60, 30}};
    // 09:45-10:15 touches the 09:30 and 10:00 slots; 09:00 ends where nothing starts.
    std::vector<Interval> off{{at("2026-11-24T09:45+01:00"), at("2026-11-24T10:15+01:00")}};
    auto slots = slotsOn(hours, kTuesday, kTuesday, now(), off);
    std::vector<Slot> expected{slot("2026-11-24T09:00+01:00"), slot("2026-11-24T10:30+01:00")};
    BOOST_TEST(slots == expected, boost::test_tools::per_element());

    // Half-open: time off 09:30-10:00 removes the 09:30 slot only.
    off = {{at("2026-11-24T09:30+01:00"), at("2026-11-24T10:00+01:00")}};
    slots = slotsOn(hours, kTuesday, kTuesday, now(), off);
    expected = {slot("2026-11-24T09:00+01:00"), slot("2026-11-24T10:00+01:00"), slot("2026-11-24T10:30+01:00")};
    BOOST_TEST(slots == expected, boost::test_tools::per_element());

    // A whole day off (a holiday across several days) removes everything inside it.
    off = {{at("2026-11-23T00:00+01:00"), at("2026-11-25T00:00+01:00")}};
    BOOST_TEST(slotsOn(hours, kTuesday, kTuesday, now(), off).empty());
}

BOOST_AUTO_TEST_CASE(busy_intervals_remove_their_slots) {
    std::vector<WeeklyHours> hours{{2, 9 * 60, 11 * 60, 30}};
    std::vector<Interval> busy{{at("2026-11-24T10:00+01:00"), at("2026-11-24T10:30+01:00")},
                               {at("2026-11-24T09:00+01:00"), at("2026-11-24T09:20+01:00")}};
    std::vector<Interval> off{{at("2026-11-24T10:40+01:00"), at("2026-11-24T10:41+01:00")}};
    auto slots = slotsOn(hours, kTuesday, kTuesday, now(), off, busy);
    std::vector<Slot> expected{slot("2026-11-24T09:30+01:00")};
    BOOST_TEST(slots == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(overlapping_blocks_do_not_duplicate_slots) {
    std::vector<WeeklyHours> hours{{2, 10 * 60, 12 * 60, 30}, {2, 9 * 60, 11 * 60, 30}};
    auto slots = slotsOn(hours, kTuesday, kTuesday, now());
    std::vector<Slot> expected{slot("2026-11-24T09:00+01:00"), slot("2026-11-24T09:30+01:00"),
                               slot("2026-11-24T10:00+01:00"), slot("2026-11-24T10:30+01:00"),
                               slot("2026-11-24T11:00+01:00"), slot("2026-11-24T11:30+01:00")};
    BOOST_TEST(slots == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_empty_or_reversed_range_or_bad_block_gives_nothing) {
    BOOST_TEST(slotsOn({{2, 9 * 60, 11 * 60, 30}}, {2026, 11, 25}, kTuesday, now()).empty());
    BOOST_TEST(slotsOn({{2, 9 * 60, 11 * 60, 0}}, kTuesday, kTuesday, now()).empty());
    BOOST_TEST(slotsOn({{2, 11 * 60, 9 * 60, 30}}, kTuesday, kTuesday, now()).empty());
    BOOST_TEST(slotsOn({}, kTuesday, kTuesday, now()).empty());
}

BOOST_AUTO_TEST_CASE(daylight_saving_sundays_get_their_own_offsets) {
    std::vector<WeeklyHours> sundays{{7, 8 * 60, 10 * 60, 60}};
    auto spring = slotsOn(sundays, {2026, 3, 22}, {2026, 3, 29}, at("2026-03-20T12:00Z"));
    std::vector<Slot> expectedSpring{slot("2026-03-22T07:00Z", 60), slot("2026-03-22T08:00Z", 60),
                                     slot("2026-03-29T06:00Z", 60), slot("2026-03-29T07:00Z", 60)};
    BOOST_TEST(spring == expectedSpring, boost::test_tools::per_element());
    BOOST_TEST(rome().iso(spring[0].start) == "2026-03-22T08:00:00+01:00");
    BOOST_TEST(rome().iso(spring[2].start) == "2026-03-29T08:00:00+02:00");

    auto autumn = slotsOn(sundays, {2026, 10, 18}, {2026, 10, 25}, at("2026-10-16T12:00Z"));
    std::vector<Slot> expectedAutumn{slot("2026-10-18T06:00Z", 60), slot("2026-10-18T07:00Z", 60),
                                     slot("2026-10-25T07:00Z", 60), slot("2026-10-25T08:00Z", 60)};
    BOOST_TEST(autumn == expectedAutumn, boost::test_tools::per_element());
    BOOST_TEST(rome().iso(autumn[0].start) == "2026-10-18T08:00:00+02:00");
    BOOST_TEST(rome().iso(autumn[2].start) == "2026-10-25T08:00:00+01:00");
}

BOOST_AUTO_TEST_CASE(spring_forward_skips_the_hour_that_does_not_exist) {
    // 01:30-04:00 local on 2026-03-29; 02:00-02:59 never happens. The 01:30 slot would end at
    // 02:00, which does not exist either, so it goes too.
    auto slots = slotsOn({{7, 90, 4 * 60, 30}}, {2026, 3, 29}, {2026, 3, 29}, at("2026-03-27T12:00Z"));
    std::vector<Slot> expected{slot("2026-03-29T03:00+02:00"), slot("2026-03-29T03:30+02:00")};
    BOOST_TEST(slots == expected, boost::test_tools::per_element());
    BOOST_TEST(slots[0].start == 1774746000);
}

BOOST_AUTO_TEST_CASE(fall_back_offers_the_repeated_hour_once_as_its_first_pass) {
    auto slots = slotsOn({{7, 90, 4 * 60, 30}}, {2026, 10, 25}, {2026, 10, 25}, at("2026-10-23T12:00Z"));
    std::vector<Slot> expected{slot("2026-10-25T01:30+02:00"), slot("2026-10-25T02:00+02:00"),
                               slot("2026-10-25T02:30+02:00"),  // 30 real minutes, not 02:30 CEST-03:00 CET
                               slot("2026-10-25T03:00+01:00"), slot("2026-10-25T03:30+01:00")};
    BOOST_TEST(slots == expected, boost::test_tools::per_element());
    BOOST_TEST(slots[2].start == 1792888200);
    for (const auto& s : slots) BOOST_TEST(s.end - s.start == 30 * 60);

    // The day is 25 hours long: an all-day block of hourly slots spans 25 real hours, and no
    // slot is longer than an hour.
    auto day = slotsOn({{7, 0, 1440, 60}}, {2026, 10, 25}, {2026, 10, 25}, at("2026-10-23T12:00Z"));
    BOOST_TEST(day.size() == 24u);
    BOOST_TEST(day.front().start == at("2026-10-25T00:00+02:00"));
    BOOST_TEST(day.back().end == at("2026-10-26T00:00+01:00"));
    BOOST_TEST(day.back().end - day.front().start == 25 * 3600);
    for (const auto& s : day) BOOST_TEST(s.end - s.start == 3600);
}

BOOST_AUTO_TEST_CASE(slots_inside_the_notice_window_are_dropped) {
    std::vector<WeeklyHours> hours{{2, 9 * 60, 10 * 60, 30}};
    // 07:01: the 09:00 slot is 119 minutes away.
    auto slots = slotsOn(hours, kTuesday, kTuesday, at("2026-11-24T07:01+01:00"));
    std::vector<Slot> expected{slot("2026-11-24T09:30+01:00")};
    BOOST_TEST(slots == expected, boost::test_tools::per_element());
    // 07:00: exactly 120 minutes away is fine.
    slots = slotsOn(hours, kTuesday, kTuesday, at("2026-11-24T07:00+01:00"));
    expected = {slot("2026-11-24T09:00+01:00"), slot("2026-11-24T09:30+01:00")};
    BOOST_TEST(slots == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(slots_past_the_horizon_are_dropped) {
    std::vector<WeeklyHours> everyDay;
    for (int d = 1; d <= 7; ++d) everyDay.push_back({d, 9 * 60, 9 * 60 + 30, 30});
    // Today is 2026-11-20; today + 60 = 2027-01-19 is the last bookable date.
    auto slots = slotsOn(everyDay, {2027, 1, 17}, {2027, 1, 22}, now());
    std::vector<Slot> expected{slot("2027-01-17T09:00+01:00"), slot("2027-01-18T09:00+01:00"),
                               slot("2027-01-19T09:00+01:00")};
    BOOST_TEST(slots == expected, boost::test_tools::per_element());

    BookingPolicy shortHorizon;
    shortHorizon.horizonDays = 1;
    slots = slotsOn(everyDay, {2026, 11, 20}, {2026, 11, 30}, now(), {}, {}, shortHorizon);
    // Today's 09:00 is an hour away (inside the notice); tomorrow is the last bookable date.
    expected = {slot("2026-11-21T09:00+01:00")};
    BOOST_TEST(slots == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(past_slots_are_dropped) {
    BookingPolicy noNotice;
    noNotice.noticeMinutes = 0;
    std::vector<WeeklyHours> hours{{1, 9 * 60, 11 * 60, 30}, {2, 9 * 60, 11 * 60, 30}};
    auto slots = slotsOn(hours, {2026, 11, 23}, kTuesday, at("2026-11-24T10:10+01:00"), {}, {}, noNotice);
    std::vector<Slot> expected{slot("2026-11-24T10:30+01:00")};
    BOOST_TEST(slots == expected, boost::test_tools::per_element());
    // A slot starting exactly now is still bookable without notice; one a second earlier is not.
    slots = slotsOn(hours, kTuesday, kTuesday, at("2026-11-24T10:30+01:00"), {}, {}, noNotice);
    BOOST_TEST(slots.size() == 1u);
    slots = slotsOn(hours, kTuesday, kTuesday, at("2026-11-24T10:30:01+01:00"), {}, {}, noNotice);
    BOOST_TEST(slots.empty());
}

BOOST_AUTO_TEST_CASE(check_booking_reports_each_problem_in_order) {
    BookingPolicy policy;  // 60 days, 120 minutes, 24 hours, 3 bookings
    auto n = now();        // Friday 2026-11-20 08:00
    BOOST_TEST(checkBooking(rome(), at("2026-11-24T09:00+01:00"), n, 0, policy) == BookingProblem::None);
    BOOST_TEST(checkBooking(rome(), n, n, 0, policy) == BookingProblem::InPast);
    BOOST_TEST(checkBooking(rome(), n - 3600, n, 5, policy) == BookingProblem::InPast);
    BOOST_TEST(checkBooking(rome(), n + 119 * 60, n, 0, policy) == BookingProblem::InsideNotice);
    BOOST_TEST(checkBooking(rome(), n + 119 * 60, n, 5, policy) == BookingProblem::InsideNotice);
    BOOST_TEST(checkBooking(rome(), n + 120 * 60, n, 0, policy) == BookingProblem::None);
    BOOST_TEST(checkBooking(rome(), at("2027-01-19T23:30+01:00"), n, 0, policy) == BookingProblem::None);
    BOOST_TEST(checkBooking(rome(), at("2027-01-20T00:00+01:00"), n, 0, policy) == BookingProblem::BeyondHorizon);
    BOOST_TEST(checkBooking(rome(), at("2027-01-20T00:00+01:00"), n, 3, policy) == BookingProblem::BeyondHorizon);
    // The horizon counts local dates: 23:30Z on the 19th is already the 20th in Rome.
    BOOST_TEST(checkBooking(rome(), at("2027-01-19T23:30Z"), n, 0, policy) == BookingProblem::BeyondHorizon);
}

BOOST_AUTO_TEST_CASE(check_booking_limits_future_bookings_per_patient) {
    BookingPolicy policy;
    auto start = at("2026-11-24T09:00+01:00");
    BOOST_TEST(checkBooking(rome(), start, now(), 2, policy) == BookingProblem::None);
    BOOST_TEST(checkBooking(rome(), start, now(), 3, policy) == BookingProblem::TooManyBookings);
    BOOST_TEST(checkBooking(rome(), start, now(), 4, policy) == BookingProblem::TooManyBookings);
    policy.maxFutureBookings = 1;
    BOOST_TEST(checkBooking(rome(), start, now(), 0, policy) == BookingProblem::None);
    BOOST_TEST(checkBooking(rome(), start, now(), 1, policy) == BookingProblem::TooManyBookings);
}

BOOST_AUTO_TEST_CASE(cancel_cutoff_is_a_full_day_by_default) {
    BookingPolicy policy;
    auto start = at("2026-11-24T09:00+01:00");
    BOOST_TEST(insideCutoff(start, start - (23 * 3600 + 59 * 60), policy));
    BOOST_TEST(insideCutoff(start, start - (24 * 3600 - 1), policy));
    BOOST_TEST(!insideCutoff(start, start - 24 * 3600, policy));
    BOOST_TEST(!insideCutoff(start, start - 3 * 86400, policy));
    BOOST_TEST(insideCutoff(start, start + 60, policy));  // already started
}

// The problems as texts with their numbers apart, said in the reader's language (issue 17):
// one form fits every number, the horizon names its last day.
BOOST_AUTO_TEST_CASE(describe_uses_the_policy_numbers_in_the_readers_language) {
    static const medassist::i18n::Catalogs catalogs(MEDASSIST_LOCALE_DIR);
    auto en = [&](const medassist::i18n::Text& t) { return catalogs.render("en", t); };
    auto it = [&](const medassist::i18n::Text& t) { return catalogs.render("it", t); };
    BookingPolicy policy;
    BOOST_TEST(describe(BookingProblem::None, policy, rome(), now()).empty());
    BOOST_TEST(en(describe(BookingProblem::InPast, policy, rome(), now())) == "That time has already passed.");
    BOOST_TEST(it(describe(BookingProblem::InPast, policy, rome(), now())) == "Quell'orario è già passato.");
    const auto notice = describe(BookingProblem::InsideNotice, policy, rome(), now());
    BOOST_TEST(en(notice) == "Appointments must be booked at least 2 h in advance.");
    BOOST_TEST(it(notice) == "Gli appuntamenti vanno prenotati con almeno 2 h di anticipo.");
    // Today is Friday 20 November 2026: 60 days on is Tuesday 19 January 2027.
    const auto horizon = describe(BookingProblem::BeyondHorizon, policy, rome(), now());
    BOOST_TEST(en(horizon) == "That date is too far ahead: appointments can be booked up to Tuesday 19 January 2027.");
    BOOST_TEST(it(horizon) ==
               "Quella data è troppo lontana: gli appuntamenti si possono prenotare fino a martedì 19 gennaio 2027.");
    const auto limit = describe(BookingProblem::TooManyBookings, policy, rome(), now());
    BOOST_TEST(en(limit) == "You already have the most upcoming appointments the practice allows at once (3). Cancel "
                            "one to book another.");
    BOOST_TEST(it(limit) == "Ha già il numero massimo di appuntamenti in programma consentito dallo studio (3). Ne "
                            "disdica uno per prenotarne un altro.");
    policy.noticeMinutes = 60;
    policy.horizonDays = 1;
    policy.maxFutureBookings = 1;
    BOOST_TEST(en(describe(BookingProblem::InsideNotice, policy, rome(), now())) ==
               "Appointments must be booked at least 1 h in advance.");
    BOOST_TEST(en(describe(BookingProblem::BeyondHorizon, policy, rome(), now())) ==
               "That date is too far ahead: appointments can be booked up to Saturday 21 November 2026.");
    BOOST_TEST(it(describe(BookingProblem::TooManyBookings, policy, rome(), now())) ==
               "Ha già il numero massimo di appuntamenti in programma consentito dallo studio (1). Ne disdica uno per "
               "prenotarne un altro.");
    policy.noticeMinutes = 90;
    BOOST_TEST(it(describe(BookingProblem::InsideNotice, policy, rome(), now())) ==
               "Gli appuntamenti vanno prenotati con almeno 90 min di anticipo.");
}

BOOST_AUTO_TEST_SUITE_END()
