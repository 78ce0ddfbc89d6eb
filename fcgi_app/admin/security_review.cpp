#include "admin/security_review.hpp"

#include "i18n/catalogs.hpp"

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

namespace medassist::admin {

std::string auditTime(std::int64_t epochSeconds) {
    return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(epochSeconds), "%Y-%m-%dT%H:%M:%S.%FZ");
}

const std::vector<std::string>& SecurityReviewService::knownEvents() {
    static const std::vector<std::string> events{
        "sign_in",         "sign_in_failed",   "lockout",          "sign_out",        "reset_requested",
        "reset_completed", "password_changed", "mfa_enrolled",     "mfa_failed",      "mfa_disabled",
        "recovery_code_used", "access_denied", "account_created",  "account_erased",  "data_exported",
        "consent_agreed",  "consent_withdrawn", "doctor_approved", "settings_changed", "faq_created",
        "faq_updated",     "faq_deleted"};
    return events;
}

SecurityReview SecurityReviewService::review(const security::AuditStore::Filter& filter, std::int64_t now) {
    SecurityReview out;
    out.events = store_.search(filter);
    struct Rule {
        const char* title;
        std::vector<std::string> events;
        std::int64_t windowSeconds;
        long long atLeast;
        const char* window;
    };
    static const std::vector<Rule> rules{
        // English texts marked for the catalog; the page shows them in the reader's language.
        {i18n::N_("Many failed sign-ins from one network"), {"sign_in_failed", "mfa_failed"}, 3600, 10,
         i18n::N_("in the last hour")},
        {i18n::N_("Accounts locked"), {"lockout"}, 86400, 1, i18n::N_("in the last 24 hours")},
        {i18n::N_("Many password-reset requests from one network"), {"reset_requested"}, 3600, 5,
         i18n::N_("in the last hour")},
        {i18n::N_("Many refused requests from one network"), {"access_denied"}, 3600, 20, i18n::N_("in the last hour")},
    };
    for (const auto& r : rules)
        for (const auto& [network, count] : store_.countsByNetwork(r.events, auditTime(now - r.windowSeconds), r.atLeast))
            out.bursts.push_back(Burst{r.title, network, count, r.window});
    return out;
}

}  // namespace medassist::admin
