// Cancelling and moving the subject's own appointments by reference, always with a
// confirmation first: by doctor, weekday, date, "my next one", a choice when the reference
// fits several (two Dr. Rossi), none found, the cutoff, a slot taken meanwhile.
#include <boost/test/unit_test.hpp>

#include "chat.hpp"

using namespace dialogue_test;

namespace {

constexpr std::int64_t kThursdayRossi = 101, kFridayDeLuca = 102;

Chat withAppointments() {
    Chat c;
    BOOST_REQUIRE_EQUAL(c.scope.addAppointment(kGiuliaRossi, march(5, 10)), kThursdayRossi);
    BOOST_REQUIRE_EQUAL(c.scope.addAppointment(kDeLuca, march(13, 15)), kFridayDeLuca);
    return c;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cancel)

BOOST_AUTO_TEST_CASE(by_doctor_confirmed) {
    Chat c = withAppointments();
    c.say("cancel my appointment with Dr. Rossi");  // two Rossis practise here; only Giulia sees Maria
    EXPECT_STATE(c, "cancel.confirm");
    EXPECT_REPLY_HAS(c, "Shall I cancel your appointment on Thursday 5 March at 10:00 with Dr. Giulia Rossi?");
    BOOST_CHECK_EQUAL(c.button("Yes"), "yes");
    BOOST_CHECK_EQUAL(c.button("No"), "no");
    BOOST_CHECK(c.scope.cancelled.empty());
    c.say("yes");
    BOOST_REQUIRE_EQUAL(c.scope.cancelled.size(), 1u);
    BOOST_CHECK_EQUAL(c.scope.cancelled[0], kThursdayRossi);
    EXPECT_REPLY_HAS(c, "I've cancelled your appointment on Thursday 5 March at 10:00 with Dr. Giulia Rossi.");
    BOOST_CHECK(c.hasEvent("cancelled"));
    EXPECT_STATE(c, "idle");
}

BOOST_AUTO_TEST_CASE(deny_keeps_the_appointment) {
    Chat c = withAppointments();
    c.say("cancel my appointment with Dr. Giulia Rossi");
    c.say("no");
    EXPECT_REPLY_HAS(c, "I haven't cancelled anything");
    EXPECT_REPLY_HAS(c, "stays as it is");
    EXPECT_STATE(c, "idle");
    BOOST_CHECK(c.scope.noChanges());
    BOOST_CHECK_EQUAL(c.scope.upcoming().size(), 2u);
}

BOOST_AUTO_TEST_CASE(by_date_weekday_and_next) {
    {
        Chat c = withAppointments();
        c.say("cancel the one on the 13th");
        EXPECT_STATE(c, "cancel.confirm");
        EXPECT_REPLY_HAS(c, "Friday 13 March at 15:00 with Dr. Anna De Luca");
        c.say("yes please");
        BOOST_REQUIRE_EQUAL(c.scope.cancelled.size(), 1u);
        BOOST_CHECK_EQUAL(c.scope.cancelled[0], kFridayDeLuca);
    }
    {
        Chat c = withAppointments();
        c.say("please cancel Thursday's appointment");
        EXPECT_STATE(c, "cancel.confirm");
        EXPECT_REPLY_HAS(c, "Thursday 5 March at 10:00");
    }
    {
        Chat c = withAppointments();
        c.say("cancel my next appointment");
        EXPECT_STATE(c, "cancel.confirm");
        EXPECT_REPLY_HAS(c, "Thursday 5 March at 10:00");
        c.say("yes");
        BOOST_CHECK_EQUAL(c.scope.cancelled.at(0), kThursdayRossi);
    }
}

BOOST_AUTO_TEST_CASE(several_fit_asks_which_with_buttons) {
    Chat c = withAppointments();
    c.say("I need to cancel an appointment");
    EXPECT_STATE(c, "cancel.which");
    BOOST_REQUIRE_EQUAL(c.last.suggestions.size(), 2u);
    BOOST_CHECK_EQUAL(c.last.suggestions[0].label, "Thu 5 Mar, 10:00 with Dr. Giulia Rossi");
    BOOST_CHECK_EQUAL(c.last.suggestions[0].message, "option 1");
    BOOST_CHECK_EQUAL(c.last.suggestions[1].label, "Fri 13 Mar, 15:00 with Dr. Anna De Luca");
    c.press("Fri 13 Mar");
    EXPECT_STATE(c, "cancel.confirm");
    c.press("Yes");
    BOOST_CHECK_EQUAL(c.scope.cancelled.at(0), kFridayDeLuca);
}

BOOST_AUTO_TEST_CASE(two_doctors_called_rossi) {
    Chat c = withAppointments();
    c.scope.addAppointment(kPaoloRossi, march(11, 15));  // 103
    c.say("cancel my appointment with Dr Rossi");
    EXPECT_STATE(c, "cancel.which");
    EXPECT_REPLY_HAS(c, "1. Thursday 5 March at 10:00 with Dr. Giulia Rossi");
    EXPECT_REPLY_HAS(c, "2. Wednesday 11 March at 15:00 with Dr. Paolo Rossi");
    EXPECT_REPLY_LACKS(c, "De Luca");
    c.say("the one with Paolo Rossi");
    EXPECT_STATE(c, "cancel.confirm");
    c.say("yes");
    BOOST_CHECK_EQUAL(c.scope.cancelled.at(0), 103);
}

BOOST_AUTO_TEST_CASE(a_reference_that_fits_nothing_lists_them_all) {
    Chat c = withAppointments();
    c.say("cancel my appointment with Dr Greco");
    EXPECT_REPLY_HAS(c, "I couldn't find an appointment that matches that.");
    EXPECT_STATE(c, "cancel.which");
    BOOST_CHECK_EQUAL(c.last.suggestions.size(), 2u);
    c.say("never mind");
    EXPECT_STATE(c, "idle");
    BOOST_CHECK(c.scope.noChanges());
}

BOOST_AUTO_TEST_CASE(nothing_to_cancel) {
    Chat c;
    c.say("cancel my appointment");
    EXPECT_REPLY_HAS(c, "You have no upcoming appointments to cancel.");
    EXPECT_STATE(c, "idle");
    BOOST_CHECK_EQUAL(c.button("Book"), "Book an appointment");
}

BOOST_AUTO_TEST_CASE(inside_the_cutoff_points_to_the_phone) {
    Chat c;
    c.scope.addAppointment(kEsposito, march(2, 16), /*changeable=*/false);
    c.say("cancel my appointment with Dr Esposito");
    EXPECT_REPLY_HAS(c, "too close to cancel here");
    EXPECT_REPLY_HAS(c, kPracticePhone);
    EXPECT_STATE(c, "idle");
    BOOST_CHECK(c.scope.noChanges());

    // the scheduling service has the last word: its cutoff message is relayed, with the phone
    Chat d = withAppointments();
    d.scope.cutoffOnChange = true;
    d.say("cancel Thursday's appointment");
    d.say("yes");
    BOOST_CHECK(d.scope.cancelled.empty());
    EXPECT_REPLY_HAS(d, "can't be cancelled online less than 24 hours before they start");
    EXPECT_REPLY_HAS(d, kPracticePhone);
    EXPECT_STATE(d, "idle");
}

// Issue 22: where online changes are closed, the reply says why and how to reach the
// practice now: open until when, or when it opens again (today is Monday 2 March, 09:00).
BOOST_AUTO_TEST_CASE(inside_the_cutoff_says_why_and_whether_the_practice_is_open_now) {
    Chat closed;
    closed.scope.addAppointment(kEsposito, march(2, 16), /*changeable=*/false);
    closed.scope.openNow = ScopeOpening{true, false, 0, march(3, 8)};
    closed.say("cancel my appointment with Dr Esposito");
    EXPECT_REPLY_HAS(closed, "Appointments can't be cancelled online less than 24 hours before they start.");
    EXPECT_REPLY_HAS(closed, kPracticePhone);
    EXPECT_REPLY_HAS(closed, "The practice is closed now. It opens again tomorrow at 08:00.");
    BOOST_CHECK(closed.scope.noChanges());

    Chat open;
    open.scope.addAppointment(kEsposito, march(2, 16), /*changeable=*/false);
    open.scope.openNow = ScopeOpening{true, true, march(2, 19), 0};
    open.say("move my appointment with Dr Esposito");
    EXPECT_REPLY_HAS(open, "Appointments can't be moved online less than 24 hours before they start.");
    EXPECT_REPLY_HAS(open, "The practice is open now, until 19:00.");
    EXPECT_STATE(open, "idle");

    Chat weekend;  // after the weekly hours, on a later day
    weekend.scope.addAppointment(kEsposito, march(2, 16), /*changeable=*/false);
    weekend.scope.openNow = ScopeOpening{true, false, 0, march(4, 9, 30)};
    weekend.say("cancel my appointment with Dr Esposito");
    EXPECT_REPLY_HAS(weekend, "It opens again on Wednesday 4 March at 09:30.");

    Chat italian;
    italian.lang = "it";
    italian.scope.addAppointment(kEsposito, march(2, 16), /*changeable=*/false);
    italian.scope.openNow = ScopeOpening{true, false, 0, march(3, 8)};
    italian.say("vorrei disdire il mio appuntamento con il dottor Esposito");
    EXPECT_REPLY_HAS(italian, "24 ore");
    EXPECT_REPLY_HAS(italian, "Riapre domani alle 08:00.");
}

BOOST_AUTO_TEST_CASE(a_question_before_confirming_resumes_the_cancellation) {
    Chat c = withAppointments();
    c.say("cancel my appointment with Dr. Giulia Rossi");
    c.say("where is the practice?");
    EXPECT_REPLY_HAS(c, "Via dei Mille");
    EXPECT_REPLY_HAS(c, "Now, back to your cancellation: Shall I cancel your appointment");
    EXPECT_STATE(c, "cancel.confirm");
    c.say("yes");
    BOOST_CHECK_EQUAL(c.scope.cancelled.size(), 1u);
}

BOOST_AUTO_TEST_CASE(caregiver_cancels_for_the_patient) {
    Chat c = withAppointments();
    c.scope.caregiver = true;
    c.scope.firstName = "Luca";
    c.say("cancel his appointment on the 13th");
    EXPECT_REPLY_HAS(c, "Shall I cancel Luca's appointment on Friday 13 March at 15:00");
    c.say("yes");
    EXPECT_REPLY_HAS(c, "I've cancelled Luca's appointment");
    BOOST_CHECK_EQUAL(c.scope.cancelled.at(0), kFridayDeLuca);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(reschedule)

BOOST_AUTO_TEST_CASE(move_thursdays_to_next_week) {
    Chat c = withAppointments();
    c.say("move Thursday's to next week");
    EXPECT_STATE(c, "reschedule.slot");
    EXPECT_REPLY_HAS(c, "Thursday 5 March at 10:00 with Dr. Giulia Rossi");
    BOOST_CHECK_EQUAL(c.last.suggestions.at(0).label, "Mon 9 Mar, 09:00 with Dr. Giulia Rossi");
    for (const auto& s : c.last.suggestions) BOOST_CHECK(contains(s.label, "Dr. Giulia Rossi"));  // same doctor
    c.say("option 2");
    EXPECT_STATE(c, "reschedule.confirm");
    EXPECT_REPLY_HAS(c, "Shall I move your appointment with Dr. Giulia Rossi from Thursday 5 March at 10:00 to "
                        "Monday 9 March at 09:30?");
    BOOST_CHECK(c.scope.noChanges());
    c.say("yes");
    BOOST_REQUIRE_EQUAL(c.scope.rescheduled.size(), 1u);
    BOOST_CHECK_EQUAL(c.scope.rescheduled[0].id, kThursdayRossi);
    BOOST_CHECK_EQUAL(c.scope.rescheduled[0].newStart, march(9, 9, 30));
    EXPECT_REPLY_HAS(c, "your appointment with Dr. Giulia Rossi is now on Monday 9 March at 09:30.");
    BOOST_CHECK(c.hasEvent("rescheduled"));
    EXPECT_STATE(c, "idle");
}

BOOST_AUTO_TEST_CASE(step_by_step_and_deny) {
    Chat c = withAppointments();
    c.say("I need to reschedule an appointment");
    EXPECT_STATE(c, "reschedule.which");
    c.say("the one with Dr De Luca");
    EXPECT_STATE(c, "reschedule.slot");
    EXPECT_REPLY_HAS(c, "When would you like to move it to?");
    c.say("next Wednesday afternoon");
    EXPECT_STATE(c, "reschedule.slot");
    BOOST_CHECK_EQUAL(c.last.suggestions.at(0).label, "Wed 11 Mar, 14:00 with Dr. Anna De Luca");
    c.say("the 14:30");
    EXPECT_STATE(c, "reschedule.confirm");
    EXPECT_REPLY_HAS(c, "from Friday 13 March at 15:00 to Wednesday 11 March at 14:30");
    c.say("no");
    EXPECT_REPLY_HAS(c, "I haven't changed anything");
    EXPECT_STATE(c, "idle");
    BOOST_CHECK(c.scope.noChanges());
}

BOOST_AUTO_TEST_CASE(the_day_wished_for_with_instead) {
    Chat c;
    c.scope.addAppointment(kGiuliaRossi, march(5, 10));
    c.say("can we do Friday instead?");  // the only appointment: moved to Friday 6 March
    EXPECT_STATE(c, "reschedule.slot");
    BOOST_CHECK_EQUAL(c.last.suggestions.at(0).label, "Fri 6 Mar, 09:00 with Dr. Giulia Rossi");
}

BOOST_AUTO_TEST_CASE(move_my_appointment_to_a_day) {
    Chat c;
    c.scope.addAppointment(kGiuliaRossi, march(5, 10));
    c.say("Can you move my appointment to Friday?");
    EXPECT_STATE(c, "reschedule.slot");
    BOOST_CHECK_EQUAL(c.last.suggestions.at(0).label, "Fri 6 Mar, 09:00 with Dr. Giulia Rossi");
    c.say("the first one");
    EXPECT_STATE(c, "reschedule.confirm");
    c.say("yes");
    BOOST_REQUIRE_EQUAL(c.scope.rescheduled.size(), 1u);
    BOOST_CHECK_EQUAL(c.scope.rescheduled[0].newStart, march(6, 9));
}

BOOST_AUTO_TEST_CASE(a_slot_taken_meanwhile) {
    Chat c = withAppointments();
    c.scope.takenMeanwhile = march(9, 9);
    c.say("move my appointment on the 5th to next Monday");
    EXPECT_STATE(c, "reschedule.slot");
    c.say("option 1");
    c.say("yes");
    BOOST_CHECK(c.scope.rescheduled.empty());
    EXPECT_REPLY_HAS(c, "was just taken");
    EXPECT_STATE(c, "reschedule.slot");
    BOOST_CHECK_EQUAL(c.last.suggestions.at(0).label, "Mon 9 Mar, 09:30 with Dr. Giulia Rossi");
    c.say("option 1");
    c.say("yes");
    BOOST_REQUIRE_EQUAL(c.scope.rescheduled.size(), 1u);
    BOOST_CHECK_EQUAL(c.scope.rescheduled[0].newStart, march(9, 9, 30));
}

BOOST_AUTO_TEST_CASE(an_emergency_while_moving_changes_nothing) {
    Chat c = withAppointments();
    c.say("move Thursday's to next week");
    c.say("option 1");
    EXPECT_STATE(c, "reschedule.confirm");
    c.say("my face is drooping and my speech is slurred");
    BOOST_CHECK_EQUAL(c.last.intent, "emergency");
    EXPECT_STATE(c, "idle");
    c.say("yes");
    BOOST_CHECK(c.scope.noChanges());
}

// "I need to change my appointment with Dr De Luca. Can I come on Thursday 26 March instead":
// the "to" of "need to change" is no "move it to ..."; the doctor names the appointment and the
// day is the new one. Then a time the list did not show, free that day, is taken at once.
BOOST_AUTO_TEST_CASE(the_day_after_need_to_is_the_new_day_and_an_unshown_free_time_is_taken) {
    Chat c = withAppointments();
    c.say("I need to change my appointment with Dr De Luca. Can I come on Wednesday 18 March instead");
    EXPECT_STATE(c, "reschedule.slot");
    EXPECT_REPLY_HAS(c, "OK, let's move your appointment on Friday 13 March at 15:00 with Dr. Anna De Luca.");
    EXPECT_REPLY_HAS(c, "1. Wednesday 18 March at 14:00 with Dr. Anna De Luca");
    c.say("the 4 o'clock");
    EXPECT_STATE(c, "reschedule.confirm");
    EXPECT_REPLY_HAS(c, "to Wednesday 18 March at 16:00?");
    c.say("yes");
    BOOST_REQUIRE_EQUAL(c.scope.rescheduled.size(), 1u);
    BOOST_CHECK_EQUAL(c.scope.rescheduled[0].newStart, march(18, 16));
}

// "push the heart doctor appointment back a week": "push ... back" moves it, however many
// words stand between.
BOOST_AUTO_TEST_CASE(pushing_an_appointment_back_moves_it) {
    Chat c;
    c.scope.addAppointment(kMarino, march(5, 10));
    c.scope.addAppointment(kGreco, march(10, 14, 30));
    c.say("need to push the heart doctor appointment back a week, to the 17th");
    EXPECT_STATE(c, "reschedule.slot");
    EXPECT_REPLY_HAS(c, "move your appointment on Tuesday 10 March at 14:30 with Dr. Alessandro Greco");
    BOOST_TEST(c.scope.booked.empty());
}

// Kept ones and corrections while cancelling (conversations_en_4's three wrong cancels): "keep
// next week's", "Dermatology keep.", and "no wait, I mean the skin one" at the confirmation.
BOOST_AUTO_TEST_CASE(the_one_kept_is_never_the_one_cancelled) {
    const auto withTwo = [] {
        Chat c;
        c.scope.addAppointment(kMarino, march(5, 10));
        c.scope.addAppointment(kGreco, march(10, 14, 30));
        return c;
    };
    Chat a = withTwo();
    a.say("ok cancel the one this week, keep next week's");
    EXPECT_REPLY_HAS(a, "Thursday 5 March at 10:00 with Dr. Sofia Marino?");
    Chat b = withTwo();
    b.say("Hello, I want to cancel my cardiology visit. Dermatology keep.");
    EXPECT_REPLY_HAS(b, "Tuesday 10 March at 14:30 with Dr. Alessandro Greco?");
    Chat c = withTwo();
    c.say("cancel the heart appointment");
    EXPECT_REPLY_HAS(c, "Tuesday 10 March at 14:30 with Dr. Alessandro Greco?");
    c.say("no wait, sorry, I mean the skin one. keep the heart one!");
    EXPECT_STATE(c, "cancel.confirm");
    EXPECT_REPLY_HAS(c, "Thursday 5 March at 10:00 with Dr. Sofia Marino?");
    c.say("yes, cancel the skin one");
    BOOST_REQUIRE_EQUAL(c.scope.cancelled.size(), 1u);
    // "lo riprenoto io più avanti" beside a yes names no other appointment.
    Chat d = withTwo();
    d.lang = "it";
    d.say("può cancellarmi l'appuntamento di giovedì?");
    d.say("sì, lo cancelli pure, lo riprenoto io più avanti");
    BOOST_REQUIRE_EQUAL(d.scope.cancelled.size(), 1u);
    BOOST_TEST(a.scope.noChanges());
    BOOST_TEST(b.scope.noChanges());
}

// "la visita del 5 con la dermatologa ... lo stesso giorno del cardiologo? il 10 la mattina": the
// first day names the appointment, the later one is the new day.
BOOST_AUTO_TEST_CASE(the_first_day_names_the_appointment_the_later_the_new_day) {
    Chat c;
    c.lang = "it";
    c.scope.addAppointment(kMarino, march(5, 10));
    c.scope.addAppointment(kGreco, march(10, 14, 30));
    c.say("la visita del 5 con la dermatologa la posso mettere lo stesso giorno del cardiologo? il 10 la mattina");
    EXPECT_STATE(c, "reschedule.slot");
    EXPECT_REPLY_HAS(c, "spostiamo il suo appuntamento di giovedì 5 marzo alle 10:00 con Dr. Sofia Marino");
    BOOST_TEST(c.scope.noChanges());
}

// A learner's "the appointment of the skin" names the dermatology one.
BOOST_AUTO_TEST_CASE(the_appointment_of_the_skin_is_the_dermatology_one) {
    Chat c;
    c.scope.addAppointment(kMarino, march(5, 10));
    c.scope.addAppointment(kGreco, march(10, 14, 30));
    c.say("I need change the appointment of the skin for other day, maybe Thursday 19 of March?");
    EXPECT_STATE(c, "reschedule.slot");
    EXPECT_REPLY_HAS(c, "move your appointment on Thursday 5 March at 10:00 with Dr. Sofia Marino");
    EXPECT_REPLY_HAS(c, "1. Thursday 19 March at 09:00 with Dr. Sofia Marino");
}

// While moving, a day after "no wait" is the new day, not the appointment on that weekday.
BOOST_AUTO_TEST_CASE(a_corrected_day_is_the_new_day_of_the_appointment_named_before) {
    Chat c;
    c.scope.addAppointment(kMarino, march(5, 10));
    c.scope.addAppointment(kGreco, march(10, 14, 30));
    c.say("move my cardiology appointment to Thursday 12th, no wait, make that Thursday 19th");
    EXPECT_STATE(c, "reschedule.slot");
    EXPECT_REPLY_HAS(c, "move your appointment on Tuesday 10 March at 14:30 with Dr. Alessandro Greco");
    EXPECT_REPLY_HAS(c, "Thursday 19 March");
    BOOST_TEST(c.scope.noChanges());
}

// "disdici la dermatologia... volevo dire la cardiologia! la dermatologa mi serve": the correction
// names the appointment, and the one the patient still needs is kept.
BOOST_AUTO_TEST_CASE(the_correction_names_the_appointment_and_the_one_still_needed_is_kept) {
    Chat c;
    c.lang = "it";
    c.scope.addAppointment(kMarino, march(5, 10));
    c.scope.addAppointment(kGreco, march(10, 14, 30));
    c.say("disdici la dermatologia... no scusa, ho sbagliato, volevo dire la cardiologia! la dermatologa mi serve");
    EXPECT_STATE(c, "cancel.confirm");
    EXPECT_REPLY_HAS(c, "martedì 10 marzo alle 14:30 con Dr. Alessandro Greco?");
    Chat d;
    d.lang = "it";
    d.scope.addAppointment(kMarino, march(5, 10));
    d.scope.addAppointment(kGreco, march(10, 14, 30));
    d.say("disdici la cardiologia! la dermatologa mi serve");
    EXPECT_REPLY_HAS(d, "martedì 10 marzo alle 14:30 con Dr. Alessandro Greco?");
}

// "un altro appuntamento ... oltre a quello che ho già": a new booking, the one held stays.
BOOST_AUTO_TEST_CASE(another_appointment_beside_the_one_held_is_a_booking) {
    Chat c;
    c.lang = "it";
    c.scope.addAppointment(kMarino, march(5, 10));
    c.say("Vorrei anche un altro appuntamento dalla dottoressa Sofia Marino, martedì 17 marzo, oltre a quello che ho "
          "già giovedì");
    EXPECT_STATE(c, "book.slot");
    EXPECT_REPLY_HAS(c, "martedì 17 marzo");
    BOOST_TEST(c.scope.noChanges());
}

// "push it back by a week", "rimandare la visita del 5 di due settimane", "anticipare di una
// settimana": the day it is on, so many days later or earlier.
BOOST_AUTO_TEST_CASE(a_move_by_so_many_weeks_or_days) {
    Chat c;
    c.lang = "it";
    c.scope.addAppointment(kMarino, march(5, 10));
    c.scope.addAppointment(kGreco, march(10, 14, 30));
    c.say("devo rimandare la visita del 5 di due settimane");
    EXPECT_STATE(c, "reschedule.slot");
    EXPECT_REPLY_HAS(c, "con Dr. Sofia Marino giovedì 19 marzo");
    Chat d;
    d.scope.addAppointment(kMarino, march(5, 10));
    d.scope.addAppointment(kGreco, march(10, 14, 30));
    d.say("can you push my cardiology appointment back by a week?");
    EXPECT_REPLY_HAS(d, "with Dr. Alessandro Greco on Tuesday 17 March");
    Chat e;
    e.lang = "it";
    e.scope.addAppointment(kGreco, march(10, 14, 30));
    e.say("vorrei anticipare il cardiologo di una settimana");
    EXPECT_REPLY_HAS(e, "con Dr. Alessandro Greco martedì 3 marzo");
    BOOST_TEST(c.scope.noChanges());
}

// "the one on the tenth" in the which step is the day of the month one is on, not a tenth place.
BOOST_AUTO_TEST_CASE(the_one_on_the_tenth_is_the_appointment_on_the_tenth) {
    Chat c;
    c.scope.addAppointment(kMarino, march(5, 10));
    c.scope.addAppointment(kGreco, march(10, 14, 30));
    c.say("cancel my appointment");
    EXPECT_STATE(c, "cancel.which");
    c.say("the one on the tenth");
    EXPECT_STATE(c, "cancel.confirm");
    EXPECT_REPLY_HAS(c, "Tuesday 10 March at 14:30 with Dr. Alessandro Greco?");
    BOOST_TEST(c.scope.noChanges());
}

// A visit one has, said not to suit ("io non posso", "non riesco a venire giovedì dalla
// dottoressa Marino"), is moved, not booked twice; "il giovedì dopo" is the Thursday after it.
// "mi serve la dermatologa tra dieci giorni, prima non riesco" stays a new booking.
BOOST_AUTO_TEST_CASE(a_visit_said_not_to_suit_is_moved_to_the_day_asked) {
    Chat c;
    c.lang = "it";
    c.scope.addAppointment(kMarino, march(5, 10));
    c.scope.addAppointment(kGreco, march(10, 14, 30));
    c.say("buongiorno, appuntamento con dottor Greco martedì 10 io non posso, lavoro. possibile giovedì 5?");
    EXPECT_STATE(c, "reschedule.slot");
    EXPECT_REPLY_HAS(c, "con Dr. Alessandro Greco giovedì 5 marzo");
    Chat d;
    d.lang = "it";
    d.scope.addAppointment(kMarino, march(5, 10));
    d.say("non riesco a venire giovedì dalla dottoressa Marino, ho un funerale. Posso venire il giovedì dopo?");
    EXPECT_STATE(d, "reschedule.slot");
    EXPECT_REPLY_HAS(d, "con Dr. Sofia Marino giovedì 12 marzo");
    Chat e;
    e.lang = "it";
    e.scope.addAppointment(kMarino, march(5, 10));
    e.say("ciao! mi servirebbe la dermatologa tra dieci giorni, prima proprio non riesco");
    EXPECT_STATE(e, "book.slot");
    BOOST_TEST(c.scope.noChanges());
    BOOST_TEST(d.scope.noChanges());
    BOOST_TEST(e.scope.noChanges());
}

BOOST_AUTO_TEST_SUITE_END()
