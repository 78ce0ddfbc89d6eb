#pragma once
// The pieces of the audit trail that need no database: pseudonyms for actors, truncated
// client addresses, and the hash chain (each row stores the hash of the previous one, so
// a row edited or removed by hand breaks every hash after it).
#include <cstdint>
#include <string>
#include <vector>

namespace medassist::security {

// HMAC of the user id: stable, so events of one user can be followed, but not reversible.
std::string pseudonym(const std::string& key, const std::string& userId);

// 203.0.113.77 -> 203.0.113.0/24, 2001:db8:1:2:3:4:5:6 -> 2001:db8:1::/48; "" when unparseable.
std::string truncateIp(const std::string& ip);

struct AuditRow {
    std::int64_t id = 0;
    std::string time;      // ISO 8601 UTC
    std::string event;     // sign_in_failed, lockout, ...
    std::string actor;     // pseudonym or ""
    std::string network;   // truncated IP
    std::string detail;    // non-personal detail (a reason code)
    std::string prevHash;  // hex
    std::string hash;      // hex
};

// The hash a row must carry, given the previous row's hash.
std::string auditHash(const AuditRow& row, const std::string& prevHash);

// Index of the first row whose chain is broken, or -1 when the chain is intact.
long firstBrokenRow(const std::vector<AuditRow>& rows, const std::string& genesisHash);

}  // namespace medassist::security
