#pragma once
// Mails in their reader's language. Every service that mails goes through this one helper:
// it knows the catalogs, the practice's default language and the outbox, so a service
// writes a mail as msgids with {1} placeholders (one per paragraph or per mail, extracted
// into po/medassist.pot like any other text) and never concatenates translated fragments.
// The recipient's language is their account's saved choice, else the practice's default;
// an address with no account gets the language of the page that caused the mail.
#include <cstdint>
#include <initializer_list>
#include <string>

#include "i18n/catalogs.hpp"
#include "mail/mail_outbox.hpp"

namespace medassist::mail {

class LocalizedMail {
public:
    LocalizedMail(MailOutbox& outbox, const i18n::Catalogs& catalogs, std::string defaultLanguage);

    // The language to write to someone in: `saved` (an account's choice, or a page's
    // language) when the app has it, else the practice's default, else English.
    std::string languageFor(const std::string& saved) const;
    const std::string& defaultLanguage() const { return defaultLanguage_; }
    const i18n::Catalogs& catalogs() const { return catalogs_; }

    // The catalog's calls, for the services' mails (xgettext reads tr and trf as keywords).
    std::string tr(const std::string& lang, const char* msgid) const { return catalogs_.tr(lang, msgid); }
    std::string trf(const std::string& lang, const char* msgid, std::initializer_list<std::string> args) const {
        return catalogs_.trf(lang, msgid, args);
    }

    // A moment as a mail says it, in lang and in the practice's time zone (never UTC):
    // "Tuesday 9 December 2026 at 10:30", "martedì 9 dicembre 2026 alle 10:30".
    std::string when(const std::string& lang, std::int64_t epochSeconds, const std::string& zone) const;
    // Only the day: "Tuesday 9 December 2026", "martedì 9 dicembre 2026".
    std::string day(const std::string& lang, std::int64_t epochSeconds, const std::string& zone) const;

    // Queues the message; never throws (an address the outbox refuses must not fail the
    // request that caused the mail; the outbox logs it without the address).
    void send(const std::string& to, const std::string& subject, const std::string& text);

private:
    MailOutbox& outbox_;
    const i18n::Catalogs& catalogs_;
    std::string defaultLanguage_;
};

}  // namespace medassist::mail
