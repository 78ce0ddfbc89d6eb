#pragma once
// The audit trail's rows and its head (the last row's id and hash), read and appended as
// one hash chain (security/audit_chain.hpp).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "security/audit_chain.hpp"
#include "storage/pool.hpp"

namespace medassist::security {

// What audit_head says the chain ends with: id 0 and 64 '0's while it is empty.
struct AuditHead {
    std::int64_t lastId = 0;
    std::string lastHash;
};

// Rows and head read in one consistent snapshot, so an append in between is never
// mistaken for tampering.
struct AuditSnapshot {
    AuditHead head;
    std::vector<AuditRow> rows;  // id order
};

class AuditStore {
public:
    explicit AuditStore(storage::ConnectionPool& pool) : pool_(pool) {}

    // The hash of the empty chain, also audit_head's initial last_hash.
    static const std::string& genesisHash();

    // Appends row as the chain's next link while holding audit_head's lock: id, prevHash and
    // hash are filled in here (ids are consecutive), and time too when it is empty (ISO 8601
    // UTC with microseconds, taken under the lock so times follow ids). Returns the row stored.
    AuditRow append(AuditRow row);

    std::vector<AuditRow> all();                    // id order
    std::vector<AuditRow> recent(std::size_t limit);  // newest first
    AuditHead head();
    AuditSnapshot snapshot();

private:
    storage::ConnectionPool& pool_;
};

}  // namespace medassist::security
