#pragma once
// The audit trail the app writes: who (a pseudonym), from which network (truncated), what
// happened. Never a name, an email, a message, a token or a full address.
//
// Event names in use (free strings of at most 40 characters, but keep to these):
//   sign_in, sign_in_failed, lockout, sign_out, reset_requested, reset_completed,
//   password_changed, mfa_enrolled, mfa_failed, recovery_code_used, access_denied,
//   account_created, doctor_approved, doctor_profile_saved, time_off_added,
//   time_off_removed, settings_changed, faq_created, faq_updated, faq_deleted
// detail is a short non-personal reason code (e.g. "bad_password", "role:doctor"), at most
// 200 characters (longer ones are cut).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "security/audit_store.hpp"

namespace medassist::security {

struct VerifyResult {
    std::size_t rows = 0;
    // The first row that fails to verify: the row edited by hand, or the first row after
    // removed ones. When rows were removed from the end it is the first missing id.
    std::optional<std::int64_t> firstBrokenId;
    bool lastRowRemoved = false;  // the chain is whole but ends before audit_head says it should
    bool intact() const { return !firstBrokenId; }
};

class AuditLog {
public:
    // pseudonymKey keys the actors' pseudonyms (verify() does not need it).
    AuditLog(AuditStore& store, std::string pseudonymKey);

    // Appends one event; a database fault propagates (the caller's request fails rather than
    // going unrecorded). Throws std::invalid_argument for an empty or over-long event name.
    void record(const std::string& event, const std::optional<std::string>& userId, const std::string& clientIp,
                const std::string& detail = "");

    // Re-computes the whole chain and compares its end with audit_head.
    VerifyResult verify();

    // Retention: deletes the rows older than `days` days from the start of the chain (which
    // keeps verifying from the new base). Returns how many went.
    std::size_t purgeOlderThan(int days, std::int64_t nowEpoch);

private:
    AuditStore& store_;
    std::string key_;
};

}  // namespace medassist::security
