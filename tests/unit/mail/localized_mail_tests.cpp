// Mails in their reader's language: which language a recipient gets, and how a moment reads
// in it (the practice's time zone, never UTC).
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <Poco/Logger.h>

#include "i18n/catalogs.hpp"
#include "mail/localized_mail.hpp"
#include "mail/mail_outbox.hpp"
#include "mail/mailer.hpp"

using medassist::i18n::Catalogs;
using medassist::mail::LocalizedMail;
using medassist::mail::Mailer;
using medassist::mail::MailMessage;
using medassist::mail::MailOutbox;

namespace {

const Catalogs& catalogs() {
    static const Catalogs c(MEDASSIST_LOCALE_DIR);
    return c;
}

// Keeps what it is given.
class KeepingMailer : public Mailer {
public:
    explicit KeepingMailer(std::shared_ptr<std::vector<MailMessage>> kept) : kept_(std::move(kept)) {}
    void send(const MailMessage& m) override {
        std::lock_guard lock(mutex_);
        kept_->push_back(m);
    }

private:
    std::mutex mutex_;
    std::shared_ptr<std::vector<MailMessage>> kept_;
};

// Tuesday 8 December 2026, 09:30 UTC: 10:30 in Rome.
constexpr std::int64_t kTuesdayMorning = 1796722200;

}  // namespace

BOOST_AUTO_TEST_SUITE(localized_mail)

BOOST_AUTO_TEST_CASE(the_saved_language_else_the_practice_default_else_english) {
    BOOST_REQUIRE(catalogs().supports("it"));
    MailOutbox outbox(std::make_unique<KeepingMailer>(std::make_shared<std::vector<MailMessage>>()),
                      Poco::Logger::get("localized_mail_test"));
    LocalizedMail it(outbox, catalogs(), "it");
    BOOST_TEST(it.languageFor("en") == "en");
    BOOST_TEST(it.languageFor("it") == "it");
    BOOST_TEST(it.languageFor("") == "it");     // never chosen: the practice's default
    BOOST_TEST(it.languageFor("xx") == "it");   // a language the app does not have
    LocalizedMail en(outbox, catalogs(), "en");
    BOOST_TEST(en.languageFor("") == "en");
    BOOST_TEST(en.languageFor("it") == "it");
    LocalizedMail unknown(outbox, catalogs(), "zz");  // a default without a catalog
    BOOST_TEST(unknown.languageFor("") == "en");
    outbox.stop();
}

BOOST_AUTO_TEST_CASE(a_moment_in_the_readers_words_and_the_practices_zone) {
    MailOutbox outbox(std::make_unique<KeepingMailer>(std::make_shared<std::vector<MailMessage>>()),
                      Poco::Logger::get("localized_mail_test"));
    LocalizedMail mail(outbox, catalogs(), "it");
    BOOST_TEST(mail.when("it", kTuesdayMorning, "Europe/Rome") == "martedì 8 dicembre 2026 alle 10:30");
    BOOST_TEST(mail.when("en", kTuesdayMorning, "Europe/Rome") == "Tuesday 8 December 2026 at 10:30");
    BOOST_TEST(mail.day("it", kTuesdayMorning, "Europe/Rome") == "martedì 8 dicembre 2026");
    // Summer time: 1 July 2026, 08:00 UTC is 10:00 in Rome.
    BOOST_TEST(mail.when("it", 1782892800, "Europe/Rome") == "mercoledì 1 luglio 2026 alle 10:00");
    outbox.stop();
}

BOOST_AUTO_TEST_CASE(send_queues_the_message_and_never_throws) {
    auto kept = std::make_shared<std::vector<MailMessage>>();
    MailOutbox outbox(std::make_unique<KeepingMailer>(kept), Poco::Logger::get("localized_mail_test"));
    LocalizedMail mail(outbox, catalogs(), "it");
    mail.send("anna@example.org", mail.tr("it", "Your appointment is booked"), "Buongiorno,\n");
    BOOST_CHECK_NO_THROW(mail.send("bad\r\naddress", "x", "y"));  // refused by the outbox, not thrown
    BOOST_REQUIRE(outbox.flush(std::chrono::seconds(5)));
    BOOST_REQUIRE_EQUAL(kept->size(), 1u);
    BOOST_TEST((*kept)[0].to == "anna@example.org");
    BOOST_TEST((*kept)[0].subject == "Il suo appuntamento è prenotato");
    outbox.stop();
}

BOOST_AUTO_TEST_SUITE_END()
