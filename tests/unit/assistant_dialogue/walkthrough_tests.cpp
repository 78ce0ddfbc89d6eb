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

// Issue 17 (conversations_it_3's misses): the one kept named in a clause of its own, in
// Italian and in English; the wrong one is never offered for cancelling.
BOOST_AUTO_TEST_CASE(the_one_kept_in_a_clause_of_its_own_is_not_cancelled) {
    for (const auto& [lang, message] :
         {std::pair<std::string, std::string>{"it", "devo disdire quello della pelle, quello del cuore invece lo tengo"},
          {"en", "cancel the skin one, the heart one is fine"}}) {
        Chat c;
        c.lang = lang;
        const auto skin = c.scope.addAppointment(kMarino, march(5, 10));
        c.scope.addAppointment(kGreco, march(10, 14, 30));
        c.say(message);
        EXPECT_STATE(c, "cancel.confirm");
        EXPECT_REPLY_HAS(c, "Marino");
        EXPECT_REPLY_LACKS(c, "Greco");
        c.say(lang == "it" ? "sì" : "yes");
        BOOST_REQUIRE_EQUAL(c.scope.cancelled.size(), 1u);
        BOOST_CHECK(c.scope.cancelled[0] == skin);
    }
}

// "quella delle 11" when 09:00, 09:30 and 10:00 were shown: 11:00 that day, when it is free.
BOOST_AUTO_TEST_CASE(a_time_not_shown_is_taken_on_the_offered_day_when_free) {
    Chat c;
    c.lang = "it";
    c.say("vorrei una visita con la dottoressa Marino martedì 10");
    EXPECT_STATE(c, "book.slot");
    EXPECT_REPLY_LACKS(c, "11:00");
    c.say("quella delle 11");
    EXPECT_STATE(c, "book.reason");
    EXPECT_REPLY_HAS(c, "11:00");
    EXPECT_REPLY_HAS(c, "10 marzo");
    c.say("salta");
    c.say("sì");
    BOOST_REQUIRE_EQUAL(c.scope.booked.size(), 1u);
    BOOST_CHECK(c.scope.booked[0].start == march(10, 11));
}

// "the first one in the afternoon": the first of the afternoon's times, not the first shown,
// taken at once even when the afternoon's were not shown yet.
BOOST_AUTO_TEST_CASE(the_first_of_the_afternoon_is_the_first_afternoon_time) {
    Chat c;
    c.say("I'd like to see Dr. Greco on Thursday 12 March");
    EXPECT_STATE(c, "book.slot");
    c.say("the first one in the afternoon");  // none shown is: the first of the afternoon's
    EXPECT_STATE(c, "book.reason");
    EXPECT_REPLY_HAS(c, "Thursday 12 March at 14:00");
    Chat d;
    d.say("I'd like to see Dr. Greco on Tuesday 10 March");
    EXPECT_STATE(d, "book.slot");
    EXPECT_REPLY_LACKS(d, "14:00");
    d.say("the second in the afternoon");
    EXPECT_STATE(d, "book.reason");
    EXPECT_REPLY_HAS(d, "Tuesday 10 March at 14:30");
}

// A named doctor one has no booking with, and nothing that takes off or moves: a booking.
BOOST_AUTO_TEST_CASE(a_doctor_asked_for_is_a_booking_even_when_read_as_a_change) {
    for (const auto& [lang, message] :
         {std::pair<std::string, std::string>{"it", "eh buongiorno, me serve la dottoressa De Luca venerdì pomeriggio, "
                                                    "quella de la pelle"},
          {"en", "I'd like a cardiology appointment on the 18th, late afternoon if there's anything"}}) {
        Chat c;
        c.lang = lang;
        c.scope.addAppointment(kMarino, march(5, 10));
        c.scope.addAppointment(kGreco, march(10, 14, 30));
        c.say(message);
        BOOST_CHECK_MESSAGE(c.last.state.rfind("book.", 0) == 0, message << c.log());
        BOOST_CHECK(c.scope.noChanges());
    }
}

