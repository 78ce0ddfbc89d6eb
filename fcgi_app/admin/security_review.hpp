#pragma once
// The admins' security review (issue 5): the audit trail, pseudonymous as it is stored, with
// filters, and the patterns worth a look flagged on top:
//   - many failed sign-ins or codes from one network (10 or more within an hour)
//   - lockouts (any account locked from a network within a day)
//   - password-reset floods (5 or more reset requests from one network within an hour)
//   - refused access (20 or more from one network within an hour)
// Networks are the truncated /24 or /48 the audit keeps; nobody's name or address is shown.
#include <cstdint>
#include <string>
#include <vector>

#include "security/audit_store.hpp"

namespace medassist::admin {

struct Burst {
    std::string title;    // "Many failed sign-ins from one network"
    std::string network;  // "203.0.113.0/24"
    long long count = 0;
    std::string window;   // "in the last hour"
};

struct SecurityReview {
    std::vector<security::AuditRow> events;  // newest first
    std::vector<Burst> bursts;
};

class SecurityReviewService {
public:
    explicit SecurityReviewService(security::AuditStore& store) : store_(store) {}

    // The events matching the filter and the bursts as of now (epoch seconds).
    SecurityReview review(const security::AuditStore::Filter& filter, std::int64_t now);

    // The event names a filter may choose from.
    static const std::vector<std::string>& knownEvents();

private:
    security::AuditStore& store_;
};

// ISO 8601 UTC as the audit rows store it ("2026-11-22T15:00:00.000000Z").
std::string auditTime(std::int64_t epochSeconds);

}  // namespace medassist::admin
