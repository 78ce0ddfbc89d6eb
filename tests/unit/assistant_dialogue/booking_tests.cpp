// Booking conversations as a patient has them: all in one sentence or step by step, by
// doctor or by specialty (lay words too), picking by number, by time or by button;
// corrections, side questions, "start over", a slot taken meanwhile, the booking limit.
// Each asserts what the patient would notice: what the fake practice booked, the reply,
// the buttons and where the conversation stands.
#include <boost/test/unit_test.hpp>

#include "chat.hpp"

using namespace dialogue_test;

namespace {

// The subject's two appointments in most conversations.
Chat withAppointments() {
    Chat c;
    c.scope.addAppointment(kGiuliaRossi, march(5, 10));  // id 101, Thursday
    c.scope.addAppointment(kDeLuca, march(13, 15));      // id 102, Friday the 13th
    return c;
}

std::vector<std::string> labels(const TurnResult& r) {
    std::vector<std::string> out;
    for (const auto& s : r.suggestions) out.push_back(s.label);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(booking)

BOOST_AUTO_TEST_CASE(all_in_one_sentence_offers_three_real_slots_and_books_the_pick) {
    Chat c = withAppointments();
    c.say("I need to see a dermatologist next week, mornings if possible");
    EXPECT_STATE(c, "book.slot");
    BOOST_CHECK_EQUAL(c.last.intent, "book_appointment");
    // Dr. Marino works Tuesday and Thursday mornings, Dr. De Luca afternoons only.
    const std::vector<std::string> expected{"Tue 10 Mar, 09:00 with Dr. Sofia Marino",
                                            "Tue 10 Mar, 09:30 with Dr. Sofia Marino",
                                            "Tue 10 Mar, 10:00 with Dr. Sofia Marino"};
    const auto got = labels(c.last);
    BOOST_CHECK_EQUAL_COLLECTIONS(got.begin(), got.end(), expected.begin(), expected.end());
    BOOST_REQUIRE_EQUAL(c.last.suggestions.size(), 3u);
    BOOST_CHECK_EQUAL(c.last.suggestions[1].message, "option 2");
    EXPECT_REPLY_HAS(c, "1. Tuesday 10 March at 09:00 with Dr. Sofia Marino");
    EXPECT_REPLY_HAS(c, "3. Tuesday 10 March at 10:00 with Dr. Sofia Marino");
    EXPECT_REPLY_HAS(c, "in the morning");

    c.say("the second one");
    EXPECT_STATE(c, "book.reason");
    EXPECT_REPLY_HAS(c, "Tuesday 10 March at 09:30 with Dr. Sofia Marino");
    BOOST_CHECK_EQUAL(c.button("Skip"), "skip");

    c.say("a mole check");
    EXPECT_STATE(c, "book.confirm");
    EXPECT_REPLY_HAS(c, "Shall I book an appointment with Dr. Sofia Marino on Tuesday 10 March at 09:30");
    EXPECT_REPLY_HAS(c, "a mole check");
    BOOST_CHECK(c.scope.booked.empty());  // nothing before the yes

    c.say("yes");
    BOOST_REQUIRE_EQUAL(c.scope.booked.size(), 1u);
    BOOST_CHECK_EQUAL(c.scope.booked[0].doctorId, kMarino);
    BOOST_CHECK_EQUAL(c.scope.booked[0].start, march(10, 9, 30));
    BOOST_CHECK_EQUAL(c.scope.booked[0].reason, "a mole check");
    EXPECT_REPLY_HAS(c, "I've booked your appointment with Dr. Sofia Marino on Tuesday 10 March at 09:30.");
    BOOST_CHECK(c.hasEvent("booked"));
    EXPECT_STATE(c, "idle");
    EXPECT_REPLY_LACKS(c, "[removed]");
}

BOOST_AUTO_TEST_CASE(step_by_step_asks_only_for_what_is_missing) {
    Chat c;
    c.say("I'd like to book an appointment");
    EXPECT_STATE(c, "book.specialty");
    BOOST_CHECK_EQUAL(c.button("Cardiology"), "Cardiology");
    BOOST_CHECK_EQUAL(c.button("Dermatology"), "Dermatology");

    c.press("Cardiology");
    EXPECT_STATE(c, "book.day");
    EXPECT_REPLY_HAS(c, "with a cardiologist");
    BOOST_CHECK_EQUAL(c.button("Earliest"), "as soon as possible");

    c.say("next Tuesday");  // Tuesday 10 March: Dr. Greco (Dr. Paolo Rossi works Mondays and Wednesdays)
    EXPECT_STATE(c, "book.slot");
    BOOST_CHECK_EQUAL(c.button("Tue 10 Mar, 09:00"), "option 1");
    BOOST_CHECK(contains(c.last.suggestions.at(0).label, "Dr. Alessandro Greco"));

    c.press("09:30");
    EXPECT_STATE(c, "book.reason");
    c.press("Skip");
    EXPECT_STATE(c, "book.confirm");
    EXPECT_REPLY_LACKS(c, "reason");
    c.press("Yes");
    BOOST_REQUIRE_EQUAL(c.scope.booked.size(), 1u);
    BOOST_CHECK_EQUAL(c.scope.booked[0].doctorId, kGreco);
    BOOST_CHECK_EQUAL(c.scope.booked[0].start, march(10, 9, 30));
    BOOST_CHECK_EQUAL(c.scope.booked[0].reason, "");
}

BOOST_AUTO_TEST_CASE(by_doctor_and_day_part) {
    Chat c;
    c.say("Can I see Dr Esposito on Friday afternoon?");
    EXPECT_STATE(c, "book.slot");
    const std::vector<std::string> expected{"Fri 6 Mar, 14:00 with Dr. Marco Esposito",
                                            "Fri 6 Mar, 14:30 with Dr. Marco Esposito",
                                            "Fri 6 Mar, 15:00 with Dr. Marco Esposito"};
    const auto got = labels(c.last);
    BOOST_CHECK_EQUAL_COLLECTIONS(got.begin(), got.end(), expected.begin(), expected.end());
    c.say("option 3");
    c.say("back pain");
    c.say("yes please");
    BOOST_REQUIRE_EQUAL(c.scope.booked.size(), 1u);
    BOOST_CHECK_EQUAL(c.scope.booked[0].doctorId, kEsposito);
    BOOST_CHECK_EQUAL(c.scope.booked[0].start, march(6, 15));
}

BOOST_AUTO_TEST_CASE(lay_words_for_specialties) {
    {
        Chat c;
        c.say("I'd like to see a skin doctor tomorrow");
        EXPECT_STATE(c, "book.slot");
        BOOST_CHECK(contains(c.button("Tue 3 Mar, 09:00"), "option 1"));
        BOOST_CHECK(contains(c.last.suggestions.at(0).label, "Dr. Sofia Marino"));
    }
    {
        Chat c;
        c.scope.caregiver = true;  // a parent acting for the son (signed in as herself she is told to)
        c.say("I need a check-up for my son next week");
        EXPECT_STATE(c, "book.slot");
        BOOST_REQUIRE(!c.last.suggestions.empty());
        BOOST_CHECK_EQUAL(c.last.suggestions[0].label, "Mon 9 Mar, 09:00 with Dr. Chiara Ricci");
    }
    {
        Chat c;
        c.say("I need a heart specialist");
        EXPECT_STATE(c, "book.day");
        EXPECT_REPLY_HAS(c, "with a cardiologist");
        c.press("Earliest");
        EXPECT_STATE(c, "book.slot");
        // the earliest cardiology times: Dr. Paolo Rossi today from 15:00
        BOOST_CHECK_EQUAL(c.last.suggestions.at(0).label, "Mon 2 Mar, 15:00 with Dr. Paolo Rossi");
    }
}

BOOST_AUTO_TEST_CASE(a_bare_answer_with_a_doctor_and_a_time_starts_a_booking) {
    Chat c;
    c.say("can I come tomorrow at 10 with Dr Giulia Rossi");
    EXPECT_STATE(c, "book.slot");
    BOOST_REQUIRE_EQUAL(c.last.suggestions.size(), 1u);
    BOOST_CHECK_EQUAL(c.last.suggestions[0].label, "Tue 3 Mar, 10:00 with Dr. Giulia Rossi");
    EXPECT_REPLY_HAS(c, "This time is free with Dr. Giulia Rossi on Tuesday 3 March at 10:00");
    c.say("yes");  // the one offered
    EXPECT_STATE(c, "book.reason");
    c.say("no reason");
    EXPECT_STATE(c, "book.confirm");
    c.say("yes");
    BOOST_REQUIRE_EQUAL(c.scope.booked.size(), 1u);
    BOOST_CHECK_EQUAL(c.scope.booked[0].start, march(3, 10));
    BOOST_CHECK_EQUAL(c.scope.booked[0].reason, "");
}

BOOST_AUTO_TEST_CASE(pick_by_weekday_and_time_or_by_time_alone) {
    Chat c;
    c.say("I need to see a dermatologist next week, mornings if possible");
    c.say("Tuesday at 9:30");
    EXPECT_STATE(c, "book.reason");
    EXPECT_REPLY_HAS(c, "Tuesday 10 March at 09:30");

    Chat d;
    d.say("I need to see a dermatologist next week, mornings if possible");
    d.say("the 10:00 please");
    EXPECT_STATE(d, "book.reason");
    EXPECT_REPLY_HAS(d, "Tuesday 10 March at 10:00");
}

BOOST_AUTO_TEST_CASE(an_exact_time_that_is_not_free_offers_the_nearest) {
    Chat c;
    c.say("Dr Giulia Rossi tomorrow at 15:00");  // she sees patients in the morning
    EXPECT_STATE(c, "book.slot");
    EXPECT_REPLY_HAS(c, "Sorry, there is nothing free with Dr. Giulia Rossi on Tuesday 3 March at 15:00");
    const std::vector<std::string> expected{"Tue 3 Mar, 10:30 with Dr. Giulia Rossi",
                                            "Tue 3 Mar, 11:00 with Dr. Giulia Rossi",
                                            "Tue 3 Mar, 11:30 with Dr. Giulia Rossi"};
    const auto got = labels(c.last);
    BOOST_CHECK_EQUAL_COLLECTIONS(got.begin(), got.end(), expected.begin(), expected.end());
}

BOOST_AUTO_TEST_CASE(a_day_without_hours_offers_the_next_days) {
    Chat c;
    c.say("book me with Dr Marino on Monday");  // she works Tuesdays and Thursdays
    EXPECT_STATE(c, "book.slot");
    EXPECT_REPLY_HAS(c, "nothing free with Dr. Sofia Marino on Monday 9 March");
    BOOST_CHECK_EQUAL(c.last.suggestions.at(0).label, "Tue 10 Mar, 09:00 with Dr. Sofia Marino");
}

BOOST_AUTO_TEST_CASE(never_offers_a_time_already_past_and_refuses_past_days) {
    Chat c;
    c.say("can I see Dr Giulia Rossi today");  // it is 09:00: her 09:00 is gone
    EXPECT_STATE(c, "book.slot");
    BOOST_CHECK_EQUAL(c.last.suggestions.at(0).label, "Mon 2 Mar, 09:30 with Dr. Giulia Rossi");

    Chat d;
    d.say("can I book Dr Giulia Rossi for yesterday");
    EXPECT_REPLY_HAS(d, "already passed");
    EXPECT_STATE(d, "book.day");
    d.say("2026-02-20");
    EXPECT_REPLY_HAS(d, "already passed");
    EXPECT_STATE(d, "book.day");
    BOOST_CHECK_EQUAL(d.scope.booked.size(), 0u);
}

BOOST_AUTO_TEST_CASE(correction_of_the_day_keeps_the_rest) {
    Chat c;
    c.say("I need to see a dermatologist next week, mornings if possible");
    c.say("no, Thursday instead");  // Thursday of next week, still mornings
    EXPECT_STATE(c, "book.slot");
    BOOST_CHECK_EQUAL(c.last.suggestions.at(0).label, "Thu 12 Mar, 09:00 with Dr. Sofia Marino");
    c.say("option 1");
    c.say("skip");
    c.say("yes");
    BOOST_REQUIRE_EQUAL(c.scope.booked.size(), 1u);
    BOOST_CHECK_EQUAL(c.scope.booked[0].start, march(12, 9));
}

BOOST_AUTO_TEST_CASE(correction_of_the_doctor_and_of_the_day_part) {
    Chat c;
    c.say("I need to see a dermatologist next week");
    EXPECT_STATE(c, "book.slot");
    c.say("make it the afternoon");  // Dr. De Luca: Wednesday and Friday afternoons
    EXPECT_STATE(c, "book.slot");
    BOOST_CHECK_EQUAL(c.last.suggestions.at(0).label, "Wed 11 Mar, 14:00 with Dr. Anna De Luca");
    c.say("actually with Dr Marino");
    EXPECT_STATE(c, "book.slot");
    BOOST_CHECK(contains(c.last.suggestions.at(0).label, "Dr. Sofia Marino"));
    for (const auto& s : c.last.suggestions) BOOST_CHECK(contains(s.label, "Dr. Sofia Marino"));
}

BOOST_AUTO_TEST_CASE(correction_at_the_confirmation_keeps_the_reason) {
    Chat c;
    c.say("I need to see a dermatologist next week, mornings if possible");
    c.say("option 1");
    c.say("rash on my arm");
    EXPECT_STATE(c, "book.confirm");
    c.say("no, Thursday instead");
    EXPECT_STATE(c, "book.slot");
    BOOST_CHECK_EQUAL(c.last.suggestions.at(0).label, "Thu 12 Mar, 09:00 with Dr. Sofia Marino");
    c.say("the first one");
    EXPECT_STATE(c, "book.confirm");  // the reason was given already
    EXPECT_REPLY_HAS(c, "rash on my arm");
    c.say("yes");
    BOOST_REQUIRE_EQUAL(c.scope.booked.size(), 1u);
    BOOST_CHECK_EQUAL(c.scope.booked[0].start, march(12, 9));
    BOOST_CHECK_EQUAL(c.scope.booked[0].reason, "rash on my arm");
}

BOOST_AUTO_TEST_CASE(none_of_the_offers_asks_for_another_day) {
    Chat c;
    c.say("I need to see a dermatologist next week, mornings if possible");
    c.say("none of these work for me");
    EXPECT_STATE(c, "book.day");
    c.say("the week after next");
    EXPECT_STATE(c, "book.slot");
    BOOST_CHECK_EQUAL(c.last.suggestions.at(0).label, "Tue 17 Mar, 09:00 with Dr. Sofia Marino");
}

BOOST_AUTO_TEST_CASE(faq_digression_resumes_the_booking) {
    Chat c;
    c.say("I need a cardiologist");
    EXPECT_STATE(c, "book.day");
    c.say("is there parking near the practice?");
    EXPECT_STATE(c, "book.day");
    EXPECT_REPLY_HAS(c, "Now, back to your booking: When would you like to come with a cardiologist?");
    BOOST_CHECK_EQUAL(c.button("Next week"), "next week");
    c.say("next week");
    EXPECT_STATE(c, "book.slot");
}

BOOST_AUTO_TEST_CASE(list_and_doctor_questions_in_the_middle_resume_the_slot_choice) {
    Chat c = withAppointments();
    c.say("I need to see a dermatologist next week, mornings if possible");
    c.say("what appointments do I have?");
    EXPECT_STATE(c, "book.slot");
    EXPECT_REPLY_HAS(c, "Thursday 5 March at 10:00 with Dr. Giulia Rossi");
    EXPECT_REPLY_HAS(c, "Now, back to your booking:");
    EXPECT_REPLY_HAS(c, "1. Tuesday 10 March at 09:00 with Dr. Sofia Marino");
    BOOST_CHECK_EQUAL(c.last.suggestions.size(), 3u);
    c.say("which languages does Dr Marino speak?");
    EXPECT_REPLY_HAS(c, "Spanish");
    EXPECT_STATE(c, "book.slot");
    c.say("option 2");
    EXPECT_STATE(c, "book.reason");
}

BOOST_AUTO_TEST_CASE(start_over_drops_the_form) {
    Chat c;
    c.say("I need to see a dermatologist next week, mornings if possible");
    c.say("option 1");
    c.say("skip");
    EXPECT_STATE(c, "book.confirm");
    c.say("start over");
    EXPECT_STATE(c, "idle");
    BOOST_CHECK_EQUAL(c.last.intent, "restart");
    c.say("yes");
    BOOST_CHECK(c.scope.booked.empty());
    EXPECT_STATE(c, "idle");
}

BOOST_AUTO_TEST_CASE(deny_at_the_confirmation_books_nothing) {
    Chat c;
    c.say("I need to see a dermatologist next week, mornings if possible");
    c.say("option 1");
    c.say("skip");
    c.say("no");
    EXPECT_REPLY_HAS(c, "OK, I haven't booked anything.");
    EXPECT_STATE(c, "idle");
    BOOST_CHECK(c.scope.booked.empty());
}

BOOST_AUTO_TEST_CASE(a_slot_taken_meanwhile_offers_the_alternatives) {
    Chat c;
    c.scope.takenMeanwhile = march(10, 9, 30);
    c.say("I need to see a dermatologist next week, mornings if possible");
    c.say("option 2");
    c.say("eczema");
    c.say("yes");
    BOOST_CHECK(c.scope.booked.empty());
    EXPECT_STATE(c, "book.slot");
    EXPECT_REPLY_HAS(c, "Tuesday 10 March at 09:30 with Dr. Sofia Marino was just taken");
    BOOST_CHECK_EQUAL(c.last.suggestions.at(0).label, "Tue 10 Mar, 10:00 with Dr. Sofia Marino");
    c.say("option 1");
    EXPECT_STATE(c, "book.confirm");  // the reason stays
    c.say("yes");
    BOOST_REQUIRE_EQUAL(c.scope.booked.size(), 1u);
    BOOST_CHECK_EQUAL(c.scope.booked[0].start, march(10, 10));
    BOOST_CHECK_EQUAL(c.scope.booked[0].reason, "eczema");
}

// Issue 22: the limit is said at the start, before any question about the booking.
BOOST_AUTO_TEST_CASE(the_booking_limit_is_said_before_the_dialogue_starts) {
    Chat c = withAppointments();
    c.scope.addAppointment(kGreco, march(17, 9));  // three upcoming: the most allowed
    c.say("I need to see a dermatologist next week, mornings if possible");
    EXPECT_REPLY_HAS(c, "You already have 3 upcoming appointments, the most that can be booked at once.");
    EXPECT_REPLY_HAS(c, kPracticePhone);
    EXPECT_STATE(c, "idle");
    BOOST_CHECK_EQUAL(c.scope.freeSlotCalls, 0);  // no times offered that could not be booked
    BOOST_CHECK_EQUAL(c.button("Cancel an appointment"), "Cancel an appointment");
    BOOST_CHECK(c.scope.booked.empty());

    Chat carer = withAppointments();  // a caregiver hears whose appointments they are
    carer.scope.caregiver = true;
    carer.scope.firstName = "Luca";
    carer.scope.addAppointment(kGreco, march(17, 9));
    carer.say("Book an appointment");
    EXPECT_REPLY_HAS(carer, "Luca already has 3 upcoming appointments");
    EXPECT_REPLY_LACKS(carer, "You already have");
    EXPECT_STATE(carer, "idle");

    Chat unnamed = withAppointments();
    unnamed.scope.caregiver = true;
    unnamed.scope.firstName = "";
    unnamed.scope.addAppointment(kGreco, march(17, 9));
    unnamed.say("Book an appointment");
    EXPECT_REPLY_HAS(unnamed, "This patient already has 3 upcoming appointments");

    Chat it = withAppointments();
    it.lang = "it";
    it.scope.addAppointment(kGreco, march(17, 9));
    it.say("Vorrei prenotare una visita dal dermatologo");
    EXPECT_REPLY_HAS(it, "Ha già 3 appuntamenti in programma");
    EXPECT_REPLY_HAS(it, "ne disdica o ne sposti uno");
}

// Issue 17: a practice that allows one booking at a time is told in the singular, in both
// languages (gettext plurals), never "1 upcoming appointments".
BOOST_AUTO_TEST_CASE(a_limit_of_one_booking_reads_right_in_both_languages) {
    Chat c;
    c.scope.maxFutureBookings = 1;
    c.scope.addAppointment(kGreco, march(17, 9));
    c.say("I need to see a dermatologist next week, mornings if possible");
    EXPECT_REPLY_HAS(c, "You already have 1 upcoming appointment, the most that can be booked at once.");
    EXPECT_REPLY_HAS(c, "To book another, cancel or move it first (I can help with that)");
    EXPECT_REPLY_LACKS(c, "appointments, the most");
    EXPECT_REPLY_LACKS(c, "one of them");

    Chat it;
    it.lang = "it";
    it.scope.maxFutureBookings = 1;
    it.scope.addAppointment(kGreco, march(17, 9));
    it.say("Vorrei prenotare una visita dal dermatologo");
    EXPECT_REPLY_HAS(it, "Ha già 1 appuntamento in programma, il massimo che si può prenotare.");
    EXPECT_REPLY_HAS(it, "prima lo disdica o lo sposti");
    EXPECT_REPLY_LACKS(it, "appuntamenti");

    Chat carer;
    carer.lang = "it";
    carer.scope.maxFutureBookings = 1;
    carer.scope.caregiver = true;
    carer.scope.firstName = "Luca";
    carer.scope.addAppointment(kGreco, march(17, 9));
    carer.say("Vorrei prenotare una visita");
    EXPECT_REPLY_HAS(carer, "Luca ha già 1 appuntamento in programma");
}

// Someone else booked for the patient in between: the service's refusal is relayed.
BOOST_AUTO_TEST_CASE(refused_by_the_booking_limit_at_the_end_relays_the_rule) {
    Chat c = withAppointments();
    c.say("I need to see a dermatologist next week, mornings if possible");
    c.say("option 1");
    c.say("skip");
    c.scope.addAppointment(kGreco, march(17, 9));
    c.say("yes");
    BOOST_CHECK(c.scope.booked.empty());
    EXPECT_REPLY_HAS(c, "You already have 3 upcoming appointments");
    EXPECT_STATE(c, "idle");
}

// Issue 22: inside the cancellation cutoff the confirmation says it could not be changed
// online, before the yes (today is Monday 2 March, 09:00).
BOOST_AUTO_TEST_CASE(a_time_inside_the_cutoff_is_flagged_before_confirming) {
    Chat c;
    c.say("I'd like to see Dr Esposito today");
    EXPECT_STATE(c, "book.slot");
    c.say("option 1");
    c.say("skip");
    EXPECT_STATE(c, "book.confirm");
    EXPECT_REPLY_HAS(c, "less than 24 hours away, so you will not be able to cancel or move it online");
    EXPECT_REPLY_HAS(c, kPracticePhone);
    EXPECT_REPLY_HAS(c, "Shall I book an appointment with Dr. Marco Esposito");
    BOOST_CHECK(c.scope.booked.empty());

    Chat later = withAppointments();  // next week: nothing to warn about
    later.say("I need to see a dermatologist next week, mornings if possible");
    later.say("option 1");
    later.say("skip");
    EXPECT_STATE(later, "book.confirm");
    EXPECT_REPLY_LACKS(later, "Please note");

    Chat it;
    it.lang = "it";
    it.say("Vorrei una visita con il dottor Esposito oggi");
    it.say("1");
    it.say("salta");
    EXPECT_STATE(it, "book.confirm");
    EXPECT_REPLY_HAS(it, "non potrà disdirlo né spostarlo online");
}

BOOST_AUTO_TEST_CASE(two_doctors_called_rossi_are_asked_about) {
    Chat c;
    c.say("I'd like an appointment with Dr Rossi");
    EXPECT_STATE(c, "book.specialty");
    EXPECT_REPLY_HAS(c, "Dr. Giulia Rossi (General practice)");
    EXPECT_REPLY_HAS(c, "Dr. Paolo Rossi (Cardiology)");
    BOOST_CHECK_EQUAL(c.button("Dr. Paolo Rossi"), "Dr. Paolo Rossi");
    c.press("Dr. Paolo Rossi");
    EXPECT_STATE(c, "book.day");
    EXPECT_REPLY_HAS(c, "with Dr. Paolo Rossi");

    Chat d;
    d.say("book me with Dr Rossi next week");
    EXPECT_STATE(d, "book.specialty");
    d.say("Giulia");
    EXPECT_STATE(d, "book.slot");  // next week was remembered
    BOOST_CHECK_EQUAL(d.last.suggestions.at(0).label, "Mon 9 Mar, 09:00 with Dr. Giulia Rossi");

    Chat e;
    e.say("I need a heart check with Dr Rossi next week");  // the cardiologist
    EXPECT_STATE(e, "book.slot");
    BOOST_CHECK(contains(e.last.suggestions.at(0).label, "Dr. Paolo Rossi"));
}

BOOST_AUTO_TEST_CASE(the_reason_is_kept_short) {
    Chat c;
    c.say("I need to see a dermatologist next week, mornings if possible");
    c.say("option 1");
    std::string reason;
    for (int i = 0; i < 40; ++i) reason += "itchy skin ";
    c.say(reason);
    c.say("yes");
    BOOST_REQUIRE_EQUAL(c.scope.booked.size(), 1u);
    BOOST_CHECK_LE(c.scope.booked[0].reason.size(), 200u);
    BOOST_CHECK(c.scope.booked[0].reason.rfind("itchy skin", 0) == 0);
}

BOOST_AUTO_TEST_CASE(caregiver_wording_names_the_patient) {
    Chat c;
    c.scope.caregiver = true;
    c.scope.firstName = "Luca";
    c.say("Luca needs to see the paediatrician next Monday");
    EXPECT_STATE(c, "book.slot");
    BOOST_CHECK_EQUAL(c.last.suggestions.at(0).label, "Mon 9 Mar, 09:00 with Dr. Chiara Ricci");
    c.say("option 1");
    c.say("vaccination");
    EXPECT_REPLY_HAS(c, "Shall I book an appointment for Luca with Dr. Chiara Ricci on Monday 9 March at 09:00");
    c.say("yes");
    EXPECT_REPLY_HAS(c, "I've booked Luca's appointment with Dr. Chiara Ricci on Monday 9 March at 09:00.");
    BOOST_CHECK_EQUAL(c.scope.booked.size(), 1u);
}

BOOST_AUTO_TEST_CASE(when_is_a_doctor_next_free_offers_their_slots) {
    Chat c;
    c.say("when is Dr Esposito next free?");
    BOOST_CHECK_EQUAL(c.last.intent, "doctor_info");
    EXPECT_STATE(c, "book.slot");
    BOOST_CHECK_EQUAL(c.last.suggestions.at(0).label, "Mon 2 Mar, 14:00 with Dr. Marco Esposito");
    c.say("option 1");
    c.say("skip");
    c.say("yes");
    BOOST_REQUIRE_EQUAL(c.scope.booked.size(), 1u);
    BOOST_CHECK_EQUAL(c.scope.booked[0].start, march(2, 14));
}

BOOST_AUTO_TEST_CASE(medical_advice_is_refused_with_an_offer_to_book) {
    Chat c;
    c.say("how much ibuprofen can I take for a headache?");
    BOOST_CHECK_EQUAL(c.last.reply, medicalAdviceReply());
    BOOST_CHECK_EQUAL(c.last.intent, "medical_advice");
    BOOST_CHECK(c.hasEvent("medical_advice"));
    BOOST_CHECK_EQUAL(c.button("Book an appointment"), "Book an appointment");
    EXPECT_STATE(c, "idle");
    c.say("yes please");
    // A headache is a family doctor's first: the booking goes on with a GP.
    EXPECT_STATE(c, "book.day");
    EXPECT_REPLY_HAS(c, "with a GP");
    BOOST_CHECK(c.scope.booked.empty());
}

// Asked which kind of doctor, a symptom gets the kind that suits it suggested, and a day then
// goes with that kind.
BOOST_AUTO_TEST_CASE(a_symptom_for_an_answer_gets_a_suggestion_and_a_day_takes_it) {
    Chat c;
    c.lang = "it";
    c.say("vorrei prenotare un medico per dopodomani");
    EXPECT_STATE(c, "book.specialty");
    c.say("mal di schiena");
    EXPECT_STATE(c, "book.specialty");
    EXPECT_REPLY_HAS(c, "potrebbe essere indicato un medico di base");
    c.say("sì");
    EXPECT_STATE(c, "book.slot");
    Chat d;
    d.say("My skin's been so itchy for weeks now, I really think I should get someone to look at it");
    EXPECT_REPLY_HAS(d, "a dermatologist may be the right doctor");
    d.say("Tuesday next week if you can");
    EXPECT_STATE(d, "book.slot");
    EXPECT_REPLY_HAS(d, "with a dermatologist on Tuesday 10 March");
}

BOOST_AUTO_TEST_CASE(an_emergency_in_the_middle_of_a_booking_books_nothing) {
    Chat c;
    c.say("I need to see a dermatologist next week, mornings if possible");
    c.say("option 1");
    c.say("skip");
    EXPECT_STATE(c, "book.confirm");
    c.say("I have crushing chest pain and can't breathe");
    BOOST_CHECK_EQUAL(c.last.intent, "emergency");
    BOOST_CHECK(c.hasEvent("emergency"));
    BOOST_CHECK(c.last.reply.find("112") < 20);  // the number comes first
    EXPECT_STATE(c, "idle");
    c.say("yes");
    BOOST_CHECK(c.scope.booked.empty());
}

BOOST_AUTO_TEST_CASE(a_new_time_at_the_confirmation_and_goodbye) {
    Chat c;
    c.say("I'd like to book an appointment with Dr. Marco Esposito on 12 March");
    EXPECT_STATE(c, "book.slot");
    c.say("the one at 14:30 please");
    EXPECT_STATE(c, "book.reason");
    c.say("follow-up");
    EXPECT_STATE(c, "book.confirm");
    c.say("can we make it 16:00 instead?");
    EXPECT_STATE(c, "book.slot");
    BOOST_REQUIRE_EQUAL(c.last.suggestions.size(), 1u);
    BOOST_CHECK_EQUAL(c.last.suggestions[0].label, "Thu 12 Mar, 16:00 with Dr. Marco Esposito");
    c.say("yes");
    EXPECT_STATE(c, "book.confirm");
    EXPECT_REPLY_HAS(c, "16:00 (reason: follow-up)");
    c.say("goodbye, thanks");
    EXPECT_STATE(c, "idle");
    c.say("yes");
    BOOST_CHECK(c.scope.booked.empty());
}

BOOST_AUTO_TEST_CASE(another_doctor_instead_and_never_mind) {
    Chat c;
    c.say("I'd like to book an appointment with Dr. Giulia Rossi on 12 March");
    c.say("no, with Dr. Marco Esposito instead");
    EXPECT_STATE(c, "book.slot");
    BOOST_CHECK_EQUAL(c.last.suggestions.at(0).label, "Thu 12 Mar, 14:00 with Dr. Marco Esposito");

    Chat d;
    d.say("I'd like an appointment with Dr. Giulia Rossi");
    EXPECT_STATE(d, "book.day");
    d.say("never mind");
    EXPECT_STATE(d, "idle");
    EXPECT_REPLY_HAS(d, "Nothing was booked");
}

BOOST_AUTO_TEST_CASE(a_past_complaint_with_a_specialty_is_a_booking_not_an_emergency) {
    Chat c;
    c.say("I had chest pain last year and want a cardiology check-up");
    BOOST_CHECK(!c.hasEvent("emergency"));
    EXPECT_STATE(c, "book.day");
    EXPECT_REPLY_HAS(c, "with a cardiologist");
}

BOOST_AUTO_TEST_CASE(the_reason_keeps_quotes_and_accents_through_the_blob) {
    Chat c;
    c.say("I need to see a dermatologist next week, mornings if possible");
    c.say("option 1");
    const std::string reason = "a \"spot\" on my back \\ na\xC3\xAFve question \xE2\x80\x94 check";
    c.say(reason);
    EXPECT_STATE(c, "book.confirm");
    c.say("yes");
    BOOST_REQUIRE_EQUAL(c.scope.booked.size(), 1u);
    BOOST_CHECK_EQUAL(c.scope.booked[0].reason, reason);
}

BOOST_AUTO_TEST_CASE(help_in_the_middle_resumes_and_corrections_before_any_offer) {
    Chat c;
    c.say("I'd like to book an appointment");
    c.say("what can you do?");
    EXPECT_REPLY_HAS(c, "I can help you with:");
    EXPECT_REPLY_HAS(c, "Now, back to your booking: Which kind of doctor");
    EXPECT_STATE(c, "book.specialty");
    c.say("a dermatologist");
    EXPECT_STATE(c, "book.day");
    c.say("actually a cardiologist");
    EXPECT_STATE(c, "book.day");
    EXPECT_REPLY_HAS(c, "with a cardiologist");
    c.say("Thursday morning");
    EXPECT_STATE(c, "book.slot");
    BOOST_CHECK_EQUAL(c.last.suggestions.at(0).label, "Thu 5 Mar, 09:00 with Dr. Alessandro Greco");
}

BOOST_AUTO_TEST_CASE(a_symptom_suggests_a_specialty_without_choosing_it) {
    Chat c;
    c.say("I'd like an appointment about an itchy rash");
    EXPECT_STATE(c, "book.specialty");
    EXPECT_REPLY_HAS(c, "a dermatologist may be the right doctor");
    BOOST_REQUIRE(!c.last.suggestions.empty());
    BOOST_CHECK_EQUAL(c.last.suggestions[0].label, "Dermatology");
}

// A number alone in the slot step that is no place in the list is the hour, when it is free.
BOOST_AUTO_TEST_CASE(a_bare_hour_picks_that_time_on_the_offered_day) {
    Chat c;
    c.lang = "it";
    c.say("vorrei prenotare il dermatologo per domani");
    EXPECT_STATE(c, "book.slot");
    EXPECT_REPLY_HAS(c, "1. martedì 3 marzo alle 09:00 con Dr. Sofia Marino");
    c.say("le 11 👍");
    EXPECT_STATE(c, "book.reason");
    EXPECT_REPLY_HAS(c, "martedì 3 marzo alle 11:00 con Dr. Sofia Marino");
    Chat d;
    d.say("any dermatology on Thursday the 12th?");
    d.say("11");
    EXPECT_STATE(d, "book.reason");
    EXPECT_REPLY_HAS(d, "Thursday 12 March at 11:00");
}

// "Thursday — no wait, Friday, Thursday I'm at the skin doctor": the day after the correction,
// and not the kind of doctor the patient already sees that day.
BOOST_AUTO_TEST_CASE(a_corrected_day_and_another_commitment_are_read_as_meant) {
    Chat c;
    c.say("Can I book the GP for Thursday — no wait, Friday, Thursday I'm at the skin doctor");
    EXPECT_STATE(c, "book.slot");
    EXPECT_REPLY_HAS(c, "with a GP on Friday 6 March");
    Chat d;
    d.say("Do you have anything in cardiology this Thursday afternoon? I'm already in that morning for the skin doctor");
    EXPECT_REPLY_HAS(d, "with a cardiologist on Thursday 5 March in the afternoon");
    Chat e;
    e.lang = "it";
    e.say("vorrei il medico di base mercoledì... anzi no giovedì, mercoledì lavoro");
    EXPECT_REPLY_HAS(e, "con un medico di base giovedì 5 marzo");
}

// Read in conversations_en_6 / _it_7 (after their unseen figures): a doctor in general suggests a
// GP and an hour given then takes it; the reason for the visit is no request for advice;
// "venerdì che giovedì lavoro" is Friday.
BOOST_AUTO_TEST_CASE(a_doctor_in_general_an_hour_a_reason_and_a_day_with_its_reason) {
    Chat c;
    c.lang = "it";
    c.say("c'è posto oggi pomeriggio dal medico?");
    EXPECT_STATE(c, "book.specialty");
    EXPECT_REPLY_HAS(c, "medico di base");
    c.say("le 15:30");
    EXPECT_STATE(c, "book.slot");
    EXPECT_REPLY_HAS(c, "con un medico di base lunedì 2 marzo alle 15:30");
    c.say("sì");
    EXPECT_STATE(c, "book.reason");
    c.say("misurare la pressione e rinnovare le medicine che prendo");
    EXPECT_STATE(c, "book.confirm");
    EXPECT_REPLY_HAS(c, "rinnovare le medicine che prendo");
    Chat d;
    d.lang = "it";
    d.say("vorrei prenotare dal dottor Esposito giovedì, no aspetta, venerdì che giovedì lavoro");
    EXPECT_REPLY_HAS(d, "con Dr. Marco Esposito venerdì 6 marzo");
}

// "aye go on" at the confirmation is a yes, never a goodbye; "the earliest you've got" with times
// shown takes the first.
BOOST_AUTO_TEST_CASE(aye_go_on_books_and_the_earliest_takes_the_first) {
    Chat c;
    c.say("need tae see a GP on Tuesday the 10th, mornin if ye can");
    c.say("half nine");
    c.say("wee chesty cough");
    EXPECT_STATE(c, "book.confirm");
    c.say("aye go on");
    BOOST_REQUIRE_EQUAL(c.scope.booked.size(), 1u);
    Chat d;
    d.say("can I see a GP on Friday?");
    EXPECT_STATE(d, "book.slot");
    d.say("the earliest you've got");
    EXPECT_STATE(d, "book.reason");
}

BOOST_AUTO_TEST_SUITE_END()
