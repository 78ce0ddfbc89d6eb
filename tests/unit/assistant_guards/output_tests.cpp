// The output guard, last step of every reply: personal data that is not on the allow list is
// replaced with "[removed]" and reported once per kind; the practice's own words, doctors,
// times, future dates and the emergency number pass untouched.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "guards_fixture.hpp"

using namespace guards_test;

namespace {

void expectUntouched(const std::vector<std::string>& replies) {
    const auto ctx = practiceContext();
    for (const auto& r : replies) {
        const auto out = guardOutput(r, ctx);
        BOOST_TEST_CONTEXT("reply: \"" << r << "\" -> \"" << out.text << "\"") {
            BOOST_TEST(out.text == r);
            BOOST_TEST(out.removed.empty());
        }
    }
}

void expectRedacted(const std::string& reply, const std::string& expected, const std::vector<std::string>& kinds) {
    const auto out = guardOutput(reply, practiceContext());
    BOOST_TEST_CONTEXT("reply: \"" << reply << "\"") {
        BOOST_TEST(out.text == expected);
        BOOST_TEST(out.removed == kinds, boost::test_tools::per_element());
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(output_guard)

BOOST_AUTO_TEST_CASE(ordinary_replies_pass_untouched) {
    expectUntouched({
        "Hi Maria! How can I help you today?",
        "Your appointment with Dr. Giulia Rossi is on Tuesday 24 November at 09:30.",
        "I booked you with Dr. Rossi on 24/11/2026 at 9:30 (General Practice).",
        "Giulia Rossi, Marco Esposito and Chiara Ricci have free slots next week.",
        "Dott.ssa Anna De Luca (Dermatology) is available on Monday at 10:00.",
        "Dr. Luca D'Angelo and Prof. Niccol\xC3\xB2 Bianchi see cardiology patients.",
        "Call 112 now (or go to the nearest emergency department). I have not booked anything.",
        "You can reach the practice at +39 06 1234 5678 or info@studio-medico.example.",
        "Call us on 06 1234 5678 or 06-1234-5678.",
        "We are at Via Roma 12, open Monday to Friday from 8:00 to 19:00 (Europe/Rome).",
        "Which one suits you: 1. Tuesday 09:30 2. Tuesday 10:00 3. Wednesday 11:30?",
        "I can't give medical advice. Would you like me to book an appointment with a doctor?",
        "Dr. is short for doctor. The practice closes on 25 December 2026.",
        "Pediatrics, Cardiology and Dermatology are on the first floor.",
        "I'm sorry, I can only help with your own appointments.",
        "Your appointment on 2026-11-24 at 10:30 is confirmed.",
        "Dr. Emma White has a slot on 01.12.2026.",
        "Prices: a visit costs 60 EUR; the parking at Piazza San Marco is free.",
    });
}

BOOST_AUTO_TEST_CASE(emails_and_phone_numbers_are_removed) {
    expectRedacted("Write to anna.bianchi@gmail.com for details.", "Write to [removed] for details.", {"email"});
    expectRedacted("Her number is 333 123 4567.", "Her number is [removed].", {"phone"});
    expectRedacted("Call +39 347 555 0199 or (02) 987-6543.", "Call [removed] or [removed].", {"phone"});
    expectRedacted("Mobile: 3331234567, email mario@example.org",
                   "Mobile: [removed], email [removed]", {"email", "phone"});
    expectRedacted("Phone 333.123.4567", "Phone [removed]", {"phone"});
    // Found by fuzz_guards: an address followed by dots and a digit was not seen as one.
    expectRedacted("write to maria@example.com...2 times", "write to [removed]...2 times", {"email"});
    expectRedacted("or anna@mail.it.1", "or [removed].1", {"email"});
}

BOOST_AUTO_TEST_CASE(dates_of_birth_are_removed) {
    expectRedacted("She was born on 12/03/1980.", "She was born on [removed].", {"date_of_birth"});
    expectRedacted("DOB: 1 March 1985", "DOB: [removed]", {"date_of_birth"});
    expectRedacted("Patient record 12.03.1975 on file", "Patient record [removed] on file", {"date_of_birth"});
    expectRedacted("date of birth 2001-07-15", "date of birth [removed]", {"date_of_birth"});
    expectRedacted("born in 1990", "born in [removed]", {"date_of_birth"});
    expectRedacted("birthday: 3 May", "birthday: [removed]", {"date_of_birth"});
    // Found by fuzz_guards: removing the day and month left the year next to "born"; the
    // guard now repeats until nothing more goes.
    expectRedacted("born 1++++++2/03/$1980", "born 1++++++[removed]/$[removed]", {"date_of_birth"});
}

BOOST_AUTO_TEST_CASE(names_not_on_the_allow_list_are_removed) {
    expectRedacted("Maria Bianchi is booked at 9:30.", "[removed] is booked at 9:30.", {"name"});
    expectRedacted("Mr Smith has the slot after yours.", "[removed] has the slot after yours.", {"name"});
    expectRedacted("Dr. Nobody is not one of our doctors.", "[removed] is not one of our doctors.", {"name"});
    expectRedacted("I booked Laura at 10:00.", "I booked [removed] at 10:00.", {"name"});
    expectRedacted("Mrs. Verdi called.", "[removed] called.", {"name"});
    expectRedacted("with Giulia Verdi on Friday", "with [removed] on Friday", {"name"});
    expectRedacted("John Smith, born 12/03/1980, john@example.com, 333 123 4567",
                   "[removed], born [removed], [removed], [removed]", {"email", "phone", "date_of_birth", "name"});
    expectRedacted("Mari\xD0\xB0 Bianchi is here", "[removed] is here", {"name"});  // Cyrillic a
}

BOOST_AUTO_TEST_SUITE_END()
