// Issue 15: every failure the unseen conversations and the browser walkthrough found, as a
// scripted conversation that a patient would notice going wrong. Today is Monday 2 March
// 2026, 09:00 in Rome (FakeScope).
#include <boost/test/unit_test.hpp>

#include "chat.hpp"

using namespace dialogue_test;

namespace {

// Dr. Giulia Rossi (general practice) Thursday 5 March 10:00, Dr. Alessandro Greco
// (cardiology) Tuesday 10 March 09:00, Dr. Anna De Luca (dermatology) Friday 13 March 15:00.
struct Three {
    Chat c;
    std::int64_t gp = 0, cardiology = 0, skin = 0;
    Three() {
        gp = c.scope.addAppointment(kGiuliaRossi, march(5, 10));
        cardiology = c.scope.addAppointment(kGreco, march(10, 9));
        skin = c.scope.addAppointment(kDeLuca, march(13, 15));
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(walkthrough)

BOOST_AUTO_TEST_CASE(a_toddler_with_blue_lips_gets_the_emergency_number_not_a_booking) {
    for (const char* message : {"my 2 year old is struggling to breathe and her lips look a bit blue",
                                "my baby fell and is not crying and not moving",
                                "My grandma is confused and can't lift her arm, it started 20 minutes ago",
                                "my teenager is threatening to jump"}) {
        Chat c;
        c.say(message);
        BOOST_CHECK_MESSAGE(c.last.intent == "emergency", message << c.log());
        BOOST_CHECK_MESSAGE(c.last.reply.rfind("Call 112", 0) == 0, message << c.log());
        EXPECT_STATE(c, "idle");
        BOOST_CHECK(c.scope.noChanges());
    }
}

BOOST_AUTO_TEST_CASE(a_day_the_practice_is_closed_is_named_and_the_nearest_times_offered) {
    // Issue 17: a holiday has no free times, and the assistant says why.
    Chat c;
    c.scope.closed.push_back({*medassist::scheduling::parseDate("2026-03-06"), medassist::i18n::Arg::msgid("Patron saint's day")});
    c.say("can I see Dr. Giulia Rossi on Friday 6 March?");
    EXPECT_REPLY_HAS(c, "closed on");
    EXPECT_REPLY_HAS(c, "Patron saint's day");
    BOOST_CHECK_MESSAGE(!c.last.suggestions.empty(), c.log());
    for (const auto& s : c.last.suggestions) BOOST_CHECK_MESSAGE(!contains(s.label, "6 Mar"), s.label << c.log());
}

BOOST_AUTO_TEST_CASE(dont_touch_the_cardiology_one_cancel_the_other) {
    Chat two;
    two.scope.addAppointment(kGiuliaRossi, march(5, 10));
    const auto cardiology = two.scope.addAppointment(kGreco, march(10, 9));
    two.say("don't touch my cardiology appointment, but cancel the other one");
    EXPECT_STATE(two, "cancel.confirm");
    EXPECT_REPLY_HAS(two, "Dr. Giulia Rossi");
    EXPECT_REPLY_LACKS(two, "Greco");
    two.say("yes");
    BOOST_REQUIRE_EQUAL(two.scope.cancelled.size(), 1u);
    BOOST_CHECK(two.scope.cancelled[0] != cardiology);
}

BOOST_AUTO_TEST_CASE(later_in_the_day_stays_on_the_same_day) {
    Chat c;
    c.scope.addAppointment(kPaoloRossi, march(11, 15));  // Wednesday 11 March 15:00, cardiology 15-18
    c.say("can I move my Wednesday appointment to later in the day, like after 3pm?");
    EXPECT_STATE(c, "reschedule.slot");
    BOOST_REQUIRE(!c.last.suggestions.empty());
    for (const auto& s : c.last.suggestions)
        BOOST_CHECK_MESSAGE(contains(s.label, "Wed 11 Mar") || !contains(s.label, "Mar"), s.label << c.log());
    BOOST_CHECK_MESSAGE(contains(c.last.suggestions.at(0).label, "Wed 11 Mar, 15:30"), c.log());
}

BOOST_AUTO_TEST_CASE(the_out_of_hours_number_in_the_faq_is_never_removed) {
    Chat c;
    c.say("who do I call at night when you're closed?");
    EXPECT_REPLY_HAS(c, "116117");
    BOOST_CHECK(!c.hasEvent("output_redacted"));
}

BOOST_AUTO_TEST_CASE(polite_rambling_openings_and_needs_are_bookings) {
    for (const char* message :
         {"Hi there! I was wondering whether it would be possible to get an appointment with a dermatologist on "
          "Thursday morning? Many thanks",
          "my baby needs her 6 month jabs", "my son has had an earache, can we see the paediatrician?",
          "a dermatologist appointment at the end of January", "I'm not feeling well, help me find a doctor"}) {
        Chat c;
        c.scope.caregiver = true;  // a parent acting for the child
        c.say(message);
        BOOST_CHECK_MESSAGE(c.last.intent == "book_appointment", message << c.log());
        BOOST_CHECK_MESSAGE(c.last.state.rfind("book.", 0) == 0, message << c.log());
    }
}

BOOST_AUTO_TEST_CASE(a_specialist_the_practice_lacks_gets_the_ones_it_has) {
    Chat c;
    c.say("I need to find a dentist");
    BOOST_CHECK_EQUAL(c.last.intent, "book_appointment");
    EXPECT_REPLY_HAS(c, "we don't have a dentist");
    EXPECT_REPLY_HAS(c, "dermatology");
    EXPECT_STATE(c, "book.specialty");
    c.say("dermatology then");
    EXPECT_STATE(c, "book.day");
}

BOOST_AUTO_TEST_CASE(whenever_is_soonest_offers_the_earliest) {
    Chat c;
    c.say("I'd like to see a cardiologist");
    EXPECT_STATE(c, "book.day");
    c.say("whenever is soonest");
    EXPECT_STATE(c, "book.slot");
    BOOST_CHECK_MESSAGE(contains(c.last.suggestions.at(0).label, "Mon 2 Mar, 15:00"), c.log());  // today
}

BOOST_AUTO_TEST_CASE(a_practice_question_mid_booking_is_answered_and_the_booking_resumes) {
    Chat c;
    c.say("I'd like to see a dermatologist");
    EXPECT_STATE(c, "book.day");
    c.say("oh btw is there parking near you?");
    EXPECT_REPLY_HAS(c, "parking");
    EXPECT_REPLY_LACKS(c, "I don't know");
    EXPECT_STATE(c, "book.day");
}

BOOST_AUTO_TEST_CASE(afternoon_means_from_two) {
    Chat c;
    c.say("I need to see Dr Esposito tomorrow afternoon");
    EXPECT_STATE(c, "book.slot");
    BOOST_REQUIRE(!c.last.suggestions.empty());
    BOOST_CHECK_MESSAGE(contains(c.last.suggestions.at(0).label, "14:00"), c.log());
    for (const auto& s : c.last.suggestions) BOOST_CHECK_MESSAGE(!contains(s.label, "12:"), s.label);
}

BOOST_AUTO_TEST_CASE(thursday_instead_while_moving_looks_at_thursday) {
    Chat c;
    c.scope.addAppointment(kGiuliaRossi, march(5, 10));
    c.say("move my appointment with Dr Rossi to next Tuesday");
    EXPECT_STATE(c, "reschedule.slot");
    c.say("anything on Thursday instead?");  // this Thursday, the 5th, other times than the one held
    EXPECT_STATE(c, "reschedule.slot");
    BOOST_REQUIRE(!c.last.suggestions.empty());
    for (const auto& s : c.last.suggestions) BOOST_CHECK_MESSAGE(contains(s.label, "Thu 5 Mar"), s.label << c.log());
    EXPECT_REPLY_LACKS(c, "Tuesday");
}

BOOST_AUTO_TEST_CASE(no_keep_it_as_it_is_ends_the_move) {
    Chat c;
    c.scope.addAppointment(kGiuliaRossi, march(5, 10));
    c.say("move my appointment with Dr Rossi");
    EXPECT_STATE(c, "reschedule.slot");
    c.say("no, keep it as it is");
    EXPECT_STATE(c, "idle");
    BOOST_CHECK(c.scope.noChanges());
    EXPECT_REPLY_LACKS(c, "When would you like");
}

BOOST_AUTO_TEST_CASE(open_on_christmas_day_is_answered) {
    Chat c;
    c.say("Open on Christmas day?");
    EXPECT_REPLY_LACKS(c, "I don't know");
    EXPECT_REPLY_HAS(c, "holidays");
}

BOOST_AUTO_TEST_CASE(a_patient_is_not_booked_in_their_childs_place) {
    Chat c;  // signed in as Maria herself, not as a caregiver
    c.say("my son has a fever, can he see a doctor tomorrow?");
    BOOST_CHECK(c.scope.noChanges());
    EXPECT_STATE(c, "idle");
    EXPECT_REPLY_HAS(c, "your own appointments");
}

BOOST_AUTO_TEST_CASE(references_to_the_patients_own_appointments) {
    {
        Three t;
        t.c.say("cancel the later one");
        EXPECT_STATE(t.c, "cancel.confirm");
        EXPECT_REPLY_HAS(t.c, "Dr. Anna De Luca");
    }
    {
        Three t;
        t.c.say("I'd like to cancel the skin one");
        EXPECT_STATE(t.c, "cancel.confirm");
        EXPECT_REPLY_HAS(t.c, "Dr. Anna De Luca");
    }
    {
        Three t;
        t.c.say("move the heart one to next week");
        EXPECT_STATE(t.c, "reschedule.slot");
        EXPECT_REPLY_HAS(t.c, "Dr. Alessandro Greco");
    }
    {
        Chat c;
        c.scope.addAppointment(kGiuliaRossi, march(5, 10));
        c.scope.addAppointment(kDeLuca, march(13, 15));
        c.say("cancel all my appointments");
        EXPECT_STATE(c, "cancel.confirm");
        EXPECT_REPLY_HAS(c, "both");
        c.say("yes");
        BOOST_CHECK_EQUAL(c.scope.cancelled.size(), 2u);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(walkthrough_faq)

// A question about the practice that the model may call out of scope is still answered when
// the FAQ explains it.
BOOST_AUTO_TEST_CASE(directions_from_the_station_come_from_the_faq) {
    Chat c;
    c.say("what's the best way to reach you from the train station?");
    BOOST_CHECK_MESSAGE(c.last.intent == "faq", c.log());
    EXPECT_REPLY_HAS(c, "Termini");
}

BOOST_AUTO_TEST_SUITE_END()
