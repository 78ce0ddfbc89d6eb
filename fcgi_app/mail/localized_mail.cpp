#include "mail/localized_mail.hpp"

#include <utility>

namespace medassist::mail {

LocalizedMail::LocalizedMail(MailOutbox& outbox, const i18n::Catalogs& catalogs, std::string defaultLanguage)
    : outbox_(outbox), catalogs_(catalogs), defaultLanguage_(std::move(defaultLanguage)) {}

std::string LocalizedMail::languageFor(const std::string& saved) const {
    if (!saved.empty() && catalogs_.supports(saved)) return saved;
    if (catalogs_.supports(defaultLanguage_)) return defaultLanguage_;
    return "en";
}

std::string LocalizedMail::day(const std::string& lang, std::int64_t epochSeconds, const std::string& zone) const {
    return catalogs_.formatTime(lang, epochSeconds, "%A %e %B %Y", zone);
}

std::string LocalizedMail::when(const std::string& lang, std::int64_t epochSeconds, const std::string& zone) const {
    // TRANSLATORS: a day ("Tuesday 9 December 2026") and a time ("10:30").
    return catalogs_.trf(lang, "{1} at {2}",
                         {day(lang, epochSeconds, zone), catalogs_.formatTime(lang, epochSeconds, "%H:%M", zone)});
}

void LocalizedMail::send(const std::string& to, const std::string& subject, const std::string& text) {
    try {
        outbox_.enqueue(MailMessage{to, subject, text});
    } catch (const std::exception&) {
        // The outbox refused it (and logs that without the address); the caller's request stands.
    }
}

}  // namespace medassist::mail