// "the last one on the list" while choosing a time is a pick: no cancelling of another
// appointment, whatever the model reads in it (conversations_en_2, en2-13).
BOOST_AUTO_TEST_CASE(a_pick_while_choosing_never_cancels_another_appointment) {
    Chat c;
    c.scope.addAppointment(kGreco, march(10, 14, 30));
    c.say("I'd like a cardiology appointment on the 18th, late afternoon if there's anything");
    EXPECT_STATE(c, "book.slot");
    c.say("the last one on the list");
    BOOST_CHECK_MESSAGE(c.last.state.rfind("book.", 0) == 0, c.log());
    EXPECT_REPLY_LACKS(c, "cancel");
    c.say("yes that's right");
    BOOST_CHECK(c.scope.cancelled.empty());
}

// "Dr Rossi - the cardiologist, not the GP": of the two Dr Rossi, the one not excluded (issue 15).
BOOST_AUTO_TEST_CASE(the_doctor_named_with_the_kind_not_wanted_is_the_other_one) {
    Chat c;
    c.say("I want an appointment with Dr Rossi - the cardiologist, not the GP - on Wednesday the 11th.");
    EXPECT_STATE(c, "book.slot");
    EXPECT_REPLY_HAS(c, "Paolo Rossi");
    EXPECT_REPLY_LACKS(c, "Giulia Rossi");
}

// The visit's reason may say "change" without changing an appointment.
BOOST_AUTO_TEST_CASE(a_reason_that_says_change_is_a_reason) {
    Chat c;
    c.scope.addAppointment(kMarino, march(5, 10));
    c.say("a dermatologist on Tuesday 17 March please");
    c.say("the second one");
    EXPECT_STATE(c, "book.reason");
    c.say("I have a mole that change the colour");
    EXPECT_STATE(c, "book.confirm");
    EXPECT_REPLY_HAS(c, "mole");
    c.say("yes");
    BOOST_CHECK_EQUAL(c.scope.booked.size(), 1u);
    BOOST_CHECK(c.scope.rescheduled.empty());
}

// The held-out conversations' wrong changes (conversations_it_4, conversations_en_3): a
// correction after "anzi no, intendevo", a yes that names another doctor, "not this week's",
// "the cardiology one, not the skin one" when asked which, a kind of doctor said in another
// clause. None may ever touch the appointment the patient did not mean.
BOOST_AUTO_TEST_CASE(corrections_and_exclusions_never_change_the_wrong_appointment) {
    struct Case {
        const char* lang;
        std::vector<const char*> messages;
        bool cancelSkin;  // else the cardiology one
    };
    const Case cases[] = {
        {"it", {"vorrei cancellare la visita dal cardiologo... anzi no scusa, intendevo la dermatologa, quella del "
                "cardiologo mi serve eccome", "sì"}, true},
        {"it", {"vorrei cancellare la visita dal cardiologo", "sì cancella quella della dottoressa Marino", "sì"}, true},
        {"en", {"drop the appointment next week pls, not this week's", "yep"}, false},
        {"en", {"Please cancel my appointment.", "the cardiology one, not the skin one", "yes"}, false},
    };
    for (const auto& k : cases) {
        Chat c;
        c.lang = k.lang;
        const auto skin = c.scope.addAppointment(kMarino, march(5, 10));
        const auto heart = c.scope.addAppointment(kGreco, march(10, 14, 30));
        for (const char* m : k.messages) c.say(m);
        BOOST_REQUIRE_MESSAGE(c.scope.cancelled.size() == 1u, c.log());
        BOOST_CHECK_MESSAGE(c.scope.cancelled[0] == (k.cancelSkin ? skin : heart), c.log());
    }
    Chat move;
    move.lang = "it";
    move.scope.addAppointment(kMarino, march(5, 10));
    move.scope.addAppointment(kGreco, march(10, 14, 30));
    move.say("posso spostare l'appuntamento della pelle a martedì 10? la mattina, così poi resto in zona per il "
             "cardiologo");
    EXPECT_REPLY_HAS(move, "Marino");
    EXPECT_REPLY_LACKS(move, "Greco");
}

BOOST_AUTO_TEST_SUITE_END()
