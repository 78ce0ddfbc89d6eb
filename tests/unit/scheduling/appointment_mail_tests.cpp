// The mails about an appointment, in the recipient's language: when (the practice's time,
// in their words) and with whom, never why.
#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <vector>

#include <Poco/Logger.h>

#include "i18n/catalogs.hpp"
#include "mail/localized_mail.hpp"
#include "mail/mail_outbox.hpp"
#include "mail/mailer.hpp"
#include "scheduling/scheduling_service.hpp"

using namespace medassist;
using scheduling::AppointmentChange;

namespace {

const i18n::Catalogs& catalogs() {
    static const i18n::Catalogs c(MEDASSIST_LOCALE_DIR);
    return c;
}

class NoMailer : public mail::Mailer {
public:
    void send(const mail::MailMessage&) override {}
};

struct Fixture {
    mail::MailOutbox outbox{std::make_unique<NoMailer>(), Poco::Logger::get("appointment_mail_test")};
    mail::LocalizedMail mail{outbox, catalogs(), "it"};
    scheduling::Appointment a;
    Fixture() {
        a.id = 7;
        a.doctorName = "Dott.ssa Chiara Bianchi";
        a.specialtyName = "Cardiologia";
        a.start = 1796722200;  // Tuesday 8 December 2026, 10:30 in Rome
        a.end = a.start + 1800;
        a.status = "booked";
        a.reason = "chest pain since Sunday";  // must never reach a mail
    }
    ~Fixture() { outbox.stop(); }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(appointment_mail, Fixture)

BOOST_AUTO_TEST_CASE(a_booking_in_italian_with_the_practice_time_in_italian_words) {
    auto m = scheduling::appointmentMail(mail, "it", AppointmentChange::Booked, a, "Europe/Rome", "+39 06 1234 5678");
    BOOST_TEST(m.subject == "Il suo appuntamento è prenotato");
    BOOST_TEST(has(m.text, "Buongiorno,\n\nIl suo appuntamento è prenotato.\n\n"));
    BOOST_TEST(has(m.text, "  Medico: Dott.ssa Chiara Bianchi (Cardiologia)\n"));
    BOOST_TEST(has(m.text, "  Quando: martedì 8 dicembre 2026 alle 10:30 (ora di Roma)"));
    BOOST_TEST(has(m.text, "ci chiami al numero +39 06 1234 5678."));
    BOOST_TEST(!has(m.text, "Hello"));
    BOOST_TEST(!has(m.text, "chest pain"));
    BOOST_TEST(!has(m.text, "09:30"));  // never UTC
}

BOOST_AUTO_TEST_CASE(a_move_says_where_it_was_in_the_same_language) {
    auto m = scheduling::appointmentMail(mail, "it", AppointmentChange::Moved, a, "Europe/Rome", "",
                                         a.start - 86400 + 3600);
    BOOST_TEST(m.subject == "Il suo appuntamento è stato spostato");
    BOOST_TEST(has(m.text, "  Prima:  lunedì 7 dicembre 2026 alle 11:30"));
    BOOST_TEST(!has(m.text, "ci chiami"));  // no phone configured: no sentence about it
    BOOST_TEST(!has(m.text, "chest pain"));
}

BOOST_AUTO_TEST_CASE(a_cancellation_in_english_for_a_reader_who_chose_english) {
    a.specialtyName.clear();
    auto m = scheduling::appointmentMail(mail, "en", AppointmentChange::Cancelled, a, "Europe/Rome", "06 555");
    BOOST_TEST(m.subject == "Your appointment is cancelled");
    BOOST_TEST(has(m.text, "Hello,\n\nYour appointment has been cancelled."));
    BOOST_TEST(has(m.text, "  Doctor: Dott.ssa Chiara Bianchi\n"));
    BOOST_TEST(has(m.text, "  When:   Tuesday 8 December 2026 at 10:30 (Rome time)"));
    BOOST_TEST(has(m.text, "please call us on 06 555."));
    BOOST_TEST(!has(m.text, "chest pain"));
}

BOOST_AUTO_TEST_SUITE_END()
