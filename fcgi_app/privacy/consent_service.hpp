#pragma once
// Consent to store medical information (issue 5). A patient has consent when their latest
// answer agreed to the newest published text; a new text therefore asks everyone again.
// Without consent nothing medical is stored: no reason for a visit, no chat (the callers ask
// hasConsent() before storing; see SchedulingService::book and the assistant's chat).
// Every agreement and withdrawal is kept (the export lists them) and audited.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "accounts/accounts_service.hpp"
#include "privacy/consent_store.hpp"
#include "security/audit_log.hpp"

namespace medassist::privacy {

struct ConsentStatus {
    bool granted = false;                 // agreed to the current text
    bool outdated = false;                // agreed to an older text, not yet to the current one
    std::optional<ConsentEntry> latest;   // the last answer, if any
};

class ConsentService {
public:
    ConsentService(ConsentStore& store, security::AuditLog& audit) : store_(store), audit_(audit) {}

    // The text to agree to now. Throws when none is published (the seed loads one).
    ConsentText current();
    ConsentStatus status(std::int64_t userId);
    bool hasConsent(std::int64_t userId) { return status(userId).granted; }

    // Records agreement to `version`, which must be the current one, with agree == true.
    // Field errors ("version", "agree") otherwise; nothing is recorded then.
    accounts::FieldErrors agree(std::int64_t userId, const std::string& version, bool agree, const std::string& ip);
    // Withdraws consent; false when there was none to withdraw.
    bool withdraw(std::int64_t userId, const std::string& ip);

private:
    ConsentStore& store_;
    // The current text changes only when a new version is published (sql/seed, at start-up):
    // a few seconds of staleness saves a query on every chat turn and booking.
    std::mutex currentMutex_;
    std::optional<ConsentText> cachedCurrent_;
    std::chrono::steady_clock::time_point currentReadAt_;
    security::AuditLog& audit_;
};

}  // namespace medassist::privacy
