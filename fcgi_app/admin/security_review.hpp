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
#include <utility>
#include <vector>

#include "security/audit_store.hpp"

namespace medassist::admin {

struct Burst {
    std::string title;    // "Many failed sign-ins from one network"
    std::string network;  // "203.0.113.0/24"
    long long count = 0;
    std::string window;   // "in the last hour"
};

// What one account, or one network when nobody was signed in, did within a short time
// (issue 22): the unit a practice manager reads, instead of one line per row.
struct Incident {
    std::string actor;    // the pseudonym, or "" for events of nobody signed in
    std::string network;  // of the newest event
    std::int64_t first = 0, last = 0;  // epoch seconds of the oldest and newest event
    std::vector<security::AuditRow> events;  // newest first
    // (event, how many), in the order the events first appear (newest first)
    std::vector<std::pair<std::string, long long>> counts;
    bool attention = false;  // a lockout, 3 or more failed sign-ins or codes, refused pages or resets
};

// Events of one key (actor, else network) belong to one incident while each follows the
// previous one within this gap.
inline constexpr std::int64_t kIncidentGapSeconds = 30 * 60;

// rows newest first (as search returns them) → incidents newest first.
std::vector<Incident> groupIncidents(const std::vector<security::AuditRow>& rows,
                                     std::int64_t gapSeconds = kIncidentGapSeconds);

// The epoch seconds of an audit time ("2026-11-22T15:00:00.000000Z"); 0 when unreadable.
std::int64_t auditEpoch(const std::string& iso);

struct SecurityReview {
    std::vector<security::AuditRow> events;  // newest first
    std::vector<Burst> bursts;
};

class SecurityReviewService {
public:
    explicit SecurityReviewService(security::AuditStore& store) : store_(store) {}

    // The events matching the filter and the bursts as of now (epoch seconds).
    SecurityReview review(const security::AuditStore::Filter& filter, std::int64_t now);

    // The incidents among the latest `scan` events matching the filter (limit/offset of
    // the filter are ignored), newest first.
    std::vector<Incident> incidents(security::AuditStore::Filter filter, std::size_t scan);
    // One page of raw rows (filter.limit and filter.offset), newest first.
    std::vector<security::AuditRow> raw(const security::AuditStore::Filter& filter);

    // The event names a filter may choose from.
    static const std::vector<std::string>& knownEvents();

private:
    security::AuditStore& store_;
};

// ISO 8601 UTC as the audit rows store it ("2026-11-22T15:00:00.000000Z").
std::string auditTime(std::int64_t epochSeconds);

}  // namespace medassist::admin
