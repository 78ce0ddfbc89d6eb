// Which reminder is due at a moment (issue 23): the pure rules the worker asks, with the
// moment given, never read from a clock.
#include <boost/test/unit_test.hpp>

#include <cstdint>

#include "reminders/reminder_rules.hpp"

using namespace medassist::reminders;

namespace {
constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kStart = 1'800'000'000;  // any instant; the rules only count seconds

ReminderCandidate bookedWeekBefore() {
    ReminderCandidate c;
    c.start = kStart;
    c.fixedAt = kStart - 7 * 24 * kHour;
    return c;
}

ReminderSettings withSecond() {
    ReminderSettings s;
    s.secondEnabled = true;
    return s;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(due_reminders)

BOOST_AUTO_TEST_CASE(the_first_reminder_is_due_from_24_hours_before_until_the_start) {
    const ReminderSettings s;  // the practice's defaults: 24 h, no second one
    const auto c = bookedWeekBefore();
    BOOST_TEST(!dueReminder(s, c, kStart - 24 * kHour - 1).has_value());
    BOOST_TEST((dueReminder(s, c, kStart - 24 * kHour) == ReminderKind::First));
    BOOST_TEST((dueReminder(s, c, kStart - 3 * kHour) == ReminderKind::First));  // a worker that was down sends it late
    BOOST_TEST((dueReminder(s, c, kStart - 1) == ReminderKind::First));
    BOOST_TEST(!dueReminder(s, c, kStart).has_value());
    BOOST_TEST(!dueReminder(s, c, kStart + kHour).has_value());
}

BOOST_AUTO_TEST_CASE(a_reminder_already_claimed_for_this_start_is_not_due_again) {
    auto c = bookedWeekBefore();
    c.sent = {ReminderKind::First};
    BOOST_TEST(!dueReminder(ReminderSettings{}, c, kStart - 20 * kHour).has_value());
}

BOOST_AUTO_TEST_CASE(the_second_reminder_is_off_by_default_and_due_2_hours_before_when_on) {
    auto c = bookedWeekBefore();
    c.sent = {ReminderKind::First};
    BOOST_TEST(!dueReminder(ReminderSettings{}, c, kStart - kHour).has_value());
    const auto s = withSecond();
    BOOST_TEST(!dueReminder(s, c, kStart - 2 * kHour - 1).has_value());
    BOOST_TEST((dueReminder(s, c, kStart - 2 * kHour) == ReminderKind::Second));
    c.sent.push_back(ReminderKind::Second);
    BOOST_TEST(!dueReminder(s, c, kStart - kHour).has_value());
}

BOOST_AUTO_TEST_CASE(when_both_moments_have_passed_only_the_later_reminder_is_sent) {
    const auto c = bookedWeekBefore();  // the first one was never sent (the practice was down)
    const auto s = withSecond();
    BOOST_TEST((dueReminder(s, c, kStart - kHour) == ReminderKind::Second));
    BOOST_TEST((dueReminder(s, c, kStart - 5 * kHour) == ReminderKind::First));
}

BOOST_AUTO_TEST_CASE(an_appointment_booked_or_moved_inside_the_window_gets_no_such_reminder) {
    auto c = bookedWeekBefore();
    c.fixedAt = kStart - 10 * kHour;  // booked (or moved to this time) 10 hours before it
    BOOST_TEST(!dueReminder(ReminderSettings{}, c, kStart - 5 * kHour).has_value());
    // ... but the 2-hour one, whose moment came after the booking, still goes.
    BOOST_TEST((dueReminder(withSecond(), c, kStart - 2 * kHour) == ReminderKind::Second));
    c.fixedAt = kStart - 24 * kHour;  // exactly at the reminder's moment: still due
    BOOST_TEST((dueReminder(ReminderSettings{}, c, kStart - 24 * kHour) == ReminderKind::First));
}

BOOST_AUTO_TEST_CASE(the_practice_settings_change_the_moments) {
    ReminderSettings s;
    s.firstHours = 48;
    const auto c = bookedWeekBefore();
    BOOST_TEST((dueReminder(s, c, kStart - 48 * kHour) == ReminderKind::First));
    BOOST_TEST(s.lookAheadSeconds() == 48 * kHour);
    s.firstHours = 0;  // reminders off for the whole practice
    BOOST_TEST(!dueReminder(s, c, kStart - kHour).has_value());
    BOOST_TEST(s.lookAheadSeconds() == 0);
    // A second reminder not earlier than the first one is ignored.
    ReminderSettings odd = withSecond();
    odd.secondHours = 30;
    BOOST_TEST((dueReminder(odd, c, kStart - kHour) == ReminderKind::First));
}

BOOST_AUTO_TEST_CASE(kinds_read_and_write_as_the_database_stores_them) {
    BOOST_TEST(kindName(ReminderKind::First) == "first");
    BOOST_TEST(kindName(ReminderKind::Second) == "second");
    BOOST_TEST((kindFromName("second") == ReminderKind::Second));
    BOOST_TEST(!kindFromName("third").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
