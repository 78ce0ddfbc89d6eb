#include "security/audit_log.hpp"

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <stdexcept>

namespace medassist::security {

namespace {

constexpr std::size_t kMaxEvent = 40;    // audit_log.event
constexpr std::size_t kMaxDetail = 200;  // audit_log.detail

// Cuts at a character boundary, so the column never receives half a UTF-8 sequence.
std::string cutUtf8(const std::string& s, std::size_t maxBytes) {
    if (s.size() <= maxBytes) return s;
    std::size_t end = maxBytes;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    return s.substr(0, end);
}

}  // namespace

AuditLog::AuditLog(AuditStore& store, std::string pseudonymKey) : store_(store), key_(std::move(pseudonymKey)) {}

void AuditLog::record(const std::string& event, const std::optional<std::string>& userId, const std::string& clientIp,
                      const std::string& detail) {
    if (event.empty() || event.size() > kMaxEvent) throw std::invalid_argument("audit event name must be 1-40 characters");
    AuditRow row;
    row.event = event;
    row.actor = userId ? pseudonym(key_, *userId) : std::string{};
    row.network = truncateIp(clientIp);
    row.detail = cutUtf8(detail, kMaxDetail);
    store_.append(std::move(row));
}

VerifyResult AuditLog::verify() {
    const AuditSnapshot s = store_.snapshot();
    VerifyResult result;
    result.rows = s.rows.size();
    // The kept chain starts right after the base (the genesis until a retention purge).
    const std::string& baseHash = s.head.baseHash.empty() ? AuditStore::genesisHash() : s.head.baseHash;
    if (!s.rows.empty() && s.rows.front().id != s.head.baseId + 1) {
        result.firstBrokenId = s.head.baseId + 1;  // rows removed from the start by hand
        return result;
    }
    const long broken = firstBrokenRow(s.rows, baseHash);
    if (broken >= 0) {
        result.firstBrokenId = s.rows[static_cast<std::size_t>(broken)].id;
        return result;
    }
    // The chain links up; it must also end where the head says, or its tail was cut off
    // (or rows were added without going through the head).
    const std::int64_t lastId = s.rows.empty() ? s.head.baseId : s.rows.back().id;
    const std::string& lastHash = s.rows.empty() ? baseHash : s.rows.back().hash;
    if (lastId == s.head.lastId && lastHash == s.head.lastHash) return result;
    if (lastId < s.head.lastId) {
        result.firstBrokenId = lastId + 1;  // ids are consecutive: the first one missing
        result.lastRowRemoved = true;
        return result;
    }
    for (const AuditRow& r : s.rows) {
        if (r.id > s.head.lastId || (r.id == s.head.lastId && r.hash != s.head.lastHash)) {
            result.firstBrokenId = r.id;
            return result;
        }
    }
    result.firstBrokenId = lastId;
    return result;
}

std::size_t AuditLog::purgeOlderThan(int days, std::int64_t nowEpoch) {
    const std::int64_t cutoff = nowEpoch - static_cast<std::int64_t>(days) * 86400;
    return store_.purgeBefore(Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(cutoff),
                                                              "%Y-%m-%dT%H:%M:%S.%FZ"));
}

}  // namespace medassist::security
